//! `DELETE /open-apis/im/v1/messages/:message_id`: recall a message this app sent (the recall
//! page's codes: 230026 for another sender's message, 230110 deleted, 230011 already recalled,
//! 230009 past the tenant's recall time limit).

use std::sync::Arc;

use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn recall(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
) -> Result<Data, Reject> {
    handle(&st, id).map(Data)
}

fn handle(st: &Arc<EmuState>, id: String) -> Result<Value, Reject> {
    spend(st, &routes::RECALL, None)?;
    let mut messages = lock(&st.messages);
    let m = live_or(st, &mut messages, &id, platform::NO_RECALL_PERMISSION)?;
    let now = st.now();
    let age = now.duration_since(m.state.sent_at).unwrap_or_default();
    if st.settings.recall_window.is_some_and(|w| age > w) {
        return Err(documented(platform::RECALL_EXPIRED));
    }
    m.state.recalled = true;
    m.state.updated_at = now;
    Ok(json!({}))
}
