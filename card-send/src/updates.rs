//! Coalescing card updates: stream many versions of one card, send only the latest, as fast as
//! the limits allow, and never lose the final one.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};

use card_dsl::Card;
use tokio::sync::{Notify, watch};

use crate::transport::Exec;
use crate::{Error, MessageId};

/// A boxed future (the sink is used as a trait object).
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Whether a newer card replaced the one being sent (the handle's policy, asked before retries).
pub(crate) type Superseded<'a> = &'a (dyn Fn() -> bool + Send + Sync);

/// The narrow interface the handle needs from a client: wait for a message's next PATCH slot,
/// and PATCH a card (pre-flight, limits and retries included), giving up between retries when
/// the handle says a newer card superseded it.
pub(crate) trait CardSink: Send + Sync + 'static {
    /// Resolves when one more PATCH of message `id` fits its limit (the slot is not taken).
    fn ready<'a>(&'a self, id: &'a MessageId) -> BoxFuture<'a, ()>;
    /// Sends `card` to message `id`.
    fn patch<'a>(
        &'a self,
        id: &'a MessageId,
        card: &'a Card,
        superseded: Superseded<'a>,
    ) -> BoxFuture<'a, Result<(), Exec>>;
}

/// A handle from [`crate::Client::card_updates`] for one message.
///
/// - [`set`](CardUpdates::set) stores the card and returns at once: no network, no waiting on
///   limits. A card not yet sent is replaced by a newer one (latest wins).
/// - A background task sends the latest card whenever the limits allow (5 PATCH/s per message
///   and the app's limits), retrying failures within the client's retry policy; while it waits to
///   retry, a newer card takes the place of the failed one.
/// - [`flush`](CardUpdates::flush) waits until the latest card set so far is on the server, or
///   returns the error that stopped it. A card that failed with a retryable error is tried again
///   by the next `flush` (one more bounded round), so the final state is not lost.
///
/// Dropping the handle lets the task finish delivering the latest card.
///
/// ```no_run
/// # async fn run(client: card_send::Client, id: card_send::MessageId) -> Result<(), card_send::Error> {
/// let updates = client.card_updates(id);
/// let mut answer = String::new();
/// for token in ["Hel", "lo", ", world"] {
///     answer.push_str(token);
///     updates.set(card_dsl::card! { <card><markdown>{answer.clone()}</markdown></card> });
/// }
/// updates.flush().await?;
/// # Ok(()) }
/// ```
pub struct CardUpdates {
    shared: Arc<Shared>,
}

struct Shared {
    sink: Arc<dyn CardSink>,
    id: MessageId,
    slot: Mutex<Slot>,
    wake: Notify,
    state: watch::Sender<State>,
}

#[derive(Default)]
struct Slot {
    /// Number of `set` calls; the latest card's sequence number.
    seq: u64,
    /// The card to send next and its number.
    latest: Option<(u64, Card)>,
    /// The last card, kept after its delivery failed with a retryable error.
    parked: Option<(u64, Card)>,
    worker: bool,
    closed: bool,
}

#[derive(Clone, Default)]
struct State {
    delivered: u64,
    failed: Option<(u64, Error)>,
    sent: u64,
}

