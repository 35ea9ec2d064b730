// The macro and the validator apply the same rule function to a dimension literal.
use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><column_set><column width="99999px"><markdown>"x"</markdown></column></column_set></card>
    };
}
