//! The long connection's platform side: `POST /callback/ws/endpoint` hands out a `ws://` URL
//! (App ID and secret checked, else code 514; at most 50 connections per app, the cluster
//! mode's limit, else 1000040350), the socket answers pings with pongs carrying the
//! `ClientConfig`, and each event goes to one connection picked at random (cluster mode, as the
//! long-connection page says) as data frames (split into parts when asked), its answer frame
//! awaited 3 s at most. [`Emulator::click_connected`] sends a click; `events.rs` other events,
//! with redelivery and duplicates.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::Response;
use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};

use super::Emulator;
use super::callbacks::{Click, LATE};
use super::state::{EmuState, LongConnections, lock};
use crate::frame::{CONTROL, DATA, Frame};
use card_platform as platform;

/// The service id the emulator puts in its URLs.
const SERVICE: i32 = 7;

fn client_config(hub: &LongConnections) -> Value {
    json!({
        "PingInterval": hub.ping_secs.load(Ordering::Relaxed).max(1),
        "ReconnectCount": -1,
        "ReconnectInterval": 0,
        "ReconnectNonce": 0,
    })
}

/// `POST /callback/ws/endpoint`.
pub(crate) async fn endpoint(
    State(st): State<Arc<EmuState>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    let id = body.get("AppID").and_then(Value::as_str);
    let secret = body.get("AppSecret").and_then(Value::as_str);
    if id != Some(st.settings.app_id.as_str()) || secret != Some(st.settings.app_secret.as_str()) {
        return Json(json!({"code": 514, "msg": "auth failed"}));
    }
    if lock(&st.long.clients).len() >= platform::MAX_LONG_CONNECTIONS {
        return Json(json!({"code": 1_000_040_350, "msg": "exceed connection limit"}));
    }
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    Json(json!({
        "code": 0,
        "msg": "ok",
        "data": {
            "URL": format!("ws://{host}/callback/ws/connect?device_id=emulator&service_id={SERVICE}"),
            "ClientConfig": client_config(&st.long),
        }
    }))
}

/// `GET /callback/ws/connect`: the socket.
pub(crate) async fn connect(
    State(st): State<Arc<EmuState>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| serve(st, socket))
}

async fn serve(st: Arc<EmuState>, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    let me = u64::from(st.long.connections.fetch_add(1, Ordering::Relaxed));
    lock(&st.long.clients).push((me, tx.clone()));
    loop {
        tokio::select! {
            out = rx.recv() => {
                // `None`: the emulator dropped the connection (`drop_long_connection`).
                let Some(out) = out else { break };
                let close = matches!(out, Message::Close(_));
                if sink.send(out).await.is_err() || close {
                    break;
                }
            }
            msg = stream.next() => {
                let Some(Ok(Message::Binary(bytes))) = msg else {
                    if matches!(msg, Some(Ok(_))) { continue; }
                    break;
                };
                let Some(frame) = Frame::decode(bytes.as_ref()) else { continue };
                if frame.method == CONTROL && frame.header("type") == Some("ping") {
                    st.long.pings.fetch_add(1, Ordering::Relaxed);
                    let mut pong = Frame::control(SERVICE, "pong");
                    pong.payload = client_config(&st.long).to_string().into_bytes();
                    let _ = tx.send(Message::Binary(pong.encode().into()));
                } else if frame.method == DATA {
                    let id = frame.header("message_id").unwrap_or_default().to_owned();
                    if let Some(waiter) = lock(&st.long.pending).remove(&id) {
                        let _ = waiter.send(frame.payload);
                    }
                }
            }
        }
    }
    lock(&st.long.clients).retain(|(id, _)| *id != me);
}

/// One connection picked at random, other than `not` when there is another.
pub(crate) fn pick(
    st: &EmuState,
    not: Option<u64>,
) -> Option<(u64, mpsc::UnboundedSender<Message>)> {
    let clients = lock(&st.long.clients);
    let choices: Vec<_> = clients
        .iter()
        .filter(|(id, _)| Some(*id) != not || clients.len() == 1)
        .collect();
    if choices.is_empty() {
        return None;
    }
    // xorshift64: the spread, not secrecy, matters here.
    let mut x = st.long.rng.load(Ordering::Relaxed) | 1;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    st.long.rng.store(x, Ordering::Relaxed);
    let (id, tx) = choices[(x % choices.len() as u64) as usize];
    Some((*id, tx.clone()))
}

