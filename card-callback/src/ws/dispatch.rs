//! One delivered event, answered: checked as the HTTP receiver checks (token, age), claimed in
//! the store ([`crate::claim`]) so it runs once across deliveries and replicas, and handed to the
//! card-action handler or the events handler; the answer goes back in the event's own frame.

use std::future::Future;
use std::sync::Arc;
use std::time::SystemTime;

use base64::Engine;
use serde_json::{Value, json};

use super::frame::{Frame, Header};
use crate::claim::{Outcome, once};
use crate::{Answer, Callback, CallbackError, CardActionEvent, Verifier};

/// A handler of events other than card actions: `Err` means it failed (the event's claim is
/// released and the platform asked to deliver it again).
pub(super) type EventHandler =
    Arc<dyn Fn(Value) -> crate::store::BoxFuture<'static, Result<(), String>> + Send + Sync>;

/// The response payload for one event: `{"code": 200, "data": base64(answer)}`, or code 500
/// when the event cannot be read.
pub(super) async fn answer<H, F, R>(
    payload: &[u8],
    receiver: &Verifier,
    handler: H,
    events: Option<&EventHandler>,
) -> Value
where
    H: Fn(CardActionEvent) -> F,
    F: Future<Output = R>,
    R: Outcome,
{
    let store = receiver.shared_store();
    let outcome = match parse(payload, receiver) {
        Ok(Callback::CardAction(event)) => {
            let id = event.header.event_id.clone();
            once(store, &id, handler(*event)).await
        }
        Ok(other @ Callback::Other(_)) => match events {
            Some(events) => {
                let id = other.event_id().unwrap_or_default().to_owned();
                let Callback::Other(v) = other else {
                    unreachable!("matched above")
                };
                once(store, &id, async move {
                    events(v).await.map(|()| Answer::new())
                })
                .await
            }
            None => return json!({"code": 200}),
        },
        Ok(_) => return json!({"code": 200}),
        // Past the window: acknowledged (a redelivery would be as stale) and not handled.
        Err(e @ CallbackError::StaleTimestamp { .. }) => {
            tracing::warn!(error = %e, "long connection: a stale event; not handled");
            return json!({"code": 200});
        }
        Err(e) => {
            tracing::warn!(error = %e, "long connection: an event that cannot be read");
            return json!({"code": 500});
        }
    };
    match outcome {
        Ok(Some(Ok(answer))) => json!({
            "code": 200,
            "data": base64::engine::general_purpose::STANDARD.encode(answer.to_json().to_string()),
        }),
        // Failed: its claim is released; code 500 asks the platform to deliver it again.
        Ok(Some(Err(_))) => json!({"code": 500}),
        // Delivered again (at least once, to this replica or another): acknowledged, not handled
        // twice.
        Ok(None) => {
            tracing::info!("long connection: an event delivered again; not handled twice");
            json!({"code": 200})
        }
        Err(e) => {
            tracing::warn!(error = %e, "long connection: an event not handled");
            json!({"code": 500})
        }
    }
}

