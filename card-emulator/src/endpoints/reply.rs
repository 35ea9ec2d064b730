//! `POST /open-apis/im/v1/messages/:message_id/reply`: a reply in the parent's chat, in a topic
//! when asked (or when the parent is in one); uuid de-duplication and content checks as for send.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{Path, State};
use serde_json::Value;

use super::*;

pub(crate) async fn reply(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    Body(v): Body,
) -> Result<Data, Reject> {
    handle(&st, id, v).map(Data)
}

fn handle(st: &Arc<EmuState>, parent_id: String, v: Value) -> Result<Value, Reject> {
    let (msg_type, content) = (str_field(&v, "msg_type")?, str_field(&v, "content")?);
    let in_thread = v
        .get("reply_in_thread")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    spend(st, &routes::REPLY, None)?;
    let now = st.now();
    let uuid = v
        .get("uuid")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty());
    if let Some(prior) = uuid.and_then(|u| sent_with_uuid(st, u, now)) {
        return Ok(prior);
    }
    let (chat_id, root_id, thread_id) = {
        let messages = lock(&st.messages);
        let parent = messages
            .get(&parent_id)
            .ok_or_else(|| not_found(&parent_id))?;
        if parent.state.deleted {
            return Err(documented(platform::DELETED));
        }
        if parent.state.recalled {
            return Err(documented(platform::RECALLED));
        }
        let root = parent
            .state
            .root_id
            .clone()
            .unwrap_or_else(|| parent_id.clone());
        // A reply to a message in a topic stays in it (the reply page's note).
        let thread = match (&parent.state.thread_id, in_thread) {
            (Some(t), _) => Some(t.clone()),
            (None, true) => Some(format!("omt_{}", root.trim_start_matches("om_"))),
            (None, false) => None,
        };
        (parent.state.chat_id.clone(), root, thread)
    };
    let kind = check_content(msg_type, content)?;
    let (shared, v2) = if msg_type == "interactive" {
        card_traits(kind, content)
    } else {
        (false, false)
    };
    let id = st.fresh_id("om_");
    let mut state = MessageState::new(&id, &chat_id, msg_type, content, now, &st.settings.app_id);
    state.root_id = Some(root_id.clone());
    state.parent_id = Some(parent_id);
    state.thread_id = thread_id.clone();
    let data = message_json(&state, &st.settings.app_id);
    let mut messages = lock(&st.messages);
    // Replying in a topic makes the root a topic message too.
    if let (Some(t), Some(root)) = (&thread_id, messages.get_mut(&root_id)) {
        root.state.thread_id.get_or_insert_with(|| t.clone());
    }
    messages.insert(id.clone(), Stored { state, shared, v2 });
    drop(messages);
    if let Some(u) = uuid {
        lock(&st.uuids).insert(u.to_owned(), (id, now));
    }
    st.counters.sends.fetch_add(1, Ordering::Relaxed);
    Ok(data)
}
