//! The client and its calls; its builder is [`builder`].

pub(crate) mod builder;
mod delayed;
mod replies;

pub use builder::ClientBuilder;

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use card_dsl::{Card, ChatButtonUpdate, MessageContent, TemplateCard};
use serde_json::json;

use crate::Endpoint;
use crate::api::{ChatButtonReply, Items, Message};
use crate::config::ClientConfig;
use crate::error::pre;
use crate::ledger::Ledger;
use crate::routes::{self};
use crate::transport::{Call, Exec, Transport};
use crate::updates::{BoxFuture, CardSink, CardUpdates, Registry, Superseded};
use crate::wire::decode;
use crate::{Error, MessageId, Receiver, UserIdType, preflight};

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
        Ok(Client {
            inner: Arc::new(Inner {
                transport: Transport::new(config)?,
                ledger: Ledger::default(),
                updates: Registry::default(),
                callback_tokens: delayed::CallbackTokens::default(),
                entities: crate::entities::Entities::default(),
            }),
        })
    }

    /// The settings in use (the secret prints as `***`).
    pub fn config(&self) -> &ClientConfig {
        &self.inner.transport.config
    }

    /// Sends a card (`msg_type: interactive`).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn send_card(
        &self,
        to: impl Into<Receiver>,
        card: &Card,
    ) -> Result<MessageId, Error> {
        self.send_card_content(to.into(), card.to_content()).await
    }

    /// Sends a card built with the builder tool, by template id.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn send_template(
        &self,
        to: impl Into<Receiver>,
        card: &TemplateCard,
    ) -> Result<MessageId, Error> {
        self.send_card_content(to.into(), card.to_content()).await
    }

    /// Sends card content, checked by pre-flight on exactly these bytes.
    async fn send_card_content(&self, to: Receiver, content: String) -> Result<MessageId, Error> {
        self.card_preflight(&content, None)
            .map_err(pre(Endpoint::Send))?;
        self.send_content(to, "interactive", content).await
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

    /// Sends a text or post message.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn send_message(
        &self,
        to: impl Into<Receiver>,
        content: &MessageContent,
    ) -> Result<MessageId, Error> {
        if self.inner.transport.config.preflight {
            preflight::message(content).map_err(pre(Endpoint::Send))?;
        }
        self.send_content(to.into(), content.msg_type(), content.to_content())
            .await
    }

    pub(crate) async fn send_content(
        &self,
        to: Receiver,
        msg_type: &str,
        content: String,
    ) -> Result<MessageId, Error> {
        // The uuid makes retries of a send idempotent (the platform de-duplicates it for an hour).
        let body = json!({
            "receive_id": to.id(),
            "msg_type": msg_type,
            "content": content,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let call = Call {
            query: vec![("receive_id_type", to.id_type().to_owned())],
            body: Some(body),
            key: Some(to.id()),
            ..Call::to(&routes::SEND, &[])
        };
        let message: Message = decode(Endpoint::Send, self.inner.transport.run(&call).await?)?;
        let at = message.created_at().unwrap_or_else(SystemTime::now);
        self.inner.ledger.sent(&message.message_id, at);
        Ok(MessageId::new(message.message_id))
    }

    /// Replaces a sent card (PATCH, seed 000). The card is 2.0 with `update_multi: true` by
    /// construction; pre-flight also checks the 14-day window when this client sent the message.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn update_card(&self, id: &MessageId, card: &Card) -> Result<(), Error> {
        self.update_card_exec(id, card, None)
            .await
            .map_err(Exec::into_error)
    }

    pub(crate) async fn update_card_exec(
        &self,
        id: &MessageId,
        card: &Card,
        superseded: Option<&(dyn Fn() -> bool + Send + Sync)>,
    ) -> Result<(), Exec> {
        // Serialized once: pre-flight checks the exact bytes that are sent.
        let content = card.to_content();
        self.card_preflight(&content, Some(id))
            .map_err(|e| Exec::Failed(pre(Endpoint::UpdateCard)(e)))?;
        self.patch(id, content, superseded).await
    }

    /// Replaces a sent card with a template card (PATCH).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn update_template(&self, id: &MessageId, card: &TemplateCard) -> Result<(), Error> {
        let content = card.to_content();
        self.card_preflight(&content, Some(id))
            .map_err(pre(Endpoint::UpdateCard))?;
        self.patch(id, content, None)
            .await
            .map_err(Exec::into_error)
    }

    async fn patch(
        &self,
        id: &MessageId,
        content: String,
        superseded: Option<&(dyn Fn() -> bool + Send + Sync)>,
    ) -> Result<(), Exec> {
        let call = Call {
            body: Some(json!({ "content": content })),
            key: Some(id.as_str()),
            ..Call::to(&routes::UPDATE_CARD, &[id.as_str()])
        };
        self.inner
            .transport
            .execute(&call, superseded)
            .await
            .map(drop)
    }

    /// Edits a sent text or post message (PUT, seed 001). Pre-flight checks the content and the
    /// 20-edit cap when this client has seen the message's edits.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn edit_message(
        &self,
        id: &MessageId,
        content: &MessageContent,
    ) -> Result<Message, Error> {
        if self.inner.transport.config.preflight {
            let edits = self.inner.ledger.get(id.as_str()).map_or(0, |s| s.edits);
            preflight::message(content)
                .and_then(|()| preflight::edit_count(edits))
                .map_err(pre(Endpoint::EditMessage))?;
        }
        let call = Call {
            body: Some(content.to_edit_request()),
            key: Some(id.as_str()),
            ..Call::to(&routes::EDIT_MESSAGE, &[id.as_str()])
        };
        let message: Message = decode(
            Endpoint::EditMessage,
            self.inner.transport.run(&call).await?,
        )?;
        let at = message.created_at().unwrap_or_else(SystemTime::now);
        self.inner.ledger.edited(id.as_str(), at);
        Ok(message)
    }

    /// Sets the feed-card buttons of a chat for some users (PUT, seed 002), `user_ids` as open_ids.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn update_chat_button(
        &self,
        request: &ChatButtonUpdate,
    ) -> Result<ChatButtonReply, Error> {
        self.update_chat_button_as(request, UserIdType::OpenId)
            .await
    }

    /// [`Client::update_chat_button`] with another `user_id_type`.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn update_chat_button_as(
        &self,
        request: &ChatButtonUpdate,
        user_id_type: UserIdType,
    ) -> Result<ChatButtonReply, Error> {
        if self.inner.transport.config.preflight {
            preflight::chat_button(request).map_err(pre(Endpoint::ChatButton))?;
        }
        let body = serde_json::to_value(request)
            .map_err(|e| Error::Config(format!("chat_button body: {e}")))?;
        let call = Call {
            query: vec![("user_id_type", user_id_type.as_str().to_owned())],
            body: Some(body),
            ..Call::to(&routes::CHAT_BUTTON, &[])
        };
        decode(Endpoint::ChatButton, self.inner.transport.run(&call).await?)
    }

    /// Reads a message (GET /open-apis/im/v1/messages/:message_id).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn get_message(&self, id: &MessageId) -> Result<Message, Error> {
        let call = Call::to(&routes::GET_MESSAGE, &[id.as_str()]);
        let items: Items = decode(Endpoint::GetMessage, self.inner.transport.run(&call).await?)?;
        items.items.into_iter().next().ok_or_else(|| Error::Decode {
            endpoint: Endpoint::GetMessage,
            message: "no item in data.items".into(),
        })
    }

    /// A coalescing handle for streaming updates of one card: `set` never waits, only the latest
    /// card is kept and sent as fast as the limits allow, `flush` waits for it. See [`CardUpdates`].
    pub fn card_updates(&self, id: MessageId) -> CardUpdates {
        CardUpdates::new(Arc::new(self.clone()), id, &self.inner.updates)
    }

    /// Waits for every card update handle made by this client (dropped ones included) to deliver
    /// its latest card. Call it before a process ends: delivery runs on Tokio tasks, which end
    /// with the runtime.
    ///
    /// # Errors
    ///
    /// The first delivery error (each one is also logged through `tracing`), after every handle
    /// was waited for.
    pub async fn close(&self) -> Result<(), Error> {
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
    ) -> BoxFuture<'a, Result<(), Exec>> {
        Box::pin(self.patch(id, content.to_owned(), Some(superseded)))
    }
}
