//! Every response code the seeds document (PATCH card, PUT edit, PUT chat_button), with whether a
//! retry can help. One table; [`crate::ApiError`] reads it.

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

/// (code, what the server says, retry).
pub static CODES: &[(u32, &str, Retry)] = &[
    (
        230001,
        "Your request contains an invalid request parameter.",
        Retry::Never,
    ),
    (
        230002,
        "The bot can not be outside the group.",
        Retry::Never,
    ),
    (230006, "Bot ability is not activated.", Retry::Never),
    (230011, "The message is recalled.", Retry::Never),
    (
        230013,
        "Bot has NO availability to this user.",
        Retry::Never,
    ),
    (
        230018,
        "These operations are NOT allowed at current group settings.",
        Retry::Never,
    ),
    (
        230020,
        "This operation triggers the frequency limit.",
        Retry::Backoff,
    ),
    (
        230022,
        "The content of the message contains sensitive information.",
        Retry::Never,
    ),
    (
        230025,
        "The length of the message content reaches its limit.",
        Retry::Never,
    ),
    (230027, "Lack of necessary permissions.", Retry::Never),
    (230028, "The messages do NOT pass the audit.", Retry::Never),
    (
        230031,
        "Message can only be modified within 14 days after sending.",
        Retry::Never,
    ),
    (230035, "Send message permission deny.", Retry::Never),
    (
        230038,
        "Cross tenant p2p chat operate forbid.",
        Retry::Never,
    ),
    (
        230050,
        "The message is invisible to the operator.",
        Retry::Never,
    ),
    (
        230054,
        "This operation is not supported for this message type.",
        Retry::Never,
    ),
    (
        230055,
        "The type of file upload does not match the type of message being sent.",
        Retry::Never,
    ),
    (
        230071,
        "The operator is not the sender of the message.",
        Retry::Never,
    ),
    (
        230072,
        "The message has reached the number of times it can be edited.",
        Retry::Never,
    ),
    (
        230073,
        "The message in the secret group is not allowed to be edited.",
        Retry::Never,
    ),
    (
        230074,
        "The message in the third-party encryption group is not allowed to be edited.",
        Retry::Never,
    ),
    (
        230075,
        "The message has exceeded the time that can be edited.",
        Retry::Never,
    ),
    (230099, "Failed to create card content.", Retry::Never),
    (
        230110,
        "Action unavailable as the message has been deleted.",
        Retry::Never,
    ),
    (
        232009,
        "Your request specifies a chat which has already been dissolved.",
        Retry::Never,
    ),
    // Token errors (the open platform's common codes): refresh and retry once.
    (99991661, "Missing access token.", Retry::RefreshToken),
    (99991663, "Invalid access token.", Retry::RefreshToken),
    (99991664, "Invalid app access token.", Retry::RefreshToken),
    (99991668, "Invalid user access token.", Retry::RefreshToken),
    (
        99991671,
        "Invalid tenant access token.",
        Retry::RefreshToken,
    ),
    // The platform's generic rate limit.
    (99991400, "Request trigger frequency limit.", Retry::Backoff),
];

/// 230020: the frequency limit of the message APIs (retry with backoff; never terminal).
pub const FREQUENCY_LIMIT: u32 = 230020;
/// 99991400: the gateway's generic rate limit (HTTP 429).
pub const GATEWAY_LIMIT: u32 = 99991400;

/// The table row of a code.
pub fn lookup(code: u32) -> Option<(&'static str, Retry)> {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, m, r)| (*m, *r))
}
