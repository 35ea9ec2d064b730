//! Events over the long connections, delivered as the platform does: each to one connection
//! picked at random (cluster mode), at least once — a delivery that fails (no answer in 3 s,
//! or an answer whose code is not 200) is made again at 15 s, 5 min, 1 h and 6 h (the event
//! overview; [`Emulator::retry_ladder`] shortens it for tests) — and, when asked, twice: the
//! same event to another connection, at once or later, as the platform may after a success.
//! Card callbacks are not retried.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::{Value, json};

use super::Emulator;
use super::long_connection::{pick, send_event};
use super::state::lock;

/// An event to deliver ([`Emulator::deliver`]).
#[derive(Debug, Clone)]
pub struct EventDelivery {
    event: Value,
    retried: bool,
    twice: Option<Duration>,
}

impl EventDelivery {
    /// Also delivers the same event to another connection, `after` the first delivery began
    /// (zero: at once).
    pub fn twice(mut self, after: Duration) -> Self {
        self.twice = Some(after);
        self
    }

    /// The event as it will be delivered (its JSON envelope).
    pub fn json(&self) -> &Value {
        &self.event
    }

    /// The event's `event_id`.
    pub fn event_id(&self) -> &str {
        self.event["header"]["event_id"]
            .as_str()
            .unwrap_or_default()
    }
}

/// What became of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivered {
    /// The event's id.
    pub event_id: String,
    /// Each delivery made, in order: the connection, and the answer's code (0: none in time).
    pub attempts: Vec<(u64, i64)>,
    /// Whether a delivery (not the duplicate) was answered with code 200.
    pub acknowledged: bool,
}

impl Emulator {
    /// An event of `event_type` (`im.message.receive_v1` …) with `body` as its `event`, in the
    /// 2.0 envelope (a fresh `event_id`, `create_time` in µs, the app's token).
    pub fn event(&self, event_type: &str, body: Value) -> EventDelivery {
        let st = &self.state;
        let micros = st
            .now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_micros();
        EventDelivery {
            event: json!({
                "schema": "2.0",
                "header": {
                    "event_id": st.fresh_id("ev_"),
                    "token": st.settings.verification_token,
                    "create_time": micros.to_string(),
                    "event_type": event_type,
                    "tenant_key": "emulator",
                    "app_id": st.settings.app_id,
                },
                "event": body,
            }),
            retried: true,
            twice: None,
        }
    }

    /// A click on `message` as an event to deliver (a card callback: not retried).
    pub fn click_delivery(&self, message: &str, action: Value, operator: &str) -> EventDelivery {
        let (event, _token) = self.click_event(message, action, operator);
        EventDelivery {
            event,
            retried: false,
            twice: None,
        }
    }

    /// When a failed event is delivered again (default: 15 s, 5 min, 1 h, 6 h after the first).
    pub fn retry_ladder(&self, ladder: &[Duration]) {
        *lock(&self.state.long.ladder) = Some(ladder.to_vec());
    }

    /// Delivers an event over the long connections (see the module page) and returns when it
    /// was acknowledged or its retries are spent (and its duplicate, if any, answered).
    pub async fn deliver(&self, delivery: EventDelivery) -> Delivered {
        let st = self.state.clone();
        let event = delivery.event.clone();
        // The first delivery's connection is picked now, so its duplicate goes to another.
        let mut next = pick(&st, None);
        let first = next.as_ref().map(|(id, _)| *id);
        let duplicate = delivery.twice.map(|after| {
            let (st, event) = (st.clone(), event.clone());
            tokio::spawn(async move {
                tokio::time::sleep(after).await;
                let (id, client) = pick(&st, first)?;
                let code = code(send_event(&st, &client, &event).await);
                Some((id, code))
            })
        });
        let ladder = lock(&st.long.ladder)
            .clone()
            .unwrap_or_else(|| card_platform::EVENT_RETRIES.to_vec());
        let mut attempts = Vec::new();
        let mut acknowledged = false;
        let mut last = None;
        for wait in std::iter::once(Duration::ZERO).chain(ladder) {
            if !attempts.is_empty() && !delivery.retried {
                break;
            }
            tokio::time::sleep(wait).await;
            let Some((id, client)) = next.take().or_else(|| pick(&st, last)) else {
                attempts.push((u64::MAX, 0));
                continue;
            };
            last = Some(id);
            let code = code(send_event(&st, &client, &event).await);
            attempts.push((id, code));
            if code == 200 {
                acknowledged = true;
                break;
            }
        }
        if let Some(task) = duplicate
            && let Ok(Some(dup)) = task.await
        {
            attempts.push(dup);
        }
        Delivered {
            event_id: delivery.event_id().to_owned(),
            attempts,
            acknowledged,
        }
    }
}

/// The code of an answer frame's payload (0: no answer).
fn code(payload: Option<Vec<u8>>) -> i64 {
    payload
        .and_then(|p| serde_json::from_slice::<Value>(&p).ok())
        .and_then(|v| v.get("code").and_then(Value::as_i64))
        .unwrap_or(0)
}
