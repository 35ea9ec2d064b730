//! The endpoints, with the documented checks in the server's order: token, body, rate limits,
//! message state, content.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use card_validate::{ContentKind, PayloadKind};
use serde_json::{Value, json};

use super::MessageState;
use super::state::{EmuState, Stored, lock};
use crate::Limits;
use crate::platform;
use crate::preflight::{self, UPDATE_WINDOW};

type St = State<Arc<EmuState>>;

pub(crate) fn router(state: Arc<EmuState>) -> Router {
    Router::new()
        .route(
            "/open-apis/auth/v3/tenant_access_token/internal",
            post(token),
        )
        .route("/open-apis/im/v1/messages", post(send))
        .route(
            "/open-apis/im/v1/messages/{message_id}",
            put(edit).patch(update).get(get),
        )
        .route("/open-apis/im/v2/chat_button", put(chat_button))
        .fallback(|| async {
            reply(
                StatusCode::NOT_FOUND,
                404,
                "the emulator does not serve this path",
                None,
            )
        })
        .with_state(state)
}

/// A failed reply: HTTP 400 (429 for the gateway's 99991400) and the platform envelope.
pub(crate) struct Reject {
    code: u32,
    msg: String,
    reset: Option<u64>,
}

impl Reject {
    /// An injected error reply (fault injection).
    pub(crate) fn injected(code: u32, msg: &str, reset: Option<u64>) -> Self {
        Reject {
            code,
            msg: msg.to_owned(),
            reset,
        }
    }
}

fn reject(code: u32, msg: impl Into<String>) -> Reject {
    Reject {
        code,
        msg: msg.into(),
        reset: None,
    }
}

/// The documented message of a code.
fn documented(code: u32) -> Reject {
    reject(code, platform::lookup(code).map_or("error", |(m, _)| m))
}

fn reply(status: StatusCode, code: u32, msg: &str, reset: Option<u64>) -> Response {
    let log_id = format!(
        "emu{:x}",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos()
    );
    let body = json!({
        "code": code,
        "msg": msg,
        "error": { "log_id": log_id, "troubleshooter": "card-send emulator" },
    });
    let mut resp = (status, axum::Json(body)).into_response();
    if let Some(reset) = reset {
        let h = resp.headers_mut();
        h.insert("x-ogw-ratelimit-reset", HeaderValue::from(reset));
        h.insert("x-ogw-ratelimit-limit", HeaderValue::from_static("50"));
    }
    resp
}

pub(crate) fn reject_response(state: &EmuState, r: Reject) -> Response {
    state.counters.errors.fetch_add(1, Ordering::Relaxed);
    if matches!(r.code, platform::FREQUENCY_LIMIT | platform::GATEWAY_LIMIT) {
        state.counters.rate_limited.fetch_add(1, Ordering::Relaxed);
    }
    let status = if r.code == platform::GATEWAY_LIMIT {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::BAD_REQUEST
    };
    reply(status, r.code, &r.msg, r.reset)
}

fn ok(data: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({ "code": 0, "msg": "success", "data": data })),
    )
        .into_response()
}

fn respond(state: &EmuState, r: Result<Value, Reject>) -> Response {
    match r {
        Ok(data) => ok(data),
        Err(e) => reject_response(state, e),
    }
}

async fn token(State(st): St, body: Bytes) -> Response {
    st.counters.token_requests.fetch_add(1, Ordering::Relaxed);
    let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (id, secret) = (v["app_id"].as_str(), v["app_secret"].as_str());
    if id != Some(&st.settings.app_id) {
        return reject_response(
            &st,
            reject(platform::INVALID_APP_ID, "invalid param: app_id"),
        );
    }
    if secret != Some(&st.settings.app_secret) {
        return reject_response(
            &st,
            reject(platform::INVALID_APP_SECRET, "app secret invalid"),
        );
    }
    let ttl = st.settings.token_ttl;
    let now = Instant::now();
    let mut tokens = lock(&st.tokens);
    tokens.retain(|_, exp| *exp > now);
    // As documented: the same token while it has 30 min or more left (a quarter of a short TTL).
    // At least 1 s left, and `expire` rounds down: a client never thinks a token lives longer.
    let keep = Duration::from_secs(1800)
        .min(ttl / 4)
        .max(Duration::from_secs(1));
    let current = tokens
        .iter()
        .filter(|(_, exp)| **exp - now >= keep)
        .max_by_key(|(_, exp)| **exp);
    let (token, exp) = match current {
        Some((t, exp)) => (t.clone(), *exp),
        None => {
            let t = st.fresh_id("t-");
            tokens.insert(t.clone(), now + ttl);
            (t, now + ttl)
        }
    };
    let expire = (exp - now).as_secs();
    (
        StatusCode::OK,
        axum::Json(
            json!({ "code": 0, "msg": "ok", "tenant_access_token": token, "expire": expire }),
        ),
    )
        .into_response()
}

