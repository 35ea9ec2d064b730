//! A stream's state in the shared store ([`crate::ClientBuilder::store`]), written after each
//! write, so another replica can continue or finish it ([`Client::resume_stream`]) when the
//! one that started it stops: its cards and messages, receiver, card, element, the text so far
//! and where the current card's part of it starts.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, watch};

use super::{CardStream, Shared, Slot, StreamOptions};
use crate::cardkit::CardId;
use crate::client::Client;
use crate::{Error, MessageId, Receiver};

/// How long a stream's state is kept after its last write.
const KEPT: Duration = Duration::from_secs(24 * 3600);

#[derive(Serialize, Deserialize)]
struct Saved {
    cards: Vec<(String, String)>,
    /// `receive_id_type` and `receive_id`.
    to: (String, String),
    template: serde_json::Value,
    element: String,
    text: String,
    base: usize,
    reopen: String,
}

fn key(stream: &CardId) -> String {
    format!("stream:{stream}")
}

/// Saves the stream's state after a write (`base` and `reopen`: where the current card's part
/// of the fitted text starts). A store that fails is logged: the stream goes on.
pub(super) async fn save(shared: &Shared, text: &str, base: usize, reopen: &str) {
    let Some(store) = &shared.client.config().store else {
        return;
    };
    let cards: Vec<(String, String)> = {
        let cards = shared.cards.lock().unwrap_or_else(|p| p.into_inner());
        cards
            .iter()
            .map(|(c, m)| (c.as_str().to_owned(), m.as_str().to_owned()))
            .collect()
    };
    let Some(first) = cards.first().map(|(c, _)| CardId::new(c.clone())) else {
        return;
    };
    let saved = Saved {
        cards,
        to: (shared.to.id_type().to_owned(), shared.to.id().to_owned()),
        template: shared.template.to_value(),
        element: shared.element.clone(),
        text: text.to_owned(),
        base,
        reopen: reopen.to_owned(),
    };
    let json = serde_json::to_string(&saved).unwrap_or_default();
    if let Err(e) = store.set(&key(&first), &json, KEPT).await {
        tracing::warn!(stream = %first, error = %e, "the stream's state was not saved");
    }
}

fn receiver(id_type: &str, id: String) -> Receiver {
    match id_type {
        "chat_id" => Receiver::ChatId(id),
        "open_id" => Receiver::OpenId(id),
        "union_id" => Receiver::UnionId(id),
        "email" => Receiver::Email(id),
        _ => Receiver::UserId(id),
    }
}

impl Client {
    /// Continues a stream another replica started (`stream`: its first card,
    /// [`CardStream::stream_id`]), from the state it left in the shared store: the same cards,
    /// the text so far (`push` the whole answer, or `append` the rest), then `finish` as usual.
    /// Writes keep the card's sequence (no 300317).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a shared store; [`Error::Store`] when the store cannot be read
    /// or holds no state for `stream`.
    pub async fn resume_stream(
        &self,
        stream: &CardId,
        options: StreamOptions,
    ) -> Result<CardStream, Error> {
        let store = self.config().store.clone().ok_or_else(|| {
            Error::Config("resume_stream needs a shared store (ClientBuilder::store)".into())
        })?;
        let json = store
            .get(&key(stream))
            .await
            .map_err(|e| Error::Store(e.0))?
            .ok_or_else(|| {
                Error::Store(format!("no saved state for the stream of card {stream}"))
            })?;
        let saved: Saved = serde_json::from_str(&json)
            .map_err(|e| Error::Store(format!("the saved state of stream {stream}: {e}")))?;
        let template = card_dsl::Card::from_json(&saved.template.to_string())
            .map_err(|e| Error::Store(format!("the saved card of stream {stream}: {e}")))?;
        let shared = Arc::new(Shared {
            client: self.clone(),
            cards: Mutex::new(
                saved
                    .cards
                    .into_iter()
                    .map(|(c, m)| (CardId::new(c), MessageId::new(m)))
                    .collect(),
            ),
            to: receiver(&saved.to.0, saved.to.1),
            template,
            element: saved.element,
            options,
            slot: Mutex::new(Slot {
                text: saved.text,
                version: 1,
                ..Slot::default()
            }),
            uploads: Mutex::default(),
            wake: Notify::new(),
            state: watch::Sender::new((0, None)),
            settled: AtomicBool::new(false),
            start: (saved.base, saved.reopen),
        });
        tokio::spawn(super::worker::run(shared.clone()));
        Ok(CardStream { shared })
    }
}
