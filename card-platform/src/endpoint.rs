//! What a call is, for errors, limits and logs: one name per endpoint family.

use std::fmt;

/// The calls the crates make, for errors, limits and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// POST /open-apis/auth/v3/tenant_access_token/internal
    Token,
    /// POST /open-apis/im/v1/messages
    Send,
    /// PATCH /open-apis/im/v1/messages/:message_id (seed 000)
    UpdateCard,
    /// PUT /open-apis/im/v1/messages/:message_id (seed 001)
    EditMessage,
    /// PUT /open-apis/im/v2/chat_button (seed 002)
    ChatButton,
    /// GET /open-apis/im/v1/messages/:message_id
    GetMessage,
    /// POST /open-apis/im/v1/messages/:message_id/reply
    Reply,
    /// DELETE /open-apis/im/v1/messages/:message_id
    Recall,
    /// POST /open-apis/im/v1/images
    UploadImage,
    /// POST /open-apis/interactive/v1/card/update (a callback's delayed update)
    DelayedUpdate,
    /// /open-apis/cardkit/v1/cards… (card entities)
    CardKit,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Endpoint::Token => "tenant_access_token",
            Endpoint::Send => "send message",
            Endpoint::UpdateCard => "update card (PATCH)",
            Endpoint::EditMessage => "edit message (PUT)",
            Endpoint::ChatButton => "update chat_button",
            Endpoint::GetMessage => "get message",
            Endpoint::Reply => "reply to message",
            Endpoint::Recall => "recall message",
            Endpoint::UploadImage => "upload image",
            Endpoint::DelayedUpdate => "delayed card update",
            Endpoint::CardKit => "card entity",
        })
    }
}
