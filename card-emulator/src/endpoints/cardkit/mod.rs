//! CardKit card entities: create and the rules every operation shares — with the documented rules
//! (the create and stream-text pages): schema 2.0 (300303), unique element ids (300301), 200
//! components (300305), 14 days (200750), strict sequence (300317), a uuid reused for another
//! operation (200770; the same operation again is a retry, answered as done),
//! streaming closed 10 emulated minutes after it was switched on (300309), text elements only
//! (300310). A sent entity's message shows the entity's current card.

//!
//! The operations are split by subject: text and settings in [`text`], element edits in
//! [`elements`], several at once in [`batch`]; all share [`apply`].

mod batch;
mod elements;
mod text;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::*;
use crate::state::Entity;

pub(crate) use batch::{batch_update, id_convert};
pub(crate) use elements::{add_elements, delete_element, patch_element, replace_element};
pub(crate) use text::{content, settings, update};

pub(crate) async fn create(
    State(st): SharedState,
    _headers: HeaderMap,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ENTITY_CREATE, None)?;
    let v = json_body(&body)?;
    let data = str_field(&v, "data")?;
    let card = match str_field(&v, "type")? {
        "card_json" => judge_card(data)?,
        // A builder template: the emulator has no builder, so it shows the template reference.
        "template" => {
            let t: Value = serde_json::from_str(data)
                .map_err(|e| reject(platform::INVALID_PARAM, format!("data is not JSON: {e}")))?;
            if t.get("template_id").and_then(Value::as_str).is_none() {
                return Err(reject(
                    platform::INVALID_PARAM,
                    "template data needs a template_id",
                ));
            }
            json!({"schema": "2.0", "config": {}, "body": {"elements": []}, "template": t})
        }
        other => {
            return Err(reject(
                platform::INVALID_PARAM,
                format!("type is card_json or template, not {other:?}"),
            ));
        }
    };
    let now = st.now();
    let id = st.fresh_id("7");
    let streaming = card
        .pointer("/config/streaming_mode")
        .and_then(Value::as_bool)
        == Some(true);
    lock(&st.entities).insert(
        id.clone(),
        Entity {
            card,
            created: now,
            message_id: None,
            last_sequence: 0,
            streaming,
            armed_at: now,
            uuids: HashSet::new(),
            interacting_until: None,
        },
    );
    Ok(Data(json!({ "card_id": id })))
}

/// A card JSON string the create and update pages take, or their error.
fn judge_card(data: &str) -> Result<Value, Reject> {
    let card: Value = serde_json::from_str(data).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("data is not card JSON: {e}"),
        )
    })?;
    if card.get("schema").and_then(Value::as_str) != Some("2.0") {
        return Err(documented(platform::ENTITY_SCHEMA_2_ONLY));
    }
    if let Some(d) = card_validate::validate_str(data).first_error() {
        let code = match d.rule.id {
            "element-id-duplicate" => platform::ELEMENT_ID,
            "element-limit" => platform::ENTITY_TOO_MANY_ELEMENTS,
            "too-large" => platform::ENTITY_TOO_LARGE,
            _ => platform::INVALID_PARAM,
        };
        return Err(reject(code, d.to_string()));
    }
    Ok(card)
}

/// The entity, checked for existence and age, its sequence and uuid taken; `None` for a repeat
/// of an operation already applied (same uuid and sequence: a retry, answered as done).
fn operate<'e>(
    st: &EmuState,
    entities: &'e mut HashMap<String, Entity>,
    id: &str,
    v: &Value,
) -> Result<Option<&'e mut Entity>, Reject> {
    let e = entities
        .get_mut(id)
        .ok_or_else(|| documented(platform::ENTITY_NOT_FOUND))?;
    if st.now().duration_since(e.created).unwrap_or_default() > platform::ENTITY_LIFETIME {
        return Err(documented(platform::ENTITY_EXPIRED));
    }
    if e.interacting_until.is_some_and(|until| st.now() < until) {
        return Err(documented(platform::ENTITY_IN_INTERACTION));
    }
    let seq = v.get("sequence").and_then(Value::as_u64).unwrap_or(0);
    if let Some(u) = v.get("uuid").and_then(Value::as_str) {
        let key = format!("{u}#{seq}");
        if e.uuids.contains(&key) {
            return Ok(None);
        }
        if e.uuids
            .iter()
            .any(|k| k.rsplit_once('#').is_some_and(|(x, _)| x == u))
        {
            return Err(documented(platform::ENTITY_UUID_CONFLICT));
        }
        if seq > u64::from(e.last_sequence) {
            e.uuids.insert(key);
        }
    }
    if seq <= u64::from(e.last_sequence) {
        return Err(documented(platform::ENTITY_SEQUENCE));
    }
    e.last_sequence = u32::try_from(seq).unwrap_or(u32::MAX);
    Ok(Some(e))
}

/// Shows the entity's card in its message.
fn show(st: &EmuState, e: &Entity) {
    if let Some(id) = &e.message_id
        && let Some(m) = lock(&st.messages).get_mut(id)
    {
        m.state.content = e.card.to_string();
        m.state.updates += 1;
        m.state.updated_at = st.now();
    }
}

