//! What the client knows of the entities it created: each one's next `sequence` and its text
//! elements, so an operation on an element that does not exist or is not text fails before any
//! request.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;

use crate::{ApiError, platform};

/// One entity's local copy.
#[derive(Debug, Default)]
struct Entity {
    /// The last sequence used (the next is one more).
    sequence: u32,
    /// element_id → tag, for every component with an `element_id`.
    elements: HashMap<String, String>,
}

/// The entities of one client.
#[derive(Debug, Default)]
pub(crate) struct Entities(Mutex<HashMap<String, Entity>>);

impl Entities {
    /// Records a created entity with its card.
    pub(crate) fn created(&self, card_id: &str, card: &Value) {
        let mut elements = HashMap::new();
        collect(card, &mut elements);
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(
            card_id.to_owned(),
            Entity {
                sequence: 0,
                elements,
            },
        );
    }

    /// Replaces the local copy's elements after a full update.
    pub(crate) fn replaced(&self, card_id: &str, card: &Value) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let e = map.entry(card_id.to_owned()).or_default();
        e.elements.clear();
        collect(card, &mut e.elements);
    }

    /// The next sequence of `card_id` (strictly increasing from 1 across every operation).
    pub(crate) fn next_sequence(&self, card_id: &str) -> u32 {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let e = map.entry(card_id.to_owned()).or_default();
        e.sequence += 1;
        e.sequence
    }

    /// Checks that `element_id` is a text element (markdown or plain_text) of a known entity.
    /// An entity this client did not create is not checked.
    pub(crate) fn check_text(&self, card_id: &str, element_id: &str) -> Result<(), ApiError> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let Some(e) = map.get(card_id) else {
            return Ok(());
        };
        match e.elements.get(element_id).map(String::as_str) {
            Some("markdown" | "plain_text") => Ok(()),
            Some(tag) => Err(ApiError::new(
                platform::ENTITY_ONLY_TEXT,
                format!(
                    "Only update text: element {element_id:?} is a `{tag}`; only markdown and plain_text stream"
                ),
                None,
            )),
            None => Err(ApiError::new(
                platform::INVALID_PARAM,
                format!("the card {card_id} has no element_id {element_id:?}"),
                None,
            )),
        }
    }
}

fn collect(v: &Value, out: &mut HashMap<String, String>) {
    match v {
        Value::Object(m) => {
            if let (Some(id), Some(tag)) = (
                m.get("element_id").and_then(Value::as_str),
                m.get("tag").and_then(Value::as_str),
            ) {
                out.insert(id.to_owned(), tag.to_owned());
            }
            m.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}
