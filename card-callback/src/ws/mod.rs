//! The long connection (feature `callback-ws`): a self-built app receives its card callbacks
//! over a WebSocket it opens itself, so it needs no public URL. The app asks
//! `POST /callback/ws/endpoint` for a connection URL with its App ID and secret, connects,
//! pings at the interval the platform gives, and answers each `card.action.trigger` frame
//! with your handler's [`Answer`] in a frame of its own. Events arrive over an authenticated
//! connection, so they carry no signature; the verification token is still checked when a
//! [`Receiver`]-style token is given. Dropped connections are reopened with the platform's
//! `ReconnectInterval` (and its random `ReconnectNonce`), at most `ReconnectCount` times in a
//! row (−1: without end).
//!
//! ```no_run
//! use card_callback::ws::LongConnection;
//! use card_callback::{Answer, CardActionEvent, Toast};
//!
//! # async fn run() -> Result<(), card_callback::ws::WsError> {
//! let conn = LongConnection::new("cli_a1b2c3", std::env::var("FEISHU_APP_SECRET").unwrap_or_default());
//! conn.run(
//!     |event: CardActionEvent| async move {
//!         Answer::new().toast(Toast::success(format!("clicked by {}", event.operator.open_id)))
//!     },
//!     std::future::pending(), // or a shutdown signal
//! )
//! .await
//! # }
//! ```

mod assemble;
pub(crate) mod frame;

use std::future::Future;
use std::time::{Duration, SystemTime};

use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use prost::Message as _;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use super::{Answer, Callback, CallbackError, CardActionEvent};
use assemble::Assembler;
use card_platform::Secret;
use frame::{DATA, Frame, Header};

/// The endpoint that hands out connection URLs.
const ENDPOINT: &str = "/callback/ws/endpoint";

/// Why the long connection stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WsError {
    /// The base URL or a connection URL would carry the app secret in clear text.
    #[error("{0}")]
    Insecure(String),
    /// The endpoint refused the app (403 forbidden, 514 auth failed, 1000040350 too many
    /// connections…): retrying does not help.
    #[error("the long-connection endpoint refused the app: code {code}: {msg}")]
    Refused {
        /// The platform's code.
        code: i64,
        /// Its message.
        msg: String,
    },
    /// The connection could not be opened or kept `attempts` times in a row.
    #[error("the long connection failed {attempts} times in a row; last: {last}")]
    GaveUp {
        /// How many attempts were made.
        attempts: u32,
        /// The last failure.
        last: String,
    },
}

/// The connection settings the platform hands out with the URL (and again in pongs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientConfig {
    /// How often to ping.
    pub ping_interval: Duration,
    /// Reconnections in a row before giving up; `None` for no end.
    pub reconnect_count: Option<u32>,
    /// The pause before reconnecting.
    pub reconnect_interval: Duration,
    /// A random extra pause of up to this much, so replicas do not reconnect at once.
    pub reconnect_nonce: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            ping_interval: Duration::from_secs(120),
            reconnect_count: None,
            reconnect_interval: Duration::from_secs(120),
            reconnect_nonce: Duration::from_secs(30),
        }
    }
}

impl ClientConfig {
    /// Reads the platform's `ClientConfig` object (seconds), keeping defaults for what it
    /// leaves out.
    fn update(&mut self, v: &Value) {
        let secs = |k: &str| v.get(k).and_then(Value::as_u64).map(Duration::from_secs);
        if let Some(d) = secs("PingInterval").filter(|d| !d.is_zero()) {
            self.ping_interval = d;
        }
        if let Some(d) = secs("ReconnectInterval") {
            self.reconnect_interval = d;
        }
        if let Some(d) = secs("ReconnectNonce") {
            self.reconnect_nonce = d;
        }
        if let Some(n) = v.get("ReconnectCount").and_then(Value::as_i64) {
            self.reconnect_count = u32::try_from(n).ok();
        }
    }
}

/// A long-connection client for one app. Its `Debug` output hides the secret.
#[derive(Debug, Clone)]
pub struct LongConnection {
    base_url: String,
    app_id: String,
    app_secret: Secret,
    /// The token check and replay cache shared with the HTTP receiver's path.
    receiver: std::sync::Arc<super::Receiver>,
    http: reqwest::Client,
}

/// How one connection ended.
enum Ended {
    Shutdown,
    Dropped(String),
}

impl LongConnection {
    /// A client for the app `app_id` on Feishu (`base_url` changes the host: Lark, or the
    /// emulator).
    pub fn new(app_id: impl Into<String>, app_secret: impl Into<Secret>) -> Self {
        crate::tls::install_provider();
        LongConnection {
            base_url: card_platform::FEISHU_BASE_URL.to_owned(),
            app_id: app_id.into(),
            app_secret: app_secret.into(),
            receiver: std::sync::Arc::new(super::Receiver::new(None, None)),
            http: reqwest::Client::new(),
        }
    }

