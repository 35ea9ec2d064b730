//! Handling each event once across replicas: a claim per `event_id` in the shared store
//! ([`card_store::Store`]), taken before the handler runs, kept when it succeeds (for as long as
//! the platform may deliver the event again) and released when it fails, so the redelivery can
//! run it. Peers mark a failed handler as seen (it never runs again) or check and then add (two
//! replicas both run it); the claim is one atomic `SET NX`.
//!
//! Delivery is at least once: an event is retried at 15 s, 5 min, 1 h and 6 h (the event
//! overview), and can arrive twice after a success. A claim is held for [`RUNNING`] while its
//! handler runs (a replica that dies mid-handler frees it for a later delivery) and kept for
//! [`KEPT`] after a success.

use std::sync::Arc;
use std::time::Duration;

use card_store::Store;

use crate::{Answer, CallbackError};

/// How long a claim lasts while its handler runs.
pub const RUNNING: Duration = Duration::from_secs(60);
/// How long a handled event stays claimed: past the platform's last retry
/// ([`card_platform::EVENT_RETRIES`], counted end to end), with an hour to spare.
pub const KEPT: Duration = Duration::from_secs(
    card_platform::EVENT_RETRIES[0].as_secs()
        + card_platform::EVENT_RETRIES[1].as_secs()
        + card_platform::EVENT_RETRIES[2].as_secs()
        + card_platform::EVENT_RETRIES[3].as_secs()
        + 3600,
);

/// An event this replica handles: call [`Claim::done`] or [`Claim::failed`].
#[derive(Debug)]
#[must_use = "a claim is kept with `done` or released with `failed`"]
pub struct Claim {
    store: Arc<dyn Store>,
    key: String,
    owner: String,
}

impl Claim {
    /// Takes `event_id` for this replica; `None` when another delivery holds or handled it.
    ///
    /// # Errors
    ///
    /// [`CallbackError::Store`] when the store cannot be reached (the event is not handled: a
    /// redelivery will come).
    pub async fn take(
        store: Arc<dyn Store>,
        event_id: &str,
    ) -> Result<Option<Claim>, CallbackError> {
        let key = format!("event:{event_id}");
        let owner = owner();
        let took = store
            .claim(&key, &owner, RUNNING)
            .await
            .map_err(|e| CallbackError::Store(e.0))?;
        Ok(took.then_some(Claim { store, key, owner }))
    }

    /// The handler succeeded: the event stays claimed for [`KEPT`].
    ///
    /// # Errors
    ///
    /// [`CallbackError::Store`] when the store cannot be reached.
    pub async fn done(self) -> Result<(), CallbackError> {
        self.store
            .set(&self.key, "done", KEPT)
            .await
            .map_err(|e| CallbackError::Store(e.0))
    }

    /// The handler failed: the claim is released, so a redelivery runs it again.
    ///
    /// # Errors
    ///
    /// [`CallbackError::Store`] when the store cannot be reached (the claim then expires after
    /// [`RUNNING`]).
    pub async fn failed(self) -> Result<(), CallbackError> {
        self.store
            .release(&self.key, &self.owner)
            .await
            .map_err(|e| CallbackError::Store(e.0))
    }
}

/// A unique owner for one claim (process, time, counter).
fn owner() -> String {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!("{}-{t}-{n}", std::process::id())
}

/// What a handler returns: an [`Answer`] (it succeeded), or a `Result` whose error means it
/// failed — the event's claim is released and the platform told so (HTTP 500, or code 500 over
/// the long connection), so a redelivery runs it again.
pub trait Outcome {
    /// The answer, or why the handler failed.
    ///
    /// # Errors
    ///
    /// The handler's error, as text.
    fn into_answer(self) -> Result<Answer, String>;
}

impl Outcome for Answer {
    fn into_answer(self) -> Result<Answer, String> {
        Ok(self)
    }
}

impl<E: std::fmt::Display> Outcome for Result<Answer, E> {
    fn into_answer(self) -> Result<Answer, String> {
        self.map_err(|e| e.to_string())
    }
}

/// Runs `handler` on an event if this replica claims it: `None` when another delivery holds or
/// handled it, else the handler's outcome (its claim kept or released).
#[cfg(any(feature = "server", feature = "ws"))]
pub(crate) async fn once<F, R>(
    store: &Arc<dyn Store>,
    event_id: &str,
    handler: F,
) -> Result<Option<Result<Answer, String>>, CallbackError>
where
    F: std::future::Future<Output = R>,
    R: Outcome,
{
    // An event without an id cannot be de-duplicated: it runs.
    if event_id.is_empty() {
        return Ok(Some(handler.await.into_answer()));
    }
    let Some(claim) = Claim::take(store.clone(), event_id).await? else {
        return Ok(None);
    };
    let outcome = handler.await.into_answer();
    match &outcome {
        Ok(_) => claim.done().await?,
        Err(e) => {
            tracing::warn!(%event_id, error = %e, "handler failed; the event is released for a redelivery");
            claim.failed().await?;
        }
    }
    Ok(Some(outcome))
}
