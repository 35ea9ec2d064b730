//! `batch_update` (`POST …/cards/:card_id/batch_update`): several operations on one entity in
//! one request, applied all or none, with one sequence; and `id_convert`, a sent message's
//! entity.

use card_dsl::{Element, ElementPatch};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{CardId, EntitySettings, Position};
use crate::Endpoint;
use crate::client::Client;
use crate::error::pre;
use crate::routes::{self};
use crate::wire::decode;
use crate::{ApiError, Error, MessageId, platform};

/// One operation of a batch (the batch-update page's `actions`).
#[derive(Debug, Clone)]
pub enum BatchAction {
    /// `partial_update_setting`: settings in their `config` wrapper.
    Settings(EntitySettings),
    /// `add_elements`.
    Add(Position, Vec<Element>),
    /// `delete_elements`.
    Delete(Vec<String>),
    /// `partial_update_element` (the same [`ElementPatch`] as `patch_element`).
    Patch(String, ElementPatch),
    /// `update_element` (boxed: an element is large).
    Replace(String, Box<Element>),
}

impl BatchAction {
    fn to_json(&self) -> Value {
        match self {
            BatchAction::Settings(s) => json!({
                "action": "partial_update_setting",
                "params": { "settings": serde_json::from_str::<Value>(&s.settings_string()).unwrap_or(Value::Null) },
            }),
            BatchAction::Add(pos, elements) => {
                let mut params = json!({ "elements": elements });
                match pos {
                    Position::Append => params["type"] = json!("append"),
                    Position::Before(t) => {
                        params["type"] = json!("insert_before");
                        params["target_element_id"] = json!(t);
                    }
                    Position::After(t) => {
                        params["type"] = json!("insert_after");
                        params["target_element_id"] = json!(t);
                    }
                }
                json!({ "action": "add_elements", "params": params })
            }
            BatchAction::Delete(ids) => {
                json!({ "action": "delete_elements", "params": { "element_ids": ids } })
            }
            BatchAction::Patch(id, partial) => json!({
                "action": "partial_update_element",
                "params": { "element_id": id, "partial_element": partial.as_value() },
            }),
            BatchAction::Replace(id, element) => json!({
                "action": "update_element",
                "params": { "element_id": id, "element": element },
            }),
        }
    }
}

#[derive(Deserialize)]
struct Converted {
    card_id: String,
}

impl Client {
    /// Applies `actions` to the entity in one request (all or none).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when an action names an element the local copy lacks, adds an id it
    /// has (300301) or changes a tag (300312); [`Error::Api`] with the entity codes; the
    /// transport errors.
    pub async fn batch_update(&self, id: &CardId, actions: &[BatchAction]) -> Result<(), Error> {
        let entities = &self.inner.entities;
        for a in actions {
            let checked: Result<(), ApiError> = match a {
                BatchAction::Settings(_) => Ok(()),
                BatchAction::Add(pos, els) => {
                    let list = serde_json::to_value(els).unwrap_or(Value::Null);
                    entities
                        .check_new_ids(id.as_str(), &list)
                        .and_then(|()| match pos {
                            Position::Append => Ok(()),
                            Position::Before(t) | Position::After(t) => {
                                entities.tag_of(id.as_str(), t).map(|_| ())
                            }
                        })
                }
                BatchAction::Delete(ids) => ids
                    .iter()
                    .try_for_each(|e| entities.tag_of(id.as_str(), e).map(|_| ())),
                BatchAction::Patch(e, patch) => entities.check_patch(id.as_str(), e, patch),
                BatchAction::Replace(e, el) => match entities.tag_of(id.as_str(), e) {
                    Ok(Some(old)) if old != el.tag() => Err(ApiError::new(
                        platform::ENTITY_TAG_CHANGE,
                        format!("Unable to update element tag: {e:?} is a `{old}`"),
                        None,
                    )),
                    other => other.map(|_| ()),
                },
            };
            checked.map_err(pre(Endpoint::CardKit))?;
        }
        let list: Vec<Value> = actions.iter().map(BatchAction::to_json).collect();
        let turn = entities.turn(id.as_str()).await?;
        let body = json!({
            "actions": Value::Array(list).to_string(),
            "sequence": turn.sequence,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let call = self.entity_call(
            &routes::ENTITY_BATCH_UPDATE,
            &[id.as_str()],
            body,
            Some(id.as_str()),
        );
        self.inner.transport.run(&call).await?;
        drop(turn);
        for a in actions {
            match a {
                BatchAction::Add(_, els) => entities.added(
                    id.as_str(),
                    &serde_json::to_value(els).unwrap_or(Value::Null),
                ),
                BatchAction::Replace(_, el) => entities.added(
                    id.as_str(),
                    &serde_json::to_value(el).unwrap_or(Value::Null),
                ),
                BatchAction::Delete(ids) => {
                    ids.iter().for_each(|e| entities.removed(id.as_str(), e))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The entity a sent message shows (`POST /open-apis/cardkit/v1/cards/id_convert`).
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for a message that is not a card entity's; the transport errors.
    pub async fn card_id_of(&self, message: &MessageId) -> Result<CardId, Error> {
        let call = self.entity_call(
            &routes::ENTITY_ID_CONVERT,
            &[],
            json!({ "message_id": message.as_str() }),
            None,
        );
        let c: Converted = decode(Endpoint::CardKit, self.inner.transport.run(&call).await?)?;
        Ok(CardId::new(c.card_id))
    }
}