/// Parses an event received over the connection (no signature: the connection is the
/// authentication), checking its token when one is configured and its `create_time` against
/// the receiver's window (the bounded memory of seen events cannot stop an old one replayed).
fn parse(payload: &[u8], receiver: &Verifier) -> Result<Callback, CallbackError> {
    let v: Value = serde_json::from_slice(payload).map_err(|e| CallbackError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    receiver.event(v, Some(SystemTime::now()), false)
}

/// The answer frame: the event's own frame with the payload replaced and `biz_rt` added.
pub(super) fn reply_frame(mut frame: Frame, reply: &Value) -> Frame {
    frame.headers.push(Header {
        key: "biz_rt".into(),
        value: "0".into(),
    });
    frame.payload = reply.to_string().into_bytes();
    frame
}

/// The answer to one delivered event, through the same checks as the HTTP receiver.
#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::Toast;
    use card_platform::Secret;
    use std::time::Duration;

    fn event(id: &str, token: &str) -> Vec<u8> {
        let now = SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        event_at(id, token, &now.as_micros().to_string())
    }

    fn event_at(id: &str, token: &str, create_time: &str) -> Vec<u8> {
        json!({
            "schema": "2.0",
            "header": {"event_id": id, "token": token, "event_type": "card.action.trigger",
                       "create_time": create_time, "tenant_key": "t", "app_id": "cli_x"},
            "event": {"operator": {"open_id": "ou_1"}, "token": "c-1",
                      "action": {"tag": "button", "value": {"k": 1}},
                      "context": {"open_message_id": "om_1", "open_chat_id": "oc_1"}}
        })
        .to_string()
        .into_bytes()
    }

    async fn run(receiver: &Verifier, payload: &[u8], calls: &AtomicUsize) -> Value {
        answer(
            payload,
            receiver,
            |_| async {
                calls.fetch_add(1, Ordering::Relaxed);
                Answer::new().toast(Toast::info("ok"))
            },
            None,
        )
        .await
    }

    #[tokio::test]
    async fn an_event_with_another_apps_token_is_refused() {
        let receiver = Verifier::new(None, Some(Secret::from("the-token")));
        let calls = AtomicUsize::new(0);
        let reply = run(&receiver, &event("ev-1", "another-token"), &calls).await;
        assert_eq!(reply["code"], 500);
        // One byte off, and the same length: still refused.
        let reply = run(&receiver, &event("ev-2", "the-tokem"), &calls).await;
        assert_eq!(reply["code"], 500);
        assert_eq!(calls.load(Ordering::Relaxed), 0);
        let reply = run(&receiver, &event("ev-3", "the-token"), &calls).await;
        assert_eq!(reply["code"], 200);
        assert!(reply["data"].is_string(), "{reply}");
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn an_event_delivered_twice_is_handled_once() {
        let receiver = Verifier::new(None, None);
        let calls = AtomicUsize::new(0);
        let first = run(&receiver, &event("ev-9", "t"), &calls).await;
        let again = run(&receiver, &event("ev-9", "t"), &calls).await;
        assert!(first["data"].is_string(), "{first}");
        // Acknowledged, so the platform stops delivering it, but the handler ran once.
        assert_eq!(again, json!({"code": 200}));
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn a_stale_event_is_not_handled_and_a_huge_time_is_no_panic() {
        let receiver = Verifier::new(None, None);
        let calls = AtomicUsize::new(0);
        let now = SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let hour_ago = (now - Duration::from_secs(3600)).as_micros().to_string();
        let in_ms = now.as_millis().to_string();
        for (id, t) in [
            ("ev-old", hour_ago.as_str()),
            ("ev-1970", "1"),
            ("ev-max", "18446744073709551615"),
            ("ev-nan", "soon"),
        ] {
            let reply = run(&receiver, &event_at(id, "t", t), &calls).await;
            assert_eq!(reply, json!({"code": 200}), "{t}");
        }
        assert_eq!(calls.load(Ordering::Relaxed), 0);
        // Now, in microseconds or milliseconds: handled.
        run(&receiver, &event("ev-now", "t"), &calls).await;
        run(&receiver, &event_at("ev-ms", "t", &in_ms), &calls).await;
        assert_eq!(calls.load(Ordering::Relaxed), 2);
    }

    /// A handler that fails releases the event: the redelivery runs it, and once it succeeded a
    /// third delivery does not. The same for an event that is not a card action.
    #[tokio::test]
    async fn a_failed_handler_runs_again_on_redelivery_and_once_after_success() {
        let receiver = Verifier::new(None, None);
        let calls = AtomicUsize::new(0);
        let flaky = |payload: Vec<u8>| {
            let (receiver, calls) = (&receiver, &calls);
            async move {
                answer(
                    &payload,
                    receiver,
                    |_| async {
                        let n = calls.fetch_add(1, Ordering::Relaxed);
                        if n == 0 {
                            Err("database down")
                        } else {
                            Ok(Answer::new())
                        }
                    },
                    None,
                )
                .await
            }
        };
        assert_eq!(flaky(event("ev-f", "t")).await["code"], 500);
        assert_eq!(flaky(event("ev-f", "t")).await["code"], 200);
        assert_eq!(flaky(event("ev-f", "t")).await["code"], 200);
        assert_eq!(calls.load(Ordering::Relaxed), 2);

        let seen = Arc::new(AtomicUsize::new(0));
        let counter = seen.clone();
        let events: EventHandler = Arc::new(move |v: Value| {
            let n = counter.fetch_add(1, Ordering::Relaxed);
            Box::pin(async move {
                assert_eq!(v["header"]["event_type"], "im.message.receive_v1");
                if n == 0 {
                    Err("busy".to_owned())
                } else {
                    Ok(())
                }
            })
        });
        let message = json!({
            "schema": "2.0",
            "header": {"event_id": "ev-m", "event_type": "im.message.receive_v1",
                       "create_time": (SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_micros()).to_string()},
            "event": {}
        })
        .to_string()
        .into_bytes();
        let unused = |_| async { Answer::new() };
        for want in [500, 200, 200] {
            let reply = answer(&message, &receiver, unused, Some(&events)).await;
            assert_eq!(reply["code"], want);
        }
        assert_eq!(seen.load(Ordering::Relaxed), 2);
    }
}
