//! The platform's codes, written once: each number with its one name, the text the server
//! answers with (or, for the few codes whose text no page quotes, the page's description) and
//! whether a retry can help. [`codes!`] turns the table into the constants, [`CODES`] and
//! [`lookup`], as the `http` crate's `status_codes!` does. The card-content codes are
//! card-validate's (`card_validate::codes`), re-exported under their one name.

/// Whether an error can go away by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Retry with backoff (rate limits, server faults).
    Backoff,
    /// Refresh the token, then retry once.
    RefreshToken,
    /// Never: the same request will fail again (expired, recalled, deleted, invalid …).
    Never,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The number.
    pub code: u32,
    /// Its one name in the workspace.
    pub name: &'static str,
    /// What the server says.
    pub text: &'static str,
    /// Whether a retry can help.
    pub retry: Retry,
}

macro_rules! codes {
    (
        own { $( $(#[$doc:meta])* $name:ident = $value:literal, $text:literal, $retry:ident; )* }
        card_validate { $( $vname:ident, $vtext:literal, $vretry:ident; )* }
    ) => {
        $( $(#[$doc])* pub const $name: u32 = $value; )*
        pub use card_validate::codes::{$($vname),*};
        /// Every code, with its text and retry class.
        pub static CODES: &[Code] = &[
            $( Code { code: $name, name: stringify!($name), text: $text, retry: Retry::$retry }, )*
            $( Code { code: $vname, name: stringify!($vname), text: $vtext, retry: Retry::$vretry }, )*
        ];
    };
}

codes! {
    own {
        /// 230002: The bot can not be outside the group.
        BOT_NOT_IN_CHAT = 230002, "The bot can not be outside the group.", Never;
        /// 230006: Bot ability is not activated.
        BOT_ABILITY_OFF = 230006, "Bot ability is not activated.", Never;
        /// 230011: The message is recalled.
        RECALLED = 230011, "The message is recalled.", Never;
        /// 230013: Bot has NO availability to this user.
        BOT_UNAVAILABLE_TO_USER = 230013, "Bot has NO availability to this user.", Never;
        /// 230018: These operations are NOT allowed at current group settings.
        GROUP_SETTINGS_FORBID = 230018, "These operations are NOT allowed at current group settings.", Never;
        /// 230020: This operation triggers the frequency limit.
        FREQUENCY_LIMIT = 230020, "This operation triggers the frequency limit.", Backoff;
        /// 230022: The content of the message contains sensitive information.
        SENSITIVE_CONTENT = 230022, "The content of the message contains sensitive information.", Never;
        /// 230027: Lack of necessary permissions.
        NO_PERMISSION = 230027, "Lack of necessary permissions.", Never;
        /// 230028: The messages do NOT pass the audit.
        AUDIT_FAILED = 230028, "The messages do NOT pass the audit.", Never;
        /// 230031: Message can only be modified within 14 days after sending.
        UPDATE_WINDOW_PASSED = 230031, "Message can only be modified within 14 days after sending.", Never;
        /// 230035: Send message permission deny.
        SEND_PERMISSION_DENIED = 230035, "Send message permission deny.", Never;
        /// 230038: Cross tenant p2p chat operate forbid.
        CROSS_TENANT_P2P = 230038, "Cross tenant p2p chat operate forbid.", Never;
        /// 230050: The message is invisible to the operator.
        INVISIBLE_TO_OPERATOR = 230050, "The message is invisible to the operator.", Never;
        /// 230054: This operation is not supported for this message type.
        UNSUPPORTED_MESSAGE_TYPE = 230054, "This operation is not supported for this message type.", Never;
        /// 230055: The type of file upload does not match the type of message being sent.
        UPLOAD_TYPE_MISMATCH = 230055, "The type of file upload does not match the type of message being sent.", Never;
        /// 230071: The operator is not the sender of the message.
        NOT_THE_SENDER = 230071, "The operator is not the sender of the message.", Never;
        /// 230072: The message has reached the number of times it can be edited.
        EDIT_LIMIT_REACHED = 230072, "The message has reached the number of times it can be edited.", Never;
        /// 230073: The message in the secret group is not allowed to be edited.
        SECRET_GROUP_EDIT = 230073, "The message in the secret group is not allowed to be edited.", Never;
        /// 230074: The message in the third-party encryption group is not allowed to be edited.
        ENCRYPTED_GROUP_EDIT = 230074, "The message in the third-party encryption group is not allowed to be edited.", Never;
        /// 230075: The message has exceeded the time that can be edited.
        EDIT_WINDOW_PASSED = 230075, "The message has exceeded the time that can be edited.", Never;
        /// 230110: Action unavailable as the message has been deleted.
        DELETED = 230110, "Action unavailable as the message has been deleted.", Never;
        /// 232009: Your request specifies a chat which has already been dissolved.
        CHAT_DISSOLVED = 232009, "Your request specifies a chat which has already been dissolved.", Never;
        /// 99991661: Missing access token.
        TOKEN_MISSING = 99991661, "Missing access token.", RefreshToken;
        /// 99991663: Invalid access token.
        TOKEN_INVALID = 99991663, "Invalid access token.", RefreshToken;
        /// 99991664: Invalid app access token.
        APP_TOKEN_INVALID = 99991664, "Invalid app access token.", RefreshToken;
        /// 99991668: Invalid user access token.
        USER_TOKEN_INVALID = 99991668, "Invalid user access token.", RefreshToken;
        /// 99991671: Invalid tenant access token.
        TENANT_TOKEN_INVALID = 99991671, "Invalid tenant access token.", RefreshToken;
        /// 99991400: Request trigger frequency limit.
        GATEWAY_LIMIT = 99991400, "Request trigger frequency limit.", Backoff;
        /// 10003: an app_id the token endpoint does not know.
        INVALID_APP_ID = 10003, "invalid param: app_id", Never;
        /// 10014: a wrong app secret at the token endpoint.
        INVALID_APP_SECRET = 10014, "app secret invalid", Never;
        /// 99992361: an open_id that is not one of this app's (server error codes page,
        /// open.larksuite.com/document/ukTMukTMukTM/ugjM14COyUjL4ITN: "open_id cross app").
        OPEN_ID_CROSS_APP = 99992361, "open_id cross app", Never;
        /// 99992360: a user_id that does not exist (same page: "these ids not existed: %v").
        USER_ID_NOT_EXIST = 99992360, "these ids not existed", Never;
        /// 99992364: a union_id that does not exist (same page: "these ids not existed: %v").
        UNION_ID_NOT_EXIST = 99992364, "these ids not existed", Never;
        /// 234001: an upload request with an invalid parameter (upload page).
        IMAGE_INVALID_PARAM = 234001, "Invalid request param.", Never;
        /// 234006: an image over 10 MB (upload page).
        IMAGE_TOO_LARGE = 234006, "The file size exceed the max value.", Never;
        /// 234010: an empty image (upload page).
        IMAGE_EMPTY = 234010, "File's size can't be 0.", Never;
        /// 234011: an image format the upload API does not take (upload page).
        IMAGE_FORMAT = 234011, "Can't regonnize the image format.", Never;
        /// 234039: an image resolution over the limit (upload page).
        IMAGE_RESOLUTION = 234039, "Image resolution exceeds limit.", Never;
        /// 230026: a message this app may not recall (recall page).
        NO_RECALL_PERMISSION = 230026, "No permission to recall this message.", Never;
        /// 230009: a message older than the tenant's recall time limit (recall page).
        RECALL_EXPIRED = 230009, "Message has expired when recall message.", Never;
        /// 230019: the topic does not exist (reply page).
        TOPIC_NOT_FOUND = 230019, "The topic does NOT exist.", Never;
        /// 300030: a delayed-update token past its 30 minutes (delayed-update page).
        CALLBACK_TOKEN_EXPIRED = 300030, "更新卡片token失效。", Never;
        /// 300040: a delayed-update token used too many times (delayed-update page).
        CALLBACK_TOKEN_USED_UP = 300040, "更新卡片token使用超过限制次数。", Never;
        /// 300020: a delayed-update token of the wrong form (delayed-update page).
        CALLBACK_TOKEN_FORMAT = 300020, "更新卡片token格式错误。", Never;
        /// 300090: a card that is not shared needs `open_ids` (delayed-update page).
        CALLBACK_OPEN_IDS = 300090, "非共享卡片需填写open_ids字段。", Never;
        /// Interaction errors the user's client shows (callback page): no answer within 3 s.
        CALLBACK_LATE = 200341, "The callback did not answer within 3 seconds", Never;
        /// The callback URL cannot be reached (callback page).
        CALLBACK_UNREACHABLE = 200342, "The callback URL cannot be reached", Never;
        /// The callback answered with another status than HTTP 200 (callback page).
        CALLBACK_NOT_200 = 200671, "The callback answered with a status other than 200", Never;
        /// The callback's answer is not an answer body (callback page).
        CALLBACK_BAD_ANSWER = 200672, "The callback answer is not a valid answer body", Never;
        /// The callback's answer has a bad card (callback page).
        CALLBACK_BAD_CARD = 200673, "The callback answer has an invalid card", Never;
        /// The delayed update's card message was recalled (delayed-update page).
        DELAYED_RECALLED = 200000, "该卡片消息已被撤回。", Never;
        /// The delayed update's card does not have the required form (delayed-update page).
        DELAYED_CARD_FORMAT = 11311, "卡片格式不符合要求", Never;
        /// CardKit (the card-entity pages, `feishu/003-服务端API/飞书卡片/…`): the entity does not exist.
        ENTITY_NOT_FOUND = 200740, "The card entity does not exist", Never;
        /// The entity is past its 14 days.
        ENTITY_EXPIRED = 200750, "The card entity has expired", Never;
        /// The uuid was used by another operation.
        ENTITY_UUID_CONFLICT = 200770, "UUID conflict", Never;
        /// The card is in an interaction and cannot be updated now.
        ENTITY_IN_INTERACTION = 200810, "The card is in an ongoing interaction and cannot be updated", Backoff;
        /// Streaming mode closed itself after its time.
        ENTITY_STREAMING_TIMEOUT = 200850, "Card streaming timeout", Never;
        /// The card is over its size limit.
        ENTITY_TOO_LARGE = 200860, "Card content exceeds limit.", Never;
        /// The card content could not be generated (create page).
        ENTITY_CONTENT_FAILED = 200220, "Failed to generate the card content", Never;
        /// The card JSON is empty (create page).
        ENTITY_EMPTY = 300307, "The card JSON is empty", Never;
        /// This app may not update or use this card (stream page).
        ENTITY_NOT_OURS = 300311, "This app may not update or use this card", Never;
        /// Server internal error (stream page): retried.
        ENTITY_INTERNAL = 300120, "Server internal error", Backoff;
        /// Only schema 2.0 cards make entities.
        ENTITY_SCHEMA_2_ONLY = 300303, "Only schema 2.0 is supported", Never;
        /// More than 200 components.
        ENTITY_TOO_MANY_ELEMENTS = 300305, "The number of card components exceeds 200", Never;
        /// Streaming mode is closed.
        ENTITY_STREAMING_CLOSED = 300309, "Card streaming closed", Never;
        /// Only text elements stream.
        ENTITY_ONLY_TEXT = 300310, "Only update text", Never;
        /// Updating element properties failed (update-element page).
        ENTITY_UPDATE_FAILED = 300313, "Failed to update element properties", Never;
        /// Deleting an element failed (delete-element page).
        ENTITY_DELETE_FAILED = 300314, "Failed to delete element", Never;
        /// Adding elements failed (add-element page).
        ENTITY_ADD_FAILED = 300315, "Failed to add element", Never;
        /// An update may not change an element's tag (update-element page).
        ENTITY_TAG_CHANGE = 300312, "Unable to update element tag", Never;
        /// The sequence did not increase.
        ENTITY_SEQUENCE = 300317, "The sequence number for operating on the card did not increment consecutively", Never;
        /// 200510: Adding elements to a card whose streaming timed out (add-element page).
        ELEMENT_STREAMING_TIMEOUT = 200510, "Card streaming timeout", Never;
        /// 230015: A p2p chat's card cannot be shared (send page).
        P2P_CHAT_SHARE = 230015, "P2P chat can NOT be shared.", Never;
        /// 230017: The bot may send only what it uploaded (send page).
        NOT_RESOURCE_OWNER = 230017, "Bot is NOT the owner of the resource.", Never;
        /// 230029: The receiver has left the company (send page).
        USER_RESIGNED = 230029, "User has resigned.", Never;
        /// 230034: A receive_id that does not match its receive_id_type (send page).
        INVALID_RECEIVE_ID = 230034, "The receive_id is invalid.", Never;
        /// 230036: The tenant's encryption key was deleted (send page).
        TENANT_KEY_DELETED = 230036, "Tenant crypt key has been deleted.", Never;
        /// 230049: The same message is still being sent: later (send page: 请稍后).
        MESSAGE_BEING_SENT = 230049, "The message is being sent.", Backoff;
        /// 230053: The user turned the bot's messages off (send page).
        USER_STOPPED_BOT = 230053, "The user has stopped the bot from sending messages.", Never;
        /// 230111: The message is about to self-destruct (reply page).
        SELF_DESTRUCTING = 230111, "Action unavailable as the message will self-destruct soon.", Never;
        /// 232096: Writes are paused on the platform: later (upload page).
        META_WRITE_STOPPED = 232096, "Meta writing has stopped, please try again later.", Backoff;
        /// 234002: (get-message page) HTTP 401.
        RESOURCE_UNAUTHORIZED = 234002, "Unauthorized.", Never;
        /// 234003: (get-message page).
        FILE_NOT_IN_MESSAGE = 234003, "File not in message.", Never;
        /// 234004: (get-message page).
        APP_NOT_IN_CHAT = 234004, "App not in chat.", Never;
        /// 234007: Uploads need the bot ability (upload page).
        IMAGE_BOT_OFF = 234007, "App does not enable bot feature.", Never;
        /// 234009: (get-message page).
        RESOURCE_NO_PERMISSION = 234009, "Lack of necessary permissions.", Never;
        /// 234019: (get-message page).
        SCOPE_CHECK_FAILED = 234019, "scope CheckAppTenant fail.", Never;
        /// 234037: (get-message page).
        DOWNLOAD_TOO_LARGE = 234037, "Downloaded file size exceeds limit.", Never;
        /// 234038: (get-message page).
        DOWNLOAD_RESTRICTED = 234038, "Do not allow downloading of message resources in restricted mode.", Never;
        /// 234040: (get-message page).
        RESOURCE_INVISIBLE = 234040, "The message is invisible to the operator.", Never;
        /// 234041: (get-message and upload pages).
        TENANT_MASTER_KEY_DELETED = 234041, "Tenant master key has been deleted, please contact the tenant administrator.", Never;
        /// 234042: (get-message and upload pages).
        TENANT_STORAGE_ERROR = 234042, "Hybrid deployment tenant storage error, such as full storage space, please contact tenant administrator.", Never;
        /// 234043: (get-message page).
        UNSUPPORTED_MESSAGE_RESOURCE = 234043, "Unsupported message type.", Never;
        /// 300121: (replace-element page).
        ENTITY_REPLACE_FAILED = 300121, "Failed to replace element", Never;
        /// 300122: (settings page).
        ENTITY_SETTINGS_FAILED = 300122, "Failed to update card configuration", Never;
    }
    card_validate {
        INVALID_PARAM, "Your request contains an invalid request parameter.", Never;
        CARD_CONTENT, "Failed to create card content.", Never;
        TOO_LARGE, "The length of the message content reaches its limit.", Never;
        ELEMENT_ID, "Duplicate element_id in card component.", Never;
        SCHEMA_DOWNGRADE, "A card of schema 2.0 cannot be updated to schema 1.0", Never;
        UPDATE_MULTI_FALSE, "update_multi must be true in a schema 2.0 card", Never;
        INVALID_VALUE, "Your request contains an invalid request parameter.", Never;
    }
}

/// The table row of a code.
pub fn lookup(code: u32) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

/// Codes after which a message can no longer be updated by this app, whatever the card:
/// recalled, deleted, past the 14-day window (the PATCH page's codes).
pub fn message_gone(code: u32) -> bool {
    matches!(code, RECALLED | DELETED | UPDATE_WINDOW_PASSED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_and_name_has_one_row() {
        for (i, a) in CODES.iter().enumerate() {
            for b in &CODES[i + 1..] {
                assert_ne!(a.code, b.code, "{} and {} share a number", a.name, b.name);
                assert_ne!(a.name, b.name);
            }
        }
        assert_eq!(lookup(TOO_LARGE).map(|c| c.retry), Some(Retry::Never));
        assert_eq!(
            lookup(FREQUENCY_LIMIT).map(|c| c.name),
            Some("FREQUENCY_LIMIT")
        );
        assert_eq!(
            lookup(TOKEN_INVALID).map(|c| c.retry),
            Some(Retry::RefreshToken)
        );
        assert!(lookup(123).is_none());
    }
}