/// The card of an entity being sent as a message (once), or the send page's error.
pub(crate) fn send_entity(
    st: &Arc<EmuState>,
    content: &str,
    message_id: &str,
) -> Result<Option<String>, Reject> {
    let v: Value = serde_json::from_str(content).unwrap_or(Value::Null);
    if v.get("type").and_then(Value::as_str) != Some("card") {
        return Ok(None);
    }
    let id = v
        .pointer("/data/card_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut entities = lock(&st.entities);
    let invalid = || {
        reject(
            platform::CARD_CONTENT,
            card_validate::codes::card_content_message(
                card_validate::codes::CONTENT_RULE,
                None,
                "cardid is invalid",
                None,
            ),
        )
    };
    let e = entities.get_mut(id).ok_or_else(invalid)?;
    if e.message_id.is_some() {
        return Err(invalid());
    }
    e.message_id = Some(message_id.to_owned());
    Ok(Some(e.card.to_string()))
}

/// The array holding the element `id`, and its index there.
fn find_slot<'v>(v: &'v mut Value, id: &str) -> Option<(&'v mut Vec<Value>, usize)> {
    match v {
        Value::Array(a) => {
            if let Some(i) = a
                .iter()
                .position(|x| x.get("element_id").and_then(Value::as_str) == Some(id))
            {
                return Some((a, i));
            }
            a.iter_mut().find_map(|x| find_slot(x, id))
        }
        Value::Object(m) => m.values_mut().find_map(|x| find_slot(x, id)),
        _ => None,
    }
}

/// The card after an element operation, judged as the create page judges a card.
fn rejudge(card: &Value, failed: u32) -> Result<(), Reject> {
    judge_card(&card.to_string()).map(|_| ()).map_err(|r| {
        if r.code == platform::ENTITY_TOO_MANY_ELEMENTS || r.code == platform::ELEMENT_ID {
            r
        } else {
            reject(failed, r.msg)
        }
    })
}

/// One element edit (the element pages and the batch page's actions).
pub(super) enum Op {
    /// `add_elements`: `append`, `insert_before` or `insert_after` a target.
    Add {
        kind: String,
        target: Option<String>,
        elements: Vec<Value>,
    },
    /// `delete_elements`.
    Delete(String),
    /// `update_element`: the same tag (300312).
    Replace(String, Value),
    /// `partial_update_element`: no other tag (300312).
    Patch(String, Value),
}

/// Applies one edit to a card (a copy: the caller keeps it only when every edit and the
/// judgement succeed).
pub(super) fn apply(card: &mut Value, op: Op) -> Result<(), Reject> {
    match op {
        Op::Add {
            kind,
            target,
            elements,
        } => match (kind.as_str(), target) {
            ("append", _) => card["body"]["elements"]
                .as_array_mut()
                .ok_or_else(|| {
                    reject(platform::ENTITY_ADD_FAILED, "the card has no body.elements")
                })?
                .extend(elements),
            ("insert_before" | "insert_after", Some(t)) => {
                let (list, i) = find_slot(card, &t).ok_or_else(|| {
                    reject(platform::ENTITY_ADD_FAILED, format!("no element {t}"))
                })?;
                let at = if kind == "insert_after" { i + 1 } else { i };
                for (k, x) in elements.into_iter().enumerate() {
                    list.insert(at + k, x);
                }
            }
            _ => {
                return Err(reject(
                    platform::INVALID_PARAM,
                    "type is append, insert_before or insert_after (with target_element_id)",
                ));
            }
        },
        Op::Delete(el) => {
            let (list, i) = find_slot(card, &el).ok_or_else(|| {
                reject(platform::ENTITY_DELETE_FAILED, format!("no element {el}"))
            })?;
            list.remove(i);
        }
        Op::Replace(el, new) => edit_one(card, &el, new, true)?,
        Op::Patch(el, new) => edit_one(card, &el, new, false)?,
    }
    Ok(())
}

/// Replaces (`whole`) or patches the element `el`; neither may change its tag (300312).
fn edit_one(card: &mut Value, el: &str, new: Value, whole: bool) -> Result<(), Reject> {
    let (list, i) = find_slot(card, el)
        .ok_or_else(|| reject(platform::ENTITY_UPDATE_FAILED, format!("no element {el}")))?;
    if new
        .get("tag")
        .is_some_and(|t| list[i].get("tag") != Some(t))
    {
        return Err(documented(platform::ENTITY_TAG_CHANGE));
    }
    if whole {
        list[i] = new;
        return Ok(());
    }
    let Some(p) = new.as_object() else {
        return Err(reject(
            platform::INVALID_PARAM,
            "partial_element is a JSON object",
        ));
    };
    for (k, x) in p {
        list[i][k] = x.clone();
    }
    Ok(())
}

/// Runs `edit` on a copy of entity `id`'s card, after the shared checks, and keeps it when it
/// succeeds and the card still passes the create page's judgement (else `failed`).
pub(super) fn mutate(
    st: &Arc<EmuState>,
    id: &str,
    v: &Value,
    failed: u32,
    edit: impl FnOnce(&mut Entity, &mut Value) -> Result<(), Reject>,
) -> Result<Data, Reject> {
    let mut entities = lock(&st.entities);
    let Some(e) = operate(st, &mut entities, id, v)? else {
        return Ok(Data(json!({})));
    };
    let mut card = e.card.clone();
    edit(e, &mut card)?;
    rejudge(&card, failed)?;
    e.card = card;
    show(st, e);
    Ok(Data(json!({})))
}
