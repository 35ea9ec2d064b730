//! Every documented error path, against the emulator: typed, with the right retry behaviour, and
//! locally (pre-flight) where the client can know.

mod common;

use std::time::{Duration, SystemTime};

use card_dsl::{Card, ChatButtonUpdate, MessageContent, card};
use card_emulator::{Emulator, Fault};
use card_send::{Error, Retry, RetryPolicy, platform};

fn a_card() -> Card {
    card! { <card><markdown>"hello"</markdown></card> }
}

/// A client that does not check before sending, to see the server's own replies.
async fn unchecked(emu: &Emulator) -> card_send::Client {
    card_send::Client::builder()
        .against(&emu)
        .preflight(false)
        .retry(quick())
        .build()
        .unwrap()
}

fn quick() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    }
}

#[tokio::test]
async fn recalled_and_deleted_messages_are_final() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(quick())
        .build()
        .unwrap();
    let a = client.send_card(emu.chat_id(), &a_card()).await.unwrap();
    let b = client
        .send_message(emu.chat_id(), &MessageContent::text("t"))
        .await
        .unwrap();
    emu.recall(&a);
    emu.delete(&b);
    let before = emu.stats().requests;
    let e = client.update_card(&a, &a_card()).await.unwrap_err();
    assert_eq!(e.code(), Some(230011), "{e}");
    assert!(!e.is_retryable());
    let e = client
        .edit_message(&b, &MessageContent::text("u"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(230110), "{e}");
    assert!(matches!(e, Error::Api { .. }));
    assert!(e.api().unwrap().log_id.is_some());
    // One request each: never retried.
    assert_eq!(emu.stats().requests - before, 2);
}

#[tokio::test]
async fn the_14_day_window() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client.send_card(emu.chat_id(), &a_card()).await.unwrap();
    emu.advance_clock(Duration::from_secs(13 * 86_400));
    client.update_card(&id, &a_card()).await.unwrap();
    emu.advance_clock(Duration::from_secs(2 * 86_400));
    // The server refuses (this client's clock did not move, so it does not know).
    let e = client.update_card(&id, &a_card()).await.unwrap_err();
    assert_eq!(e.code(), Some(230031));
    assert!(!e.is_retryable());
    // When the client knows the send time, it refuses without a request.
    client.note_sent_at(&id, SystemTime::now() - Duration::from_secs(15 * 86_400));
    let before = emu.stats().requests;
    let e = client.update_card(&id, &a_card()).await.unwrap_err();
    assert!(e.is_preflight() && e.code() == Some(230031), "{e}");
    assert_eq!(emu.stats().requests, before);
}

#[tokio::test]
async fn twenty_edits_then_230072() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let id = client
        .send_message(emu.chat_id(), &MessageContent::text("v0"))
        .await
        .unwrap();
    for i in 1..=20 {
        client
            .edit_message(&id, &MessageContent::text(format!("v{i}")))
            .await
            .unwrap();
    }
    // This client counted the edits: refused locally.
    let e = client
        .edit_message(&id, &MessageContent::text("v21"))
        .await
        .unwrap_err();
    assert!(e.is_preflight() && e.code() == Some(230072), "{e}");
    // Another client does not know: the server refuses.
    let other = unchecked(&emu).await;
    let e = other
        .edit_message(&id, &MessageContent::text("v21"))
        .await
        .unwrap_err();
    assert!(!e.is_preflight() && e.code() == Some(230072), "{e}");
    assert_eq!(emu.message(&id).unwrap().edits, 20);
}