/// Sends `event` to `client` as data frames and waits 3 s at most for the answer frame's
/// payload (`None`: no answer in time).
pub(crate) async fn send_event(
    st: &EmuState,
    client: &mpsc::UnboundedSender<Message>,
    event: &Value,
) -> Option<Vec<u8>> {
    let id = st.fresh_id("msg_");
    let (tx, rx) = oneshot::channel();
    lock(&st.long.pending).insert(id.clone(), tx);
    let body = event.to_string().into_bytes();
    let parts = st.long.split.load(Ordering::Relaxed).max(1);
    let size = body.len().div_ceil(parts).max(1);
    let chunks: Vec<&[u8]> = body.chunks(size).collect();
    // Sent last part first, so the client's reassembly is exercised out of order.
    for (seq, chunk) in chunks.iter().enumerate().rev() {
        let h = |k: &str, v: String| (k.to_owned(), v);
        let frame = Frame {
            service: SERVICE,
            method: DATA,
            headers: vec![
                h("type", "event".into()),
                h("message_id", id.clone()),
                h("sum", chunks.len().to_string()),
                h("seq", seq.to_string()),
                h("trace_id", id.clone()),
            ],
            payload: chunk.to_vec(),
        };
        let _ = client.send(Message::Binary(frame.encode().into()));
    }
    let reply = tokio::time::timeout(platform::CALLBACK_DEADLINE, rx).await;
    lock(&st.long.pending).remove(&id);
    match reply {
        Ok(Ok(p)) => Some(p),
        _ => None,
    }
}

impl Emulator {
    /// Splits each event sent over the long connection into `parts` data frames (1: whole).
    pub fn split_events(&self, parts: usize) {
        self.state.long.split.store(parts.max(1), Ordering::Relaxed);
    }

    /// The ping interval handed out to long-connection clients (default 120 s).
    pub fn ping_interval(&self, interval: Duration) {
        let secs = u32::try_from(interval.as_secs()).unwrap_or(u32::MAX).max(1);
        self.state.long.ping_secs.store(secs, Ordering::Relaxed);
    }

    /// How many long connections were opened, and how many pings came.
    pub fn long_connection_stats(&self) -> (u32, u32) {
        (
            self.state.long.connections.load(Ordering::Relaxed),
            self.state.long.pings.load(Ordering::Relaxed),
        )
    }

    /// Closes every open long connection, as a platform restart would.
    pub fn drop_long_connection(&self) {
        for (_, c) in lock(&self.state.long.clients).drain(..) {
            let _ = c.send(Message::Close(None));
        }
    }

    /// How many long connections are open now.
    pub fn long_connections_open(&self) -> usize {
        lock(&self.state.long.clients).len()
    }

    /// As [`Emulator::click`], delivered over the app's long connection instead of to a
    /// callback URL: the event goes out as data frames and the answer frame is awaited 3 s at
    /// most. With no connection open, the click fails with the unreachable error.
    pub async fn click_connected(
        &self,
        message: impl AsRef<str>,
        action: Value,
        operator: &str,
    ) -> Click {
        let message = message.as_ref();
        let (event, token) = self.click_event(message, action, operator);
        let mut click = Click::pending(token);
        let Some((_, client)) = pick(&self.state, None) else {
            return click.failed(platform::CALLBACK_UNREACHABLE, "no long connection is open");
        };
        let start = Instant::now();
        let reply = send_event(&self.state, &client, &event).await;
        click.elapsed = start.elapsed();
        let Some(payload) = reply else {
            return click.failed(platform::CALLBACK_LATE, LATE);
        };
        let reply: Value = serde_json::from_slice(&payload).unwrap_or(Value::Null);
        if reply.get("code").and_then(Value::as_i64) != Some(200) {
            return click.failed(
                platform::CALLBACK_NOT_200,
                format!("the answer frame's code is not 200: {reply}"),
            );
        }
        let answer = reply
            .get("data")
            .and_then(Value::as_str)
            .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .unwrap_or_else(|| json!({}));
        self.apply_answer(message, click, &answer)
    }
}
