//! Response types of the calls.

use serde::Deserialize;

/// A message as the platform returns it (send, edit, get).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// `om_…`.
    pub message_id: String,
    /// `text`, `post`, `interactive` …
    #[serde(default)]
    pub msg_type: String,
    /// Milliseconds since the epoch, as a string.
    #[serde(default)]
    pub create_time: String,
    /// Milliseconds since the epoch, as a string.
    #[serde(default)]
    pub update_time: String,
    /// The chat it is in.
    #[serde(default)]
    pub chat_id: String,
    /// Whether it was deleted/recalled.
    #[serde(default)]
    pub deleted: bool,
    /// Whether it was updated or edited.
    #[serde(default)]
    pub updated: bool,
    /// The content.
    #[serde(default)]
    pub body: MessageBody,
    /// The root of the reply tree it is in (replies only).
    #[serde(default)]
    pub root_id: Option<String>,
    /// The message it replies to (replies only).
    #[serde(default)]
    pub parent_id: Option<String>,
    /// The topic it belongs to, when it is in one (`omt_…`).
    #[serde(default)]
    pub thread_id: Option<String>,
}

/// `body` of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct MessageBody {
    /// The content JSON string.
    #[serde(default)]
    pub content: String,
}

impl Message {
    /// `create_time` as a time, when it parses.
    pub fn created_at(&self) -> Option<std::time::SystemTime> {
        let ms: u64 = self.create_time.parse().ok()?;
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms))
    }
}

/// The chat_button reply (seed 002).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct ChatButtonReply {
    /// Users the buttons could not be set for, and why.
    #[serde(default)]
    pub failed_user_reasons: Vec<FailedUserReason>,
}

/// One entry of `failed_user_reasons`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FailedUserReason {
    /// The reason's code.
    #[serde(default)]
    pub error_code: i64,
    /// The reason.
    #[serde(default)]
    pub error_message: String,
    /// The user.
    #[serde(default)]
    pub user_id: String,
}

/// Upload image reply: `data.image_key`.
#[derive(Deserialize)]
pub(crate) struct ImageKeyReply {
    pub(crate) image_key: String,
}

/// GET message reply: `data.items`.
#[derive(Deserialize)]
pub(crate) struct Items {
    #[serde(default)]
    pub(crate) items: Vec<Message>,
}
