//! Typed dispatch: routing by action type, the answers for what reaches no handler.

use card_dsl::CardAction;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Actions, Failure};
use crate::{Answer, CardActionEvent, Toast};

#[derive(Debug, PartialEq, Serialize, Deserialize, CardAction)]
#[serde(tag = "decision", rename_all = "snake_case")]
enum Decision {
    Approve { request: u64 },
    Reject { request: u64 },
}

#[derive(Debug, PartialEq, Serialize, Deserialize, CardAction)]
#[card_action(name = "stop")]
struct StopRun {
    run: String,
}

#[derive(Serialize, Deserialize, CardAction)]
struct SendNote;

#[derive(Deserialize)]
struct Note {
    note: String,
}

fn event(action: Value) -> CardActionEvent {
    crate::event::card_action(&json!({
        "schema": "2.0",
        "header": {"event_id": "ev1", "event_type": "card.action.trigger"},
        "event": {"action": action, "token": "t"}
    }))
    .unwrap()
}

fn toast_text(answer: &Answer) -> String {
    answer.to_json()["toast"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn actions() -> Actions {
    Actions::new()
        .on(|d: Decision, _| async move {
            Answer::new().toast(Toast::info(format!("decision {d:?}")))
        })
        .on(|s: StopRun, _| async move { Answer::new().toast(Toast::info(format!("stop {}", s.run))) })
        .on_form(|_: SendNote, n: Note, _| async move {
            Answer::new().toast(Toast::info(format!("note {}", n.note)))
        })
}

async fn run(actions: &Actions, action: Value) -> Answer {
    actions.dispatch(event(action)).await.unwrap()
}

#[tokio::test]
async fn each_action_reaches_the_handler_of_its_type() {
    let a = actions();
    assert_eq!(a.names(), ["decision", "send_note", "stop"]);
    let approve = Decision::Approve { request: 4 }.to_callback_value();
    let out = run(&a, json!({"tag": "button", "value": approve})).await;
    assert_eq!(toast_text(&out), "decision Approve { request: 4 }");
    let stop = StopRun { run: "r1".into() }.to_callback_value();
    let out = run(&a, json!({"tag": "button", "value": stop})).await;
    assert_eq!(toast_text(&out), "stop r1");
    let form = json!({"tag": "button", "value": SendNote.to_callback_value(), "form_value": {"note": "hi"}});
    assert_eq!(toast_text(&run(&a, form).await), "note hi");
}

#[tokio::test]
async fn undecodable_data_is_a_plain_toast_never_a_rust_path() {
    let a = actions();
    // The card says `stop` but its data lacks `run` (a card from an older version of the bot).
    let out = run(&a, json!({"value": {"card_action": "stop", "data": {}}})).await;
    let text = toast_text(&out);
    assert_eq!(out.to_json()["toast"]["type"], "error");
    assert!(!text.contains("::") && !text.contains("StopRun"), "{text}");
    assert!(out.to_json()["toast"]["i18n"]["zh_cn"].is_string());
    // The developer's view names the type and the field.
    let failure = super::decode::<StopRun>(&event(
        json!({"value": {"card_action": "stop", "data": {}}}),
    ))
    .unwrap_err();
    assert!(matches!(
        &failure,
        Failure::Undecodable { what: "value", .. }
    ));
    let said = failure.to_string();
    assert!(said.contains("StopRun") && said.contains("run"), "{said}");
    // A form whose values do not fit its type.
    let form = json!({"value": SendNote.to_callback_value(), "form_value": {"nothing": 1}});
    let out = run(&a, form).await;
    assert_eq!(out.to_json()["toast"]["type"], "error");
    assert!(!toast_text(&out).contains("Note"));
}

#[tokio::test]
async fn unknown_and_raw_values_go_to_otherwise_or_get_the_out_of_date_toast() {
    let raw = json!({"value": {"cmd": "stop"}});
    let unknown = json!({"value": {"card_action": "archive"}});
    let out = run(&actions(), raw.clone()).await;
    assert!(toast_text(&out).contains("out of date"));
    let out = run(&actions(), unknown.clone()).await;
    assert!(toast_text(&out).contains("out of date"));
    let a = actions().otherwise(|e: CardActionEvent| async move {
        Answer::new().toast(Toast::info(format!("raw {}", e.action.value)))
    });
    assert_eq!(toast_text(&run(&a, raw).await), r#"raw {"cmd":"stop"}"#);
    // A typed action still reaches its own handler when `otherwise` is set.
    let approve = json!({"value": Decision::Reject { request: 1 }.to_callback_value()});
    assert_eq!(
        toast_text(&run(&a, approve).await),
        "decision Reject { request: 1 }"
    );
    // The failure answer can be the bot's own.
    let a = actions().on_failure(|f, _| Answer::new().toast(Toast::warning(format!("{f}"))));
    assert!(toast_text(&run(&a, unknown).await).contains("archive"));
}

#[tokio::test]
async fn a_failing_handler_fails_the_dispatch() {
    let a = Actions::new().on(|_: SendNote, _| async { Err::<Answer, _>("database down") });
    let out = a
        .dispatch(event(json!({"value": SendNote.to_callback_value()})))
        .await;
    assert_eq!(out, Err("database down".to_owned()));
}

#[test]
#[should_panic(expected = "card action \"stop\" has two handlers")]
fn two_handlers_for_one_name_panic_at_set_up() {
    #[derive(Serialize, Deserialize, CardAction)]
    #[card_action(name = "stop")]
    struct Other;
    let _ = actions().on(|_: Other, _| async { Answer::new() });
}
