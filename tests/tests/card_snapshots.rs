//! How to snapshot-test the cards a bot generates (the README's "Snapshot tests of cards"):
//! build the card as the bot does, snapshot its JSON with insta, and redact what changes between
//! runs (times, ids made at run time) so the snapshot is stable across runs and machines.

use card_dsl::{Card, HeaderTemplate, card};

/// The bot's card: a deploy report with the time it was made and a run id.
fn deploy_card(service: &str, ok: bool, at: &str, run: &str) -> Card {
    let status = if ok { "succeeded ✅" } else { "failed ❌" };
    card! {
        <card>
            <header template={if ok { HeaderTemplate::Green } else { HeaderTemplate::Red }}>
                <title>{format!("Deploy of {service} {status}")}</title>
            </header>
            <markdown>{format!("Finished at {at}")}</markdown>
            <button element_id="logs" type="primary"><text>"Logs"</text>
                <behaviors><callback value={serde_json::json!({"run": run})}/></behaviors>
            </button>
        </card>
    }
}

#[test]
fn the_deploy_card_is_stable() {
    // What differs between runs: the time and the run id.
    let now = format!("{:?}", std::time::SystemTime::now());
    let run = format!("run-{}", std::process::id());
    let card = deploy_card("api", true, &now, &run);
    insta::assert_json_snapshot!("deploy_card", card.to_value(), {
        ".body.elements[0].content" => "[finished at]",
        ".body.elements[1].behaviors[0].value.run" => "[run id]",
    });
}
