//! CardKit card entities: create, stream text, settings, full update — with the documented rules
//! (the create and stream-text pages): schema 2.0 (300303), unique element ids (300301), 200
//! components (300305), 14 days (200750), strict sequence (300317), a uuid reused for another
//! operation (200770; the same operation again is a retry, answered as done),
//! streaming closed 10 emulated minutes after it was switched on (300309), text elements only
//! (300310). A sent entity's message shows the entity's current card.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::*;
use crate::emulator::state::Entity;

pub(crate) async fn create(State(st): St, headers: HeaderMap, body: Bytes) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
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
            "element-id-duplicate" => platform::ENTITY_DUPLICATE_ELEMENT_ID,
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

pub(crate) async fn content(
    State(st): St,
    headers: HeaderMap,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let text = str_field(&v, "content")?.to_owned();
    let mut entities = lock(&st.entities);
    let Some(e) = operate(&st, &mut entities, &id, &v)? else {
        return Ok(Data(json!({})));
    };
    let now = st.now();
    if e.streaming
        && now.duration_since(e.armed_at).unwrap_or_default() > platform::STREAMING_WINDOW
    {
        e.streaming = false;
    }
    if !e.streaming {
        return Err(documented(platform::ENTITY_STREAMING_CLOSED));
    }
    if !set_text(&mut e.card, &element, &text) {
        return Err(documented(platform::ENTITY_ONLY_TEXT));
    }
    show(&st, e);
    Ok(Data(json!({})))
}

/// Sets the content of the text element `element`; false when there is none.
fn set_text(v: &mut Value, element: &str, text: &str) -> bool {
    match v {
        Value::Object(m) => {
            let is_it = m.get("element_id").and_then(Value::as_str) == Some(element);
            let tag = m.get("tag").and_then(Value::as_str).unwrap_or_default();
            if is_it && matches!(tag, "markdown" | "plain_text") {
                m.insert("content".into(), json!(text));
                return true;
            }
            if is_it {
                return false;
            }
            m.values_mut().any(|x| set_text(x, element, text))
        }
        Value::Array(a) => a.iter_mut().any(|x| set_text(x, element, text)),
        _ => false,
    }
}

pub(crate) async fn settings(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let settings: Value = serde_json::from_str(str_field(&v, "settings")?).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("settings is not JSON: {e}"),
        )
    })?;
    let mut entities = lock(&st.entities);
    let Some(e) = operate(&st, &mut entities, &id, &v)? else {
        return Ok(Data(json!({})));
    };
    // Settings go inside `config`; other keys are ignored, as the platform does.
    if let Some(config) = settings.get("config").and_then(Value::as_object) {
        if let Some(on) = config.get("streaming_mode").and_then(Value::as_bool) {
            e.streaming = on;
            if on {
                e.armed_at = st.now();
            }
        }
        for (k, val) in config {
            e.card["config"][k] = val.clone();
        }
    }
    show(&st, e);
    Ok(Data(json!({})))
}

pub(crate) async fn update(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let data = v
        .pointer("/card/data")
        .and_then(Value::as_str)
        .ok_or_else(|| reject(platform::INVALID_PARAM, "card.data is required"))?;
    let card = judge_card(data)?;
    let mut entities = lock(&st.entities);
    let Some(e) = operate(&st, &mut entities, &id, &v)? else {
        return Ok(Data(json!({})));
    };
    e.card = card;
    show(&st, e);
    Ok(Data(json!({})))
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
            "Failed to create card content, ext=ErrCode: 11310; ErrMsg: cardid is invalid; ",
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
        if r.code == platform::ENTITY_TOO_MANY_ELEMENTS
            || r.code == platform::ENTITY_DUPLICATE_ELEMENT_ID
        {
            r
        } else {
            reject(failed, r.msg)
        }
    })
}

