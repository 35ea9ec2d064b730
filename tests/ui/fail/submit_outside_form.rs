// A submit button outside a form is a compile-time warning (the docs give `form_action_type` to
// form buttons; no rejection is on record). Denied here so the warning's text is checked.
#![deny(deprecated)]

fn main() {
    let _card = card_dsl::card! {
        <card>
            <button form_action_type="submit" name="go"><text>"Go"</text></button>
        </card>
    };
}
