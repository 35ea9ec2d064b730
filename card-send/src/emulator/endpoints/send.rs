//! `POST /open-apis/im/v1/messages`: send a card, text or post (uuid de-duplication, the
//! receiver's chat, content checks).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde_json::Value;

use super::*;

pub(crate) async fn send(
    State(st): St,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Data, Reject> {
    handle(&st, headers, q, body).map(Data)
}

fn handle(
    st: &Arc<EmuState>,
    headers: HeaderMap,
    q: HashMap<String, String>,
    body: Bytes,
) -> Result<Value, Reject> {
    authorize(st, &headers)?;
    let v = json_body(&body)?;
    let id_type = q.get("receive_id_type").map(String::as_str).unwrap_or("");
    if !["chat_id", "open_id", "user_id", "union_id", "email"].contains(&id_type) {
        return Err(reject(
            platform::INVALID_PARAM,
            format!(
                "Your request contains an invalid request parameter: receive_id_type {id_type:?} is not one of chat_id, open_id, user_id, union_id, email."
            ),
        ));
    }
    let (receive_id, msg_type, content) = (
        str_field(&v, "receive_id")?,
        str_field(&v, "msg_type")?,
        str_field(&v, "content")?,
    );
    let mut checks = app_limits("send");
    checks.push((
        format!("send/to/{receive_id}"),
        SEC,
        DOCUMENTED.receiver_per_second,
    ));
    limited(st, &checks, platform::FREQUENCY_LIMIT)?;
    let now = st.now();
    let uuid = v
        .get("uuid")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty());
    if let Some(u) = uuid {
        // De-duplicated for an hour, as documented for `uuid`.
        let prior = lock(&st.uuids)
            .get(u)
            .filter(|(_, at)| {
                now.duration_since(*at).unwrap_or_default() < Duration::from_secs(3600)
            })
            .map(|(id, _)| id.clone());
        if let Some(id) = prior
            && let Some(m) = lock(&st.messages).get(&id)
        {
            return Ok(message_json(&m.state, &st.settings.app_id));
        }
    }
    let chat_id = if id_type == "chat_id" {
        let chats = lock(&st.chats);
        let chat = chats.get(receive_id).ok_or_else(|| {
            reject(
                platform::INVALID_PARAM,
                format!(
                    "Your request contains an invalid request parameter: no chat {receive_id}."
                ),
            )
        })?;
        if chat.dissolved {
            return Err(documented(platform::CHAT_DISSOLVED));
        }
        if !chat.bot_in_chat {
            return Err(documented(platform::BOT_NOT_IN_CHAT));
        }
        receive_id.to_owned()
    } else {
        // A p2p chat per user.
        format!("oc_p2p_{receive_id}")
    };
    let kind = check_content(msg_type, content)?;
    let (shared, v2) = if msg_type == "interactive" {
        card_traits(kind, content)
    } else {
        (false, false)
    };
    let id = st.fresh_id("om_");
    let state = MessageState::new(&id, &chat_id, msg_type, content, now, &st.settings.app_id);
    let data = message_json(&state, &st.settings.app_id);
    lock(&st.messages).insert(id.clone(), Stored { state, shared, v2 });
    if let Some(u) = uuid {
        lock(&st.uuids).insert(u.to_owned(), (id, now));
    }
    st.counters.sends.fetch_add(1, Ordering::Relaxed);
    Ok(data)
}
