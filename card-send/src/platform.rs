//! The platform's facts in one place: every response code the seeds document (PATCH card, PUT
//! edit, PUT chat_button) and the token and gateway codes, each with its text and whether a retry
//! can help; the size limits, time windows and documented rate limits. The card-content codes and
//! limits are card-validate's (`card_validate::codes`), re-exported here so there is one of each.
//! The client's own tuning (headroom, bursts, backoff) lives in [`crate::Limits`] and
//! [`crate::RetryPolicy`].

use std::time::Duration;

pub use card_validate::codes::{CARD_MAX_BYTES, MAX_EDITS, POST_MAX_BYTES, TEXT_MAX_BYTES};
/// Codes card-validate names too, under the one name each has in the workspace: 230025 the
/// content is too large; sub-codes 200830 a 2.0 card replaced by a 1.0 one (PATCH, callback
/// answers), 300301 a bad or duplicate `element_id` (also CardKit's code for it), 300302
/// `update_multi: false` (also CardKit's create page).
pub use card_validate::codes::{ELEMENT_ID, SCHEMA_DOWNGRADE, TOO_LARGE, UPDATE_MULTI_FALSE};

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

/// 230001: Your request contains an invalid request parameter.
pub const INVALID_PARAM: u32 = card_validate::codes::INVALID_PARAM;
/// 230002: The bot can not be outside the group.
pub const BOT_NOT_IN_CHAT: u32 = 230002;
/// 230006: Bot ability is not activated.
pub const BOT_ABILITY_OFF: u32 = 230006;
/// 230011: The message is recalled.
pub const RECALLED: u32 = 230011;
/// 230013: Bot has NO availability to this user.
pub const BOT_UNAVAILABLE_TO_USER: u32 = 230013;
/// 230018: These operations are NOT allowed at current group settings.
pub const GROUP_SETTINGS_FORBID: u32 = 230018;
/// 230020: This operation triggers the frequency limit.
pub const FREQUENCY_LIMIT: u32 = 230020;
/// 230022: The content of the message contains sensitive information.
pub const SENSITIVE_CONTENT: u32 = 230022;
/// 230027: Lack of necessary permissions.
pub const NO_PERMISSION: u32 = 230027;
/// 230028: The messages do NOT pass the audit.
pub const AUDIT_FAILED: u32 = 230028;
/// 230031: Message can only be modified within 14 days after sending.
pub const UPDATE_WINDOW_PASSED: u32 = 230031;
/// 230035: Send message permission deny.
pub const SEND_PERMISSION_DENIED: u32 = 230035;
/// 230038: Cross tenant p2p chat operate forbid.
pub const CROSS_TENANT_P2P: u32 = 230038;
/// 230050: The message is invisible to the operator.
pub const INVISIBLE_TO_OPERATOR: u32 = 230050;
/// 230054: This operation is not supported for this message type.
pub const UNSUPPORTED_MESSAGE_TYPE: u32 = 230054;
/// 230055: The type of file upload does not match the type of message being sent.
pub const UPLOAD_TYPE_MISMATCH: u32 = 230055;
/// 230071: The operator is not the sender of the message.
pub const NOT_THE_SENDER: u32 = 230071;
/// 230072: The message has reached the number of times it can be edited.
pub const EDIT_LIMIT_REACHED: u32 = 230072;
/// 230073: The message in the secret group is not allowed to be edited.
pub const SECRET_GROUP_EDIT: u32 = 230073;
/// 230074: The message in the third-party encryption group is not allowed to be edited.
pub const ENCRYPTED_GROUP_EDIT: u32 = 230074;
/// 230075: The message has exceeded the time that can be edited.
pub const EDIT_WINDOW_PASSED: u32 = 230075;
/// 230099: Failed to create card content.
pub const CARD_CONTENT: u32 = card_validate::codes::CARD_CONTENT;
/// 230110: Action unavailable as the message has been deleted.
pub const DELETED: u32 = 230110;
/// 232009: Your request specifies a chat which has already been dissolved.
pub const CHAT_DISSOLVED: u32 = 232009;
/// 99991661: Missing access token.
pub const TOKEN_MISSING: u32 = 99991661;
/// 99991663: Invalid access token.
pub const TOKEN_INVALID: u32 = 99991663;
/// 99991664: Invalid app access token.
pub const APP_TOKEN_INVALID: u32 = 99991664;
/// 99991668: Invalid user access token.
pub const USER_TOKEN_INVALID: u32 = 99991668;
/// 99991671: Invalid tenant access token.
pub const TENANT_TOKEN_INVALID: u32 = 99991671;
/// 99991400: Request trigger frequency limit.
pub const GATEWAY_LIMIT: u32 = 99991400;
/// 10003: an app_id the token endpoint does not know.
pub const INVALID_APP_ID: u32 = 10003;
/// 10014: a wrong app secret at the token endpoint.
pub const INVALID_APP_SECRET: u32 = 10014;