fn authorize(st: &EmuState, headers: &HeaderMap) -> Result<(), Reject> {
    st.counters.requests.fetch_add(1, Ordering::Relaxed);
    let Some(h) = headers.get("authorization").and_then(|h| h.to_str().ok()) else {
        return Err(reject(
            platform::TOKEN_MISSING,
            "Missing access token for authorization. Please make a request with token attached.",
        ));
    };
    let token = h.strip_prefix("Bearer ").unwrap_or("");
    match lock(&st.tokens).get(token) {
        Some(exp) if *exp > Instant::now() => Ok(()),
        _ => Err(reject(
            platform::TOKEN_INVALID,
            "Invalid access token for authorization. Please make a request with token attached.",
        )),
    }
}

fn json_body(body: &Bytes) -> Result<Value, Reject> {
    serde_json::from_slice(body).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("Your request contains an invalid request parameter: body is not JSON ({e})."),
        )
    })
}

fn str_field<'v>(v: &'v Value, name: &str) -> Result<&'v str, Reject> {
    v.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| reject(platform::INVALID_PARAM, format!("Your request contains an invalid request parameter: {name} is required and must be a string.")))
}

fn limited(st: &EmuState, checks: &[(String, Duration, u32)], code: u32) -> Result<(), Reject> {
    st.rate(checks).map_err(|reset| Reject {
        reset: Some(reset),
        ..documented(code)
    })
}

/// The seeds' limits, as the client's defaults hold them (the emulator enforces them exactly,
/// without the client's headroom).
const DOCUMENTED: Limits = Limits::DOCUMENTED;

const SEC: Duration = Duration::from_secs(1);
const MIN: Duration = Duration::from_secs(60);

fn app_limits(api: &str) -> Vec<(String, Duration, u32)> {
    vec![
        (format!("{api}/s"), SEC, DOCUMENTED.app_per_second),
        (format!("{api}/min"), MIN, DOCUMENTED.app_per_minute),
    ]
}

/// 230025/230099/230001 for a content, as the server reports them; else what card-validate
/// recognised it as (2.0 or 1.0 card, template …).
fn check_content(msg_type: &str, content: &str) -> Result<ContentKind, Reject> {
    let report = match msg_type {
        "interactive" => card_validate::validate_str(content),
        "text" => card_validate::validate_payload_str(PayloadKind::Text, content),
        "post" => card_validate::validate_payload_str(PayloadKind::Post, content),
        other => {
            return Err(reject(
                platform::INVALID_PARAM,
                format!(
                    "Your request contains an invalid request parameter: the emulator does not serve msg_type {other:?}."
                ),
            ));
        }
    };
    verdict(&report)?;
    Ok(report.kind())
}

/// The server's answer to card-validate's first error, rendered as the server writes it. The
/// emulator judges with card-validate in its default (server) mode, not with the client's
/// pre-flight, so a test that finds the two agreeing can catch a pre-flight bug.
fn verdict(report: &card_validate::Report) -> Result<(), Reject> {
    let Some(d) = report.first_error() else {
        return Ok(());
    };
    Err(match d.sub_code {
        Some(_) => reject(
            d.code,
            format!("Failed to create card content, ext={}", d.server_text()),
        ),
        None => reject(d.code, d.message.clone()),
    })
}

/// (shared, v2) of a card content of `kind`; a template or CardKit card counts as both (its JSON
/// is not known here).
fn card_traits(kind: ContentKind, content: &str) -> (bool, bool) {
    let v2 = match kind {
        ContentKind::CardV2 => true,
        ContentKind::CardV1 => false,
        _ => return (true, true),
    };
    let v: Value = serde_json::from_str(content).unwrap_or(Value::Null);
    let update_multi = v["config"]["update_multi"].as_bool();
    let shared = if v2 {
        update_multi != Some(false)
    } else {
        update_multi == Some(true)
    };
    (shared, v2)
}

fn millis(t: SystemTime) -> String {
    t.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
        .to_string()
}

fn message_json(m: &MessageState, app_id: &str) -> Value {
    json!({
        "message_id": m.message_id,
        "msg_type": m.msg_type,
        "create_time": millis(m.sent_at),
        "update_time": millis(m.updated_at),
        "deleted": m.deleted || m.recalled,
        "updated": m.updates + m.edits > 0,
        "chat_id": m.chat_id,
        "sender": { "id": app_id, "id_type": "app_id", "sender_type": "app", "tenant_key": "emulator" },
        "body": { "content": m.content },
    })
}

