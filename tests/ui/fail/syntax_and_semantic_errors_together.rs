// Parsing recovers: a syntax error does not hide the semantic errors after it.
use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><hr element_id/><note/><img img_key="xxx"/></card>
    };
}
