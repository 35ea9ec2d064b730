//! Text and settings of an entity: stream text into a text element (300309 when streaming is
//! closed, 300310 for another element), settings in their `config` wrapper, the full update.

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn content(
    State(st): SharedState,
    _: Authorized,
    Path((id, element)): Path<(String, String)>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ELEMENT_CONTENT, Some(&id))?;
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
    // The card after the write is judged as a whole, as the create page judges a card: its
    // size (200860), and its tables, elements and content (300313, the content page's code).
    let mut card = e.card.clone();
    if !set_text(&mut card, &element, &text) {
        return Err(documented(platform::ENTITY_ONLY_TEXT));
    }
    judge_card(&card.to_string()).map_err(|r| match r.code {
        platform::ENTITY_TOO_LARGE => r,
        _ => reject(platform::ENTITY_UPDATE_FAILED, r.msg),
    })?;
    e.card = card;
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
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ENTITY_SETTINGS, Some(&id))?;
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
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Data, Reject> {
    spend(&st, &routes::ENTITY_UPDATE, Some(&id))?;
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