/// 99992361: an open_id that is not one of this app's (server error codes page,
/// open.larksuite.com/document/ukTMukTMukTM/ugjM14COyUjL4ITN: "open_id cross app").
pub const OPEN_ID_CROSS_APP: u32 = 99992361;
/// 99992360: a user_id that does not exist (same page: "these ids not existed: %v").
pub const USER_ID_NOT_EXIST: u32 = 99992360;
/// 99992364: a union_id that does not exist (same page: "these ids not existed: %v").
pub const UNION_ID_NOT_EXIST: u32 = 99992364;

/// Codes after which a message can no longer be updated by this app, whatever the card:
/// recalled, deleted, past the 14-day window (the PATCH page's codes).
pub fn message_gone(code: u32) -> bool {
    matches!(code, RECALLED | DELETED | UPDATE_WINDOW_PASSED)
}

/// 234001: an upload request with an invalid parameter (upload page).
pub const IMAGE_INVALID_PARAM: u32 = 234001;
/// 234006: an image over 10 MB (upload page).
pub const IMAGE_TOO_LARGE: u32 = 234006;
/// 234010: an empty image (upload page).
pub const IMAGE_EMPTY: u32 = 234010;
/// 234011: an image format the upload API does not take (upload page).
pub const IMAGE_FORMAT: u32 = 234011;
/// 234039: an image resolution over the limit (upload page).
pub const IMAGE_RESOLUTION: u32 = 234039;
/// 230026: a message this app may not recall (recall page).
pub const NO_RECALL_PERMISSION: u32 = 230026;
/// 230009: a message older than the tenant's recall time limit (recall page).
pub const RECALL_EXPIRED: u32 = 230009;
/// 230019: the topic does not exist (reply page).
pub const TOPIC_NOT_FOUND: u32 = 230019;

/// 300030: a delayed-update token past its 30 minutes (delayed-update page).
pub const CALLBACK_TOKEN_EXPIRED: u32 = 300030;
/// 300040: a delayed-update token used too many times (delayed-update page).
pub const CALLBACK_TOKEN_USED_UP: u32 = 300040;
/// 300020: a delayed-update token of the wrong form (delayed-update page).
pub const CALLBACK_TOKEN_FORMAT: u32 = 300020;
/// 300090: a card that is not shared needs `open_ids` (delayed-update page).
pub const CALLBACK_OPEN_IDS: u32 = 300090;
/// Interaction errors the user's client shows (callback page): no answer within 3 s.
pub const CALLBACK_LATE: u32 = 200341;
/// The callback URL cannot be reached (callback page).
pub const CALLBACK_UNREACHABLE: u32 = 200342;
/// The callback answered with another status than HTTP 200 (callback page).
pub const CALLBACK_NOT_200: u32 = 200671;
/// The callback's answer is not an answer body (callback page).
pub const CALLBACK_BAD_ANSWER: u32 = 200672;
/// The callback's answer has a bad card (callback page).
pub const CALLBACK_BAD_CARD: u32 = 200673;
/// The delayed update's card message was recalled (delayed-update page).
pub const DELAYED_RECALLED: u32 = 200000;
/// The delayed update's card does not have the required form (delayed-update page).
pub const DELAYED_CARD_FORMAT: u32 = 11311;
/// How long a callback's token updates the card: 30 minutes (callback page: 有效期为 30 分钟).
pub const CALLBACK_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 60);
/// Delayed updates per callback token: 2 (callback page: 最多可更新 2 次; the delayed-update page
/// says a token is used at most 3 times, the callback answer being one of them).
pub const CALLBACK_TOKEN_USES: u32 = 2;
/// How long the platform waits for a callback answer: 3 seconds (callback page), then 200341.
pub const CALLBACK_DEADLINE: Duration = Duration::from_secs(3);

