//! The element calls (`…/cards/:card_id/elements…`): add, replace, patch and delete one
//! component of an entity, checked against the client's copy first (the target exists, new ids
//! are unique 300301, a replacement keeps its tag 300312). The three take the same typed inputs:
//! components as `impl Into<Element>` (a `Markdown`, a `Button`, an `Element`, `&Element`) and
//! a patch as `impl Into<ElementPatch>` (a component's set properties, or JSON).

use card_dsl::{Element, ElementPatch};
use serde_json::{Value, json};

use super::CardId;
use crate::Endpoint;
use crate::client::Client;
use crate::entities::Turn;
use crate::error::pre;
use crate::routes::{self, Route};
use crate::{ApiError, Error, platform};

/// Where added elements go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// At the end of the body.
    Append,
    /// Before this element.
    Before(String),
    /// After this element.
    After(String),
}

impl Client {
    /// Adds components to an entity (`POST …/elements`).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] before any request for an unknown target or an element_id already in
    /// the card (300301); [`Error::Api`] with the add-element page's codes; the transport errors.
    pub async fn add_elements<E: Into<Element>>(
        &self,
        id: &CardId,
        position: Position,
        elements: impl IntoIterator<Item = E>,
    ) -> Result<(), Error> {
        let elements: Vec<Element> = elements.into_iter().map(Into::into).collect();
        let list = serde_json::to_value(&elements).unwrap_or(Value::Null);
        let entities = &self.inner.entities;
        entities
            .check_new_ids(id.as_str(), &list)
            .map_err(pre(Endpoint::CardKit))?;
        let (kind, target) = match &position {
            Position::Append => ("append", None),
            Position::Before(t) => ("insert_before", Some(t.as_str())),
            Position::After(t) => ("insert_after", Some(t.as_str())),
        };
        if let Some(t) = target {
            entities
                .tag_of(id.as_str(), t)
                .map_err(pre(Endpoint::CardKit))?;
        }
        let (turn, mut body) = self.write_body(id).await?;
        body["type"] = json!(kind);
        body["elements"] = json!(list.to_string());
        if let Some(t) = target {
            body["target_element_id"] = json!(t);
        }
        self.entity_request(turn, &routes::ELEMENT_CREATE, id, None, body)
            .await?;
        entities.added(id.as_str(), &list);
        Ok(())
    }

    /// Replaces one component (`PUT …/elements/:element_id`); its tag may not change.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for an unknown element or a changed tag (300312); [`Error::Api`];
    /// the transport errors.
    pub async fn replace_element(
        &self,
        id: &CardId,
        element_id: &str,
        element: impl Into<Element>,
    ) -> Result<(), Error> {
        let element: Element = element.into();
        let old = self
            .inner
            .entities
            .tag_of(id.as_str(), element_id)
            .map_err(pre(Endpoint::CardKit))?;
        if let Some(old) = old
            && old != element.tag()
        {
            return Err(pre(Endpoint::CardKit)(ApiError::new(
                platform::ENTITY_TAG_CHANGE,
                format!(
                    "Unable to update element tag: {element_id:?} is a `{old}`, not a `{}`",
                    element.tag()
                ),
                None,
            )));
        }
        let value = serde_json::to_value(&element).unwrap_or(Value::Null);
        let (turn, mut body) = self.write_body(id).await?;
        body["element"] = json!(value.to_string());
        self.entity_request(turn, &routes::ELEMENT_UPDATE, id, Some(element_id), body)
            .await?;
        self.inner.entities.added(id.as_str(), &value);
        Ok(())
    }

    /// Changes some properties of one component (`PATCH …/elements/:element_id`): a typed
    /// component's set properties (`Button::new().disabled(true)`), an [`ElementPatch`], or a
    /// JSON object.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for an unknown element, a `tag` in the patch other than the
    /// element's (300312), or a patch that is not a JSON object; [`Error::Api`]; the transport
    /// errors.
    pub async fn patch_element(
        &self,
        id: &CardId,
        element_id: &str,
        patch: impl Into<ElementPatch>,
    ) -> Result<(), Error> {
        let patch = patch.into();
        self.inner
            .entities
            .check_patch(id.as_str(), element_id, &patch)
            .map_err(pre(Endpoint::CardKit))?;
        let (turn, mut body) = self.write_body(id).await?;
        body["partial_element"] = json!(patch.as_value().to_string());
        self.entity_request(turn, &routes::ELEMENT_PATCH, id, Some(element_id), body)
            .await
    }

    /// Deletes one component (`DELETE …/elements/:element_id`).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for an unknown element; [`Error::Api`]; the transport errors.
    pub async fn delete_element(&self, id: &CardId, element_id: &str) -> Result<(), Error> {
        self.inner
            .entities
            .tag_of(id.as_str(), element_id)
            .map_err(pre(Endpoint::CardKit))?;
        let (turn, body) = self.write_body(id).await?;
        self.entity_request(turn, &routes::ELEMENT_DELETE, id, Some(element_id), body)
            .await?;
        self.inner.entities.removed(id.as_str(), element_id);
        Ok(())
    }

    /// The turn and `{sequence, uuid}` of the next write to `id`.
    async fn write_body(&self, id: &CardId) -> Result<(Turn, Value), Error> {
        let turn = self.inner.entities.turn(id.as_str()).await?;
        let body = json!({
            "sequence": turn.sequence,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        Ok((turn, body))
    }

    /// Runs a write to `route` on entity `id` (and its `element`) in its `turn`.
    async fn entity_request(
        &self,
        turn: Turn,
        route: &Route,
        id: &CardId,
        element: Option<&str>,
        body: Value,
    ) -> Result<(), Error> {
        let params: Vec<&str> = std::iter::once(id.as_str()).chain(element).collect();
        let call = self.entity_call(route, &params, body, Some(id.as_str()));
        self.inner.transport.run(&call).await?;
        drop(turn);
        Ok(())
    }
}
