// A handler's first argument must be a card action: a type without `#[derive(CardAction)]`
// cannot be routed, so `Actions::on` refuses it at the handler.
#[derive(serde::Deserialize)]
enum Cmd {
    Stop { run: String },
}

fn main() {
    let _actions = card_callback::Actions::new().on(|cmd: Cmd, _event| async move {
        let Cmd::Stop { run } = cmd;
        card_callback::Answer::new().toast(card_callback::Toast::info(run))
    });
}