impl fmt::Debug for CardUpdates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let slot = self.shared.lock();
        f.debug_struct("CardUpdates")
            .field("message", &self.shared.id)
            .field("set", &slot.seq)
            .field("delivered", &self.shared.state.borrow().delivered)
            .finish()
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slot> {
        // Only plain assignments happen under this lock; a poisoned guard is still consistent.
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl CardUpdates {
    pub(crate) fn new(sink: Arc<dyn CardSink>, id: MessageId) -> Self {
        let shared = Arc::new(Shared {
            sink,
            id,
            slot: Mutex::new(Slot::default()),
            wake: Notify::new(),
            state: watch::Sender::new(State::default()),
        });
        CardUpdates { shared }
    }

    /// The message this handle updates.
    pub fn message_id(&self) -> &MessageId {
        &self.shared.id
    }

    /// Makes `card` the latest version. Returns at once.
    pub fn set(&self, card: Card) {
        {
            let mut slot = self.shared.lock();
            slot.seq += 1;
            let seq = slot.seq;
            slot.latest = Some((seq, card));
            slot.parked = None;
        }
        self.shared.wake.notify_one();
        ensure_worker(&self.shared);
    }

    /// Waits until the latest card set so far is delivered. Errors: the one that stopped it (a
    /// terminal code such as 230031, pre-flight, or retries exhausted).
    ///
    /// # Errors
    ///
    /// The error of the latest card's delivery (after its retries), or a pre-flight error; the card
    /// is kept and the next `flush` tries it again.
    pub async fn flush(&self) -> Result<(), Error> {
        let target = {
            let mut slot = self.shared.lock();
            if let Some(parked) = slot.parked.take() {
                // One more bounded round for a card whose retries ran out.
                slot.latest = Some(parked);
                self.shared.state.send_modify(|s| s.failed = None);
                self.shared.wake.notify_one();
            }
            slot.seq
        };
        if target == 0 {
            return Ok(());
        }
        ensure_worker(&self.shared);
        let mut rx = self.shared.state.subscribe();
        loop {
            {
                let s = rx.borrow_and_update();
                if s.delivered >= target {
                    return Ok(());
                }
                if let Some((seq, e)) = &s.failed
                    && *seq >= target
                {
                    return Err(e.clone());
                }
            }
            // The sender lives in `shared`, which this handle holds: `changed` cannot fail.
            if rx.changed().await.is_err() {
                return Err(Error::Config("update task ended".into()));
            }
        }
    }

    /// How many `set` calls were made.
    pub fn set_count(&self) -> u64 {
        self.shared.lock().seq
    }

    /// How many PATCH requests succeeded.
    pub fn sent_count(&self) -> u64 {
        self.shared.state.borrow().sent
    }

    /// Whether a card is waiting to be sent (or parked after a failure).
    pub fn pending(&self) -> bool {
        let slot = self.shared.lock();
        slot.latest.is_some() || slot.parked.is_some()
    }
}

impl Drop for CardUpdates {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
    }
}

/// Starts the sending task if it is not running (needs a Tokio runtime; without one, the next
/// `set` or `flush` inside a runtime starts it).
fn ensure_worker(shared: &Arc<Shared>) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    {
        let mut slot = shared.lock();
        if slot.worker {
            return;
        }
        slot.worker = true;
    }
    handle.spawn(worker(shared.clone()));
}

async fn worker(shared: Arc<Shared>) {
    loop {
        // Wait for the message's next PATCH slot before picking a card, so the card sent is the
        // latest at the moment it can go.
        shared.sink.ready(&shared.id).await;
        let next = {
            let mut slot = shared.lock();
            match slot.latest.take() {
                Some(next) => Some(next),
                None if slot.closed => {
                    slot.worker = false;
                    if slot.parked.is_some() {
                        tracing::warn!(message = %shared.id, "card updates dropped with an undelivered card");
                    }
                    return;
                }
                None => None,
            }
        };
        let Some((seq, card)) = next else {
            shared.wake.notified().await;
            continue;
        };
        let newer = || shared.lock().seq > seq;
        match shared.sink.patch(&shared.id, &card, &newer).await {
            Ok(()) => shared.state.send_modify(|s| {
                s.delivered = s.delivered.max(seq);
                s.sent += 1;
            }),
            Err(Exec::Superseded) => {}
            Err(Exec::Failed(e)) => {
                tracing::debug!(message = %shared.id, seq, error = %e, "card update failed");
                let mut slot = shared.lock();
                if slot.latest.is_none() && e.is_retryable() {
                    slot.parked = Some((seq, card));
                }
                drop(slot);
                shared.state.send_modify(|s| s.failed = Some((seq, e)));
            }
        }
    }
}
