//! The endpoints, one module each, with the documented checks in the server's order (token,
//! body, rate limits, message state, content), and the checks they share. Each handler returns a
//! `Result` whose error is the platform's reply ([`Reject`], an axum `IntoResponse`).

mod cardkit;
mod chat_button;
mod delayed_update;
mod edit;
mod extract;
mod get;
mod images;
mod recall;
mod reply;
mod send;
mod token;
mod update;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{MethodFilter, MethodRouter, post};
use card_validate::{ContentKind, PayloadKind};
use serde_json::{Value, json};

use super::MessageState;
use super::reply::{Data, Reject, documented, reject, reply};
use super::state::{EmuState, EmulatedUser, Stored, lock};
use card_platform::routes::{self, Route};
use card_platform::{self as platform, MAX_EDITS, UPDATE_WINDOW};
use extract::{Authorized, Body};

type SharedState = axum::extract::State<Arc<EmuState>>;

/// The handler of each route of the platform table ([`card_platform::routes`]): the router takes method
/// and path from the table, so the emulator serves exactly the paths the client calls.
fn handlers() -> Vec<(&'static Route, MethodRouter<Arc<EmuState>>)> {
    fn on<H, T>(route: &'static Route, handler: H) -> (&'static Route, MethodRouter<Arc<EmuState>>)
    where
        H: axum::handler::Handler<T, Arc<EmuState>>,
        T: 'static,
    {
        // The table holds only standard methods, each of which has a filter.
        let filter = MethodFilter::try_from(route.method.clone()).unwrap_or(MethodFilter::GET);
        (route, axum::routing::on(filter, handler))
    }
    vec![
        on(&routes::TOKEN, token::token),
        on(&routes::SEND, send::send),
        on(&routes::UPDATE_CARD, update::update),
        on(&routes::EDIT_MESSAGE, edit::edit),
        on(&routes::GET_MESSAGE, get::get),
        on(&routes::RECALL, recall::recall),
        on(&routes::REPLY, reply::reply),
        on(&routes::UPLOAD_IMAGE, images::upload),
        on(&routes::DELAYED_UPDATE, delayed_update::delayed_update),
        on(&routes::CHAT_BUTTON, chat_button::chat_button),
        on(&routes::ENTITY_CREATE, cardkit::create),
        on(&routes::ENTITY_ID_CONVERT, cardkit::id_convert),
        on(&routes::ENTITY_BATCH_UPDATE, cardkit::batch_update),
        on(&routes::ENTITY_UPDATE, cardkit::update),
        on(&routes::ENTITY_SETTINGS, cardkit::settings),
        on(&routes::ELEMENT_CONTENT, cardkit::content),
        on(&routes::ELEMENT_CREATE, cardkit::add_elements),
        on(&routes::ELEMENT_UPDATE, cardkit::replace_element),
        on(&routes::ELEMENT_PATCH, cardkit::patch_element),
        on(&routes::ELEMENT_DELETE, cardkit::delete_element),
    ]
}

pub(crate) fn router(state: Arc<EmuState>) -> Router {
    // One method router per path, holding every method the table has for it.
    let mut by_path: Vec<(&'static str, MethodRouter<Arc<EmuState>>)> = Vec::new();
    for (route, handler) in handlers() {
        match by_path.iter().position(|(p, _)| *p == route.path) {
            Some(i) => {
                let (path, methods) = by_path.swap_remove(i);
                by_path.push((path, methods.merge(handler)));
            }
            None => by_path.push((route.path, handler)),
        }
    }
    let mut router = Router::new();
    for (path, methods) in by_path {
        router = router.route(path, methods);
    }
    router
        .route(
            "/callback/ws/endpoint",
            post(super::long_connection::endpoint),
        )
        .route(
            "/callback/ws/connect",
            axum::routing::get(super::long_connection::connect),
        )
        .fallback(|| async {
            reply(
                StatusCode::NOT_FOUND,
                404,
                "the emulator does not serve this path",
                None,
            )
        })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            super::reply::count_rejections,
        ))
        .with_state(state)
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
    st.rate(checks).map_err(|(reset, budget)| Reject {
        reset: Some(reset),
        reason: Some(budget),
        ..documented(code)
    })
}

