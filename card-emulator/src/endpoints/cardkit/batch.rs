//! Several operations in one request, all or none (the batch-update page), and `id_convert`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn batch_update(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ENTITY_BATCH_UPDATE, Some(&id))?;
    let v = json_body(&body)?;
    let actions: Vec<Value> = serde_json::from_str(str_field(&v, "actions")?).map_err(|e| {
        reject(
            platform::INVALID_PARAM,
            format!("actions is not a JSON array: {e}"),
        )
    })?;
    mutate(&st, &id, &v, platform::ENTITY_UPDATE_FAILED, |e, card| {
        let mut streaming = None;
        for a in &actions {
            let p = &a["params"];
            let s = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
            match a["action"].as_str().unwrap_or_default() {
                "partial_update_setting" => {
                    if let Some(config) = p.pointer("/settings/config").and_then(Value::as_object) {
                        streaming = config
                            .get("streaming_mode")
                            .and_then(Value::as_bool)
                            .or(streaming);
                        for (k, x) in config {
                            card["config"][k] = x.clone();
                        }
                    }
                }
                "add_elements" => apply(
                    card,
                    Op::Add {
                        kind: s("type"),
                        target: p["target_element_id"].as_str().map(str::to_owned),
                        elements: p["elements"].as_array().cloned().unwrap_or_default(),
                    },
                )?,
                "delete_elements" => {
                    for el in p["element_ids"].as_array().into_iter().flatten() {
                        apply(card, Op::Delete(el.as_str().unwrap_or_default().to_owned()))?;
                    }
                }
                "partial_update_element" => apply(
                    card,
                    Op::Patch(s("element_id"), p["partial_element"].clone()),
                )?,
                "update_element" => {
                    apply(card, Op::Replace(s("element_id"), p["element"].clone()))?
                }
                other => {
                    return Err(reject(
                        platform::INVALID_PARAM,
                        format!("unknown action {other:?}"),
                    ));
                }
            }
        }
        if let Some(on) = streaming {
            e.streaming = on;
            if on {
                e.armed_at = st.now();
            }
        }
        Ok(())
    })
}

pub(crate) async fn id_convert(
    State(st): SharedState,
    _: Authorized,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ENTITY_ID_CONVERT, None)?;
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
