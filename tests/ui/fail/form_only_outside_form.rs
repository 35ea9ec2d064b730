use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><multi_select_static name="labels"/></card>
    };
}
