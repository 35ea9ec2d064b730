//! An axum router for card callbacks (feature `callback-server`): verification, the URL check,
//! and your handler's [`Answer`]; a refused request gets HTTP 401 (authentication) or 400, and a
//! `tracing` warning that names why (never a secret). Each event is claimed in the receiver's
//! store before the handler runs ([`crate::claim`]): a second delivery (on this replica or
//! another sharing the store) is answered 200 with nothing, unhandled; a handler that fails
//! (returns `Err`) releases its claim and gets HTTP 500.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::claim::{Outcome, once};
use super::{Callback, CallbackError, CardActionEvent, Headers, Verifier};

/// A router answering `POST /` with `handler` for card actions. The handler returns an
/// [`crate::Answer`], or a `Result` of one whose error means it failed ([`Outcome`]).
pub fn router<H, F, R>(receiver: Arc<Verifier>, handler: H) -> Router
where
    H: Fn(CardActionEvent) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = R> + Send + 'static,
    R: Outcome + 'static,
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

async fn handle<H, F, R>(
    receiver: &Verifier,
    handler: H,
    headers: &HeaderMap,
    body: &[u8],
) -> Response
where
    H: Fn(CardActionEvent) -> F,
    F: Future<Output = R>,
    R: Outcome,
{
    let h = Headers::from_fn(|name| headers.get(name).and_then(|v| v.to_str().ok()));
    match receiver.verify(&h, body, std::time::SystemTime::now(), false) {
        Ok(Callback::Challenge(reply)) => axum::Json(reply).into_response(),
        Ok(Callback::CardAction(event)) => {
            let id = event.header.event_id.clone();
            match once(receiver.shared_store(), &id, handler(*event)).await {
                Ok(Some(Ok(answer))) => axum::Json(answer.to_json()).into_response(),
                Ok(Some(Err(e))) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
                // Delivered again: handled (or being handled) once already.
                Ok(None) => axum::Json(serde_json::json!({})).into_response(),
                Err(e) => {
                    tracing::warn!(error = %e, "card callback not handled");
                    (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response()
                }
            }
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
