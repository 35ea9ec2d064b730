//! What the client knows of the entities it created: each one's next `sequence` and its text
//! elements, so an operation on an element that does not exist or is not text fails before any
//! request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use card_store::Store;

use serde_json::Value;

use crate::{ApiError, Error, platform};

/// One entity's local copy.
#[derive(Debug, Default)]
struct Entity {
    /// The last sequence used (the next is one more).
    sequence: u32,
    /// element_id → tag, for every component with an `element_id`.
    elements: HashMap<String, String>,
    /// Whether this client knows the card (created or replaced it): another replica's entity
    /// is written unchecked.
    known: bool,
    /// Held by the operation in flight (see [`Entities::turn`]).
    turn: Arc<tokio::sync::Mutex<()>>,
}

/// One operation's turn on an entity: its sequence, and the entity to itself until dropped
/// (in this process; with a shared store, across replicas too).
#[derive(Debug)]
pub(crate) struct Turn {
    pub(crate) sequence: u32,
    _held: tokio::sync::OwnedMutexGuard<()>,
    _lease: Option<Lease>,
}

/// A card entity's turn held in the shared store, released when the turn ends.
#[derive(Debug)]
struct Lease {
    store: Arc<dyn Store>,
    key: String,
    owner: String,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let (store, key, owner) = (
            self.store.clone(),
            std::mem::take(&mut self.key),
            std::mem::take(&mut self.owner),
        );
        // Released at once; if that fails (or the runtime is gone), the lease expires.
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                let _ = store.release(&key, &owner).await;
            });
        }
    }
}

/// How long a replica may hold an entity's turn: one write with its retries. A replica that dies
/// holding it delays the others by at most this.
const LEASE: Duration = Duration::from_secs(5);
/// How long to wait for the turn before the write fails.
const TURN_WAIT: Duration = Duration::from_secs(60);

/// The entities of one client.
#[derive(Debug, Default)]
pub(crate) struct Entities {
    map: Mutex<HashMap<String, Entity>>,
    /// Shared with other replicas: each entity's sequence and turn.
    store: Option<Arc<dyn Store>>,
}

impl Entities {
    pub(crate) fn new(store: Option<Arc<dyn Store>>) -> Self {
        Entities {
            map: Mutex::default(),
            store,
        }
    }

    /// Records a created entity with its card.
    pub(crate) fn created(&self, card_id: &str, card: &Value) {
        let mut elements = HashMap::new();
        collect(card, &mut elements);
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(
            card_id.to_owned(),
            Entity {
                elements,
                known: true,
                ..Entity::default()
            },
        );
    }

