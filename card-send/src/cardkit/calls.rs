//! The entity calls: create, send by card_id, full update, settings, stream text. Each checks
//! what it can before any request (pre-flight of the card, the element, the content's length),
//! and carries the card's next `sequence` and a fresh `uuid`.

use card_dsl::Card;
use serde::Deserialize;
use serde_json::{Value, json};

use super::CardId;
use crate::Endpoint;
use crate::client::Client;
use crate::error::pre;
use crate::routes::{self, Route};
use crate::transport::Call;
use crate::wire::decode;
use crate::{ApiError, Error, MessageId, Receiver, platform};

/// Card settings (`config` keys) to change: sent inside the `{"config": …}` wrapper the settings
/// page requires (without it the platform ignores them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntitySettings {
    /// Switch streaming mode on (re-arms its 10 minutes) or off.
    pub streaming_mode: Option<bool>,
    /// The chat list's preview text (`summary.content`).
    pub summary: Option<String>,
}

impl EntitySettings {
    /// The `settings` string: `{"config": {…}}`.
    pub(crate) fn settings_string(&self) -> String {
        let mut config = serde_json::Map::new();
        if let Some(on) = self.streaming_mode {
            config.insert("streaming_mode".into(), json!(on));
        }
        if let Some(s) = &self.summary {
            config.insert("summary".into(), json!({ "content": s }));
        }
        json!({ "config": config }).to_string()
    }
}

#[derive(Deserialize)]
struct Created {
    card_id: String,
}

