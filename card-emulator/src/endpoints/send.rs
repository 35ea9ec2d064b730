//! `POST /open-apis/im/v1/messages`: send a card, text or post (uuid de-duplication, the
//! receiver's chat, content checks).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{Query, State};
use serde_json::Value;

use super::*;

pub(crate) async fn send(
    State(st): SharedState,
    _: Authorized,
    Query(q): Query<HashMap<String, String>>,
    Body(v): Body,
) -> Result<Data, Reject> {
    handle(&st, q, v).map(Data)
}

fn handle(st: &Arc<EmuState>, q: HashMap<String, String>, v: Value) -> Result<Value, Reject> {
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
    spend(st, &routes::SEND, Some(receive_id))?;
    let now = st.now();
    let uuid = v
        .get("uuid")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty());
    if let Some(prior) = uuid.and_then(|u| sent_with_uuid(st, u, now)) {
        return Ok(prior);
    }
    let chat_id = if id_type == "chat_id" {
        let chats = lock(&st.chats);
        // Observed for a chat_id that does not exist: 230001 "invalid receive_id".
        let chat = chats.get(receive_id).ok_or_else(|| {
            reject(
                platform::INVALID_PARAM,
                format!(
                    "Your request contains an invalid request parameter, ext=invalid receive_id: no chat {receive_id}."
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
        // A p2p chat per user of the tenant; any other id is refused whatever its prefix.
        let user = known_user(st, id_type, receive_id)?;
        format!("oc_p2p_{}", user.open_id)
    };
    let kind = check_content(msg_type, content)?;
    let (shared, v2) = if msg_type == "interactive" {
        card_traits(kind, content)
    } else {
        (false, false)
    };
    let id = st.fresh_id("om_");
    // A card entity sent by its card_id: the message shows the entity's card.
    let entity = if msg_type == "interactive" {
        cardkit::send_entity(st, content, &id)?
    } else {
        None
    };
    let content = entity.as_deref().unwrap_or(content);
    let state = MessageState::new(&id, &chat_id, msg_type, content, now, &st.settings.app_id);
    let data = message_json(&state, &st.settings.app_id);
    lock(&st.messages).insert(id.clone(), Stored { state, shared, v2 });
    if let Some(u) = uuid {
        lock(&st.uuids).insert(u.to_owned(), (id, now));
    }
    st.counters.sends.fetch_add(1, Ordering::Relaxed);
    Ok(data)
}

/// The tenant's user that a receiver id names, or the server's error for an id it does not know:
/// 99992361 for an open_id (not this app's), 99992360 for a user_id, 99992364 for a union_id
/// (the server error codes page), 230013 for an email no user of the app has.
pub(crate) fn known_user(st: &EmuState, id_type: &str, id: &str) -> Result<EmulatedUser, Reject> {
    let users = lock(&st.users);
    let found = users.iter().find(|u| match id_type {
        "open_id" => u.open_id == id,
        "user_id" => u.user_id == id,
        "union_id" => u.union_id == id,
        _ => u.email == id,
    });
    if let Some(u) = found {
        return Ok(u.clone());
    }
    // A member of an added chat is a user of the tenant too (known by open_id only).
    if id_type == "open_id" && lock(&st.chats).values().any(|c| c.members.contains(id)) {
        return Ok(EmulatedUser::named(id.strip_prefix("ou_").unwrap_or(id)));
    }
    Err(match id_type {
        "open_id" => documented(platform::OPEN_ID_CROSS_APP),
        "user_id" => reject(
            platform::USER_ID_NOT_EXIST,
            format!("these ids not existed: [{id}]"),
        ),
        "union_id" => reject(
            platform::UNION_ID_NOT_EXIST,
            format!("these ids not existed: [{id}]"),
        ),
        _ => documented(platform::BOT_UNAVAILABLE_TO_USER),
    })
}
