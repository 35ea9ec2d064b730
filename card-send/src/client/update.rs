//! Sent messages: update a card (PATCH, seed 000), edit a text or post (PUT, seed 001), read one
//! back, recall one.

use super::Client;
use crate::Endpoint;
use crate::api::{Items, Message};
use crate::error::pre;
use crate::routes::{self};
use crate::transport::{Call, CallFailure};
use crate::updates::CardUpdates;
use crate::wire::decode;
use crate::{Error, MessageId, preflight};
use card_dsl::{Card, MessageContent, TemplateCard};
use serde_json::json;
use std::sync::Arc;
use std::time::SystemTime;

impl Client {
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
            .map_err(CallFailure::into_error)
    }

    pub(crate) async fn update_card_exec(
        &self,
        id: &MessageId,
        card: &Card,
        superseded: Option<&(dyn Fn() -> bool + Send + Sync)>,
    ) -> Result<(), CallFailure> {
        // Serialized once: pre-flight checks the exact bytes that are sent.
        let content = card.to_content();
        self.card_preflight(&content, Some(id))
            .map_err(|e| CallFailure::Failed(pre(Endpoint::UpdateCard)(e)))?;
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
            .map_err(CallFailure::into_error)
    }

    pub(crate) async fn patch(
        &self,
        id: &MessageId,
        content: String,
        superseded: Option<&(dyn Fn() -> bool + Send + Sync)>,
    ) -> Result<(), CallFailure> {
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

    /// A coalescing handle for streaming updates of one card: `set` never waits, only the latest
    /// card is kept and sent as fast as the limits allow, `flush` waits for it. See [`CardUpdates`].
    pub fn card_updates(&self, id: MessageId) -> CardUpdates {
        CardUpdates::new(Arc::new(self.clone()), id, &self.inner.updates)
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

    /// Recalls a message this app sent.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] with the recall page's codes: 230026 not this app's message, 230009 past
    /// the tenant's recall time limit, 230110 deleted …; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn recall(&self, id: &MessageId) -> Result<(), Error> {
        let call = Call::to(&routes::RECALL, &[id.as_str()]);
        self.inner.transport.run(&call).await?;
        Ok(())
    }
}
