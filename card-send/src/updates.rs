//! Coalescing card updates: stream many versions of one card, send only the latest, as fast as
//! the limits allow, and never lose the final one silently.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use card_dsl::Card;
use tokio::sync::{Notify, watch};

use crate::transport::CallFailure;
use crate::{Error, MessageId, platform};

use crate::BoxFuture;

/// Whether a newer card replaced the one being sent (the handle's policy, asked before retries).
pub(crate) type Superseded<'a> = &'a (dyn Fn() -> bool + Send + Sync);

/// The narrow interface the handle needs from a client: pre-flight a card for a message, wait
/// for the message's next PATCH slot, and PATCH checked content (limits and retries included),
/// giving up between retries when the handle says a newer card superseded it.
pub(crate) trait CardSink: Send + Sync + 'static {
    /// The card's content as it will be sent, or the pre-flight error that refuses it.
    fn check(&self, id: &MessageId, card: &Card) -> Result<String, Error>;
    /// Resolves when one more PATCH of message `id` fits its limit (the slot is not taken).
    fn ready<'a>(&'a self, id: &'a MessageId) -> BoxFuture<'a, ()>;
    /// Sends checked `content` to message `id`.
    fn patch<'a>(
        &'a self,
        id: &'a MessageId,
        content: &'a str,
        superseded: Superseded<'a>,
    ) -> BoxFuture<'a, Result<(), CallFailure>>;
}

/// The handles a client made, so [`crate::Client::close`] can wait for every delivery. Weak: a
/// handle (and its task) owns its state, the registry only finds it.
#[derive(Default)]
pub(crate) struct Registry(Mutex<Vec<Weak<Shared>>>);

impl Registry {
    fn add(&self, shared: &Arc<Shared>) {
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.push(Arc::downgrade(shared));
    }

