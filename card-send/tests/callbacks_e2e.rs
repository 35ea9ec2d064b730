//! Callbacks end to end through the emulator: a card with typed actions is sent, the emulator
//! clicks it (a signed `card.action.trigger` to the bot's axum router), the bot's handler gets
//! the action typed and answers; a slow handler is answered within 3 s and its card arrives by
//! delayed update; a third delayed update is refused locally.

use std::sync::Arc;
use std::time::Duration;

use card_emulator::Emulator;
use card_send::callback::{Actions, Answer, CardAction, CardActionEvent, Toast, Verifier, router};
use card_send::{Client, Secret};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, CardAction)]
#[serde(tag = "decision", rename_all = "snake_case")]
enum Decision {
    Approve { request: u64 },
    Reject { request: u64 },
}

fn request_card(request: u64) -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown>{format!("Leave request #{request}")}</markdown>
            <button type="primary"><text>"Approve"</text>
                <behaviors><callback action={Decision::Approve { request }}/></behaviors>
            </button>
            <button type="danger"><text>"Reject"</text>
                <behaviors><callback action={Decision::Reject { request }}/></behaviors>
            </button>
        </card>
    }
}

fn outcome_card(text: &str) -> card_dsl::Card {
    card_dsl::card! { <card><markdown>{text.to_owned()}</markdown></card> }
}