#[tokio::test]
async fn wrong_message_types() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let card_id = client.send_card(emu.chat_id(), &a_card()).await.unwrap();
    let text_id = client
        .send_message(emu.chat_id(), &MessageContent::text("t"))
        .await
        .unwrap();
    assert_eq!(
        client
            .edit_message(&card_id, &MessageContent::text("x"))
            .await
            .unwrap_err()
            .code(),
        Some(230054)
    );
    assert_eq!(
        client
            .update_card(&text_id, &a_card())
            .await
            .unwrap_err()
            .code(),
        Some(230001)
    );
    let foreign =
        card_send::MessageId::new(emu.insert_foreign_message("text", r#"{"text":"theirs"}"#));
    assert_eq!(
        client
            .edit_message(&foreign, &MessageContent::text("x"))
            .await
            .unwrap_err()
            .code(),
        Some(230071)
    );
}

#[tokio::test]
async fn preflight_and_the_emulator_report_card_errors_alike() {
    // Both sides run card-validate, so this checks plumbing (the finding reaches the caller the
    // same way, and pre-flight sends nothing), not that the verdict is the server's: that is
    // pinned to recorded server replies in tests/recorded_replies.rs and tests/tests/wild.rs.
    let emu = Emulator::start().await.unwrap();
    let checked = card_send::Client::builder().against(&emu).build().unwrap();
    let unchecked = unchecked(&emu).await;
    let id = checked.send_card(emu.chat_id(), &a_card()).await.unwrap();
    // A 1.0 tag in a 2.0 card, a URL as image key, a table row that does not fit the columns,
    // and an oversized card.
    let note = Card::new().body(card_dsl::Body::new().elements(vec![
        card_dsl::Markdown::new("a").into(),
        card_dsl::Element::Raw(serde_json::json!({"tag": "note", "elements": []})),
    ]));
    let bad = [
        r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"https://x/y.png"}]}}"#.to_owned(),
        r#"{"schema":"2.0","body":{"elements":[{"tag":"table","columns":[{"name":"a","data_type":"number"}],"rows":[{"b":1}]}]}}"#.to_owned(),
        format!(r#"{{"schema":"2.0","body":{{"elements":[{{"tag":"markdown","content":"{}"}}]}}}}"#, "x".repeat(31 * 1024)),
    ];
    let mut subs = Vec::new();
    let cards = std::iter::once(note).chain(
        bad.iter()
            .map(|json| Card::from_json(json).unwrap_or_else(|e| panic!("{e}"))),
    );
    for card in cards {
        let before = emu.stats().requests;
        let local = checked.update_card(&id, &card).await.unwrap_err();
        assert!(local.is_preflight(), "{local}");
        assert_eq!(emu.stats().requests, before, "pre-flight sends nothing");
        let server = unchecked.update_card(&id, &card).await.unwrap_err();
        assert!(!server.is_preflight());
        let (l, s) = (local.api().unwrap(), server.api().unwrap());
        assert_eq!(l.code, s.code);
        assert_eq!(l.card, s.card, "same sub-error from pre-flight and server");
        subs.push((
            s.code,
            s.card.as_ref().map(|c| (c.err_code, c.err_path.clone())),
        ));
    }
    assert_eq!(
        subs,
        vec![
            (
                230099,
                Some((
                    200861,
                    Some("ROOT -> body -> elements -> [1](tag: note)".to_owned())
                ))
            ),
            (
                230099,
                Some((
                    200570,
                    Some("ROOT -> body -> elements -> [0](tag: img)".to_owned())
                ))
            ),
            (
                230099,
                Some((
                    200915,
                    Some("ROOT -> body -> elements -> [0](tag: table)".to_owned())
                ))
            ),
            (230025, None),
        ]
    );
    let text = MessageContent::text("y".repeat(151 * 1024));
    assert_eq!(
        checked
            .send_message(emu.chat_id(), &text)
            .await
            .unwrap_err()
            .code(),
        Some(230025)
    );
    assert_eq!(
        unchecked
            .send_message(emu.chat_id(), &text)
            .await
            .unwrap_err()
            .code(),
        Some(230025)
    );
}

#[tokio::test]
async fn update_multi_and_schema_downgrade_are_refused_by_the_server() {
    // The typed Card cannot express either; raw requests show the emulator enforces them.
    let emu = Emulator::start().await.unwrap();
    let http = reqwest::Client::new();
    let token = common::raw_token(&http, &emu).await;
    let call = |method: reqwest::Method, path: String, body: serde_json::Value| {
        let (http, token, base) = (http.clone(), token.clone(), emu.base_url());
        async move {
            let r = http
                .request(method, format!("{base}{path}"))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            r.json::<serde_json::Value>().await.unwrap()
        }
    };
    let v1_plain = r#"{"elements":[{"tag":"markdown","content":"v1"}]}"#;
    let v1_shared =
        r#"{"config":{"update_multi":true},"elements":[{"tag":"markdown","content":"v1"}]}"#;
    let v2 = r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"v2"}]}}"#;
    let send = |content: &str| {
        call(
            reqwest::Method::POST,
            "/open-apis/im/v1/messages?receive_id_type=chat_id".into(),
            serde_json::json!({"receive_id": emu.chat_id(), "msg_type": "interactive", "content": content}),
        )
    };
    let not_shared = send(v1_plain).await["data"]["message_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = call(
        reqwest::Method::PATCH,
        format!("/open-apis/im/v1/messages/{not_shared}"),
        serde_json::json!({"content": v2}),
    )
    .await;
    assert_eq!(r["code"], 230099);
    assert!(
        r["msg"].as_str().unwrap().contains("ErrCode: 300302"),
        "{r}"
    );
    let shared_v2 = send(v2).await["data"]["message_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = call(
        reqwest::Method::PATCH,
        format!("/open-apis/im/v1/messages/{shared_v2}"),
        serde_json::json!({"content": v1_shared}),
    )
    .await;
    assert_eq!(r["code"], 230099);
    assert!(
        r["msg"].as_str().unwrap().contains("ErrCode: 200830"),
        "{r}"
    );
    let shared_v1 = send(v1_shared).await["data"]["message_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = call(
        reqwest::Method::PATCH,
        format!("/open-apis/im/v1/messages/{shared_v1}"),
        serde_json::json!({"content": v2}),
    )
    .await;
    assert_eq!(r["code"], 0, "1.0 → 2.0 is allowed: {r}");
    let r = call(
        reqwest::Method::PATCH,
        format!("/open-apis/im/v1/messages/{shared_v1}"),
        serde_json::json!({"nope": 1}),
    )
    .await;
    assert_eq!(r["code"], 230001);
}

