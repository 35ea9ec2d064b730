//! `CardStream`: an LLM answer streamed into a card entity. `push` (the full text so far) and
//! `append` (a delta) never block; a task sends the latest text at most every 100 ms (the
//! typewriter prints every 70 ms by default, so faster writes only replace each other), re-arms
//! streaming mode when the platform closed it (300309 / 200850, after its 10 minutes), waits out
//! an interaction in progress (200810), and `finish` sends the final text, switches streaming
//! mode off and sets the summary. Nothing is sent after `finish`.
//!
//! Whatever the caller pushes, the wire carries the whole text so far (the stream-text API
//! overwrites), fitted by `card_validate::fit` (reasoning dropped, images that are not keys made
//! links — or uploaded, see [`StreamOptions::upload_images`] — markup tags escaped).
//! [`StreamOptions`] also sets a lower table budget and a prefix-stable layout: an append-only
//! answer element beside a volatile process element.
//!
//! An answer longer than one card holds (100,000 characters per write; 30 KB per card, counted
//! on the bytes sent, after JSON escaping; 5 tables per card, markdown tables included) goes on
//! in a new card: the full card is closed at a paragraph break outside any code fence (a table is
//! a run of lines, so a paragraph break is never inside one), and a fresh entity of the same card
//! is sent to the same receiver for the rest. A code block longer than a card is cut at a line
//! inside it: the fence is closed at the end of the card and opened again, with its language, at
//! the top of the next.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use card_dsl::Card;
use tokio::sync::{Notify, watch};

use super::{CardId, EntitySettings};
use crate::client::Client;
use crate::{Error, MessageId, Receiver};

mod cut;
mod handover;
mod images;
mod options;
mod worker;

pub use options::{ImageFetcher, StreamOptions};

/// A streaming answer in a card entity. See the module page.
///
/// Call [`CardStream::finish`]: a stream dropped without it closes streaming mode itself (logged
/// as a warning; [`Client::close`] waits for that), else the chat would show "generating" for
/// the platform's 10 minutes.
#[must_use = "a stream ends with `finish`; dropped, it only closes streaming mode"]
pub struct CardStream {
    shared: Arc<Shared>,
}

/// Stops a [`CardStream`] from elsewhere — a Stop button's callback handler, another task.
/// Cheap to clone; it does not keep the stream's card alive once the stream is finished.
#[derive(Debug, Clone)]
pub struct StopHandle {
    shared: std::sync::Weak<Shared>,
}

impl StopHandle {
    /// Stops the stream: nothing pushed after this is sent, the text already pushed is
    /// delivered, and streaming mode is switched off. Returns false when the stream had already
    /// ended (finished, stopped, or its card gone).
    ///
    /// # Errors
    ///
    /// The error that stopped the stream, or the settings call's error.
    pub async fn stop(&self) -> Result<bool, Error> {
        match self.shared.upgrade() {
            Some(shared) if !shared.settled.swap(true, Ordering::SeqCst) => {
                close(&shared, None, None).await.map(|()| true)
            }
            _ => Ok(false),
        }
    }

    /// Whether the stream has ended (finished, stopped or dropped).
    pub fn is_stopped(&self) -> bool {
        self.shared
            .upgrade()
            .is_none_or(|s| s.settled.load(Ordering::SeqCst))
    }
}

struct Shared {
    client: Client,
    /// The entities of this answer and their messages, the current one last.
    cards: Mutex<Vec<(CardId, MessageId)>>,
    /// Where a continuation card goes, and the card it is made from.
    to: Receiver,
    template: Card,
    element: String,
    options: StreamOptions,
    slot: Mutex<Slot>,
    /// The images of the answer being uploaded, and their outcome.
    uploads: Mutex<HashMap<String, images::Upload>>,
    wake: Notify,
    /// The number of the text last delivered, and the error that stopped the stream.
    state: watch::Sender<(u64, Option<Error>)>,
    /// Set once the stream is being closed (finish, stop or drop): it is closed once.
    settled: AtomicBool,
    /// Where the current card's part of the fitted text starts, and the fence it reopens (a
    /// stream taken over from another replica starts there).
    start: (usize, String),
}

#[derive(Default)]
struct Slot {
    text: String,
    /// Number of changes to `text` (and to what fits it: an upload that ended).
    version: u64,
    /// The process element's text, and its number of changes.
    process: Option<String>,
    process_version: u64,
    closed: bool,
}

impl std::fmt::Debug for CardStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardStream")
            .field("card", &self.card_id())
            .field("message", &self.message_id())
            .field("element", &self.shared.element)
            .finish()
    }
}

impl Client {
    /// Creates a card entity from `card` in streaming mode, sends it to `to`, and returns the
    /// stream that types into its text element `element_id` (a markdown or plain_text of the
    /// card).
    ///
    /// # Errors
    ///
    /// The errors of [`Client::create_card_entity`] and [`Client::send_card_entity`];
    /// [`Error::Preflight`] when `element_id` is not a text element of the card (300310).
    pub async fn card_stream(
        &self,
        to: impl Into<Receiver>,
        card: &Card,
        element_id: &str,
    ) -> Result<CardStream, Error> {
        self.card_stream_with(to, card, element_id, StreamOptions::default())
            .await
    }

