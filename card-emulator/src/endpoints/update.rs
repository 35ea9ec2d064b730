//! `PATCH /open-apis/im/v1/messages/:message_id`: replace a sent card (seed 000: 14 days,
//! update_multi before and after, no 2.0 → 1.0).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::*;

pub(crate) async fn update(
    State(st): SharedState,
    _: Authorized,
    Path(id): Path<String>,
    Body(v): Body,
) -> Result<Data, Reject> {
    handle(&st, id, v).map(Data)
}

fn handle(st: &Arc<EmuState>, id: String, v: Value) -> Result<Value, Reject> {
    let content = str_field(&v, "content")?;
    spend(st, &routes::UPDATE_CARD, Some(&id))?;
    let now = st.now();
    let mut messages = lock(&st.messages);
    let m = live(st, &mut messages, &id)?;
    if m.state.msg_type != "interactive" {
        return Err(reject(
            platform::INVALID_PARAM,
            format!(
                "Your request contains an invalid request parameter: only cards (interactive) can be updated, this message is {}.",
                m.state.msg_type
            ),
        ));
    }
    if now.duration_since(m.state.sent_at).unwrap_or_default() > UPDATE_WINDOW {
        return Err(documented(platform::UPDATE_WINDOW_PASSED));
    }
    let kind = check_content("interactive", content)?;
    let (shared, v2) = card_traits(kind, content);
    if m.v2 && !v2 {
        return Err(reject(
            platform::CARD_CONTENT,
            card_validate::codes::card_content_message(
                platform::SCHEMA_DOWNGRADE,
                None,
                "schemaV2 card can not change schemaV1",
                None,
            ),
        ));
    }
    if !(m.shared && shared) {
        return Err(reject(
            platform::CARD_CONTENT,
            card_validate::codes::card_content_message(
                platform::UPDATE_MULTI_FALSE,
                None,
                "update_multi is false",
                Some("config.update_multi must be true before and after the update"),
            ),
        ));
    }
    m.state.content = content.to_owned();
    m.state.updates += 1;
    m.state.updated_at = now;
    m.v2 = v2;
    st.counters.updates.fetch_add(1, Ordering::Relaxed);
    Ok(json!({}))
}
