//! `POST /open-apis/auth/v3/tenant_access_token/internal`: the app's token (reused while it has
//! enough life left, as documented).

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn token(State(st): SharedState, body: Bytes) -> Result<Response, Reject> {
    st.counters.token_requests.fetch_add(1, Ordering::Relaxed);
    let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (id, secret) = (v["app_id"].as_str(), v["app_secret"].as_str());
    if id != Some(&st.settings.app_id) {
        return Err(reject(platform::INVALID_APP_ID, "invalid param: app_id"));
    }
    if secret != Some(&st.settings.app_secret) {
        return Err(reject(platform::INVALID_APP_SECRET, "app secret invalid"));
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
    Ok((
        StatusCode::OK,
        axum::Json(
            json!({ "code": 0, "msg": "ok", "tenant_access_token": token, "expire": expire }),
        ),
    )
        .into_response())
}
