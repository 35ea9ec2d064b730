//! `PUT /open-apis/im/v1/messages/:message_id`: edit a text or post (seed 001: 20 edits, the
//! edit window).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{Path, State};
use serde_json::Value;

use super::*;

pub(crate) async fn edit(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    Body(v): Body,
) -> Result<Data, Reject> {
    handle(&st, id, v).map(Data)
}

fn handle(st: &Arc<EmuState>, id: String, v: Value) -> Result<Value, Reject> {
    let (msg_type, content) = (str_field(&v, "msg_type")?, str_field(&v, "content")?);
    if !["text", "post"].contains(&msg_type) {
        return Err(reject(
            platform::INVALID_PARAM,
            format!(
                "Your request contains an invalid request parameter: msg_type must be text or post, got {msg_type:?}."
            ),
        ));
    }
    spend(st, &routes::EDIT_MESSAGE, None)?;
    let now = st.now();
    let mut messages = lock(&st.messages);
    let m = live(st, &mut messages, &id)?;
    if !["text", "post"].contains(&m.state.msg_type.as_str()) {
        return Err(documented(platform::UNSUPPORTED_MESSAGE_TYPE));
    }
    if now.duration_since(m.state.sent_at).unwrap_or_default() > st.settings.edit_window {
        return Err(documented(platform::EDIT_WINDOW_PASSED));
    }
    if m.state.edits >= MAX_EDITS {
        return Err(documented(platform::EDIT_LIMIT_REACHED));
    }
    check_content(msg_type, content)?;
    m.state.msg_type = msg_type.to_owned();
    m.state.content = content.to_owned();
    m.state.edits += 1;
    m.state.updated_at = now;
    st.counters.edits.fetch_add(1, Ordering::Relaxed);
    Ok(message_json(&m.state, &st.settings.app_id))
}
