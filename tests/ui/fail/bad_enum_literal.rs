use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><button type="shiny"><text>"x"</text></button></card>
    };
}
