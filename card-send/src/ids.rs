//! Message ids, receivers and user id types.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A message id (`om_…`), as returned by a send.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MessageId(String);

impl MessageId {
    /// Wraps an id received elsewhere (an event, the message list API).
    pub fn new(id: impl Into<String>) -> Self {
        MessageId(id.into())
    }

    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for MessageId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for MessageId {
    fn from(id: &str) -> Self {
        MessageId(id.to_owned())
    }
}

impl From<String> for MessageId {
    fn from(id: String) -> Self {
        MessageId(id)
    }
}

/// Who a message goes to: the `receive_id` and its `receive_id_type`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// A group chat (`oc_…`).
    ChatId(String),
    /// A user in this app (`ou_…`).
    OpenId(String),
    /// A user in the tenant.
    UserId(String),
    /// A user across the developer's apps (`on_…`).
    UnionId(String),
    /// A user by email.
    Email(String),
}

impl Receiver {
    /// The `receive_id_type` query value.
    pub fn id_type(&self) -> &'static str {
        match self {
            Receiver::ChatId(_) => "chat_id",
            Receiver::OpenId(_) => "open_id",
            Receiver::UserId(_) => "user_id",
            Receiver::UnionId(_) => "union_id",
            Receiver::Email(_) => "email",
        }
    }

    /// The `receive_id` body value.
    pub fn id(&self) -> &str {
        match self {
            Receiver::ChatId(s)
            | Receiver::OpenId(s)
            | Receiver::UserId(s)
            | Receiver::UnionId(s)
            | Receiver::Email(s) => s,
        }
    }
}

/// From an id string by its documented prefix: `oc_` chat, `ou_` open_id, `on_` union_id, an
/// `@` email, anything else a user_id. Use the variants to be explicit.
impl From<&str> for Receiver {
    fn from(id: &str) -> Self {
        let id = id.to_owned();
        if id.starts_with("oc_") {
            Receiver::ChatId(id)
        } else if id.starts_with("ou_") {
            Receiver::OpenId(id)
        } else if id.starts_with("on_") {
            Receiver::UnionId(id)
        } else if id.contains('@') {
            Receiver::Email(id)
        } else {
            Receiver::UserId(id)
        }
    }
}

impl From<String> for Receiver {
    fn from(id: String) -> Self {
        Receiver::from(id.as_str())
    }
}

impl From<&String> for Receiver {
    fn from(id: &String) -> Self {
        Receiver::from(id.as_str())
    }
}

/// The `user_id_type` of chat_button `user_ids` (seed 002; default open_id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserIdType {
    /// `open_id` (the default).
    #[default]
    OpenId,
    /// `union_id`.
    UnionId,
    /// `user_id` (needs contact:user.employee_id:readonly; not for store apps).
    UserId,
}

impl UserIdType {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            UserIdType::OpenId => "open_id",
            UserIdType::UnionId => "union_id",
            UserIdType::UserId => "user_id",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receiver_from_prefix() {
        let t = |s: &str| Receiver::from(s).id_type();
        assert_eq!(t("oc_1"), "chat_id");
        assert_eq!(t("ou_1"), "open_id");
        assert_eq!(t("on_1"), "union_id");
        assert_eq!(t("a@b.c"), "email");
        assert_eq!(t("5d9bdxxx"), "user_id");
        assert_eq!(Receiver::from("oc_9").id(), "oc_9");
    }
}
