use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><img img_key="img_v3_a" size="stretch_without_padding"/></card>
    };
}