async fn send(
    State(st): St,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let r = (|| {
        authorize(&st, &headers)?;
        let v = json_body(&body)?;
        let id_type = q.get("receive_id_type").map(String::as_str).unwrap_or("");
        if !["chat_id", "open_id", "user_id", "union_id", "email"].contains(&id_type) {
            return Err(reject(
                platform::INVALID_PARAM,
                format!(
                    "Your request contains an invalid request parameter: receive_id_type {id_type:?} is not one of chat_id, open_id, user_id, union_id, email."
                ),
            ));
        }
        let (receive_id, msg_type, content) = (
            str_field(&v, "receive_id")?,
            str_field(&v, "msg_type")?,
            str_field(&v, "content")?,
        );
        let mut checks = app_limits("send");
        checks.push((
            format!("send/to/{receive_id}"),
            SEC,
            DOCUMENTED.receiver_per_second,
        ));
        limited(&st, &checks, platform::FREQUENCY_LIMIT)?;
        let now = st.now();
        let uuid = v
            .get("uuid")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty());
        if let Some(u) = uuid {
            // De-duplicated for an hour, as documented for `uuid`.
            let prior = lock(&st.uuids)
                .get(u)
                .filter(|(_, at)| {
                    now.duration_since(*at).unwrap_or_default() < Duration::from_secs(3600)
                })
                .map(|(id, _)| id.clone());
            if let Some(id) = prior
                && let Some(m) = lock(&st.messages).get(&id)
            {
                return Ok(message_json(&m.state, &st.settings.app_id));
            }
        }
        let chat_id = if id_type == "chat_id" {
            let chats = lock(&st.chats);
            let chat = chats.get(receive_id).ok_or_else(|| {
                reject(
                    platform::INVALID_PARAM,
                    format!(
                        "Your request contains an invalid request parameter: no chat {receive_id}."
                    ),
                )
            })?;
            if chat.dissolved {
                return Err(documented(platform::CHAT_DISSOLVED));
            }
            if !chat.bot_in_chat {
                return Err(documented(platform::BOT_NOT_IN_CHAT));
            }
            receive_id.to_owned()
        } else {
            // A p2p chat per user.
            format!("oc_p2p_{receive_id}")
        };
        let kind = check_content(msg_type, content)?;
        let (shared, v2) = if msg_type == "interactive" {
            card_traits(kind, content)
        } else {
            (false, false)
        };
        let id = st.fresh_id("om_");
        let state = MessageState::new(&id, &chat_id, msg_type, content, now, &st.settings.app_id);
        let data = message_json(&state, &st.settings.app_id);
        lock(&st.messages).insert(id.clone(), Stored { state, shared, v2 });
        if let Some(u) = uuid {
            lock(&st.uuids).insert(u.to_owned(), (id, now));
        }
        st.counters.sends.fetch_add(1, Ordering::Relaxed);
        Ok(data)
    })();
    respond(&st, r)
}

fn not_found(id: &str) -> Reject {
    reject(
        platform::INVALID_PARAM,
        format!("Your request contains an invalid request parameter: message_id {id} not found."),
    )
}

/// Common state checks of PATCH and PUT: exists, not deleted, not recalled, sent by this app.
fn live<'m>(
    st: &EmuState,
    messages: &'m mut HashMap<String, Stored>,
    id: &str,
) -> Result<&'m mut Stored, Reject> {
    let m = messages.get_mut(id).ok_or_else(|| not_found(id))?;
    if m.state.deleted {
        return Err(documented(platform::DELETED));
    }
    if m.state.recalled {
        return Err(documented(platform::RECALLED));
    }
    if m.state.sender != st.settings.app_id {
        return Err(documented(platform::NOT_THE_SENDER));
    }
    Ok(m)
}