/// CardKit (the card-entity pages, `feishu/003-服务端API/飞书卡片/…`): the entity does not exist.
pub const ENTITY_NOT_FOUND: u32 = 200740;
/// The entity is past its 14 days.
pub const ENTITY_EXPIRED: u32 = 200750;
/// The uuid was used by another operation.
pub const ENTITY_UUID_CONFLICT: u32 = 200770;
/// The card is in an interaction and cannot be updated now.
pub const ENTITY_IN_INTERACTION: u32 = 200810;
/// Streaming mode closed itself after its time.
pub const ENTITY_STREAMING_TIMEOUT: u32 = 200850;
/// The card is over its size limit.
pub const ENTITY_TOO_LARGE: u32 = 200860;
/// The card content could not be generated (create page).
pub const ENTITY_CONTENT_FAILED: u32 = 200220;
/// The card JSON is empty (create page).
pub const ENTITY_EMPTY: u32 = 300307;
/// This app may not update or use this card (stream page).
pub const ENTITY_NOT_OURS: u32 = 300311;
/// Server internal error (stream page): retried.
pub const ENTITY_INTERNAL: u32 = 300120;
/// Only schema 2.0 cards make entities.
pub const ENTITY_SCHEMA_2_ONLY: u32 = 300303;
/// More than 200 components.
pub const ENTITY_TOO_MANY_ELEMENTS: u32 = 300305;
/// Streaming mode is closed.
pub const ENTITY_STREAMING_CLOSED: u32 = 300309;
/// Only text elements stream.
pub const ENTITY_ONLY_TEXT: u32 = 300310;
/// Updating element properties failed (update-element page).
pub const ENTITY_UPDATE_FAILED: u32 = 300313;
/// Deleting an element failed (delete-element page).
pub const ENTITY_DELETE_FAILED: u32 = 300314;
/// Adding elements failed (add-element page).
pub const ENTITY_ADD_FAILED: u32 = 300315;
/// An update may not change an element's tag (update-element page).
pub const ENTITY_TAG_CHANGE: u32 = 300312;
/// The sequence did not increase.
pub const ENTITY_SEQUENCE: u32 = 300317;
/// How long an entity lives: 14 days (create page: 卡片实体的有效期为 14 天).
pub const ENTITY_LIFETIME: Duration = Duration::from_secs(14 * 24 * 3600);
/// Streaming mode closes itself 10 minutes after it was last switched on (streaming overview:
/// 流式更新模式将在距上次开启 10 分钟后自动关闭).
pub const STREAMING_WINDOW: Duration = Duration::from_secs(600);
/// The most characters one streamed content may hold (stream-text page: 1 ～ 100000).
pub const MAX_STREAM_CONTENT: usize = 100_000;

