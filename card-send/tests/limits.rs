//! The emulator enforces the seeds' limits; the client stays within them.

mod common;

use std::time::Duration;

use card_dsl::{ChatButtonUpdate, card};
use card_emulator::Emulator;
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
    let client = card_send::Client::builder()
        .against(&emu)
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
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
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
    let fast = card_send::Client::builder()
        .against(&emu)
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
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    for _ in 0..14 {
        client.update_chat_button(&request).await.unwrap();
    }
    assert_eq!(emu.stats().rate_limited, before);
}

/// "50/s" is at most 50 in any second: 40 sends just before a second's edge and 40 just after it
/// are 80 within 0.3 s, and the emulator refuses 30 of them. (Counted in fixed windows aligned to
/// its start, both bursts would fit: the bursts are timed to straddle such an edge.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_straddling_a_second_is_refused_in_part() {
    let t0 = tokio::time::Instant::now();
    let emu = Emulator::start().await.unwrap();
    // Building a client installs the TLS crypto provider a plain reqwest client needs.
    card_send::Client::builder().against(&emu).build().unwrap();
    let http = reqwest::Client::new();
    let token = common::raw_token(&http, &emu).await;
    // One chat per send, so only the app's 50/s counts (not 5/s per receiver).
    let chats: Vec<String> = (0..80).map(|i| format!("oc_straddle_{i}")).collect();
    for c in &chats {
        emu.add_chat(c, &[], true);
    }
    let content = card! { <card><markdown>"x"</markdown></card> }.to_content();
    let burst = |chats: &[String]| {
        let mut set = tokio::task::JoinSet::new();
        for c in chats {
            let request = http
                .post(format!(
                    "{}/open-apis/im/v1/messages?receive_id_type=chat_id",
                    emu.base_url()
                ))
                .bearer_auth(&token)
                .json(&serde_json::json!({
                    "receive_id": c, "msg_type": "interactive", "content": content
                }));
            set.spawn(async move {
                let r = request.send().await.unwrap();
                let body: serde_json::Value = r.json().await.unwrap();
                body["code"].as_u64().unwrap()
            });
        }
        set.join_all()
    };
    tokio::time::sleep_until(t0 + Duration::from_millis(850)).await;
    let first = burst(&chats[..40]).await;
    assert!(
        t0.elapsed() < Duration::from_millis(1000),
        "the first burst ended after the edge: {:?}",
        t0.elapsed()
    );
    tokio::time::sleep_until(t0 + Duration::from_millis(1150)).await;
    let second = burst(&chats[40..]).await;
    let codes: Vec<u64> = first.into_iter().chain(second).collect();
    let refused = codes.iter().filter(|c| **c == 230020).count();
    let sent = codes.iter().filter(|c| **c == 0).count();
    assert_eq!((sent, refused), (50, 30), "{codes:?}");
    assert_eq!(emu.stats().rate_limited, 30);
    // Each refusal names the budget that was full: the app's 50/s on the send API.
    let refusals = emu.refusals();
    assert_eq!(refusals.len(), 30);
    for r in refusals {
        assert_eq!(
            (r.route.as_str(), r.code, r.reason.as_deref()),
            (
                "POST /open-apis/im/v1/messages",
                230020,
                Some("App/POST /open-apis/im/v1/messages/1s")
            )
        );
    }
}
