//! An axum router for card callbacks (feature `callback-server`): verification, the URL check,
//! and your handler's [`Answer`]; a refused request gets HTTP 401 (authentication) or 400, and a
//! `tracing` warning that names why (never a secret).

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::{Answer, Callback, CallbackError, CardActionEvent, Headers, Receiver};

/// A router answering `POST /` with `handler` for card actions.
pub fn router<H, F>(receiver: Arc<Receiver>, handler: H) -> Router
where
    H: Fn(CardActionEvent) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Answer> + Send + 'static,
{
    Router::new().route(
        "/",
        post(move |headers: HeaderMap, body: Bytes| {
            let receiver = receiver.clone();
            let handler = handler.clone();
            async move { handle(&receiver, handler, &headers, &body).await }
        }),
    )
}

async fn handle<H, F>(receiver: &Receiver, handler: H, headers: &HeaderMap, body: &[u8]) -> Response
where
    H: Fn(CardActionEvent) -> F,
    F: Future<Output = Answer>,
{
    let h = Headers::from_fn(|name| headers.get(name).and_then(|v| v.to_str().ok()));
    match receiver.receive(&h, body) {
        Ok(Callback::Challenge(reply)) => axum::Json(reply).into_response(),
        Ok(Callback::CardAction(event)) => {
            axum::Json(handler(*event).await.to_json()).into_response()
        }
        Ok(_) => axum::Json(serde_json::json!({})).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "card callback refused");
            let status = match e {
                CallbackError::MissingHeader(_)
                | CallbackError::BadSignature
                | CallbackError::StaleTimestamp { .. }
                | CallbackError::Replay(_)
                | CallbackError::BadToken => StatusCode::UNAUTHORIZED,
                _ => StatusCode::BAD_REQUEST,
            };
            (status, e.to_string()).into_response()
        }
    }
}