/// Counts one call on `route` (for `key`: its message, receiver or card entity) against every
/// budget the route spends ([`card_platform::Budget`]), as it arrives; past one, the route's limit
/// code. Keyed budgets are counted per key across routes (one card entity's card and element
/// calls together); the others per API.
fn spend(st: &EmuState, route: &Route, key: Option<&str>) -> Result<(), Reject> {
    let mut checks = Vec::new();
    for budget in route.spends {
        let scope = match (budget.keyed(), key) {
            (true, Some(k)) => format!("{budget:?}/{k}"),
            (true, None) => continue,
            (false, _) => format!("{budget:?}/{} {}", route.method, route.path),
        };
        for (n, window) in budget.windows() {
            checks.push((format!("{scope}/{}s", window.as_secs_f64()), *window, *n));
        }
    }
    limited(st, &checks, route.limit_code())
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
    match report.first_error() {
        Some(d) => Err(reject(d.code, d.server_message())),
        None => Ok(()),
    }
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
    let mut v = json!({
        "message_id": m.message_id,
        "msg_type": m.msg_type,
        "create_time": millis(m.sent_at),
        "update_time": millis(m.updated_at),
        "deleted": m.deleted || m.recalled,
        "updated": m.updates + m.edits > 0,
        "chat_id": m.chat_id,
        "sender": { "id": app_id, "id_type": "app_id", "sender_type": "app", "tenant_key": "emulator" },
        "body": { "content": m.content },
    });
    for (key, value) in [
        ("root_id", &m.root_id),
        ("parent_id", &m.parent_id),
        ("thread_id", &m.thread_id),
    ] {
        if let Some(value) = value {
            v[key] = json!(value);
        }
    }
    v
}

/// The message already created with this `uuid` within the hour (send and reply de-duplicate
/// for an hour, as their pages document), as the reply to repeat.
fn sent_with_uuid(st: &EmuState, uuid: &str, now: SystemTime) -> Option<Value> {
    let id = lock(&st.uuids)
        .get(uuid)
        .filter(|(_, at)| now.duration_since(*at).unwrap_or_default() < Duration::from_secs(3600))
        .map(|(id, _)| id.clone())?;
    lock(&st.messages)
        .get(&id)
        .map(|m| message_json(&m.state, &st.settings.app_id))
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
    live_or(st, messages, id, platform::NOT_THE_SENDER)
}

/// [`live`], with the endpoint's own code for a message another app sent.
fn live_or<'m>(
    st: &EmuState,
    messages: &'m mut HashMap<String, Stored>,
    id: &str,
    not_the_sender: u32,
) -> Result<&'m mut Stored, Reject> {
    let m = messages.get_mut(id).ok_or_else(|| not_found(id))?;
    if m.state.deleted {
        return Err(documented(platform::DELETED));
    }
    if m.state.recalled {
        return Err(documented(platform::RECALLED));
    }
    if m.state.sender != st.settings.app_id {
        return Err(documented(not_the_sender));
    }
    Ok(m)
}

#[cfg(test)]
mod route_tests {
    use super::*;

    /// The emulator serves every route of the platform table, once.
    #[test]
    fn every_route_of_the_table_has_one_handler() {
        let served: Vec<Route> = handlers().iter().map(|(r, _)| (*r).clone()).collect();
        for r in routes::ALL {
            let n = served.iter().filter(|s| *s == r).count();
            assert_eq!(n, 1, "{} {}", r.method.as_str(), r.path);
        }
        assert_eq!(served.len(), routes::ALL.len());
    }
}
