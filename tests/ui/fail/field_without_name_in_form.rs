use card_dsl::card;

fn main() {
    let _card: card_dsl::Card = card! {
        <card><form name="f"><input/><button name="ok" form_action_type="submit"/></form></card>
    };
}