impl Client {
    /// Creates a card entity from a 2.0 card (`POST /open-apis/cardkit/v1/cards`).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for a card the server would reject (element_id format and
    /// uniqueness, 200 elements, 30 KB …); [`Error::Api`] with the create page's codes
    /// (300301, 300305, 200860 …); [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn create_card_entity(&self, card: &Card) -> Result<CardId, Error> {
        let content = card.to_content();
        self.card_preflight(&content, None)
            .map_err(pre(Endpoint::CardKit))?;
        let call = self.entity_call(
            &routes::ENTITY_CREATE,
            &[],
            json!({ "type": "card_json", "data": content }),
            None,
        );
        let created: Created = decode(Endpoint::CardKit, self.inner.transport.run(&call).await?)?;
        self.inner
            .entities
            .created(&created.card_id, &card.to_value());
        Ok(CardId::new(created.card_id))
    }

    /// Creates a card entity from a card-builder template (`type: template`): its id, optional
    /// version and variables. The client keeps no copy of a template's elements, so operations
    /// on them are not checked locally.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] with the create page's codes; the transport errors.
    pub async fn create_card_entity_from_template(
        &self,
        template_id: &str,
        version: Option<&str>,
        variables: Value,
    ) -> Result<CardId, Error> {
        let mut data = json!({ "template_id": template_id, "template_variable": variables });
        if let Some(v) = version {
            data["template_version_name"] = json!(v);
        }
        let call = self.entity_call(
            &routes::ENTITY_CREATE,
            &[],
            json!({ "type": "template", "data": data.to_string() }),
            None,
        );
        let created: Created = decode(Endpoint::CardKit, self.inner.transport.run(&call).await?)?;
        Ok(CardId::new(created.card_id))
    }

    /// Sends a card entity as a message (`{"type": "card", "data": {"card_id": …}}`); an entity
    /// is sent once.
    ///
    /// # Errors
    ///
    /// As [`Client::send_card`].
    pub async fn send_card_entity(
        &self,
        to: impl Into<Receiver>,
        card: &CardId,
    ) -> Result<MessageId, Error> {
        let content = json!({ "type": "card", "data": { "card_id": card.as_str() } }).to_string();
        self.send_content(to.into(), "interactive", content).await
    }

    /// Replies to a message with a card entity (`in_thread` as for [`Client::reply_card`]).
    ///
    /// # Errors
    ///
    /// As [`Client::reply_card`].
    pub async fn reply_card_entity(
        &self,
        to: &MessageId,
        card: &CardId,
        in_thread: bool,
    ) -> Result<crate::Message, Error> {
        let content = json!({ "type": "card", "data": { "card_id": card.as_str() } }).to_string();
        self.reply_content(to, "interactive", content, in_thread)
            .await
    }

    /// Replaces the entity's card (`PUT /open-apis/cardkit/v1/cards/:card_id`).
    ///
    /// # Errors
    ///
    /// As [`Client::create_card_entity`], plus the sequence and streaming codes (300317 …).
    pub async fn update_card_entity(&self, id: &CardId, card: &Card) -> Result<(), Error> {
        let content = card.to_content();
        self.card_preflight(&content, None)
            .map_err(pre(Endpoint::CardKit))?;
        let turn = self.inner.entities.turn(id.as_str()).await?;
        let body = json!({
            "card": { "type": "card_json", "data": content },
            "sequence": turn.sequence,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let (route, params) = (&routes::ENTITY_UPDATE, [id.as_str()]);
        self.inner
            .transport
            .run(&self.entity_call(route, &params, body, Some(id.as_str())))
            .await?;
        self.inner.entities.replaced(id.as_str(), &card.to_value());
        Ok(())
    }

    /// Changes the entity's settings (`PATCH …/settings`), in their `config` wrapper.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] with the settings page's codes; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn card_entity_settings(
        &self,
        id: &CardId,
        settings: &EntitySettings,
    ) -> Result<(), Error> {
        let turn = self.inner.entities.turn(id.as_str()).await?;
        let body = json!({
            "settings": settings.settings_string(),
            "sequence": turn.sequence,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let (route, params) = (&routes::ENTITY_SETTINGS, [id.as_str()]);
        self.inner
            .transport
            .run(&self.entity_call(route, &params, body, Some(id.as_str())))
            .await?;
        Ok(())
    }

    /// Streams the full text of a text element (`PUT …/elements/:element_id/content`): a text
    /// that extends the previous one types on with the typewriter effect.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for an element this client's copy of the entity lacks or that is
    /// not markdown/plain_text (300310), or a text over 100,000 characters; [`Error::Api`] with
    /// the stream page's codes (300309 streaming closed, 300317 sequence, 200810 interaction …);
    /// [`Error::Transport`], [`Error::Http`], [`Error::RetriesExhausted`] or [`Error::Decode`].
    pub async fn stream_text(
        &self,
        id: &CardId,
        element_id: &str,
        content: &str,
    ) -> Result<(), Error> {
        self.inner
            .entities
            .check_text(id.as_str(), element_id)
            .map_err(pre(Endpoint::CardKit))?;
        let chars = content.chars().count();
        if !(1..=platform::MAX_STREAM_CONTENT).contains(&chars) {
            return Err(pre(Endpoint::CardKit)(ApiError::new(
                platform::INVALID_PARAM,
                format!(
                    "content has {chars} characters; the stream page takes 1 to {}",
                    platform::MAX_STREAM_CONTENT
                ),
                None,
            )));
        }
        let turn = self.inner.entities.turn(id.as_str()).await?;
        let body = json!({
            "content": content,
            "sequence": turn.sequence,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let (route, params) = (&routes::ELEMENT_CONTENT, [id.as_str(), element_id]);
        self.inner
            .transport
            .run(&self.entity_call(route, &params, body, Some(id.as_str())))
            .await?;
        drop(turn);
        Ok(())
    }

    /// A CardKit call to `route` with `params` in its path; `entity` is the card entity it
    /// operates on (its 10 operations/s).
    pub(super) fn entity_call<'a>(
        &self,
        route: &Route,
        params: &[&str],
        body: Value,
        entity: Option<&'a str>,
    ) -> Call<'a> {
        Call {
            body: Some(body),
            key: entity,
            ..Call::to(route, params)
        }
    }
}
