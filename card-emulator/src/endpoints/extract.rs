//! The checks every API request starts with, as axum extractors, in the server's order: the
//! token (99991661 missing, 99991663 unknown or expired), then the JSON body (230001).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde_json::Value;

use super::{EmuState, Reject, authorize, json_body, platform, reject};

/// A request whose tenant access token is valid (and counted as an API request).
#[derive(Debug)]
pub(crate) struct Authorized;

impl FromRequestParts<Arc<EmuState>> for Authorized {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, st: &Arc<EmuState>) -> Result<Self, Reject> {
        authorize(st, &parts.headers).map(|()| Authorized)
    }
}

/// The request's body as JSON.
#[derive(Debug)]
pub(crate) struct Body(pub(crate) Value);

impl FromRequest<Arc<EmuState>> for Body {
    type Rejection = Reject;

    async fn from_request(req: Request, st: &Arc<EmuState>) -> Result<Self, Reject> {
        let bytes = Bytes::from_request(req, st).await.map_err(|e| {
            reject(
                platform::INVALID_PARAM,
                format!("Your request contains an invalid request parameter: {e}."),
            )
        })?;
        json_body(&bytes).map(Body)
    }
}
