//! The state a bot's replicas share, behind one trait with two backends: [`MemoryStore`] in
//! this process (the default; a single process needs nothing else) and `RedisStore` (feature
//! `redis`) for every replica of one app.
//!
//! What the platform counts per app is shared by all of its processes (the event overview, the
//! long-connection page, the CardKit pages): an event can reach any replica, and can come twice
//! (delivery is at least once; retried at 15 s, 5 min, 1 h and 6 h); a card entity's `sequence`
//! must strictly increase across every writer (300317). The store holds what makes N replicas
//! behave as one:
//!
//! - **claims** ([`Store::claim`] / [`Store::release`]): an atomic claim per key (`SET NX PX`),
//!   kept by its owner until it is released or expires — an event's claim while its handler
//!   runs (released when the handler fails, so a redelivery can run it; kept when it succeeds);
//!   a card entity's turn while one write is in flight;
//! - **counters** ([`Store::next`]): strictly increasing across processes (`INCR`) — a card
//!   entity's `sequence`, a delayed-update token's uses;
//! - **values** ([`Store::set`] / [`Store::get`]): the state of a stream another replica may
//!   take over.
//!
//! Keys are the caller's; a store made with a prefix ([`MemoryStore`] needs none) keeps apps
//! apart.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

mod memory;
#[cfg(feature = "redis")]
mod redis_store;

pub use memory::MemoryStore;
#[cfg(feature = "redis")]
pub use redis_store::RedisStore;

/// A boxed future, for the object-safe trait.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A store that could not be reached or answered unexpectedly.
#[derive(Debug, Clone, thiserror::Error)]
#[error("shared store: {0}")]
pub struct StoreError(pub String);

/// The shared state of one app's replicas (see the crate page).
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Claims `key` for `owner` for `ttl`: true when this call took it, false while another
    /// claim holds it.
    ///
    /// # Errors
    ///
    /// The store cannot be reached.
    fn claim<'a>(
        &'a self,
        key: &'a str,
        owner: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, StoreError>>;

    /// Releases `key` if `owner` still holds it (a claim that expired and was taken by another
    /// is left alone).
    ///
    /// # Errors
    ///
    /// The store cannot be reached.
    fn release<'a>(&'a self, key: &'a str, owner: &'a str)
    -> BoxFuture<'a, Result<(), StoreError>>;

    /// One more than the last value of counter `key` (1 the first time), kept for `ttl` after its
    /// last use: strictly increasing across every process of the store.
    ///
    /// # Errors
    ///
    /// The store cannot be reached.
    fn next<'a>(&'a self, key: &'a str, ttl: Duration) -> BoxFuture<'a, Result<u64, StoreError>>;

    /// Sets `key` to `value` for `ttl`.
    ///
    /// # Errors
    ///
    /// The store cannot be reached.
    fn set<'a>(
        &'a self,
        key: &'a str,
        value: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>>;

    /// The value of `key`, if set and not expired.
    ///
    /// # Errors
    ///
    /// The store cannot be reached.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StoreError>>;
}

/// Waits until `owner` holds `key` (claims it, retrying every few milliseconds), for at most
/// `wait`; returns whether it does.
///
/// # Errors
///
/// The store cannot be reached.
pub async fn claim_within(
    store: &dyn Store,
    key: &str,
    owner: &str,
    ttl: Duration,
    wait: Duration,
) -> Result<bool, StoreError> {
    let until = tokio::time::Instant::now() + wait;
    let mut pause = Duration::from_millis(1);
    loop {
        if store.claim(key, owner, ttl).await? {
            return Ok(true);
        }
        if tokio::time::Instant::now() + pause > until {
            return Ok(false);
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}
