//! One card callback, end to end on the bot's side: verify the signature, decrypt the body,
//! parse the event, decode the typed action value and build the answer (criterion).

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use card_callback::{Answer, Callback, Headers, Toast, Verifier, encrypt, signature};
use card_platform::Secret;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
enum Decision {
    Approve { request: u64 },
    Reject { request: u64 },
}

fn bench(c: &mut Criterion) {
    let plain = serde_json::json!({
        "schema": "2.0",
        "header": {"event_id": "ev_1", "token": "vt", "create_time": "1603977298000000",
                   "event_type": "card.action.trigger", "tenant_key": "t", "app_id": "cli_x"},
        "event": {"operator": {"open_id": "ou_1"}, "token": "c-1",
                  "action": {"tag": "button", "value": {"decision": "approve", "request": 42}},
                  "host": "im_message", "context": {"open_message_id": "om_1", "open_chat_id": "oc_1"}}
    })
    .to_string();
    let body = serde_json::json!({"encrypt": encrypt("ek", [5; 16], &plain)}).to_string();
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let headers = Headers {
        signature: Some(signature(&ts, "n", "ek", body.as_bytes())),
        timestamp: Some(ts),
        nonce: Some("n".into()),
    };
    let done = card_dsl::card! { <card><markdown>"#42 approved ✅"</markdown></card> };
    c.bench_function(
        "callback: verify + decrypt + parse + dispatch + answer",
        |b| {
            b.iter_batched(
                // A fresh receiver each time: the same event twice is a replay.
                || Verifier::new(Some(Secret::from("ek")), Some(Secret::from("vt"))),
                |r| {
                    let Ok(Callback::CardAction(e)) = r.receive(&headers, body.as_bytes()) else {
                        panic!("the benchmark's callback verifies")
                    };
                    let answer = match e.action.value_as::<Decision>() {
                        Ok(Decision::Approve { request }) => Answer::new()
                            .toast(Toast::success(format!("approved {request}")))
                            .card(&done),
                        Ok(Decision::Reject { request }) => {
                            Answer::new().toast(Toast::info(format!("rejected {request}")))
                        }
                        Err(e) => Answer::new().toast(Toast::error(e.to_string())),
                    };
                    black_box(answer.to_json().to_string())
                },
                BatchSize::SmallInput,
            )
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
