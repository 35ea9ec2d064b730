//! Card callbacks: typed values through card → click → handler, the request checks (signature,
//! encryption, token, timestamp window, replays), the URL check, answers, and no panic on
//! arbitrary bodies.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use card_callback::{
    Answer, Callback, CallbackError, Headers, Toast, Verifier, encrypt, signature,
};
use card_platform::Secret;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

const KEY: &str = "encrypt-key-of-the-app";
const TOKEN: &str = "verification-token";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Approval {
    Approve {
        request: u64,
    },
    Reject {
        request: u64,
        reason: Option<String>,
    },
}

fn receiver() -> Verifier {
    Verifier::new(Some(Secret::from(KEY)), Some(Secret::from(TOKEN)))
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn event(event_id: &str, value: serde_json::Value) -> String {
    serde_json::json!({
        "schema": "2.0",
        "header": {"event_id": event_id, "token": TOKEN, "create_time": "1603977298000000",
                   "event_type": "card.action.trigger", "tenant_key": "t", "app_id": "cli_x"},
        "event": {
            "operator": {"tenant_key": "t", "open_id": "ou_1", "union_id": "on_1"},
            "token": "c-callback-token",
            "action": {"tag": "button", "value": value, "timezone": "Asia/Shanghai"},
            "host": "im_message",
            "context": {"open_message_id": "om_1", "open_chat_id": "oc_1"}
        }
    })
    .to_string()
}

fn signed(body: &str, at: u64) -> Headers {
    let ts = at.to_string();
    Headers {
        signature: Some(signature(&ts, "nonce-1", KEY, body.as_bytes())),
        timestamp: Some(ts),
        nonce: Some("nonce-1".into()),
    }
}

#[test]
fn a_typed_action_value_goes_from_the_card_to_the_handler() {
    // The card carries the value as the callback behavior's `value`.
    let approve = Approval::Approve { request: 42 };
    let card = card_dsl::card! {
        <card>
            <button><text>"Approve"</text>
                <behaviors><callback value={approve.clone()}/></behaviors>
            </button>
        </card>
    };
    let sent = card.to_value()["body"]["elements"][0]["behaviors"][0]["value"].clone();
    // The platform echoes it in the click's callback.
    let body = event("ev-1", sent);
    let got = receiver()
        .receive(&signed(&body, now_secs()), body.as_bytes())
        .unwrap();
    let Callback::CardAction(e) = got else {
        panic!("a card action")
    };
    assert_eq!(e.action.value_as::<Approval>().unwrap(), approve);
    assert_eq!(e.context.open_message_id.as_deref(), Some("om_1"));
    assert_eq!(e.token, "c-callback-token");
    // A value of another shape is a clear error, not a panic.
    let e2 = e.action.value_as::<Vec<u8>>().unwrap_err();
    assert!(
        matches!(e2, CallbackError::Value { what: "value", .. }),
        "{e2}"
    );
}

#[test]
fn an_encrypted_body_is_decrypted_and_checked() {
    let plain = event(
        "ev-2",
        serde_json::json!({"action": "approve", "request": 7}),
    );
    let body = serde_json::json!({"encrypt": encrypt(KEY, [9; 16], &plain)}).to_string();
    let got = receiver()
        .receive(&signed(&body, now_secs()), body.as_bytes())
        .unwrap();
    assert!(matches!(got, Callback::CardAction(_)));
    // Without the key, an encrypted body cannot be read.
    let keyless = Verifier::new(None, Some(Secret::from(TOKEN)));
    assert_eq!(
        keyless
            .receive(&Headers::default(), body.as_bytes())
            .unwrap_err(),
        CallbackError::NoEncryptKey
    );
}

#[test]
fn forged_stale_replayed_and_foreign_requests_are_refused() {
    let r = receiver();
    let body = event("ev-3", serde_json::json!({}));
    let mut forged = signed(&body, now_secs());
    forged.signature = Some("0".repeat(64));
    assert_eq!(
        r.receive(&forged, body.as_bytes()).unwrap_err(),
        CallbackError::BadSignature
    );
    let stale = signed(&body, now_secs() - 600);
    assert!(matches!(
        r.receive(&stale, body.as_bytes()).unwrap_err(),
        CallbackError::StaleTimestamp { .. }
    ));
    assert_eq!(
        r.receive(&Headers::default(), body.as_bytes()).unwrap_err(),
        CallbackError::MissingHeader("X-Lark-Request-Timestamp")
    );
    r.receive(&signed(&body, now_secs()), body.as_bytes())
        .unwrap();
    assert_eq!(
        r.receive(&signed(&body, now_secs()), body.as_bytes())
            .unwrap_err(),
        CallbackError::Replay("ev-3".into())
    );
    let other_app = Verifier::new(Some(Secret::from(KEY)), Some(Secret::from("another-token")));
    let body = event("ev-4", serde_json::json!({}));
    assert_eq!(
        other_app
            .receive(&signed(&body, now_secs()), body.as_bytes())
            .unwrap_err(),
        CallbackError::BadToken
    );
    let e = r
        .receive(&Headers::default(), b"{\n  not json")
        .unwrap_err();
    assert!(matches!(e, CallbackError::Json { line: 2, .. }), "{e}");
}

#[test]
fn the_url_check_is_answered_with_its_challenge() {
    let plain =
        serde_json::json!({"challenge": "ajls384kdj", "token": TOKEN, "type": "url_verification"});
    let got = receiver()
        .receive(&Headers::default(), plain.to_string().as_bytes())
        .unwrap();
    assert_eq!(
        got,
        Callback::Challenge(serde_json::json!({"challenge": "ajls384kdj"}))
    );
    let encrypted = serde_json::json!({"encrypt": encrypt(KEY, [1; 16], &plain.to_string())});
    let got = receiver()
        .receive(&Headers::default(), encrypted.to_string().as_bytes())
        .unwrap();
    assert!(matches!(got, Callback::Challenge(_)));
    let wrong = serde_json::json!({"challenge": "x", "token": "wrong", "type": "url_verification"});
    assert_eq!(
        receiver()
            .receive(&Headers::default(), wrong.to_string().as_bytes())
            .unwrap_err(),
        CallbackError::BadToken
    );
}

#[test]
fn answers_carry_a_toast_and_a_2_0_card_and_refuse_a_1_0_card() {
    let done = card_dsl::card! { <card><markdown>"Approved ✅"</markdown></card> };
    let a = Answer::new().toast(Toast::success("approved")).card(&done);
    let v = a.to_json();
    assert_eq!(
        v["toast"],
        serde_json::json!({"type": "success", "content": "approved"})
    );
    assert_eq!(v["card"]["type"], "raw");
    assert_eq!(v["card"]["data"]["schema"], "2.0");
    let v1 = serde_json::json!({"elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "x"}}]});
    assert_eq!(
        Answer::new().card_json(v1).unwrap_err(),
        CallbackError::V1Answer
    );
}

#[test]
fn a_form_submission_decodes_by_control_name() {
    #[derive(Deserialize, PartialEq, Debug)]
    struct Leave {
        reason: String,
        days: String,
    }
    let mut v: serde_json::Value =
        serde_json::from_str(&event("ev-5", serde_json::Value::Null)).unwrap();
    v["event"]["action"]["form_value"] = serde_json::json!({"reason": "trip", "days": "3"});
    v["event"]["action"]["name"] = serde_json::json!("submit");
    let body = v.to_string();
    let Callback::CardAction(e) = receiver()
        .receive(&signed(&body, now_secs()), body.as_bytes())
        .unwrap()
    else {
        panic!("a card action")
    };
    assert_eq!(
        e.action.form_as::<Leave>().unwrap(),
        Leave {
            reason: "trip".into(),
            days: "3".into()
        }
    );
}

/// Which check a request stopped at (or `accepted`).
fn stage(result: &Result<Callback, CallbackError>) -> &'static str {
    match result {
        Ok(Callback::CardAction(_)) => "accepted: card action",
        Ok(Callback::Challenge(_)) => "accepted: url check",
        Ok(_) => "accepted: other event",
        Err(CallbackError::Json { .. }) => "json",
        Err(CallbackError::Decrypt(_) | CallbackError::NoEncryptKey) => "decrypt",
        Err(CallbackError::MissingHeader(_)) => "headers",
        Err(CallbackError::BadSignature) => "signature",
        Err(CallbackError::StaleTimestamp { .. }) => "timestamp",
        Err(CallbackError::BadToken) => "token",
        Err(CallbackError::Replay(_)) => "replay",
        Err(CallbackError::Shape(_) | CallbackError::Value { .. }) => "event shape",
        Err(_) => "other",
    }
}

/// A valid request, then one change. Changes made after signing (the body, the timestamp, the
/// nonce, the signature) are an attacker's, who lacks the key: the request must be refused.
/// Changes made before signing (the token, the event type, the event's fields, a replay, the
/// time it arrives) exercise the checks behind the signature.
#[derive(Debug, Clone)]
enum Change {
    None,
    FlipBodyByte(prop::sample::Index, u8),
    TruncateBody(prop::sample::Index),
    Timestamp(u64),
    Nonce(String),
    Signature(prop::sample::Index),
    DropHeader(u8),
    Token(String),
    EventType(String),
    RemovePointer(u8),
    WrongType(u8),
    Replay,
    ArriveAfter(u64),
    SignedAt(u64),
    UrlCheck(String),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        Just(Change::None),
        (any::<prop::sample::Index>(), 1u8..=255).prop_map(|(i, x)| Change::FlipBodyByte(i, x)),
        any::<prop::sample::Index>().prop_map(Change::TruncateBody),
        prop_oneof![Just(u64::MAX), Just(0u64), any::<u64>()].prop_map(Change::Timestamp),
        "[a-z0-9]{0,8}".prop_map(Change::Nonce),
        any::<prop::sample::Index>().prop_map(Change::Signature),
        (0u8..3).prop_map(Change::DropHeader),
        "[a-z-]{0,20}".prop_map(Change::Token),
        prop_oneof![Just("im.message.receive_v1".to_owned()), "[a-z._]{0,20}"]
            .prop_map(Change::EventType),
        (0u8..5).prop_map(Change::RemovePointer),
        (0u8..3).prop_map(Change::WrongType),
        Just(Change::Replay),
        prop_oneof![Just(10 * 365 * 86_400), 0u64..1_000].prop_map(Change::ArriveAfter),
        prop_oneof![
            Just(u64::MAX),
            Just(0u64),
            any::<u64>(),
            Just(now_secs() + 301)
        ]
        .prop_map(Change::SignedAt),
        "[a-z0-9]{0,12}".prop_map(Change::UrlCheck),
    ]
}

/// How many cases reached each stage, over the property test's run.
static STAGES: std::sync::Mutex<Vec<(&'static str, u32)>> = std::sync::Mutex::new(Vec::new());

fn count(stage: &'static str) {
    let mut s = STAGES.lock().unwrap();
    match s.iter_mut().find(|(n, _)| *n == stage) {
        Some((_, c)) => *c += 1,
        None => s.push((stage, 1)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Run by `mutated_requests_reach_every_check`, which then reads the counts.
    fn mutated_signed_and_encrypted_requests_are_refused_at_their_check(
        change in change(),
        encrypted in any::<bool>(),
        id in "[a-z0-9]{1,12}",
        request in any::<u64>(),
    ) {
        let mut v: serde_json::Value = serde_json::from_str(&event(
            &format!("ev-{id}"),
            serde_json::json!({"action": "approve", "request": request}),
        ))
        .unwrap();
        let now = now_secs();
        let mut arrive = SystemTime::now();
        match &change {
            Change::Token(t) => v["header"]["token"] = serde_json::json!(t),
            Change::EventType(t) => v["header"]["event_type"] = serde_json::json!(t),
            Change::RemovePointer(k) => {
                // The header, its event_id and the event are required; inside the event the
                // receiver is lenient (a missing action or operator is empty).
                let (parent, key) = [("", "header"), ("", "event"), ("/event", "action"),
                                     ("/event", "operator"), ("/header", "event_id")][*k as usize];
                v.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
            }
            Change::WrongType(k) => {
                let at = ["/event/operator", "/event/action", "/event/context"][*k as usize];
                *v.pointer_mut(at).unwrap() = serde_json::json!(5);
            }
            Change::UrlCheck(c) => {
                v = serde_json::json!({"challenge": c, "token": TOKEN, "type": "url_verification"});
            }
            Change::ArriveAfter(s) => arrive += Duration::from_secs(*s),
            _ => {}
        }
        let plain = v.to_string();
        let mut body = if encrypted {
            serde_json::json!({"encrypt": encrypt(KEY, [5; 16], &plain)}).to_string().into_bytes()
        } else {
            plain.into_bytes()
        };
        let sign_at = match change {
            Change::SignedAt(t) => t,
            _ => now,
        };
        let mut headers = signed(std::str::from_utf8(&body).unwrap(), sign_at);
        let valid = (body.clone(), headers.clone());
        match &change {
            Change::FlipBodyByte(i, x) => {
                let at = i.index(body.len());
                body[at] ^= x;
            }
            Change::TruncateBody(i) => body.truncate(i.index(body.len())),
            Change::Timestamp(t) if t.to_string() != now.to_string() => headers.timestamp = Some(t.to_string()),
            Change::Nonce(n) if n != "nonce-1" => headers.nonce = Some(n.clone()),
            Change::Signature(i) => {
                let mut sig = headers.signature.clone().unwrap().into_bytes();
                let at = i.index(sig.len());
                sig[at] = if sig[at] == b'0' { b'1' } else { b'0' };
                headers.signature = Some(String::from_utf8(sig).unwrap());
            }
            Change::DropHeader(k) => match k {
                0 => headers.signature = None,
                1 => headers.timestamp = None,
                _ => headers.nonce = None,
            },
            _ => {}
        }
        let r = receiver();
        if matches!(change, Change::Replay) {
            prop_assert!(r.receive_at(&valid.1, &valid.0, arrive).is_ok());
        }
        let result = r.receive_at(&headers, &body, arrive);
        let reached = stage(&result);
        count(reached);
        let tampered = (body.clone(), headers.clone()) != valid;
        match &change {
            // An attacker's change never gets through.
            _ if tampered => prop_assert!(result.is_err(), "{change:?} was accepted"),
            Change::None => prop_assert_eq!(reached, "accepted: card action"),
            Change::Token(_) => prop_assert_eq!(reached, "token"),
            Change::EventType(t) if t != "card.action.trigger" => prop_assert_eq!(reached, "accepted: other event"),
            // Without its header an event has no token either, and the token is checked first.
            Change::RemovePointer(0) => prop_assert_eq!(reached, "token"),
            Change::RemovePointer(1 | 4) | Change::WrongType(_) => prop_assert_eq!(reached, "event shape"),
            Change::RemovePointer(_) => prop_assert_eq!(reached, "accepted: card action"),
            Change::Replay => prop_assert_eq!(reached, "replay"),
            Change::ArriveAfter(s) if *s > 300 => prop_assert_eq!(reached, "timestamp"),
            Change::SignedAt(t) if t.abs_diff(now) > 300 => prop_assert_eq!(reached, "timestamp"),
            Change::UrlCheck(_) => prop_assert_eq!(reached, "accepted: url check"),
            _ => {}
        }
    }
}

/// 3,000 mutated requests: each is refused at the check its change should trip (or accepted when
/// the change leaves it valid), no attacker's change gets through, nothing panics, and every
/// stage of the receiver is reached many times.
#[test]
fn mutated_requests_reach_every_check() {
    mutated_signed_and_encrypted_requests_are_refused_at_their_check();
    let stages = STAGES.lock().unwrap().clone();
    println!("stages reached: {stages:?}");
    for want in [
        "accepted: card action",
        "accepted: url check",
        "accepted: other event",
        "json",
        "decrypt",
        "headers",
        "signature",
        "timestamp",
        "token",
        "replay",
        "event shape",
    ] {
        let n = stages
            .iter()
            .find(|(s, _)| *s == want)
            .map_or(0, |(_, n)| *n);
        assert!(n >= 20, "only {n} cases reached `{want}`: {stages:?}");
    }
}
proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// No body of random bytes, signed or not, encrypted or not, panics the receiver.
    #[test]
    fn arbitrary_bodies_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        wrap in 0u8..3,
        sign in any::<bool>(),
    ) {
        let body = match wrap {
            0 => bytes.clone(),
            1 => serde_json::json!({"encrypt": String::from_utf8_lossy(&bytes)}).to_string().into_bytes(),
            _ => serde_json::json!({"encrypt": encrypt(KEY, [3; 16], &String::from_utf8_lossy(&bytes))}).to_string().into_bytes(),
        };
        let headers = if sign {
            let ts = now_secs().to_string();
            Headers { signature: Some(signature(&ts, "n", KEY, &body)), timestamp: Some(ts), nonce: Some("n".into()) }
        } else {
            Headers::default()
        };
        let _ = receiver().receive_at(&headers, &body, SystemTime::now() + Duration::from_secs(1));
        let _ = card_callback::decrypt(KEY, &String::from_utf8_lossy(&bytes));
    }
}

/// The window's edge: a request exactly 300 s old is on time, one a second older is stale, and
/// the same holds for a clock that runs ahead.
#[test]
fn the_timestamp_window_ends_at_five_minutes() {
    let body = event("ev-edge", serde_json::json!({}));
    let signed_at = now_secs();
    let at =
        |secs: i64| UNIX_EPOCH + Duration::from_secs(signed_at.checked_add_signed(secs).unwrap());
    let headers = signed(&body, signed_at);
    assert!(
        receiver()
            .receive_at(&headers, body.as_bytes(), at(300))
            .is_ok()
    );
    assert!(
        receiver()
            .receive_at(&headers, body.as_bytes(), at(-300))
            .is_ok()
    );
    for late in [301, -301] {
        assert!(matches!(
            receiver().receive_at(&headers, body.as_bytes(), at(late)),
            Err(CallbackError::StaleTimestamp { .. })
        ));
    }
}

/// The replay cache holds the last 10,000 event ids: the 10,001st pushes the oldest out (a
/// redelivery that late is let through), while every newer one is still refused.
#[test]
fn the_replay_cache_keeps_the_last_10000_events() {
    // Without an Encrypt Key nothing is signed, so 10,001 events go fast.
    let r = Verifier::new(None, Some(Secret::from(TOKEN)));
    let deliver = |i: usize| {
        let body = event(&format!("ev-{i}"), serde_json::json!({}));
        r.receive(&Headers::default(), body.as_bytes())
    };
    for i in 0..=10_000 {
        deliver(i).unwrap();
    }
    assert!(deliver(0).is_ok(), "the oldest left the cache");
    assert_eq!(
        deliver(2).unwrap_err(),
        CallbackError::Replay("ev-2".into())
    );
    assert_eq!(
        deliver(10_000).unwrap_err(),
        CallbackError::Replay("ev-10000".into())
    );
}

/// Secrets are compared byte by byte with every difference kept: two bytes that differ by the
/// same bits do not cancel out (an XOR-folding comparison would let these through).
#[test]
fn two_equal_differences_do_not_cancel() {
    let body = event("ev-xor", serde_json::json!({}));
    let mut headers = signed(&body, now_secs());
    let sig = headers.signature.clone().unwrap();
    // Flip the lowest bit of the first two hex digits: '0'↔'1', '2'↔'3', 'a'↔'`'…
    let mut bytes = sig.into_bytes();
    bytes[0] ^= 1;
    bytes[1] ^= 1;
    headers.signature = Some(String::from_utf8_lossy(&bytes).into_owned());
    assert_eq!(
        receiver().receive(&headers, body.as_bytes()).unwrap_err(),
        CallbackError::BadSignature
    );
    // The same for the verification token.
    let mut token = TOKEN.as_bytes().to_vec();
    token[0] ^= 4;
    token[1] ^= 4;
    let other = Verifier::new(None, Some(Secret::from(String::from_utf8(token).unwrap())));
    assert_eq!(
        other
            .receive(&Headers::default(), body.as_bytes())
            .unwrap_err(),
        CallbackError::BadToken
    );
}
