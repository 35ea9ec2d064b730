//! Tokens, faults and retries: the bound holds, the final card arrives, secrets stay hidden.

mod common;

use std::time::{Duration, Instant};

use card_dsl::{Card, card};
use card_emulator::{Emulator, Fault};
use card_send::{Error, RetryPolicy, TransportKind};

fn numbered(i: usize) -> Card {
    card! { <card><markdown>{format!("step {i}")}</markdown></card> }
}

fn quick(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(100),
    }
}

#[tokio::test]
async fn one_token_for_concurrent_calls_and_refresh_before_expiry() {
    let emu = Emulator::builder()
        .token_ttl(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let calls = (0..8).map(|i| {
        let client = client.clone();
        let chat = emu.chat_id().to_owned();
        async move { client.send_card(chat, &numbered(i)).await }
    });
    for r in futures_join(calls).await {
        r.unwrap();
    }
    assert_eq!(
        emu.stats().token_requests,
        1,
        "one fetch shared by 8 concurrent calls"
    );
    // The 2 s token is refreshed at 1.5 s (a quarter early): no request sees it expire.
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(3500) {
        client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let s = emu.stats();
    assert!(s.token_requests >= 2, "{s:?}");
    assert_eq!(s.errors, 0, "no request used an expired token: {s:?}");
}

async fn futures_join<F>(fs: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = fs.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn token_expiry_mid_stream_refreshes_once_and_delivers() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    let updates = client.card_updates(id.clone());
    for i in 1..=30 {
        updates.set(numbered(i)).unwrap();
        if i == 10 {
            emu.expire_tokens();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    updates.flush().await.unwrap();
    assert_eq!(emu.message(&id).unwrap().content, numbered(30).to_content());
    let s = emu.stats();
    assert_eq!(s.token_requests, 2, "{s:?}");
    assert!(s.errors <= 1, "at most the one 99991663: {s:?}");
}

#[tokio::test]
async fn server_faults_are_retried_within_the_bound() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(quick(4))
        .build()
        .unwrap();
    let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    for fault in [
        Fault::Status(502),
        Fault::Status(503),
        Fault::Drop,
        Fault::Code(230020),
    ] {
        emu.inject(fault.clone(), 3);
        let before = emu.stats().requests;
        client
            .update_card(&id, &numbered(1))
            .await
            .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        // Drops are not counted as served requests by the emulator.
        let served = emu.stats().requests - before;
        assert!(
            served == 4 || (fault == Fault::Drop && served == 1),
            "{fault:?}: {served}"
        );
    }
    // More failures than attempts: the call stops at the bound with the last error.
    emu.inject(Fault::Status(503), 100);
    let before = emu.stats().requests;
    let e = client.update_card(&id, &numbered(2)).await.unwrap_err();
    match &e {
        Error::RetriesExhausted { attempts: 4, last } => {
            assert!(matches!(**last, Error::Http { status: 503, .. }), "{last}")
        }
        other => panic!("{other}"),
    }
    assert!(e.is_retryable());
    assert_eq!(emu.stats().requests - before, 4);
}

#[tokio::test]
async fn timeouts_are_typed_and_retried() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder()
        .against(&emu)
        .timeout(Duration::from_millis(200))
        .retry(quick(2))
        .build()
        .unwrap();
    let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    emu.inject(Fault::Delay(Duration::from_secs(1)), 1);
    client.update_card(&id, &numbered(1)).await.unwrap();
    emu.inject(Fault::Delay(Duration::from_secs(1)), 2);
    let e = client.update_card(&id, &numbered(2)).await.unwrap_err();
    let Error::RetriesExhausted { last, .. } = &e else {
        panic!("{e}")
    };
    assert!(
        matches!(
            **last,
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{last}"
    );
}

#[tokio::test]
async fn streaming_through_faults_delivers_the_final_card() {
    let emu = Emulator::start().await.unwrap();
    // A bound above the 5 injected faults: whichever cards they hit, the last one gets through.
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(quick(6))
        .build()
        .unwrap();
    let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    let updates = client.card_updates(id.clone());
    emu.inject(Fault::Status(500), 2);
    emu.inject(Fault::Code(230020), 2);
    emu.inject(Fault::Drop, 1);
    for i in 1..=50 {
        updates.set(numbered(i)).unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    updates.flush().await.unwrap();
    assert_eq!(emu.message(&id).unwrap().content, numbered(50).to_content());
    let s = emu.stats();
    assert_eq!(s.faults, 5);
    assert_eq!(s.rate_limited, 2, "the two injected 230020s, no real ones");
    // Every request is a success or one of the faults (a drop is not a served request).
    assert_eq!(s.requests, s.updates + s.sends + 4, "{s:?}");
    // Then a fault outlasting the retry bound: flush reports it, the card is kept, and the next
    // flush delivers it.
    emu.inject(Fault::Status(503), 6);
    updates.set(numbered(51)).unwrap();
    let e = updates.flush().await.unwrap_err();
    assert!(
        matches!(e, Error::RetriesExhausted { attempts: 6, .. }),
        "{e}"
    );
    assert!(updates.pending());
    updates.flush().await.unwrap();
    assert_eq!(emu.message(&id).unwrap().content, numbered(51).to_content());
    assert!(!updates.pending());
}

#[tokio::test]
async fn terminal_errors_stop_the_stream_and_are_reported() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    let updates = client.card_updates(id.clone());
    updates.set(numbered(1)).unwrap();
    updates.flush().await.unwrap();
    emu.recall(&id);
    let before = emu.stats().requests;
    updates.set(numbered(2)).unwrap();
    let e = updates.flush().await.unwrap_err();
    assert_eq!(e.code(), Some(230011));
    // The message can no longer be updated: every later set() says so at once.
    assert_eq!(updates.set(numbered(3)).unwrap_err().code(), Some(230011));
    assert_eq!(
        emu.stats().requests - before,
        1,
        "no retry of a recalled message"
    );
    // A card the server would reject is reported by flush without a request.
    let id2 = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    let updates = client.card_updates(id2);
    let bad = Card::from_json(
        r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"https://x/y.png"}]}}"#,
    )
    .unwrap();
    let before = emu.stats().requests;
    // Refused by set() itself, at once: the previous card stays the latest.
    let e = updates.set(bad).unwrap_err();
    assert!(e.is_preflight() && e.code() == Some(230099), "{e}");
    assert!(!updates.pending(), "a refused card is not stored");
    updates.flush().await.unwrap();
    assert_eq!(emu.stats().requests, before);
    // Past 30 KB mid-stream: refused by set() with 230025, not frozen silently.
    let big = card_dsl::Card::new().body(
        card_dsl::Body::new().elements(vec![card_dsl::Markdown::new("x".repeat(31 * 1024)).into()]),
    );
    assert_eq!(updates.set(big).unwrap_err().code(), Some(230025));
}

