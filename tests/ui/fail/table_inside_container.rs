use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><interactive_container><table><columns></columns><rows>{vec![]}</rows></table></interactive_container></card>
    };
}
