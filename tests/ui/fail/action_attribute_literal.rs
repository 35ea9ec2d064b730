// `action` takes `{…}`: a literal names no type, so nothing links it to a handler.
fn main() {
    let _card = card_dsl::card! {
        <card><button><text>"Stop"</text>
            <behaviors><callback action="stop"/></behaviors>
        </button></card>
    };
}
