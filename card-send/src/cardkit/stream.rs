//! `CardStream`: an LLM answer streamed into a card entity. `push` (the full text so far) and
//! `append` (a delta) never block; a task sends the latest text at most every 100 ms (the
//! typewriter prints every 70 ms by default, so faster writes only replace each other), re-arms
//! streaming mode when the platform closed it (300309 / 200850, after its 10 minutes), waits out
//! an interaction in progress (200810), and `finish` sends the final text, switches streaming
//! mode off and sets the summary. Nothing is sent after `finish`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use card_dsl::Card;
use tokio::sync::{Notify, watch};

use super::{CardId, EntitySettings};
use crate::client::Client;
use crate::{Error, MessageId, Receiver, platform};

/// How often the task sends the latest text at most.
const PACE: Duration = Duration::from_millis(100);
/// Attempts for one text before its error is reported (re-arm, interaction, sequence).
const ATTEMPTS: u32 = 5;

/// A streaming answer in a card entity. See the module page.
pub struct CardStream {
    shared: Arc<Shared>,
}

struct Shared {
    client: Client,
    card: CardId,
    message: MessageId,
    element: String,
    slot: Mutex<Slot>,
    wake: Notify,
    /// The number of the text last delivered, and the error that stopped the stream.
    state: watch::Sender<(u64, Option<Error>)>,
}

#[derive(Default)]
struct Slot {
    text: String,
    /// Number of changes to `text`.
    version: u64,
    closed: bool,
}

impl std::fmt::Debug for CardStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardStream")
            .field("card", &self.shared.card)
            .field("message", &self.shared.message)
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
        let mut card = card.clone();
        card.config = card.config.clone().streaming_mode(true);
        let id = self.create_card_entity(&card).await?;
        self.inner
            .entities
            .check_text(id.as_str(), element_id)
            .map_err(crate::client::pre(crate::error::Endpoint::CardKit))?;
        let message = self.send_card_entity(to, &id).await?;
        let shared = Arc::new(Shared {
            client: self.clone(),
            card: id,
            message,
            element: element_id.to_owned(),
            slot: Mutex::new(Slot::default()),
            wake: Notify::new(),
            state: watch::Sender::new((0, None)),
        });
        tokio::spawn(worker(shared.clone()));
        Ok(CardStream { shared })
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl CardStream {
    /// The entity.
    pub fn card_id(&self) -> &CardId {
        &self.shared.card
    }

    /// The message it was sent as.
    pub fn message_id(&self) -> &MessageId {
        &self.shared.message
    }

    /// Makes `text` the full text so far. Returns at once; after `finish` it does nothing.
    pub fn push(&self, text: impl Into<String>) {
        self.update(|t| *t = text.into());
    }

    /// Adds `delta` to the text. Returns at once; after `finish` it does nothing.
    pub fn append(&self, delta: &str) {
        self.update(|t| t.push_str(delta));
    }

    fn update(&self, f: impl FnOnce(&mut String)) {
        {
            let mut slot = self.shared.lock();
            if slot.closed {
                tracing::warn!(card = %self.shared.card, "text pushed after the stream finished; ignored");
                return;
            }
            f(&mut slot.text);
            slot.version += 1;
        }
        self.shared.wake.notify_one();
    }

    /// Sends the final text (when given), waits until it is delivered, then switches streaming
    /// mode off and sets the chat list's summary. Nothing is sent after it.
    ///
    /// # Errors
    ///
    /// The error that stopped the stream (a terminal code such as 200740 / 200750, or retries
    /// exhausted), or the settings call's error.
    pub async fn finish(
        self,
        final_text: Option<String>,
        summary: Option<String>,
    ) -> Result<(), Error> {
        let target = {
            let mut slot = self.shared.lock();
            if let Some(t) = final_text {
                slot.text = t;
                slot.version += 1;
            }
            slot.closed = true;
            slot.version
        };
        self.shared.wake.notify_one();
        let mut rx = self.shared.state.subscribe();
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
        let settings = EntitySettings {
            streaming_mode: Some(false),
            summary,
        };
        self.shared
            .client
            .card_entity_settings(&self.shared.card, &settings)
            .await
    }
}

async fn worker(shared: Arc<Shared>) {
    let mut sent_version = 0;
    loop {
        let (text, version, closed) = {
            let slot = shared.lock();
            (slot.text.clone(), slot.version, slot.closed)
        };
        if version == sent_version || text.is_empty() {
            if closed {
                shared.state.send_modify(|s| s.0 = version);
                return;
            }
            shared.wake.notified().await;
            continue;
        }
        if let Err(e) = send(&shared, &text).await {
            tracing::error!(card = %shared.card, error = %e, "streaming stopped");
            shared.state.send_modify(|s| s.1 = Some(e));
            return;
        }
        sent_version = version;
        shared.state.send_modify(|s| s.0 = version);
        tokio::time::sleep(PACE).await;
    }
}

/// Sends one text, handling the codes that have a cure.
async fn send(shared: &Shared, text: &str) -> Result<(), Error> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = shared
            .client
            .stream_text(&shared.card, &shared.element, text)
            .await;
        let code = match &result {
            Ok(()) => return Ok(()),
            Err(e) => e.code(),
        };
        if attempt >= ATTEMPTS {
            return result;
        }
        match code {
            // Streaming mode closed itself (its 10 minutes): switch it on again.
            Some(platform::ENTITY_STREAMING_CLOSED | platform::ENTITY_STREAMING_TIMEOUT) => {
                let on = EntitySettings {
                    streaming_mode: Some(true),
                    summary: None,
                };
                shared
                    .client
                    .card_entity_settings(&shared.card, &on)
                    .await?;
            }
            // A user is interacting with the card: wait and retry.
            Some(platform::ENTITY_IN_INTERACTION) => {
                tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
            }
            // The sequence fell behind (another writer): the next call takes a higher one.
            Some(platform::ENTITY_SEQUENCE) => {}
            _ => return result,
        }
    }
}