    /// [`Client::card_stream`] with options: the fitter's, a lower table budget, an append-only
    /// answer beside a process element, image uploads ([`StreamOptions`]).
    ///
    /// # Errors
    ///
    /// As [`Client::card_stream`]; [`Error::Preflight`] also when the process element is not a
    /// text element of the card.
    pub async fn card_stream_with(
        &self,
        to: impl Into<Receiver>,
        card: &Card,
        element_id: &str,
        options: StreamOptions,
    ) -> Result<CardStream, Error> {
        let mut card = card.clone();
        card.config = card.config.clone().streaming_mode(true);
        let to = to.into();
        let id = self.create_card_entity(&card).await?;
        for element in std::iter::once(element_id).chain(options.process.as_deref()) {
            self.inner
                .entities
                .check_text(id.as_str(), element)
                .map_err(crate::error::pre(crate::Endpoint::CardKit))?;
        }
        let message = self.send_card_entity(to.clone(), &id).await?;
        let shared = Arc::new(Shared {
            client: self.clone(),
            cards: Mutex::new(vec![(id, message)]),
            to,
            template: card,
            element: element_id.to_owned(),
            options,
            slot: Mutex::new(Slot::default()),
            uploads: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            state: watch::Sender::new((0, None)),
            settled: AtomicBool::new(false),
            start: (0, String::new()),
        });
        tokio::spawn(worker::run(shared.clone()));
        Ok(CardStream { shared })
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn current(&self) -> (CardId, MessageId) {
        let cards = self.cards.lock().unwrap_or_else(|p| p.into_inner());
        cards.last().cloned().expect("a stream has a card")
    }
}

impl CardStream {
    /// The stream's id across replicas: its first card ([`Client::resume_stream`]).
    pub fn stream_id(&self) -> CardId {
        let cards = self.shared.cards.lock().unwrap_or_else(|p| p.into_inner());
        cards
            .first()
            .map(|(c, _)| c.clone())
            .expect("a stream has a card")
    }

    /// The current entity (a long answer goes on in new ones).
    pub fn card_id(&self) -> CardId {
        self.shared.current().0
    }

    /// The message of the current entity.
    pub fn message_id(&self) -> MessageId {
        self.shared.current().1
    }

    /// Every message of this answer, in order (more than one when it went on in new cards).
    pub fn message_ids(&self) -> Vec<MessageId> {
        let cards = self.shared.cards.lock().unwrap_or_else(|p| p.into_inner());
        cards.iter().map(|(_, m)| m.clone()).collect()
    }

    /// Makes `text` the full text so far. Returns at once; after `finish` it does nothing.
    pub fn push(&self, text: impl Into<String>) {
        self.update(|t| *t = text.into());
    }

    /// Adds `delta` to the text. Returns at once; after `finish` it does nothing.
    pub fn append(&self, delta: &str) {
        self.update(|t| t.push_str(delta));
    }

    /// Makes `text` the process element's text (the model's status, the tool it runs), when the
    /// stream has one ([`StreamOptions::process_element`]); else does nothing. Returns at once.
    pub fn set_process(&self, text: impl Into<String>) {
        if self.shared.options.process.is_none() {
            return;
        }
        {
            let mut slot = self.shared.lock();
            if slot.closed {
                return;
            }
            slot.process = Some(text.into());
            slot.process_version += 1;
        }
        self.shared.wake.notify_one();
    }

    fn update(&self, f: impl FnOnce(&mut String)) {
        {
            let mut slot = self.shared.lock();
            if slot.closed {
                tracing::warn!(card = %self.card_id(), "text pushed after the stream finished; ignored");
                return;
            }
            f(&mut slot.text);
            slot.version += 1;
        }
        self.shared.wake.notify_one();
    }

    /// Sends the final text (when given), waits until it is delivered, then switches streaming
    /// mode off and sets the chat list's summary. Nothing is sent after it. Returns every message
    /// of the answer, in order.
    ///
    /// # Errors
    ///
    /// The error that stopped the stream (a terminal code such as 200740 / 200750, or retries
    /// exhausted), or the settings call's error.
    pub async fn finish(
        self,
        final_text: Option<String>,
        summary: Option<String>,
    ) -> Result<Vec<MessageId>, Error> {
        if !self.shared.settled.swap(true, Ordering::SeqCst) {
            close(&self.shared, final_text, summary).await?;
        }
        Ok(self.message_ids())
    }

    /// A handle that stops this stream from elsewhere (a Stop button's callback handler).
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle {
            shared: Arc::downgrade(&self.shared),
        }
    }
}

impl Drop for CardStream {
    fn drop(&mut self) {
        if self.shared.settled.swap(true, Ordering::SeqCst) {
            return;
        }
        let card = self.card_id();
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::error!(%card, "CardStream dropped outside a Tokio runtime: streaming mode stays on until the platform closes it");
            return;
        };
        tracing::warn!(%card, "CardStream dropped without finish: closing streaming mode");
        let shared = self.shared.clone();
        let task = runtime.spawn(async move {
            if let Err(e) = close(&shared, None, None).await {
                tracing::error!(card = %shared.current().0, error = %e, "closing a dropped stream failed");
            }
        });
        self.shared.client.inner.closing(task);
    }
}

/// Delivers the final text (when given) and what was pushed, then switches streaming mode off
/// and sets the summary. Nothing is sent after it.
async fn close(
    shared: &Shared,
    final_text: Option<String>,
    summary: Option<String>,
) -> Result<(), Error> {
    let target = {
        let mut slot = shared.lock();
        if let Some(t) = final_text {
            slot.text = t;
            slot.version += 1;
        }
        slot.closed = true;
        slot.version
    };
    shared.wake.notify_one();
    let mut rx = shared.state.subscribe();
    loop {
        {
            let (delivered, error) = &*rx.borrow_and_update();
            if let Some(e) = error {
                return Err(e.clone());
            }
            if *delivered >= target {
                break;
            }
        }
        if rx.changed().await.is_err() {
            break;
        }
    }
    let (card, _) = shared.current();
    worker::drop_process(shared, &card).await?;
    let settings = EntitySettings {
        streaming_mode: Some(false),
        summary,
    };
    shared.client.card_entity_settings(&card, &settings).await
}
