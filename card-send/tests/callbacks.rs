//! Card callbacks: typed values through card → click → handler, the request checks (signature,
//! encryption, token, timestamp window, replays), the URL check, answers, and no panic on
//! arbitrary bodies.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use card_send::Secret;
use card_send::callback::{
    Answer, Callback, CallbackError, Headers, Receiver, Toast, encrypt, signature,
};
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

fn receiver() -> Receiver {
    Receiver::new(Some(Secret::from(KEY)), Some(Secret::from(TOKEN)))
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
    let keyless = Receiver::new(None, Some(Secret::from(TOKEN)));
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
    let other_app = Receiver::new(Some(Secret::from(KEY)), Some(Secret::from("another-token")));
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// No body, signed or not, encrypted or not, panics the receiver.
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
        let _ = card_send::callback::decrypt(KEY, &String::from_utf8_lossy(&bytes));
    }
}