    /// The open platform's base URL (`https://open.larksuite.com` for Lark).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Checks each event's `header.token` against the app's Verification Token.
    pub fn verification_token(mut self, token: impl Into<Secret>) -> Self {
        self.receiver = std::sync::Arc::new(super::Receiver::new(None, Some(token.into())));
        self
    }

    /// Connects and answers card actions with `handler` until `shutdown` completes (then it
    /// closes the connection and returns `Ok`), reconnecting when the connection drops.
    /// Other event types are acknowledged and logged. Answer within 3 s (see
    /// [`answer_within_deadline`](super::answer_within_deadline)); a late answer is the
    /// platform's 200341 for the user.
    ///
    /// # Errors
    ///
    /// [`WsError::Insecure`] for an http base URL or a `ws://` connection URL to a host that
    /// is not loopback; [`WsError::Refused`] when the endpoint refuses the app;
    /// [`WsError::GaveUp`] after `ReconnectCount` failed connections in a row.
    pub async fn run<H, F>(
        &self,
        handler: H,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<(), WsError>
    where
        H: Fn(CardActionEvent) -> F + Clone + Send + Sync + 'static,
        F: Future<Output = Answer> + Send + 'static,
    {
        card_platform::base_url::check(&self.base_url).map_err(WsError::Insecure)?;
        let mut shutdown = std::pin::pin!(shutdown);
        let mut config = ClientConfig::default();
        let mut failures = 0u32;
        loop {
            let ended = match self.endpoint(&mut config).await {
                Ok(url) => {
                    tokio::select! {
                        ended = self.serve(&url, &mut config, handler.clone()) => ended,
                        () = &mut shutdown => Ended::Shutdown,
                    }
                }
                Err(Some(fatal)) => return Err(fatal),
                Err(None) => Ended::Dropped("the endpoint is busy".into()),
            };
            let reason = match ended {
                Ended::Shutdown => return Ok(()),
                Ended::Dropped(reason) => reason,
            };
            failures += 1;
            if config.reconnect_count.is_some_and(|n| failures > n) {
                return Err(WsError::GaveUp {
                    attempts: failures,
                    last: reason,
                });
            }
            let jitter = config
                .reconnect_nonce
                .mul_f64(f64::from(uuid::Uuid::new_v4().as_bytes()[0]) / 255.0);
            tracing::warn!(%reason, attempt = failures, "long connection dropped; reconnecting");
            tokio::select! {
                () = tokio::time::sleep(config.reconnect_interval + jitter) => {}
                () = &mut shutdown => return Ok(()),
            }
        }
    }

    /// Asks for a connection URL. `Err(None)` is worth retrying; `Err(Some(_))` is not.
    async fn endpoint(&self, config: &mut ClientConfig) -> Result<String, Option<WsError>> {
        let reply = self
            .http
            .post(format!("{}{ENDPOINT}", self.base_url))
            .header("locale", "zh")
            .json(&json!({"AppID": self.app_id, "AppSecret": self.app_secret.expose()}))
            .timeout(Duration::from_secs(15))
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e.without_url(), "long-connection endpoint unreachable");
                None
            })?;
        let v: Value = reply.json().await.map_err(|_| None)?;
        let code = v.get("code").and_then(Value::as_i64).unwrap_or(-1);
        let msg = v
            .get("msg")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        match code {
            0 => {}
            // system busy, internal error: retry.
            1 | 1_000_040_343 => return Err(None),
            _ => return Err(Some(WsError::Refused { code, msg })),
        }
        if let Some(c) = v.pointer("/data/ClientConfig") {
            config.update(c);
        }
        let url = v
            .pointer("/data/URL")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Some(WsError::Refused {
                    code,
                    msg: "the endpoint's answer has no URL".into(),
                })
            })?;
        let parsed = url::Url::parse(url).map_err(|e| {
            Some(WsError::Refused {
                code,
                msg: format!("the endpoint's URL is not a URL: {e}"),
            })
        })?;
        match parsed.scheme() {
            "wss" => Ok(url.to_owned()),
            "ws" if card_platform::base_url::loopback(&parsed) => Ok(url.to_owned()),
            _ => Err(Some(WsError::Insecure(
                "the connection URL is not wss:// (ws:// is allowed only for loopback hosts)"
                    .into(),
            ))),
        }
    }

    /// One connection: pings, reassembles data frames, hands card actions to `handler` and
    /// sends the answers back, until the connection drops.
    async fn serve<H, F>(&self, url: &str, config: &mut ClientConfig, handler: H) -> Ended
    where
        H: Fn(CardActionEvent) -> F + Clone + Send + Sync + 'static,
        F: Future<Output = Answer> + Send + 'static,
    {
        let service: i32 = url::Url::parse(url)
            .ok()
            .and_then(|u| {
                u.query_pairs()
                    .find(|(k, _)| k == "service_id")
                    .and_then(|(_, v)| v.parse().ok())
            })
            .unwrap_or_default();
        let socket = match tokio_tungstenite::connect_async(url).await {
            Ok((socket, _)) => socket,
            Err(e) => return Ended::Dropped(format!("cannot connect: {e}")),
        };
        tracing::info!("long connection open");
        let (mut sink, mut stream) = socket.split();
        let (answers, mut to_send) = mpsc::unbounded_channel::<Frame>();
        let mut parts = Assembler::default();
        let mut ping = tokio::time::interval(config.ping_interval);
        loop {
            tokio::select! {
                _ = ping.tick() => {
                    let f = Frame::control(service, "ping");
                    if let Err(e) = sink.send(Message::Binary(f.encode_to_vec().into())).await {
                        return Ended::Dropped(format!("cannot ping: {e}"));
                    }
                }
                Some(f) = to_send.recv() => {
                    if let Err(e) = sink.send(Message::Binary(f.encode_to_vec().into())).await {
                        return Ended::Dropped(format!("cannot answer: {e}"));
                    }
                }
                msg = stream.next() => {
                    let bytes = match msg {
                        None => return Ended::Dropped("the server closed the connection".into()),
                        Some(Err(e)) => return Ended::Dropped(e.to_string()),
                        Some(Ok(Message::Binary(b))) => b,
                        Some(Ok(Message::Close(_))) => {
                            return Ended::Dropped("the server closed the connection".into())
                        }
                        Some(Ok(_)) => continue,
                    };
                    let Ok(frame) = Frame::decode(bytes.as_ref()) else {
                        tracing::warn!(len = bytes.len(), "long connection: a frame that is not protobuf; ignored");
                        continue;
                    };
                    if frame.method != DATA {
                        if frame.header("type") == Some("pong")
                            && let Ok(c) = serde_json::from_slice::<Value>(&frame.payload)
                        {
                            config.update(&c);
                            ping = tokio::time::interval_at(
                                tokio::time::Instant::now() + config.ping_interval,
                                config.ping_interval,
                            );
                        }
                        continue;
                    }
                    if !matches!(frame.header("type"), Some("event" | "card")) {
                        continue;
                    }
                    let Some(payload) = parts.add(&frame) else {
                        continue;
                    };
                    let handler = handler.clone();
                    let answers = answers.clone();
                    let receiver = self.receiver.clone();
                    tokio::spawn(async move {
                        let reply = answer(&payload, &receiver, handler).await;
                        let _ = answers.send(reply_frame(frame, &reply));
                    });
                }
            }
        }
    }
}