#[tokio::test]
async fn chats_the_bot_cannot_use() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    emu.add_chat("oc_without_bot", &["ou_1"], false);
    emu.add_chat("oc_dissolved", &["ou_1"], true);
    emu.dissolve_chat("oc_dissolved");
    assert_eq!(
        client
            .send_card("oc_without_bot", &a_card())
            .await
            .unwrap_err()
            .code(),
        Some(230002)
    );
    assert_eq!(
        client
            .send_card("oc_dissolved", &a_card())
            .await
            .unwrap_err()
            .code(),
        Some(232009)
    );
    let request = ChatButtonUpdate::new("oc_without_bot").user_ids(vec!["ou_1".to_owned()]);
    assert_eq!(
        client
            .update_chat_button(&request)
            .await
            .unwrap_err()
            .code(),
        Some(230027)
    );
}

#[tokio::test]
async fn chat_button_constraints_locally_and_on_the_server() {
    let emu = Emulator::start().await.unwrap();
    let checked = card_send::Client::builder().against(&emu).build().unwrap();
    let unchecked = unchecked(&emu).await;
    let too_many: Vec<String> = (0..21).map(|i| format!("ou_{i}")).collect();
    let request = ChatButtonUpdate::new(emu.chat_id()).user_ids(too_many);
    let local = checked.update_chat_button(&request).await.unwrap_err();
    assert!(
        local.is_preflight() && local.code() == Some(230001),
        "{local}"
    );
    let server = unchecked.update_chat_button(&request).await.unwrap_err();
    assert!(
        !server.is_preflight() && server.code() == Some(230001),
        "{server}"
    );
}

#[tokio::test]
async fn every_documented_code_is_typed_and_retried_only_when_it_can_help() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder()
        .against(&emu)
        .retry(quick())
        .build()
        .unwrap();
    let id = client.send_card(emu.chat_id(), &a_card()).await.unwrap();
    for &platform::Code {
        code,
        text: msg,
        retry,
        ..
    } in platform::CODES
    {
        emu.inject(Fault::Code(code), 1);
        let before = emu.stats();
        let result = client.update_card(&id, &a_card()).await;
        let after = emu.stats();
        let requests = after.requests - before.requests;
        match retry {
            // One injected failure, then the retry succeeds.
            Retry::Backoff => {
                assert!(result.is_ok(), "{code}: {result:?}");
                assert_eq!(requests, 2, "{code}");
            }
            // The token is dropped, a new one fetched, the request repeated once.
            Retry::RefreshToken => {
                assert!(result.is_ok(), "{code}: {result:?}");
                assert_eq!(
                    (requests, after.token_requests - before.token_requests),
                    (2, 1),
                    "{code}"
                );
            }
            Retry::Never => {
                let e = result.unwrap_err();
                let api = e.api().unwrap_or_else(|| panic!("{code}: {e}"));
                assert_eq!((api.code, api.msg.as_str()), (code, msg));
                assert!(api.log_id.is_some());
                assert!(!e.is_retryable(), "{code}");
                assert_eq!(requests, 1, "{code} is final: one request");
            }
        }
    }
}

#[tokio::test]
async fn bad_credentials_are_a_clear_error_without_the_secret() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder()
        .against(&emu)
        .app_secret("wrong-secret-value")
        .build()
        .unwrap();
    let e = client
        .send_card(emu.chat_id(), &a_card())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(10014));
    let text = format!("{e} {e:?} {client:?}");
    assert!(!text.contains("wrong-secret-value"), "{text}");
    let e = card_send::Client::builder()
        .against(&emu)
        .app_id("cli_other")
        .build()
        .unwrap()
        .get_message(&"om_x".into())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(10003));
}