async fn update(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let r = (|| {
        authorize(&st, &headers)?;
        let v = json_body(&body)?;
        let content = str_field(&v, "content")?;
        let mut checks = app_limits("patch");
        checks.push((
            format!("patch/msg/{id}"),
            SEC,
            DOCUMENTED.message_per_second,
        ));
        limited(&st, &checks, platform::FREQUENCY_LIMIT)?;
        let now = st.now();
        let mut messages = lock(&st.messages);
        let m = live(&st, &mut messages, &id)?;
        if m.state.msg_type != "interactive" {
            return Err(reject(
                platform::INVALID_PARAM,
                format!(
                    "Your request contains an invalid request parameter: only cards (interactive) can be updated, this message is {}.",
                    m.state.msg_type
                ),
            ));
        }
        if now.duration_since(m.state.sent_at).unwrap_or_default() > UPDATE_WINDOW {
            return Err(documented(platform::UPDATE_WINDOW_PASSED));
        }
        let kind = check_content("interactive", content)?;
        let (shared, v2) = card_traits(kind, content);
        if m.v2 && !v2 {
            return Err(reject(
                platform::CARD_CONTENT,
                "Failed to create card content, ext=ErrCode: 200830; ErrMsg: schemaV2 card can not change schemaV1; ",
            ));
        }
        if !(m.shared && shared) {
            return Err(reject(
                platform::CARD_CONTENT,
                "Failed to create card content, ext=ErrCode: 300302; ErrMsg: update_multi is false; ErrorValue: config.update_multi must be true before and after the update; ",
            ));
        }
        m.state.content = content.to_owned();
        m.state.updates += 1;
        m.state.updated_at = now;
        m.v2 = v2;
        st.counters.updates.fetch_add(1, Ordering::Relaxed);
        Ok(json!({}))
    })();
    respond(&st, r)
}

async fn edit(State(st): St, headers: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let r = (|| {
        authorize(&st, &headers)?;
        let v = json_body(&body)?;
        let (msg_type, content) = (str_field(&v, "msg_type")?, str_field(&v, "content")?);
        if !["text", "post"].contains(&msg_type) {
            return Err(reject(
                platform::INVALID_PARAM,
                format!(
                    "Your request contains an invalid request parameter: msg_type must be text or post, got {msg_type:?}."
                ),
            ));
        }
        limited(&st, &app_limits("edit"), platform::FREQUENCY_LIMIT)?;
        let now = st.now();
        let mut messages = lock(&st.messages);
        let m = live(&st, &mut messages, &id)?;
        if !["text", "post"].contains(&m.state.msg_type.as_str()) {
            return Err(documented(platform::UNSUPPORTED_MESSAGE_TYPE));
        }
        if now.duration_since(m.state.sent_at).unwrap_or_default() > st.settings.edit_window {
            return Err(documented(platform::EDIT_WINDOW_PASSED));
        }
        if m.state.edits >= preflight::MAX_EDITS {
            return Err(documented(platform::EDIT_LIMIT_REACHED));
        }
        check_content(msg_type, content)?;
        m.state.msg_type = msg_type.to_owned();
        m.state.content = content.to_owned();
        m.state.edits += 1;
        m.state.updated_at = now;
        st.counters.edits.fetch_add(1, Ordering::Relaxed);
        Ok(message_json(&m.state, &st.settings.app_id))
    })();
    respond(&st, r)
}

async fn get(State(st): St, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let r = (|| {
        authorize(&st, &headers)?;
        let messages = lock(&st.messages);
        let m = messages.get(&id).ok_or_else(|| not_found(&id))?;
        if m.state.deleted {
            return Err(documented(platform::DELETED));
        }
        Ok(json!({ "items": [message_json(&m.state, &st.settings.app_id)] }))
    })();
    respond(&st, r)
}

async fn chat_button(
    State(st): St,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let r = (|| {
        authorize(&st, &headers)?;
        let id_type = q.get("user_id_type").map_or("open_id", String::as_str);
        if !["open_id", "union_id", "user_id"].contains(&id_type) {
            return Err(reject(
                platform::INVALID_PARAM,
                format!("param is invalid: user_id_type {id_type:?}"),
            ));
        }
        limited(
            &st,
            &[(
                "chat_button/s".to_owned(),
                SEC,
                DOCUMENTED.chat_button_per_second,
            )],
            platform::GATEWAY_LIMIT,
        )?;
        let v = json_body(&body)?;
        let report = card_validate::validate_payload(PayloadKind::ChatButton, &v);
        if let Some(d) = report.first_error() {
            return Err(reject(
                platform::INVALID_PARAM,
                format!("param is invalid: {}", d.message),
            ));
        }
        let chat_id = str_field(&v, "chat_id")?;
        let mut chats = lock(&st.chats);
        let chat = chats
            .get_mut(chat_id)
            .filter(|c| c.bot_in_chat && !c.dissolved)
            .ok_or_else(|| {
                reject(
                    platform::NO_PERMISSION,
                    "no permission, bot not in the chat",
                )
            })?;
        let failed: Vec<Value> = v["user_ids"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|u| !chat.members.contains(*u))
            .map(|u| json!({ "error_code": 0, "error_message": "The user is not in the chat", "user_id": u }))
            .collect();
        chat.buttons = Some(
            v.get("buttons")
                .cloned()
                .unwrap_or(json!({ "buttons": [] })),
        );
        st.counters.chat_buttons.fetch_add(1, Ordering::Relaxed);
        Ok(json!({ "failed_user_reasons": failed }))
    })();
    respond(&st, r)
}