/// (code, what the server says, retry).
pub static CODES: &[(u32, &str, Retry)] = &[
    (
        INVALID_PARAM,
        "Your request contains an invalid request parameter.",
        Retry::Never,
    ),
    (
        BOT_NOT_IN_CHAT,
        "The bot can not be outside the group.",
        Retry::Never,
    ),
    (
        BOT_ABILITY_OFF,
        "Bot ability is not activated.",
        Retry::Never,
    ),
    (RECALLED, "The message is recalled.", Retry::Never),
    (
        BOT_UNAVAILABLE_TO_USER,
        "Bot has NO availability to this user.",
        Retry::Never,
    ),
    (
        GROUP_SETTINGS_FORBID,
        "These operations are NOT allowed at current group settings.",
        Retry::Never,
    ),
    (
        FREQUENCY_LIMIT,
        "This operation triggers the frequency limit.",
        Retry::Backoff,
    ),
    (
        SENSITIVE_CONTENT,
        "The content of the message contains sensitive information.",
        Retry::Never,
    ),
    (
        TOO_LARGE,
        "The length of the message content reaches its limit.",
        Retry::Never,
    ),
    (
        NO_PERMISSION,
        "Lack of necessary permissions.",
        Retry::Never,
    ),
    (
        AUDIT_FAILED,
        "The messages do NOT pass the audit.",
        Retry::Never,
    ),
    (
        UPDATE_WINDOW_PASSED,
        "Message can only be modified within 14 days after sending.",
        Retry::Never,
    ),
    (
        SEND_PERMISSION_DENIED,
        "Send message permission deny.",
        Retry::Never,
    ),
    (
        CROSS_TENANT_P2P,
        "Cross tenant p2p chat operate forbid.",
        Retry::Never,
    ),
    (
        INVISIBLE_TO_OPERATOR,
        "The message is invisible to the operator.",
        Retry::Never,
    ),
    (
        UNSUPPORTED_MESSAGE_TYPE,
        "This operation is not supported for this message type.",
        Retry::Never,
    ),
    (
        UPLOAD_TYPE_MISMATCH,
        "The type of file upload does not match the type of message being sent.",
        Retry::Never,
    ),
    (
        NOT_THE_SENDER,
        "The operator is not the sender of the message.",
        Retry::Never,
    ),
    (
        EDIT_LIMIT_REACHED,
        "The message has reached the number of times it can be edited.",
        Retry::Never,
    ),
    (
        SECRET_GROUP_EDIT,
        "The message in the secret group is not allowed to be edited.",
        Retry::Never,
    ),
    (
        ENCRYPTED_GROUP_EDIT,
        "The message in the third-party encryption group is not allowed to be edited.",
        Retry::Never,
    ),
    (
        EDIT_WINDOW_PASSED,
        "The message has exceeded the time that can be edited.",
        Retry::Never,
    ),
    (CARD_CONTENT, "Failed to create card content.", Retry::Never),
    (
        DELETED,
        "Action unavailable as the message has been deleted.",
        Retry::Never,
    ),
    (
        CHAT_DISSOLVED,
        "Your request specifies a chat which has already been dissolved.",
        Retry::Never,
    ),
    (TOKEN_MISSING, "Missing access token.", Retry::RefreshToken),
    (TOKEN_INVALID, "Invalid access token.", Retry::RefreshToken),
    (
        APP_TOKEN_INVALID,
        "Invalid app access token.",
        Retry::RefreshToken,
    ),
    (
        USER_TOKEN_INVALID,
        "Invalid user access token.",
        Retry::RefreshToken,
    ),
    (
        TENANT_TOKEN_INVALID,
        "Invalid tenant access token.",
        Retry::RefreshToken,
    ),
    (
        GATEWAY_LIMIT,
        "Request trigger frequency limit.",
        Retry::Backoff,
    ),
    (OPEN_ID_CROSS_APP, "open_id cross app", Retry::Never),
    (
        IMAGE_TOO_LARGE,
        "The file size exceed the max value.",
        Retry::Never,
    ),
    (IMAGE_EMPTY, "File's size can't be 0.", Retry::Never),
    (IMAGE_INVALID_PARAM, "Invalid request param.", Retry::Never),
    (
        IMAGE_FORMAT,
        "Can't regonnize the image format.",
        Retry::Never,
    ),
    (
        IMAGE_RESOLUTION,
        "Image resolution exceeds limit.",
        Retry::Never,
    ),
    (
        NO_RECALL_PERMISSION,
        "No permission to recall this message.",
        Retry::Never,
    ),
    (
        RECALL_EXPIRED,
        "Message has expired when recall message.",
        Retry::Never,
    ),
    (TOPIC_NOT_FOUND, "The topic does NOT exist.", Retry::Never),
    (
        ENTITY_NOT_FOUND,
        "The card entity does not exist",
        Retry::Never,
    ),
    (ENTITY_EXPIRED, "The card entity has expired", Retry::Never),
    (ENTITY_UUID_CONFLICT, "UUID conflict", Retry::Never),
    (
        ENTITY_IN_INTERACTION,
        "The card is in an ongoing interaction and cannot be updated",
        Retry::Backoff,
    ),
    (
        ENTITY_STREAMING_TIMEOUT,
        "Card streaming timeout",
        Retry::Never,
    ),
    (
        ENTITY_TOO_LARGE,
        "Card content exceeds limit.",
        Retry::Never,
    ),
    (
        ELEMENT_ID,
        "Duplicate element_id in card component.",
        Retry::Never,
    ),
    (
        ENTITY_SCHEMA_2_ONLY,
        "Only schema 2.0 is supported",
        Retry::Never,
    ),
    (
        ENTITY_TOO_MANY_ELEMENTS,
        "The number of card components exceeds 200",
        Retry::Never,
    ),
    (
        ENTITY_STREAMING_CLOSED,
        "Card streaming closed",
        Retry::Never,
    ),
    (ENTITY_ONLY_TEXT, "Only update text", Retry::Never),
    (
        ENTITY_TAG_CHANGE,
        "Unable to update element tag",
        Retry::Never,
    ),
    (
        ENTITY_UPDATE_FAILED,
        "Failed to update element properties",
        Retry::Never,
    ),
    (
        ENTITY_DELETE_FAILED,
        "Failed to delete element",
        Retry::Never,
    ),
    (ENTITY_ADD_FAILED, "Failed to add element", Retry::Never),
    (
        ENTITY_SEQUENCE,
        "The sequence number for operating on the card did not increment consecutively",
        Retry::Never,
    ),
    (CALLBACK_TOKEN_EXPIRED, "更新卡片token失效。", Retry::Never),
    (
        CALLBACK_TOKEN_USED_UP,
        "更新卡片token使用超过限制次数。",
        Retry::Never,
    ),
    (
        CALLBACK_TOKEN_FORMAT,
        "更新卡片token格式错误。",
        Retry::Never,
    ),
    (
        CALLBACK_OPEN_IDS,
        "非共享卡片需填写open_ids字段。",
        Retry::Never,
    ),
    (USER_ID_NOT_EXIST, "these ids not existed", Retry::Never),
    (UNION_ID_NOT_EXIST, "these ids not existed", Retry::Never),
];