/// Precision first: a key the 2.0 docs do not list is sent by default (the server takes many of
/// them); a strict client refuses it before any request, naming the rule and the did-you-mean.
#[tokio::test]
async fn strict_preflight_refuses_undocumented_keys_the_default_sends() {
    let emu = Emulator::start().await.unwrap();
    let card = card_dsl::card! {
        <card><markdown raw:text_algin="left">"hi"</markdown></card>
    };
    let default = card_send::Client::builder().against(&emu).build().unwrap();
    let id = default.send_card(emu.chat_id(), &card).await.unwrap();
    assert!(emu.message(&id).is_some());
    let strict = card_send::Client::builder()
        .against(&emu)
        .strict(true)
        .build()
        .unwrap();
    let before = emu.stats().requests;
    let e = strict.send_card(emu.chat_id(), &card).await.unwrap_err();
    assert!(e.is_preflight(), "{e}");
    assert_eq!(emu.stats().requests, before, "pre-flight sends nothing");
    let api = e.api().unwrap();
    let finding = api.finding.as_deref().unwrap();
    assert_eq!(finding.rule, &card_validate::rules::UNKNOWN_PROPERTY);
    assert!(e.to_string().contains("did you mean `text_align`?"), "{e}");
}

/// Warnings are seen: a 1.0 `url` on a button is sent (the server takes it) with a `tracing`
/// warning naming the rule; a client told to deny warnings refuses it before any request.
#[tokio::test(flavor = "current_thread")]
async fn preflight_warnings_are_logged_and_can_be_denied() {
    let emu = Emulator::start().await.unwrap();
    let card = card_dsl::Card::from_json(
        r#"{"schema":"2.0","body":{"elements":[{"tag":"button","text":{"tag":"plain_text","content":"Old"},"url":"https://example.com"}]}}"#,
    )
    .unwrap();
    let captured = common::Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let default = card_send::Client::builder().against(&emu).build().unwrap();
    default.send_card(emu.chat_id(), &card).await.unwrap();
    let log = captured.text();
    assert!(log.contains("WARN"), "{log}");
    assert!(log.contains("historical-property"), "{log}");
    assert!(
        log.contains("ROOT -> body -> elements -> [0](tag: button)"),
        "{log}"
    );

    let denying = card_send::Client::builder()
        .against(&emu)
        .deny_warnings(true)
        .build()
        .unwrap();
    let before = emu.stats().requests;
    let e = denying.send_card(emu.chat_id(), &card).await.unwrap_err();
    assert!(e.is_preflight(), "{e}");
    assert_eq!(emu.stats().requests, before, "pre-flight sends nothing");
    let finding = e.api().unwrap().finding.as_deref().unwrap();
    assert_eq!(finding.rule, &card_validate::rules::HISTORICAL_PROPERTY);
}

/// The emulator knows its tenant: an id that is not a known chat or user gets the server's error
/// whatever its prefix, so a chat *name* does not "work" offline.
#[tokio::test]
async fn receivers_the_tenant_does_not_know_get_the_servers_error() {
    let emu = Emulator::start().await.unwrap();
    let client = card_send::Client::builder().against(&emu).build().unwrap();
    let send = |to: card_send::Receiver| {
        let client = client.clone();
        async move {
            client
                .send_message(to, &card_dsl::MessageContent::text("hi"))
                .await
        }
    };
    let member = emu.users()[0].clone();
    for to in [
        card_send::Receiver::OpenId(member.open_id.clone()),
        card_send::Receiver::UserId(member.user_id.clone()),
        card_send::Receiver::UnionId(member.union_id.clone()),
        card_send::Receiver::Email(member.email.clone()),
    ] {
        send(to.clone())
            .await
            .unwrap_or_else(|e| panic!("{to:?}: {e}"));
    }
    for (to, code) in [
        ("Deploys", 99992360), // a chat name is taken as a user_id, which does not exist
        ("ou_of_another_app", 99992361),
        ("on_nobody", 99992364),
        ("oc_no_such_chat", 230001),
        ("nobody@example.com", 230013),
    ] {
        let e = send(to.into()).await.unwrap_err();
        assert_eq!(e.api().map(|a| a.code), Some(code), "{to}: {e}");
    }
    emu.add_user(card_emulator::EmulatedUser::named("newcomer"));
    send("u_newcomer".into()).await.unwrap();
}
