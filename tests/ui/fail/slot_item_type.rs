// A `{…}` child that gives the wrong item type for its list slot: reported at the expression,
// naming the slot's item type (markdown is not a column of a column_set).
fn main() {
    let notes = vec![card_dsl::Markdown::new("a note")];
    let _card = card_dsl::card! {
        <card>
            <column_set>{notes}</column_set>
        </card>
    };
}
