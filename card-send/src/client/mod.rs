//! The client and its calls; its builder is [`builder`].

pub(crate) mod builder;
mod chat_button;
mod delayed;
mod images;
mod send;
mod update;

pub use builder::ClientBuilder;

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use card_dsl::Card;

use crate::BoxFuture;
use crate::Endpoint;
use crate::config::ClientConfig;
use crate::error::pre;
use crate::ledger::Ledger;
use crate::transport::{CallFailure, Transport};
use crate::updates::{CardSink, Registry, Superseded};
use crate::{Error, MessageId, preflight};

/// An async client for card messages. Cheap to clone (shared state); one per app.
///
/// Every call checks its payload first (pre-flight, [`ClientBuilder::preflight`]), waits for the
/// platform's rate limits, adds the tenant token (cached, refreshed before expiry, refreshed and
/// retried once when the server rejects it) and retries only what can succeed later (230020,
/// 5xx, timeouts, dropped connections), with a bounded backoff.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    /// The HTTP client, tokens, limits and retries.
    pub(crate) transport: Transport,
    /// What this client knows of the messages it sent: send time, edits, for pre-flight.
    ledger: Ledger,
    /// The card update handles it made, for `close`.
    updates: Registry,
    /// Uses of callback tokens, for the delayed update's local checks.
    callback_tokens: delayed::CallbackTokens,
    /// The card entities it created: sequences and text elements.
    pub(crate) entities: crate::entities::Entities,
    /// Dropped streams closing their streaming mode, for `close`.
    closings: std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl Inner {
    /// Notes a task closing a dropped stream, for [`Client::close`].
    pub(crate) fn closing(&self, task: tokio::task::JoinHandle<()>) {
        let mut list = self.closings.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|t| !t.is_finished());
        list.push(task);
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // ClientConfig's Debug prints the secret as ***; the token cache is left out.
        f.debug_struct("Client")
            .field("config", &self.inner.transport.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_config(config: ClientConfig) -> Result<Client, Error> {
        let entities = crate::entities::Entities::new(config.store.clone());
        Ok(Client {
            inner: Arc::new(Inner {
                transport: Transport::new(config)?,
                ledger: Ledger::default(),
                updates: Registry::default(),
                callback_tokens: delayed::CallbackTokens::default(),
                entities,
                closings: std::sync::Mutex::new(Vec::new()),
            }),
        })
    }

    /// The settings in use (the secret prints as `***`).
    pub fn config(&self) -> &ClientConfig {
        &self.inner.transport.config
    }

    /// Pre-flight of card content (and, for an update, the message's 14-day window).
    pub(crate) fn card_preflight(
        &self,
        content: &str,
        update: Option<&MessageId>,
    ) -> Result<(), crate::ApiError> {
        let config = &self.inner.transport.config;
        if !config.preflight {
            return Ok(());
        }
        preflight::card_content(content, config.preflight_policy())?;
        match update {
            Some(id) => self.window_check(id),
            None => Ok(()),
        }
    }

    /// Waits for every card update handle made by this client (dropped ones included) to deliver
    /// its latest card, and for every dropped [`crate::cardkit::CardStream`] to close its
    /// streaming mode. Call it before a process ends: delivery runs on Tokio tasks, which end
    /// with the runtime.
    ///
    /// # Errors
    ///
    /// The first delivery error (each one is also logged through `tracing`), after every handle
    /// was waited for.
    pub async fn close(&self) -> Result<(), Error> {
        let closings: Vec<_> = std::mem::take(
            &mut *self
                .inner
                .closings
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        );
        for task in closings {
            // A closing task logs its own failure.
            let _ = task.await;
        }
        self.inner.updates.close().await
    }

    /// Tells pre-flight when a message this client did not send was sent (for the 14-day window).
    pub fn note_sent_at(&self, id: &MessageId, at: SystemTime) {
        self.inner.ledger.sent(id.as_str(), at);
    }

    fn window_check(&self, id: &MessageId) -> Result<(), crate::ApiError> {
        match self.inner.ledger.get(id.as_str()) {
            Some(s) => preflight::update_window(s.at, SystemTime::now()),
            None => Ok(()),
        }
    }
}

/// The coalescing handle's view of the client.
impl CardSink for Client {
    fn check(&self, id: &MessageId, card: &Card) -> Result<String, Error> {
        // Serialized once: pre-flight checks the exact bytes the task will send.
        let content = card.to_content();
        self.card_preflight(&content, Some(id))
            .map_err(pre(Endpoint::UpdateCard))?;
        Ok(content)
    }

    fn ready<'a>(&'a self, id: &'a MessageId) -> BoxFuture<'a, ()> {
        Box::pin(self.inner.transport.message_ready(id.as_str()))
    }

    fn patch<'a>(
        &'a self,
        id: &'a MessageId,
        content: &'a str,
        superseded: Superseded<'a>,
    ) -> BoxFuture<'a, Result<(), CallFailure>> {
        Box::pin(self.patch(id, content.to_owned(), Some(superseded)))
    }
}
