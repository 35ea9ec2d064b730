// A `{…}` in `<behaviors>` that gives a URL string: reported at the expression, naming the item type.
fn main() {
    let url = String::from("https://example.com");
    let _card = card_dsl::card! {
        <card><button><text>"Open"</text><behaviors>{url}</behaviors></button></card>
    };
}
