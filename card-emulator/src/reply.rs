//! The platform's reply envelope: success (`{"code": 0, "data": …}`) and the error a handler
//! returns ([`Reject`], an axum `IntoResponse`: HTTP 400, or 429 for the gateway's 99991400),
//! with the counters of refused requests kept by one middleware.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::state::{EmuState, Refusal, lock};
use card_platform as platform;

/// A refused request: the platform's code and message, and for rate limits the reset header.
#[derive(Debug)]
pub(crate) struct Reject {
    pub(crate) code: u32,
    pub(crate) msg: String,
    pub(crate) reset: Option<u64>,
    /// Why, beyond the code: the budget a rate limit refused on (`Receiver/oc_1/1s`).
    pub(crate) reason: Option<String>,
}

impl Reject {
    /// An injected error reply (fault injection).
    pub(crate) fn injected(code: u32, msg: &str, reset: Option<u64>) -> Self {
        Reject {
            code,
            msg: msg.to_owned(),
            reset,
            reason: Some("injected".to_owned()),
        }
    }
}

/// A refusal with this code and message.
pub(crate) fn reject(code: u32, msg: impl Into<String>) -> Reject {
    Reject {
        code,
        msg: msg.into(),
        reset: None,
        reason: None,
    }
}

/// A refusal with the documented message of a code.
pub(crate) fn documented(code: u32) -> Reject {
    reject(code, platform::lookup(code).map_or("error", |c| c.text))
}

/// The code of a refused reply and its reason, for the counting middleware.
#[derive(Debug, Clone)]
struct Refused(u32, Option<String>);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let status = if self.code == platform::GATEWAY_LIMIT {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::BAD_REQUEST
        };
        let mut resp = reply(status, self.code, &self.msg, self.reset);
        resp.extensions_mut()
            .insert(Refused(self.code, self.reason));
        resp
    }
}

/// A successful reply's `data`.
#[derive(Debug)]
pub(crate) struct Data(pub(crate) Value);

impl IntoResponse for Data {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            axum::Json(json!({ "code": 0, "msg": "success", "data": self.0 })),
        )
            .into_response()
    }
}

/// The platform envelope, with a log id and the rate-limit headers when `reset` is set.
pub(crate) fn reply(status: StatusCode, code: u32, msg: &str, reset: Option<u64>) -> Response {
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

/// Counts a refused request (errors, and rate limits apart).
pub(crate) fn count(state: &EmuState, code: u32) {
    state.counters.errors.fetch_add(1, Ordering::Relaxed);
    if matches!(code, platform::FREQUENCY_LIMIT | platform::GATEWAY_LIMIT) {
        state.counters.rate_limited.fetch_add(1, Ordering::Relaxed);
    }
}

/// Middleware: counts every refusal a handler returned.
pub(crate) async fn count_rejections(
    State(state): State<Arc<EmuState>>,
    request: Request,
    next: Next,
) -> Response {
    let route = format!("{} {}", request.method(), request.uri().path());
    let resp = next.run(request).await;
    if let Some(Refused(code, reason)) = resp.extensions().get::<Refused>() {
        count(&state, *code);
        let mut refusals = lock(&state.refusals);
        if refusals.len() < 10_000 {
            refusals.push(Refusal {
                route,
                code: *code,
                reason: reason.clone(),
            });
        }
    }
    resp
}

/// An injected refusal, counted as the handlers' are.
pub(crate) fn injected_response(state: &EmuState, r: Reject) -> Response {
    count(state, r.code);
    r.into_response()
}
