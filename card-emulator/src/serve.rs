//! The accept loop: hyper over a loopback listener, with injected faults applied before routing
//! (a dropped connection needs the connection, which a handler does not have).

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use super::Fault;
use super::reply::{Reject, injected_response};
use super::state::EmuState;

/// The error that makes hyper close a connection without answering.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

pub(crate) async fn serve(listener: TcpListener, router: Router, state: Arc<EmuState>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (router, state) = (router.clone(), state.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let (router, state) = (router.clone(), state.clone());
                async move { handle(req, router, state).await }
            });
            // Errors here are the client going away or a dropped-connection fault.
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                // The long connection's WebSocket upgrade.
                .with_upgrades()
                .await;
        });
    }
}

async fn handle(
    req: Request<Incoming>,
    router: Router,
    state: Arc<EmuState>,
) -> Result<Response<Body>, Dropped> {
    state.arrived(req.method().as_str(), req.uri().path());
    let is_token = req.uri().path().starts_with("/open-apis/auth/");
    if !is_token && let Some(fault) = state.take_fault() {
        match fault {
            Fault::Drop => return Err(Dropped),
            Fault::LoseReply => {
                let _ = router.oneshot(req.map(Body::new)).await;
                return Err(Dropped);
            }
            Fault::Status(status) => {
                state
                    .counters
                    .requests
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let status =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let resp = Response::builder()
                    .status(status)
                    .header("content-type", "text/html")
                    .body(Body::from(format!("<html><body>{status}</body></html>")))
                    .unwrap_or_default();
                return Ok(resp);
            }
            Fault::Code(code) => {
                state
                    .counters
                    .requests
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let msg = card_platform::lookup(code).map_or("injected error", |c| c.text);
                let reset = (code == card_platform::FREQUENCY_LIMIT).then_some(1);
                return Ok(injected_response(
                    &state,
                    Reject::injected(code, msg, reset),
                ));
            }
            Fault::Delay(d) => tokio::time::sleep(d).await,
        }
    }
    let resp: Result<Response<Body>, Infallible> = router.oneshot(req.map(Body::new)).await;
    Ok(resp.unwrap_or_else(|never| match never {}))
}