/// How long after sending a message can still be updated (seed 000: 14 days; 230031).
pub const UPDATE_WINDOW: Duration = Duration::from_secs(14 * 24 * 3600);
/// Documented rate limits (seeds): per app and API, per message, per receiver, chat_button.
pub const APP_PER_SECOND: u32 = 50;
/// Per app and API, per minute.
pub const APP_PER_MINUTE: u32 = 1000;
/// PATCH updates of one message per second.
pub const MESSAGE_PER_SECOND: u32 = 5;
/// Sends to one receiver per second.
pub const RECEIVER_PER_SECOND: u32 = 5;
/// chat_button updates per second.
pub const CHAT_BUTTON_PER_SECOND: u32 = 10;
/// Operations on one card entity per second, across every card and element API (CardKit
/// streaming overview, cardkit-v1 streaming-updates-openapi-overview: "对于单个卡片实体，使用卡片
/// 和组件级 OpenAPI 操作卡片的频率上限为 10 次/秒").
pub const ENTITY_PER_SECOND: u32 = 10;

/// The table row of a code.
pub fn lookup(code: u32) -> Option<(&'static str, Retry)> {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, m, r)| (*m, *r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_has_one_row() {
        for (i, (code, ..)) in CODES.iter().enumerate() {
            assert!(
                !CODES[i + 1..].iter().any(|(c, ..)| c == code),
                "{code} has two rows"
            );
        }
        assert_eq!(lookup(TOO_LARGE).map(|(_, r)| r), Some(Retry::Never));
    }
}
