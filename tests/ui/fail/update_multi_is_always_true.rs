use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><config update_multi=false/></card>
    };
}
