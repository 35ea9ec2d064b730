use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><hr element_id="sep"/><hr element_id="sep"/></card>
    };
}