pub(crate) async fn add_elements(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let new: Vec<Value> = serde_json::from_str(str_field(&v, "elements")?).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("elements is not a JSON array: {e}"),
        )
    })?;
    let kind = str_field(&v, "type")?.to_owned();
    let target = v
        .get("target_element_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut entities = lock(&st.entities);
    let Some(e) = operate(&st, &mut entities, &id, &v)? else {
        return Ok(Data(json!({})));
    };
    let mut card = e.card.clone();
    match (kind.as_str(), &target) {
        ("append", _) => {
            let list = card["body"]["elements"].as_array_mut().ok_or_else(|| {
                reject(platform::ENTITY_ADD_FAILED, "the card has no body.elements")
            })?;
            list.extend(new);
        }
        ("insert_before" | "insert_after", Some(t)) => {
            let (list, i) = find_slot(&mut card, t)
                .ok_or_else(|| reject(platform::ENTITY_ADD_FAILED, format!("no element {t}")))?;
            let at = if kind == "insert_after" { i + 1 } else { i };
            for (k, x) in new.into_iter().enumerate() {
                list.insert(at + k, x);
            }
        }
        _ => {
            return Err(reject(
                platform::INVALID_PARAM,
                "type is append, insert_before or insert_after (with target_element_id)",
            ));
        }
    }
    rejudge(&card, platform::ENTITY_ADD_FAILED)?;
    e.card = card;
    show(&st, e);
    Ok(Data(json!({})))
}

pub(crate) async fn replace_element(
    State(st): St,
    headers: HeaderMap,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let new: Value = serde_json::from_str(str_field(&v, "element")?)
        .map_err(|e| reject(platform::INVALID_PARAM, format!("element is not JSON: {e}")))?;
    edit_element(&st, &id, &element, &v, |old| {
        if old.get("tag") != new.get("tag") {
            return Err(documented(platform::ENTITY_TAG_CHANGE));
        }
        *old = new.clone();
        Ok(())
    })
}

pub(crate) async fn patch_element(
    State(st): St,
    headers: HeaderMap,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let partial: Value = serde_json::from_str(str_field(&v, "partial_element")?).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("partial_element is not JSON: {e}"),
        )
    })?;
    edit_element(&st, &id, &element, &v, |old| {
        let Some(p) = partial.as_object() else {
            return Err(reject(
                platform::INVALID_PARAM,
                "partial_element is a JSON object",
            ));
        };
        if p.get("tag").is_some_and(|t| Some(t) != old.get("tag")) {
            return Err(documented(platform::ENTITY_TAG_CHANGE));
        }
        for (k, x) in p {
            old[k] = x.clone();
        }
        Ok(())
    })
}

pub(crate) async fn delete_element(
    State(st): St,
    headers: HeaderMap,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = if body.is_empty() {
        json!({})
    } else {
        json_body(&body)?
    };
    let mut entities = lock(&st.entities);
    let Some(e) = operate(&st, &mut entities, &id, &v)? else {
        return Ok(Data(json!({})));
    };
    let mut card = e.card.clone();
    let (list, i) = find_slot(&mut card, &element).ok_or_else(|| {
        reject(
            platform::ENTITY_DELETE_FAILED,
            format!("no element {element}"),
        )
    })?;
    list.remove(i);
    e.card = card;
    show(&st, e);
    Ok(Data(json!({})))
}

/// Applies `f` to the element `element` of entity `id` and judges the card.
fn edit_element(
    st: &Arc<EmuState>,
    id: &str,
    element: &str,
    v: &Value,
    f: impl FnOnce(&mut Value) -> Result<(), Reject>,
) -> Result<Data, Reject> {
    let mut entities = lock(&st.entities);
    let Some(e) = operate(st, &mut entities, id, v)? else {
        return Ok(Data(json!({})));
    };
    let mut card = e.card.clone();
    let (list, i) = find_slot(&mut card, element).ok_or_else(|| {
        reject(
            platform::ENTITY_UPDATE_FAILED,
            format!("no element {element}"),
        )
    })?;
    f(&mut list[i])?;
    rejudge(&card, platform::ENTITY_UPDATE_FAILED)?;
    e.card = card;
    show(st, e);
    Ok(Data(json!({})))
}