#[tokio::test]
async fn dropping_the_handle_still_delivers_the_latest_card() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    {
        let updates = client.card_updates(id.clone());
        for i in 1..=20 {
            updates.set(numbered(i)).unwrap();
        }
    }
    let start = Instant::now();
    while emu.message(&id).unwrap().content != numbered(20).to_content() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "final card not delivered"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn debug_output_has_no_secret_or_token() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
    let updates = client.card_updates("om_x".into());
    let text = format!("{client:?} {client:#?} {:?} {updates:?}", client.config());
    assert!(!text.contains(emu.app_secret()), "{text}");
    assert!(!text.contains("t-"), "no token in {text}");
    assert!(
        text.contains(emu.app_id()) && text.contains("***"),
        "{text}"
    );
}

/// A short-lived process: handles dropped right after their last `set`, then `close()`: every
/// final card is on the server when `close` returns, and each drop with undelivered work warned.
#[test]
fn close_delivers_every_dropped_handles_final_card_before_the_runtime_ends() {
    let captured = common::Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (emu, ids) = runtime.block_on(async {
        let emu = Emulator::start().await.unwrap();
        let client = card_send::Client::builder().against(&emu).build().unwrap();
        let mut ids = Vec::new();
        for _ in 0..3 {
            let id = client.send_card(emu.chat_id(), &numbered(0)).await.unwrap();
            let updates = client.card_updates(id.clone());
            for i in 1..=10 {
                updates.set(numbered(i)).unwrap();
            }
            drop(updates);
            ids.push(id);
        }
        client.close().await.unwrap();
        (emu, ids)
    });
    for id in &ids {
        assert_eq!(emu.message(id).unwrap().content, numbered(10).to_content());
    }
    drop(runtime);
    let log = captured.text();
    assert_eq!(
        log.matches("dropped with an undelivered card").count(),
        3,
        "{log}"
    );
}
