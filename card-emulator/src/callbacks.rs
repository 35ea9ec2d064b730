//! Clicks: the emulator plays the platform's side of a card callback. It sends a signed
//! `card.action.trigger` to the bot's callback URL, waits 3 seconds at most (then 200341, as the
//! callback page documents), and applies the answer: its toast is recorded, its card (2.0 for a
//! 2.0 card, else 200830; checked by card-validate, else 200673) replaces the message's.

use std::time::{Duration, Instant, UNIX_EPOCH};

use serde_json::{Value, json};

use super::Emulator;
use super::state::{CallbackToken, lock};
use card_platform as platform;
use sha2::{Digest, Sha256};

/// What a click did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Click {
    /// The callback token handed to the bot (for delayed updates).
    pub token: String,
    /// The answer's toast, if any.
    pub toast: Option<Value>,
    /// Whether the answer's card replaced the message's.
    pub card_applied: bool,
    /// How long the bot took to answer.
    pub elapsed: Duration,
    /// The error the user's client shows, when the interaction failed (200341 late, 200671 not
    /// HTTP 200, 200672 a body that is not an answer, 200673 a bad card, 200830 a 1.0 card for a
    /// 2.0 card).
    pub error: Option<(u32, String)>,
}

/// The `X-Lark-Signature` the platform puts on a callback: the lowercase hex SHA-256 of
/// timestamp, nonce, Encrypt Key and body, concatenated (event-subscription guide, "签名校验").
fn sign(timestamp: &str, nonce: &str, encrypt_key: &str, body: &str) -> String {
    let digest = Sha256::digest([timestamp, nonce, encrypt_key, body].concat());
    digest.iter().fold(String::with_capacity(64), |mut hex, b| {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
        hex
    })
}

/// What the user's client is told when the bot does not answer in time.
pub(crate) const LATE: &str = "the callback was not answered within 3 s";

impl Click {
    /// A click whose answer is still awaited.
    pub(crate) fn pending(token: String) -> Click {
        Click {
            token,
            toast: None,
            card_applied: false,
            elapsed: Duration::ZERO,
            error: None,
        }
    }

    /// The click, failed with the error the user's client shows.
    pub(crate) fn failed(mut self, code: u32, message: impl Into<String>) -> Click {
        self.error = Some((code, message.into()));
        self
    }
}

impl Emulator {
    /// A user (`operator`, an open_id) acts on the card of message `message` whose component
    /// sends `action` (the callback's `action` object: `{"tag": "button", "value": …}`, a
    /// form's `{"form_value": …, "name": …}` …); the signed callback goes to `callback_url`.
    ///
    /// # Panics
    ///
    /// Never; a bot that cannot be reached is a [`Click`] with an error.
    pub async fn click(
        &self,
        message: impl AsRef<str>,
        action: Value,
        operator: &str,
        callback_url: &str,
    ) -> Click {
        let st = &self.state;
        let message = message.as_ref();
        let (event, token) = self.click_event(message, action, operator);
        let now = st.now();
        let body = event.to_string();
        let ts = now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs()
            .to_string();
        let nonce = st.fresh_id("n");
        let sig = sign(&ts, &nonce, &st.settings.encrypt_key, &body);
        let mut click = Click::pending(token);
        let start = Instant::now();
        let sent = reqwest::Client::new()
            .post(callback_url)
            .header("content-type", "application/json")
            .header("x-lark-request-timestamp", ts)
            .header("x-lark-request-nonce", nonce)
            .header("x-lark-signature", sig)
            .body(body)
            .timeout(platform::CALLBACK_DEADLINE)
            .send()
            .await;
        click.elapsed = start.elapsed();
        let reply = match sent {
            Err(e) if e.is_timeout() => return click.failed(platform::CALLBACK_LATE, LATE),
            Err(e) => {
                return click.failed(
                    platform::CALLBACK_UNREACHABLE,
                    format!("cannot reach the callback URL: {e}"),
                );
            }
            Ok(r) => r,
        };
        if reply.status() != 200 {
            let status = reply.status();
            return click.failed(
                platform::CALLBACK_NOT_200,
                format!("the callback answered HTTP {status}"),
            );
        }
        let answer: Value = match reply.json().await {
            Ok(v) => v,
            Err(e) if e.is_timeout() => return click.failed(platform::CALLBACK_LATE, LATE),
            Err(e) => {
                return click.failed(
                    platform::CALLBACK_BAD_ANSWER,
                    format!("the answer is not JSON: {e}"),
                );
            }
        };
        self.apply_answer(message, click, &answer)
    }

    /// Records an answer's toast and applies its card.
    pub(crate) fn apply_answer(&self, message: &str, mut click: Click, answer: &Value) -> Click {
        click.toast = answer.get("toast").cloned();
        if let Some(card) = answer.get("card") {
            match self.apply_answer_card(message, &click.token, card) {
                Ok(()) => click.card_applied = true,
                Err(e) => click.error = Some(e),
            }
        }
        click
    }

    /// The `card.action.trigger` event of a click, with a fresh callback token (recorded for
    /// delayed updates).
    pub(crate) fn click_event(
        &self,
        message: &str,
        action: Value,
        operator: &str,
    ) -> (Value, String) {
        let st = &self.state;
        let token = format!("c-{}", st.fresh_id(""));
        let now = st.now();
        let micros = now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_micros();
        let chat = self.message(message).map(|m| m.chat_id).unwrap_or_default();
        let event = json!({
            "schema": "2.0",
            "header": {
                "event_id": st.fresh_id("ev_"),
                "token": st.settings.verification_token,
                "create_time": micros.to_string(),
                "event_type": "card.action.trigger",
                "tenant_key": "emulator",
                "app_id": st.settings.app_id,
            },
            "event": {
                "operator": {"tenant_key": "emulator", "open_id": operator},
                "token": token,
                "action": action,
                "host": "im_message",
                "context": {"open_message_id": message, "open_chat_id": chat},
            }
        });
        lock(&st.callback_tokens).insert(
            token.clone(),
            CallbackToken {
                message_id: message.to_owned(),
                clicked_at: now,
                uses: 0,
            },
        );
        (event, token)
    }

    fn apply_answer_card(
        &self,
        message: &str,
        token: &str,
        card: &Value,
    ) -> Result<(), (u32, String)> {
        let content = match card.get("type").and_then(Value::as_str) {
            Some("raw") => card.get("data").cloned().unwrap_or(Value::Null),
            Some("template") => json!({"type": "template", "data": card.get("data")}),
            _ => {
                return Err((
                    platform::CALLBACK_BAD_CARD,
                    "the answer's card has no type raw or template".into(),
                ));
            }
        };
        let text = content.to_string();
        let mut messages = lock(&self.state.messages);
        let m = messages
            .get_mut(message)
            .ok_or((platform::CALLBACK_BAD_CARD, "no such message".to_owned()))?;
        if m.v2
            && card.get("type").and_then(Value::as_str) == Some("raw")
            && content.get("schema").and_then(Value::as_str) != Some("2.0")
        {
            return Err((
                platform::SCHEMA_DOWNGRADE,
                "a 2.0 card cannot be updated to a 1.0 card".into(),
            ));
        }
        if let Some(d) = card_validate::validate_str(&text).first_error() {
            return Err((
                platform::CALLBACK_BAD_CARD,
                format!("the answer's card is refused: {d}"),
            ));
        }
        m.state.content = text;
        m.state.updates += 1;
        m.state.updated_at = self.state.now();
        if let Some(t) = lock(&self.state.callback_tokens).get_mut(token) {
            t.uses += 1;
        }
        Ok(())
    }
}