/// The response payload for one event: `{"code": 200, "data": base64(answer)}`, or code 500
/// when the event cannot be read.
async fn answer<H, F>(payload: &[u8], receiver: &super::Receiver, handler: H) -> Value
where
    H: Fn(CardActionEvent) -> F,
    F: Future<Output = Answer>,
{
    match parse(payload, receiver) {
        Ok(Callback::CardAction(event)) => {
            let body = handler(*event).await.to_json().to_string();
            json!({
                "code": 200,
                "data": base64::engine::general_purpose::STANDARD.encode(body),
            })
        }
        Ok(_) => json!({"code": 200}),
        // Delivered again (the platform delivers at least once): acknowledged, not handled twice.
        Err(CallbackError::Replay(id)) => {
            tracing::info!(event_id = %id, "long connection: an event delivered again; not handled twice");
            json!({"code": 200})
        }
        // Past the window: acknowledged (a redelivery would be as stale) and not handled.
        Err(e @ CallbackError::StaleTimestamp { .. }) => {
            tracing::warn!(error = %e, "long connection: a stale event; not handled");
            json!({"code": 200})
        }
        Err(e) => {
            tracing::warn!(error = %e, "long connection: an event that cannot be read");
            json!({"code": 500})
        }
    }
}

/// Parses an event received over the connection (no signature: the connection is the
/// authentication), checking its token when one is configured and its `create_time` against
/// the receiver's window (the bounded memory of seen events cannot stop an old one replayed).
fn parse(payload: &[u8], receiver: &super::Receiver) -> Result<Callback, CallbackError> {
    let v: Value = serde_json::from_slice(payload).map_err(|e| CallbackError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    receiver.event(v, Some(SystemTime::now()))
}

/// The answer frame: the event's own frame with the payload replaced and `biz_rt` added.
fn reply_frame(mut frame: Frame, reply: &Value) -> Frame {
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
    use crate::{Receiver, Toast};

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

    async fn run(receiver: &Receiver, payload: &[u8], calls: &AtomicUsize) -> Value {
        answer(payload, receiver, |_| async {
            calls.fetch_add(1, Ordering::Relaxed);
            Answer::new().toast(Toast::info("ok"))
        })
        .await
    }

    #[tokio::test]
    async fn an_event_with_another_apps_token_is_refused() {
        let receiver = Receiver::new(None, Some(Secret::from("the-token")));
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
        let receiver = Receiver::new(None, None);
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
        let receiver = Receiver::new(None, None);
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
}
