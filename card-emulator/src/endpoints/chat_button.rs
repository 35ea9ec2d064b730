//! `PUT /open-apis/im/v2/chat_button`: the chat's feed-card buttons (seed 002).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Query, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn chat_button(
    State(st): SharedState,
    _: Authorized,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Data, Reject> {
    handle(&st, q, body).map(Data)
}

fn handle(st: &Arc<EmuState>, q: HashMap<String, String>, body: Bytes) -> Result<Value, Reject> {
    let id_type = q.get("user_id_type").map_or("open_id", String::as_str);
    if !["open_id", "union_id", "user_id"].contains(&id_type) {
        return Err(reject(
            platform::INVALID_PARAM,
            format!("param is invalid: user_id_type {id_type:?}"),
        ));
    }
    spend(st, &routes::CHAT_BUTTON, None)?;
    let v = json_body(&body)?;
    let report = card_validate::validate_payload(PayloadKind::ChatButton, &v);
    if let Some(d) = report.first_error() {
        return Err(reject(
            platform::INVALID_PARAM,
            format!("param is invalid: {}", d.message),
        ));
    }
    let chat_id = str_field(&v, "chat_id")?;
    let mut chats = lock(&st.chats);
    let chat = chats
        .get_mut(chat_id)
        .filter(|c| c.bot_in_chat && !c.dissolved)
        .ok_or_else(|| {
            reject(
                platform::NO_PERMISSION,
                "no permission, bot not in the chat",
            )
        })?;
    let failed: Vec<Value> = v["user_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|u| !chat.members.contains(*u))
        .map(|u| json!({ "error_code": 0, "error_message": "The user is not in the chat", "user_id": u }))
        .collect();
    chat.buttons = Some(
        v.get("buttons")
            .cloned()
            .unwrap_or(json!({ "buttons": [] })),
    );
    st.counters.chat_buttons.fetch_add(1, Ordering::Relaxed);
    Ok(json!({ "failed_user_reasons": failed }))
}
