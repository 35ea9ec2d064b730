use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><note>"footer"</note></card>
    };
}
