//! `POST /open-apis/interactive/v1/card/update`: the delayed update with a click's token (the
//! delayed-update page: a token of the form `c-…` 300020, 30 minutes 300030, 3 uses counting
//! the answer's card 300040, a recalled card 200000, a card format error 11311).

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::*;

/// Uses of one token the delayed-update page allows (the answer's card counts as one).
const TOKEN_USES: u32 = 3;

pub(crate) async fn delayed_update(
    State(st): SharedState,
    _: Authorized,
    Body(v): Body,
) -> Result<Data, Reject> {
    handle(&st, v).map(Data)
}

fn handle(st: &Arc<EmuState>, v: Value) -> Result<Value, Reject> {
    let token = str_field(&v, "token")?;
    let card = v.get("card").cloned().unwrap_or(Value::Null);
    if !token.starts_with("c-") {
        return Err(documented(platform::CALLBACK_TOKEN_FORMAT));
    }
    let now = st.now();
    let mut tokens = lock(&st.callback_tokens);
    let t = tokens
        .get_mut(token)
        .ok_or_else(|| documented(platform::CALLBACK_TOKEN_EXPIRED))?;
    if now.duration_since(t.clicked_at).unwrap_or_default() > platform::CALLBACK_TOKEN_LIFETIME {
        return Err(documented(platform::CALLBACK_TOKEN_EXPIRED));
    }
    if t.uses >= TOKEN_USES {
        return Err(documented(platform::CALLBACK_TOKEN_USED_UP));
    }
    let mut messages = lock(&st.messages);
    let m = messages
        .get_mut(&t.message_id)
        .ok_or_else(|| documented(platform::CALLBACK_TOKEN_EXPIRED))?;
    if m.state.recalled || m.state.deleted {
        return Err(reject(platform::DELAYED_RECALLED, "该卡片消息已被撤回。"));
    }
    let text = card.to_string();
    if let Some(d) = card_validate::validate_str(&text).first_error() {
        return Err(reject(
            platform::DELAYED_CARD_FORMAT,
            format!("卡片格式不符合要求: {d}"),
        ));
    }
    m.state.content = text;
    m.state.updates += 1;
    m.state.updated_at = now;
    t.uses += 1;
    Ok(json!({}))
}
