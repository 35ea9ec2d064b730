// The button's value and the handler are one type: a button that leaves out a field the handler
// reads (`run`) does not compile.
#[derive(serde::Serialize, serde::Deserialize, card_dsl::CardAction)]
enum Cmd {
    Stop { run: String },
}

fn main() {
    let _card = card_dsl::card! {
        <card><button><text>"Stop"</text>
            <behaviors><callback action={Cmd::Stop {}}/></behaviors>
        </button></card>
    };
    let _actions = card_callback::Actions::new().on(|cmd: Cmd, _event| async move {
        let Cmd::Stop { run } = cmd;
        card_callback::Answer::new().toast(card_callback::Toast::info(run))
    });
}
