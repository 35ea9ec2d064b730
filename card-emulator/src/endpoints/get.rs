//! `GET /open-apis/im/v1/messages/:message_id`: read a message back.

use std::sync::Arc;

use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn get(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
) -> Result<Data, Reject> {
    handle(&st, id).map(Data)
}

fn handle(st: &Arc<EmuState>, id: String) -> Result<Value, Reject> {
    spend(st, &routes::GET_MESSAGE, None)?;
    let messages = lock(&st.messages);
    let m = messages.get(&id).ok_or_else(|| not_found(&id))?;
    if m.state.deleted {
        return Err(documented(platform::DELETED));
    }
    Ok(json!({ "items": [message_json(&m.state, &st.settings.app_id)] }))
}
