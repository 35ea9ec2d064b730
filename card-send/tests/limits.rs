//! The emulator enforces the seeds' limits; the client stays within them.

mod common;

use std::time::Duration;

use card_dsl::{ChatButtonUpdate, card};
use card_send::emulator::Emulator;
use card_send::{Limits, RetryPolicy};

#[tokio::test]
async fn the_emulator_answers_a_burst_with_230020_and_a_reset_header() {
    let emu = Emulator::start().await.unwrap();
    // A client with the per-message limit lifted and no retries shows the server's side.
    let loose = Limits {
        message_per_second: 1000,
        app_per_second: 1000,
        app_per_minute: 100_000,
        ..Limits::default()
    };
    let client = emu
        .client()
        .limits(loose)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let card = card! { <card><markdown>"x"</markdown></card> };
    let id = client.send_card(emu.chat_id(), &card).await.unwrap();
    let mut limited = 0;
    for _ in 0..12 {
        match client.update_card(&id, &card).await {
            Ok(()) => {}
            Err(e) => {
                assert_eq!(e.code(), Some(230020), "{e}");
                assert!(e.is_retryable());
                limited += 1;
            }
        }
    }
    // 5 per second per message: 12 back-to-back PATCHes span at most two windows, so at least
    // 2 are refused.
    assert!((2..=7).contains(&limited), "{limited}");
    assert_eq!(emu.stats().rate_limited, limited);
    // Raw: HTTP 400, code 230020, and the header that says when the window resets.
    let http = reqwest::Client::new();
    let token = common::raw_token(&http, &emu).await;
    let mut seen = None;
    for _ in 0..12 {
        let r = http
            .patch(format!("{}/open-apis/im/v1/messages/{id}", emu.base_url()))
            .bearer_auth(&token)
            .json(&serde_json::json!({"content": card.to_content()}))
            .send()
            .await
            .unwrap();
        if r.status() == 400 {
            let reset = r
                .headers()
                .get("x-ogw-ratelimit-reset")
                .map(|h| h.to_str().unwrap().to_owned());
            let body: serde_json::Value = r.json().await.unwrap();
            seen = Some((body["code"].clone(), reset));
            break;
        }
    }
    assert_eq!(
        seen,
        Some((serde_json::json!(230020), Some("1".to_owned())))
    );
}

#[tokio::test]
async fn the_client_keeps_to_the_per_message_limit() {
    let emu = Emulator::start().await.unwrap();
    let client = emu.client().retry(RetryPolicy::none()).build().unwrap();
    let card = card! { <card><markdown>"x"</markdown></card> };
    let id = client.send_card(emu.chat_id(), &card).await.unwrap();
    // 12 PATCHes as fast as the client lets them go: none refused (no retries to hide one).
    for _ in 0..12 {
        client.update_card(&id, &card).await.unwrap();
    }
    assert_eq!(emu.stats().rate_limited, 0);
    assert_eq!(emu.message(&id).unwrap().updates, 12);
}

#[tokio::test]
async fn chat_button_limit() {
    let emu = Emulator::start().await.unwrap();
    let request = ChatButtonUpdate::new(emu.chat_id()).user_ids(vec![emu.members()[0].clone()]);
    let loose = Limits {
        chat_button_per_second: 1000,
        ..Limits::default()
    };
    let fast = emu
        .client()
        .limits(loose)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let mut limited = 0;
    for _ in 0..25 {
        if let Err(e) = fast.update_chat_button(&request).await {
            assert_eq!(e.code(), Some(99991400), "{e}");
            limited += 1;
        }
    }
    // 25 back-to-back span at most two 10/s windows.
    assert!((5..=15).contains(&limited), "{limited}");
    // The default client waits instead.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = emu.stats().rate_limited;
    let client = emu.client().retry(RetryPolicy::none()).build().unwrap();
    for _ in 0..14 {
        client.update_chat_button(&request).await.unwrap();
    }
    assert_eq!(emu.stats().rate_limited, before);
}
