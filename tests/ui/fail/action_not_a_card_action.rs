// `action={…}` takes a typed card action: free JSON there does not compile (it goes in `value`),
// so a button and its handler cannot disagree about the value's shape.
fn main() {
    let _card = card_dsl::card! {
        <card><button><text>"Stop"</text>
            <behaviors><callback action={serde_json::json!({"cmd": "stop"})}/></behaviors>
        </button></card>
    };
}
