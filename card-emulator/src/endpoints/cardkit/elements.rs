//! Element edits: add, replace, patch, delete one component (the element pages).

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::*;

/// A JSON string field parsed as JSON.
fn json_field<T: serde::de::DeserializeOwned>(v: &Value, name: &str) -> Result<T, Reject> {
    serde_json::from_str(str_field(v, name)?).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("{name} is not the JSON it should be: {e}"),
        )
    })
}

pub(crate) async fn add_elements(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ELEMENT_CREATE, Some(&id))?;
    let v = json_body(&body)?;
    let op = Op::Add {
        kind: str_field(&v, "type")?.to_owned(),
        target: v
            .get("target_element_id")
            .and_then(Value::as_str)
            .map(str::to_owned),
        elements: json_field(&v, "elements")?,
    };
    mutate(&st, &id, &v, platform::ENTITY_ADD_FAILED, |_, card| {
        apply(card, op)
    })
}

pub(crate) async fn replace_element(
    State(st): SharedState,
    _: Authorized,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ELEMENT_UPDATE, Some(&id))?;
    let v = json_body(&body)?;
    let op = Op::Replace(element, json_field(&v, "element")?);
    mutate(&st, &id, &v, platform::ENTITY_UPDATE_FAILED, |_, card| {
        apply(card, op)
    })
}

pub(crate) async fn patch_element(
    State(st): SharedState,
    _: Authorized,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ELEMENT_PATCH, Some(&id))?;
    let v = json_body(&body)?;
    let op = Op::Patch(element, json_field(&v, "partial_element")?);
    mutate(&st, &id, &v, platform::ENTITY_UPDATE_FAILED, |_, card| {
        apply(card, op)
    })
}

pub(crate) async fn delete_element(
    State(st): SharedState,
    _: Authorized,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ELEMENT_DELETE, Some(&id))?;
    let v = if body.is_empty() {
        json!({})
    } else {
        json_body(&body)?
    };
    mutate(&st, &id, &v, platform::ENTITY_DELETE_FAILED, |_, card| {
        apply(card, Op::Delete(element))
    })
}
