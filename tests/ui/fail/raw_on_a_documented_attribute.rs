// `raw:` is for keys the spec does not list; a documented one is written the typed way.
use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><markdown raw:text_align="center">"x"</markdown></card>
    };
}
