use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><img img_key="https://example.com/logo.png"/></card>
    };
}
