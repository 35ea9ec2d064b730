//! The long connection (feature `callback-ws`): a self-built app receives its card callbacks
//! over a WebSocket it opens itself, so it needs no public URL. The app asks
//! `POST /callback/ws/endpoint` for a connection URL with its App ID and secret, connects,
//! pings at the interval the platform gives, and answers each `card.action.trigger` frame
//! with your handler's [`Answer`] in a frame of its own. Events arrive over an authenticated
//! connection, so they carry no signature; the verification token is still checked when a
//! [`Verifier`]-style token is given. Dropped connections are reopened with the platform's
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
mod dispatch;
pub(crate) mod frame;

use std::future::Future;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use prost::Message as _;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use super::{CardActionEvent, Outcome};
use assemble::Assembler;
use card_platform::Secret;
use card_store::Store;
use dispatch::{EventHandler, answer, reply_frame};
use frame::{DATA, Frame};

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
#[derive(Clone)]
pub struct LongConnection {
    base_url: String,
    app_id: String,
    app_secret: Secret,
    token: Option<Secret>,
    /// The token and age checks shared with the HTTP receiver's path, and the store events are
    /// claimed in.
    receiver: std::sync::Arc<super::Verifier>,
    events: Option<EventHandler>,
    http: reqwest::Client,
}

impl std::fmt::Debug for LongConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LongConnection")
            .field("base_url", &self.base_url)
            .field("app_id", &self.app_id)
            .field("receiver", &self.receiver)
            .field("events", &self.events.is_some())
            .finish_non_exhaustive()
    }
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
            token: None,
            receiver: std::sync::Arc::new(super::Verifier::new(None, None)),
            events: None,
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
        self.token = Some(token.into());
        let store = self.receiver.shared_store().clone();
        self.store(store)
    }

    /// Where events are claimed before their handler runs ([`crate::claim`]): in this process
    /// by default; a `card_store::RedisStore` shared by every replica makes them handle each
    /// event once between them, wherever the platform delivers it and however often.
    pub fn store(mut self, store: std::sync::Arc<dyn Store>) -> Self {
        self.receiver =
            std::sync::Arc::new(super::Verifier::new(None, self.token.clone()).store(store));
        self
    }

    /// Handles the events that are not card actions (`im.message.receive_v1` …) with
    /// `handler`, once each across deliveries and replicas; an `Err` asks the platform to
    /// deliver the event again (at 15 s, 5 min, 1 h and 6 h). Without it they are acknowledged
    /// and logged.
    pub fn on_events<H, F, E>(mut self, handler: H) -> Self
    where
        H: Fn(serde_json::Value) -> F + Send + Sync + 'static,
        F: Future<Output = Result<(), E>> + Send + 'static,
        E: std::fmt::Display,
    {
        let handler = std::sync::Arc::new(handler);
        self.events = Some(std::sync::Arc::new(move |v| {
            let fut = handler(v);
            Box::pin(async move { fut.await.map_err(|e| e.to_string()) })
        }));
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
    pub async fn run<H, F, R>(
        &self,
        handler: H,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<(), WsError>
    where
        H: Fn(CardActionEvent) -> F + Clone + Send + Sync + 'static,
        F: Future<Output = R> + Send + 'static,
        R: Outcome + 'static,
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
    async fn serve<H, F, R>(&self, url: &str, config: &mut ClientConfig, handler: H) -> Ended
    where
        H: Fn(CardActionEvent) -> F + Clone + Send + Sync + 'static,
        F: Future<Output = R> + Send + 'static,
        R: Outcome + 'static,
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
                    let events = self.events.clone();
                    tokio::spawn(async move {
                        let reply = answer(&payload, &receiver, handler, events.as_ref()).await;
                        let _ = answers.send(reply_frame(frame, &reply));
                    });
                }
            }
        }
    }
}
