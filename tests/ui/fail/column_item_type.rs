// A `{…}` in a `<column>` takes components: a number is reported at the expression, naming the
// item type.
fn main() {
    let n = 3;
    let _card = card_dsl::card! {
        <card><column_set><column>{n}</column></column_set></card>
    };
}
