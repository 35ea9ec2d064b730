// A `{…}` in `<options>` that gives strings: reported at the expression, naming the item type.
fn main() {
    let choices = vec!["red", "green"];
    let _card = card_dsl::card! {
        <card><select_static name="colour"><options>{choices}</options></select_static></card>
    };
}