/// The bot: its callback router on 127.0.0.1, answering with `client` for delayed updates.
async fn bot(emu: &Emulator, client: Client) -> String {
    let receiver = Arc::new(
        Verifier::default()
            .encrypt_key(emu.callback_encrypt_key())
            .verification_token(emu.callback_verification_token()),
    );
    let handler = move |decision: Decision, event: CardActionEvent| {
        let client = client.clone();
        async move {
            let work = async move {
                match decision {
                    Decision::Approve { request } => Answer::new()
                        .toast(Toast::success("approved"))
                        .card(&outcome_card(&format!("#{request} approved ✅"))),
                    Decision::Reject { request } => {
                        // A slow path: longer than the platform's 3 s.
                        tokio::time::sleep(Duration::from_secs(4)).await;
                        Answer::new().card(&outcome_card(&format!("#{request} rejected")))
                    }
                }
            };
            client
                .answer_within_deadline(
                    &event,
                    Answer::new().toast(Toast::info("working on it…")),
                    work,
                )
                .await
        }
    };
    let app = router(receiver, Actions::new().on(handler).handler());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approve_is_answered_with_a_card_and_a_slow_reject_arrives_by_delayed_update() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let url = bot(&emu, client.clone()).await;
    let operator = emu.members()[0].clone();

    let id = client
        .send_card(emu.chat_id(), &request_card(42))
        .await
        .unwrap();
    let sent = emu.message(&id).unwrap().content_json().unwrap();
    let approve = serde_json::json!({
        "tag": "button",
        "value": sent["body"]["elements"][1]["behaviors"][0]["value"],
    });
    let click = emu.click(&id, approve, &operator, &url).await;
    assert_eq!(click.error, None, "{click:?}");
    assert_eq!(click.toast.as_ref().unwrap()["type"], "success");
    assert!(click.card_applied);
    assert_eq!(
        emu.message(&id).unwrap().content_json(),
        Some(outcome_card("#42 approved ✅").to_value())
    );

    let id2 = client
        .send_card(emu.chat_id(), &request_card(7))
        .await
        .unwrap();
    let sent = emu.message(&id2).unwrap().content_json().unwrap();
    let reject = serde_json::json!({
        "tag": "button",
        "value": sent["body"]["elements"][2]["behaviors"][0]["value"],
    });
    let click = emu.click(&id2, reject, &operator, &url).await;
    assert_eq!(click.error, None, "answered within 3 s: {click:?}");
    assert!(
        click.elapsed < Duration::from_secs(3),
        "{:?}",
        click.elapsed
    );
    assert_eq!(click.toast.as_ref().unwrap()["content"], "working on it…");
    // The late card arrives by delayed update.
    let want = Some(outcome_card("#7 rejected").to_value());
    let start = std::time::Instant::now();
    while emu.message(&id2).unwrap().content_json() != want {
        assert!(
            start.elapsed() < Duration::from_secs(8),
            "the delayed update never came"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_third_delayed_update_is_refused_locally() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client
        .send_card(emu.chat_id(), &request_card(1))
        .await
        .unwrap();
    // A bot that answers with nothing, so every card update is a delayed one.
    let receiver = Arc::new(
        Verifier::default()
            .encrypt_key(emu.callback_encrypt_key())
            .verification_token(emu.callback_verification_token()),
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let app = router(receiver, move |event: CardActionEvent| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(event);
            Answer::new()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let click = emu
        .click(
            &id,
            serde_json::json!({"tag": "button", "value": {}}),
            &emu.members()[0].clone(),
            &url,
        )
        .await;
    assert_eq!(click.error, None);
    let event = rx.recv().await.unwrap();
    client
        .delayed_update(&event, &outcome_card("one"))
        .await
        .unwrap();
    client
        .delayed_update(&event, &outcome_card("two"))
        .await
        .unwrap();
    let before = emu.stats().requests;
    let e = client
        .delayed_update(&event, &outcome_card("three"))
        .await
        .unwrap_err();
    assert!(e.is_preflight(), "{e}");
    assert_eq!(e.code(), Some(300040));
    assert_eq!(emu.stats().requests, before, "refused before any request");
    assert_eq!(
        emu.message(&id).unwrap().content_json(),
        Some(outcome_card("two").to_value())
    );
}

#[tokio::test]
async fn a_forged_callback_gets_401_and_a_late_bot_200341() {
    let emu = Emulator::builder()
        .encrypt_key("the-real-key")
        .start()
        .await
        .unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client
        .send_card(emu.chat_id(), &request_card(3))
        .await
        .unwrap();
    // A bot configured with another key refuses the emulator's callbacks (its signature).
    let wrong = Arc::new(Verifier::new(Some(Secret::from("another-key")), None));
    let app = router(wrong, |_e: CardActionEvent| async { Answer::new() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let click = emu
        .click(&id, serde_json::json!({"tag": "button"}), "ou_x", &url)
        .await;
    assert_eq!(
        click.error.map(|e| e.0),
        Some(200671),
        "HTTP 401 is not an answer"
    );
    // A bot that takes 4 s without a deadline guard: the user sees 200341.
    let slow = Arc::new(Verifier::new(Some(Secret::from("the-real-key")), None));
    let app = router(slow, |_e: CardActionEvent| async {
        tokio::time::sleep(Duration::from_secs(4)).await;
        Answer::new()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let click = emu
        .click(&id, serde_json::json!({"tag": "button"}), "ou_x", &url)
        .await;
    assert_eq!(click.error.map(|e| e.0), Some(200341));
}

#[tokio::test]
async fn a_2_0_card_answered_with_a_1_0_card_fails_in_the_users_client() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client
        .send_card(emu.chat_id(), &request_card(5))
        .await
        .unwrap();
    // A bot that answers by hand with a 1.0 card (Answer::card_json would refuse it).
    let app = axum::Router::new().route(
        "/",
        axum::routing::post(|| async {
            axum::Json(serde_json::json!({"card": {"type": "raw", "data": {
                "elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "1.0"}}]}}}))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let click = emu
        .click(&id, serde_json::json!({"tag": "button"}), "ou_x", &url)
        .await;
    assert_eq!(click.error.map(|e| e.0), Some(200830));
    assert_eq!(
        emu.message(&id).unwrap().content_json(),
        Some(request_card(5).to_value()),
        "the card is unchanged"
    );
}

/// A test clicks a button by its element_id and submits a form by its name: the action is the
/// card's own (the bot gets the button's typed value), and a name the card does not have is an
/// error with a did-you-mean, before anything is sent.
#[tokio::test]
async fn buttons_are_clicked_by_element_id_and_forms_submitted_by_name() {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let url = bot(&emu, client.clone()).await;
    let card = card_dsl::card! {
        <card>
            <button element_id="approve" type="primary"><text>"Approve"</text>
                <behaviors><callback action={Decision::Approve { request: 7 }}/></behaviors>
            </button>
            <form name="comment">
                <input name="note"/>
                <button name="send" form_action_type="submit"><text>"Send"</text></button>
            </form>
        </card>
    };
    let sent = client.send_card(emu.chat_id(), &card).await.unwrap();
    let user = emu.members()[0].clone();
    let via = card_emulator::Via::Url(&url);
    let e = emu
        .click_button(sent.as_str(), "aprove", &user, via)
        .await
        .unwrap_err();
    assert!(e.contains("did you mean \"approve\"?"), "{e}");
    let click = emu
        .click_button(sent.as_str(), "approve", &user, via)
        .await
        .unwrap();
    assert!(click.card_applied, "{click:?}");
    assert_eq!(
        emu.message(&sent).and_then(|m| m.content_json()),
        Some(outcome_card("#7 approved ✅").to_value())
    );
    // The approved card replaced the form: a fresh one to submit.
    let sent = client.send_card(emu.chat_id(), &card).await.unwrap();
    let action = emu
        .form_action(sent.as_str(), "comment", serde_json::json!({"note": "hi"}))
        .unwrap();
    assert_eq!(action["name"], "send");
    assert_eq!(action["form_value"], serde_json::json!({"note": "hi"}));
    let e = emu
        .form_action(sent.as_str(), "comment", serde_json::json!({"nots": "hi"}))
        .unwrap_err();
    assert!(
        e.contains("has no field \"nots\"; did you mean \"note\"?"),
        "{e}"
    );
}

#[tokio::test]
async fn typed_dispatch_answers_stale_and_undecodable_buttons_without_rust_paths() {
    let emu = Emulator::start().await.unwrap();
    let client = Client::builder().against(&emu).build().unwrap();
    let url = bot(&emu, client.clone()).await;
    // A card sent by an older version of the bot (a raw value), and one whose action's data no
    // longer fits the type (a variant since removed).
    let stale = card_dsl::card! {
        <card>
            <button element_id="old"><text>"Approve"</text>
                <behaviors><callback value={serde_json::json!({"decision": "approve", "request": 1})}/></behaviors>
            </button>
            <button element_id="gone"><text>"Archive"</text>
                <behaviors><callback value={serde_json::json!({"card_action": "decision", "data": {"decision": "archive"}})}/></behaviors>
            </button>
        </card>
    };
    let sent = client.send_card(emu.chat_id(), &stale).await.unwrap();
    let user = emu.members()[0].clone();
    let via = card_emulator::Via::Url(&url);
    for (button, says) in [("old", "out of date"), ("gone", "could not be handled")] {
        let click = emu
            .click_button(sent.as_str(), button, &user, via)
            .await
            .unwrap();
        let toast = click.toast.clone().unwrap_or_default();
        let text = toast["content"].as_str().unwrap_or_default();
        assert!(text.contains(says), "{button}: {toast}");
        assert_eq!(toast["type"], "error");
        assert!(
            !toast.to_string().contains("::") && !toast.to_string().contains("Decision"),
            "{toast}"
        );
        assert!(click.error.is_none(), "{click:?}");
    }
}