    /// Waits until every handle's latest card is delivered or has failed.
    ///
    /// # Errors
    ///
    /// The first delivery error, after all handles were waited for.
    pub(crate) async fn close(&self) -> Result<(), Error> {
        let live: Vec<Arc<Shared>> = {
            let list = self.0.lock().unwrap_or_else(|p| p.into_inner());
            list.iter().filter_map(Weak::upgrade).collect()
        };
        let mut first = None;
        for shared in live {
            if let Err(e) = flush(&shared).await {
                tracing::error!(message = %shared.id, error = %e, "a card update was not delivered");
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }
}

/// A handle from [`crate::Client::card_updates`] for one message.
///
/// - [`set`](CardUpdates::set) checks the card (pre-flight) and stores it, and returns at once:
///   no network, no waiting on limits. A card not yet sent is replaced by a newer one (latest
///   wins).
/// - A background task sends the latest card whenever the limits allow (5 PATCH/s per message
///   and the app's limits), retrying failures within the client's retry policy; while it waits to
///   retry, a newer card takes the place of the failed one.
/// - [`flush`](CardUpdates::flush) waits until the latest card set so far is on the server, or
///   returns the error that stopped it. A card that failed with a retryable error is tried again
///   by the next `flush` (one more bounded round), so the final state is not lost.
///
/// **No silent loss.** Errors are reported when they happen:
/// - a card the server would refuse (over 30 KB, a bad image key …) is refused by `set` itself,
///   and the previous card stays the latest;
/// - a delivery that fails is logged through `tracing` at `error` at once; when the message can
///   no longer be updated at all (recalled, deleted, past its 14 days), every
///   later `set` returns that error too;
/// - `flush` and [`crate::Client::close`] return the error.
///
/// Delivery runs on a Tokio task: it lasts while the runtime does, not past it. Before a process
/// ends, `flush` the handle or `close` the client; a handle dropped with an undelivered card logs a
/// `tracing` warning and its task keeps delivering while the runtime lives.
///
/// ```no_run
/// # async fn run(client: card_send::Client, id: card_send::MessageId) -> Result<(), card_send::Error> {
/// let updates = client.card_updates(id);
/// let mut answer = String::new();
/// for token in ["Hel", "lo", ", world"] {
///     answer.push_str(token);
///     updates.set(card_dsl::card! { <card><markdown>{answer.clone()}</markdown></card> })?;
/// }
/// updates.flush().await?;
/// # Ok(()) }
/// ```
pub struct CardUpdates {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
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
    /// The content to send next (checked by pre-flight) and its number.
    latest: Option<(u64, String)>,
    /// The last content, kept after its delivery failed with a retryable error.
    parked: Option<(u64, String)>,
    /// Set when the message can no longer be updated: every later `set` returns it.
    gone: Option<Error>,
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
    pub(crate) fn new(sink: Arc<dyn CardSink>, id: MessageId, registry: &Registry) -> Self {
        let shared = Arc::new(Shared {
            sink,
            id,
            slot: Mutex::new(Slot::default()),
            wake: Notify::new(),
            state: watch::Sender::new(State::default()),
        });
        registry.add(&shared);
        CardUpdates { shared }
    }

    /// The message this handle updates.
    pub fn message_id(&self) -> &MessageId {
        &self.shared.id
    }

    /// Makes `card` the latest version. Returns at once (pre-flight runs here, no network).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for a card the server would refuse (it is not stored; the previous
    /// card stays the latest), or the error that showed the message can no longer be updated
    /// (recalled, deleted, past its window).
    pub fn set(&self, card: Card) -> Result<(), Error> {
        if let Some(gone) = &self.shared.lock().gone {
            return Err(gone.clone());
        }
        let content = self.shared.sink.check(&self.shared.id, &card)?;
        {
            let mut slot = self.shared.lock();
            slot.seq += 1;
            let seq = slot.seq;
            slot.latest = Some((seq, content));
            slot.parked = None;
        }
        self.shared.wake.notify_one();
        ensure_worker(&self.shared);
        Ok(())
    }

    /// Waits until the latest card set so far is delivered. Errors: the one that stopped it (a
    /// terminal code such as 230031, pre-flight, or retries exhausted).
    ///
    /// # Errors
    ///
    /// The error of the latest card's delivery (after its retries), or a pre-flight error; the card
    /// is kept and the next `flush` tries it again.
    pub async fn flush(&self) -> Result<(), Error> {
        flush(&self.shared).await
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
        let mut slot = self.shared.lock();
        slot.closed = true;
        let undelivered = slot.latest.is_some() || slot.parked.is_some();
        drop(slot);
        if undelivered {
            tracing::warn!(
                message = %self.shared.id,
                "card updates dropped with an undelivered card: its task keeps delivering while the \
                 runtime lives; flush() the handle or close() the client before the process ends"
            );
        }
        self.shared.wake.notify_one();
    }
}

/// Waits until the latest card set so far is delivered, giving a card whose retries ran out one
/// more bounded round.
async fn flush(shared: &Arc<Shared>) -> Result<(), Error> {
    let target = {
        let mut slot = shared.lock();
        if let Some(parked) = slot.parked.take() {
            slot.latest = Some(parked);
            shared.state.send_modify(|s| s.failed = None);
            shared.wake.notify_one();
        }
        slot.seq
    };
    if target == 0 {
        return Ok(());
    }
    ensure_worker(shared);
    let mut rx = shared.state.subscribe();
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
        // The sender lives in `shared`, which the caller holds: `changed` cannot fail.
        if rx.changed().await.is_err() {
            return Err(Error::Config("update task ended".into()));
        }
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
        let Some((seq, content)) = next else {
            shared.wake.notified().await;
            continue;
        };
        let newer = || shared.lock().seq > seq;
        match shared.sink.patch(&shared.id, &content, &newer).await {
            Ok(()) => shared.state.send_modify(|s| {
                s.delivered = s.delivered.max(seq);
                s.sent += 1;
            }),
            Err(CallFailure::Superseded) => {}
            Err(CallFailure::Failed(e)) => {
                // Reported when it happens, not only at the next flush.
                tracing::error!(message = %shared.id, seq, error = %e, "card update failed");
                let mut slot = shared.lock();
                if slot.latest.is_none() && e.is_retryable() {
                    slot.parked = Some((seq, content));
                }
                if e.api().is_some_and(|a| platform::message_gone(a.code)) {
                    slot.gone = Some(e.clone());
                    slot.latest = None;
                }
                drop(slot);
                shared.state.send_modify(|s| s.failed = Some((seq, e)));
            }
        }
    }
}
