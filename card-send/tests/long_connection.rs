//! Callbacks over the long connection (feature `callback-ws`), end to end through the
//! emulator: the app asks for a URL with its credentials, connects, pings, and answers clicks
//! delivered as protobuf data frames (whole or split into parts, out of order), typed from the
//! card; it reconnects when the platform drops the connection, stops on shutdown, and is
//! refused with the wrong secret or an http base URL.

use std::time::{Duration, Instant};

use card_emulator::Emulator;
use card_send::callback::ws::{LongConnection, WsError};
use card_send::callback::{Answer, CardActionEvent, Toast};
use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Vote {
    choice: String,
}

fn vote_card() -> card_dsl::Card {
    card_dsl::card! {
        <card>
            <markdown>"Lunch?"</markdown>
            <button><text>"Noodles"</text>
                <behaviors><callback value={Vote { choice: "noodles".into() }}/></behaviors>
            </button>
        </card>
    }
}

async fn handler(event: CardActionEvent) -> Answer {
    match event.action.value_as::<Vote>() {
        Ok(v) => Answer::new()
            .toast(Toast::success(format!("voted {}", v.choice)))
            .card(&card_dsl::card! { <card><markdown>{format!("you chose {}", v.choice)}</markdown></card> }),
        Err(e) => Answer::new().toast(Toast::error(e.to_string())),
    }
}

async fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clicks_arrive_over_the_long_connection_and_are_answered() {
    let emu = Emulator::start().await.unwrap();
    emu.ping_interval(Duration::from_secs(1));
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client.send_card(emu.chat_id(), &vote_card()).await.unwrap();
    let sent = emu.message(&id).unwrap().content_json().unwrap();
    let action = serde_json::json!({
        "tag": "button",
        "value": sent["body"]["elements"][1]["behaviors"][0]["value"],
    });
    let operator = emu.members()[0].clone();

    let conn = LongConnection::new(emu.app_id(), emu.app_secret())
        .base_url(emu.base_url())
        .verification_token(emu.callback_verification_token());
    assert!(
        !format!("{conn:?}").contains(emu.app_secret()),
        "the secret stays hidden"
    );
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        conn.run(handler, async {
            let _ = stopped.await;
        })
        .await
    });
    wait_for("the connection", || emu.long_connection_stats().0 == 1).await;

    // A whole event.
    let click = emu.click_connected(&id, action.clone(), &operator).await;
    assert_eq!(click.error, None, "{click:?}");
    assert_eq!(click.toast.as_ref().unwrap()["content"], "voted noodles");
    assert!(click.card_applied);
    assert_eq!(
        emu.message(&id).unwrap().content_json().unwrap()["body"]["elements"][0]["content"],
        "you chose noodles"
    );

    // An event split into 3 frames, sent last part first.
    emu.split_events(3);
    let click = emu.click_connected(&id, action.clone(), &operator).await;
    assert_eq!(click.error, None, "{click:?}");
    assert_eq!(click.toast.as_ref().unwrap()["content"], "voted noodles");

    // Pings at the interval the platform gave (1 s; the first at once).
    wait_for("two pings", || emu.long_connection_stats().1 >= 2).await;

    // The platform drops the connection: the client reconnects and clicks work again.
    emu.drop_long_connection();
    wait_for("the reconnection", || emu.long_connection_stats().0 == 2).await;
    let mut click = emu.click_connected(&id, action.clone(), &operator).await;
    for _ in 0..50 {
        // The new socket may not be registered yet when the count moves.
        if click.error.is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        click = emu.click_connected(&id, action.clone(), &operator).await;
    }
    assert_eq!(click.error, None, "{click:?}");

    // Shutdown ends `run` with Ok.
    stop.send(()).unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(5), task).await;
    assert!(matches!(ended, Ok(Ok(Ok(())))), "{ended:?}");
}

#[tokio::test]
async fn a_wrong_secret_and_a_clear_text_base_url_are_refused() {
    let emu = Emulator::start().await.unwrap();
    let wrong = LongConnection::new(emu.app_id(), "not-the-secret").base_url(emu.base_url());
    let e = wrong
        .run(handler, std::future::pending())
        .await
        .unwrap_err();
    assert!(matches!(e, WsError::Refused { code: 514, .. }), "{e}");
    assert!(!e.to_string().contains("not-the-secret"), "{e}");

    let insecure = LongConnection::new("cli_x", "secret").base_url("http://open.feishu.cn");
    let e = insecure
        .run(handler, std::future::pending())
        .await
        .unwrap_err();
    assert!(matches!(e, WsError::Insecure(_)), "{e}");
    assert!(e.to_string().contains("clear text"), "{e}");
}

#[tokio::test]
async fn with_no_connection_a_click_fails_as_unreachable() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client.send_card(emu.chat_id(), &vote_card()).await.unwrap();
    let click = emu
        .click_connected(
            &id,
            serde_json::json!({"tag": "button", "value": {}}),
            "ou_x",
        )
        .await;
    let (code, message) = click.error.clone().expect("the click fails");
    assert_eq!(code, card_send::platform::CALLBACK_UNREACHABLE, "{click:?}");
    assert_eq!(message, "no long connection is open");
    assert!(!click.card_applied && click.toast.is_none(), "{click:?}");
}