pub(crate) async fn batch_update(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let actions: Vec<Value> = serde_json::from_str(str_field(&v, "actions")?).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("actions is not a JSON array: {e}"),
        )
    })?;
    let mut entities = lock(&st.entities);
    let Some(e) = operate(&st, &mut entities, &id, &v)? else {
        return Ok(Data(json!({})));
    };
    // All or none: the actions apply to a copy, which replaces the card only when all succeed.
    let mut card = e.card.clone();
    let mut streaming = None;
    for a in &actions {
        let p = &a["params"];
        match a["action"].as_str().unwrap_or_default() {
            "partial_update_setting" => {
                if let Some(config) = p.pointer("/settings/config").and_then(Value::as_object) {
                    if let Some(on) = config.get("streaming_mode").and_then(Value::as_bool) {
                        streaming = Some(on);
                    }
                    for (k, x) in config {
                        card["config"][k] = x.clone();
                    }
                }
            }
            "add_elements" => {
                let new = p["elements"].as_array().cloned().unwrap_or_default();
                match (p["type"].as_str(), p["target_element_id"].as_str()) {
                    (Some("append"), _) => card["body"]["elements"]
                        .as_array_mut()
                        .ok_or_else(|| reject(platform::ENTITY_ADD_FAILED, "no body.elements"))?
                        .extend(new),
                    (Some(kind @ ("insert_before" | "insert_after")), Some(t)) => {
                        let (list, i) = find_slot(&mut card, t).ok_or_else(|| {
                            reject(platform::ENTITY_ADD_FAILED, format!("no element {t}"))
                        })?;
                        let at = if kind == "insert_after" { i + 1 } else { i };
                        for (k, x) in new.into_iter().enumerate() {
                            list.insert(at + k, x);
                        }
                    }
                    _ => return Err(reject(platform::INVALID_PARAM, "add_elements needs a type")),
                }
            }
            "delete_elements" => {
                for el in p["element_ids"].as_array().into_iter().flatten() {
                    let el = el.as_str().unwrap_or_default();
                    let (list, i) = find_slot(&mut card, el).ok_or_else(|| {
                        reject(platform::ENTITY_DELETE_FAILED, format!("no element {el}"))
                    })?;
                    list.remove(i);
                }
            }
            kind @ ("partial_update_element" | "update_element") => {
                let el = p["element_id"].as_str().unwrap_or_default();
                let (list, i) = find_slot(&mut card, el).ok_or_else(|| {
                    reject(platform::ENTITY_UPDATE_FAILED, format!("no element {el}"))
                })?;
                let new = if kind == "update_element" {
                    &p["element"]
                } else {
                    &p["partial_element"]
                };
                if new
                    .get("tag")
                    .is_some_and(|t| Some(t) != list[i].get("tag"))
                {
                    return Err(documented(platform::ENTITY_TAG_CHANGE));
                }
                if kind == "update_element" {
                    list[i] = new.clone();
                } else if let Some(m) = new.as_object() {
                    for (k, x) in m {
                        list[i][k] = x.clone();
                    }
                }
            }
            other => {
                return Err(reject(
                    platform::INVALID_PARAM,
                    format!("unknown action {other:?}"),
                ));
            }
        }
    }
    rejudge(&card, platform::ENTITY_UPDATE_FAILED)?;
    e.card = card;
    if let Some(on) = streaming {
        e.streaming = on;
        if on {
            e.armed_at = st.now();
        }
    }
    show(&st, e);
    Ok(Data(json!({})))
}

pub(crate) async fn id_convert(
    State(st): St,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Data, Reject> {
    authorize(&st, &headers)?;
    let v = json_body(&body)?;
    let message = str_field(&v, "message_id")?;
    let entities = lock(&st.entities);
    let id = entities
        .iter()
        .find(|(_, e)| e.message_id.as_deref() == Some(message))
        .map(|(id, _)| id.clone())
        .ok_or_else(|| {
            reject(
                platform::INVALID_PARAM,
                format!("message {message} is not a card entity's"),
            )
        })?;
    Ok(Data(json!({ "card_id": id })))
}