    /// Replaces the local copy's elements after a full update.
    pub(crate) fn replaced(&self, card_id: &str, card: &Value) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let e = map.entry(card_id.to_owned()).or_default();
        e.elements.clear();
        e.known = true;
        collect(card, &mut e.elements);
    }

    /// Waits for `card_id`'s turn and takes its next sequence (strictly increasing from 1 across
    /// every operation). Operations on one entity run one at a time while their turn is held:
    /// the server refuses a sequence lower than one it has seen (300317), so a later operation
    /// must not overtake an earlier one while it waits for a rate limit or a retry. With a
    /// shared store, the turn is also a lease in the store and the sequence the store's counter,
    /// so writers in several processes keep that order between them.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the store cannot be reached or the turn is not had within a minute.
    pub(crate) async fn turn(&self, card_id: &str) -> Result<Turn, Error> {
        let lock = {
            let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(card_id.to_owned()).or_default().turn.clone()
        };
        let held = lock.lock_owned().await;
        if let Some(store) = &self.store {
            let key = format!("turn:{card_id}");
            let owner = uuid::Uuid::new_v4().to_string();
            let store_err = |e: card_store::StoreError| Error::Store(e.0);
            if !card_store::claim_within(&**store, &key, &owner, LEASE, TURN_WAIT)
                .await
                .map_err(store_err)?
            {
                return Err(Error::Store(format!(
                    "the turn of card {card_id} was not had within {TURN_WAIT:?}"
                )));
            }
            let lease = Lease {
                store: store.clone(),
                key,
                owner,
            };
            let n = store
                .next(&format!("seq:{card_id}"), platform::ENTITY_LIFETIME)
                .await
                .map_err(store_err)?;
            return Ok(Turn {
                sequence: u32::try_from(n).unwrap_or(u32::MAX),
                _held: held,
                _lease: Some(lease),
            });
        }
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let e = map.entry(card_id.to_owned()).or_default();
        e.sequence += 1;
        Ok(Turn {
            sequence: e.sequence,
            _held: held,
            _lease: None,
        })
    }

    /// The tag of `element_id` in a known entity; `Ok(None)` for an entity this client did not
    /// create (not checked).
    ///
    /// # Errors
    ///
    /// 10002 (invalid parameter) when the entity is known and has no such element.
    pub(crate) fn tag_of(
        &self,
        card_id: &str,
        element_id: &str,
    ) -> Result<Option<String>, ApiError> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let Some(e) = map.get(card_id).filter(|e| e.known) else {
            return Ok(None);
        };
        e.elements
            .get(element_id)
            .cloned()
            .map(Some)
            .ok_or_else(|| no_element(card_id, element_id, e))
    }

    /// Checks a partial update of `element_id`: the element exists, the patch is a JSON object
    /// and names no other tag (300312).
    pub(crate) fn check_patch(
        &self,
        card_id: &str,
        element_id: &str,
        patch: &card_dsl::ElementPatch,
    ) -> Result<(), ApiError> {
        let old = self.tag_of(card_id, element_id)?;
        if !patch.is_object() {
            return Err(ApiError::new(
                platform::INVALID_PARAM,
                format!("the patch of {element_id:?} is not a JSON object of properties"),
                None,
            ));
        }
        match (old, patch.tag()) {
            (Some(old), Some(new)) if old != new => Err(ApiError::new(
                platform::ENTITY_TAG_CHANGE,
                format!("Unable to update element tag: {element_id:?} is a `{old}`, not a `{new}`"),
                None,
            )),
            _ => Ok(()),
        }
    }

    /// Checks that none of `elements`' ids is already in a known entity (300301).
    pub(crate) fn check_new_ids(&self, card_id: &str, elements: &Value) -> Result<(), ApiError> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let Some(e) = map.get(card_id).filter(|e| e.known) else {
            return Ok(());
        };
        let mut new = HashMap::new();
        collect(elements, &mut new);
        match new.keys().find(|id| e.elements.contains_key(*id)) {
            Some(id) => Err(ApiError::new(
                platform::ELEMENT_ID,
                format!("Duplicate element_id in card component: {id:?} is already in the card"),
                None,
            )),
            None => Ok(()),
        }
    }

    /// Records elements added to, or replacing one in, a known entity.
    pub(crate) fn added(&self, card_id: &str, elements: &Value) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = map.get_mut(card_id) {
            collect(elements, &mut e.elements);
        }
    }

    /// Forgets a deleted element.
    pub(crate) fn removed(&self, card_id: &str, element_id: &str) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = map.get_mut(card_id) {
            e.elements.remove(element_id);
        }
    }

    /// Checks that `element_id` is a text element (markdown or plain_text) of a known entity.
    /// An entity this client did not create is not checked.
    pub(crate) fn check_text(&self, card_id: &str, element_id: &str) -> Result<(), ApiError> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let Some(e) = map.get(card_id).filter(|e| e.known) else {
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
            None => Err(no_element(card_id, element_id, e)),
        }
    }
}

/// 230001 for an element id the card does not have, with the closest one it has when
/// `element_id` looks like a typo of it, else the ids it has.
fn no_element(card_id: &str, element_id: &str, e: &Entity) -> ApiError {
    let hint = match card_validate::suggest(element_id, e.elements.keys().map(String::as_str)) {
        Some(near) => format!("; did you mean {near:?}?"),
        None => {
            let mut ids: Vec<&str> = e.elements.keys().map(String::as_str).collect();
            ids.sort_unstable();
            format!("; its element_ids: {ids:?}")
        }
    };
    ApiError::new(
        platform::INVALID_PARAM,
        format!("the card {card_id} has no element_id {element_id:?}{hint}"),
        None,
    )
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
