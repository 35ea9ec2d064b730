//! New messages: send to a receiver, or reply to a message (in its thread or not).

use super::Client;
use crate::Endpoint;
use crate::api::Message;
use crate::error::pre;
use crate::routes::{self};
use crate::transport::Call;
use crate::wire::decode;
use crate::{Error, MessageId, Receiver, platform, preflight};
use card_dsl::{Card, MessageContent, TemplateCard};
use serde_json::json;
use std::time::SystemTime;

impl Client {
    /// Sends a card (`msg_type: interactive`).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn send_card(
        &self,
        to: impl Into<Receiver>,
        card: &Card,
    ) -> Result<MessageId, Error> {
        self.send_card_content(to.into(), card.to_content()).await
    }

    /// Sends a card built with the builder tool, by template id.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn send_template(
        &self,
        to: impl Into<Receiver>,
        card: &TemplateCard,
    ) -> Result<MessageId, Error> {
        self.send_card_content(to.into(), card.to_content()).await
    }

    /// Sends card content, checked by pre-flight on exactly these bytes.
    pub(crate) async fn send_card_content(
        &self,
        to: Receiver,
        content: String,
    ) -> Result<MessageId, Error> {
        self.card_preflight(&content, None)
            .map_err(pre(Endpoint::Send))?;
        self.send_content(to, "interactive", content).await
    }

    /// Sends a text or post message.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn send_message(
        &self,
        to: impl Into<Receiver>,
        content: &MessageContent,
    ) -> Result<MessageId, Error> {
        if self.inner.transport.config.preflight {
            preflight::message(content).map_err(pre(Endpoint::Send))?;
        }
        self.send_content(to.into(), content.msg_type(), content.to_content())
            .await
    }

    pub(crate) async fn send_content(
        &self,
        to: Receiver,
        msg_type: &str,
        content: String,
    ) -> Result<MessageId, Error> {
        // The uuid makes retries of a send idempotent (the platform de-duplicates it for an hour).
        let body = json!({
            "receive_id": to.id(),
            "msg_type": msg_type,
            "content": content,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let call = Call {
            query: vec![("receive_id_type", to.id_type().to_owned())],
            body: Some(body),
            key: Some(to.id()),
            ..Call::to(&routes::SEND, &[])
        };
        let reply = self.inner.transport.run(&call).await;
        let reply = reply.map_err(|e| e.with_hint(|error| receiver_hint(error.code, &to)))?;
        let message: Message = decode(Endpoint::Send, reply)?;
        let at = message.created_at().unwrap_or_else(SystemTime::now);
        self.inner.ledger.sent(&message.message_id, at);
        Ok(MessageId::new(message.message_id))
    }

    /// Replies to a message with a card; `in_thread: true` replies as a topic (a message already
    /// in a topic is answered in it either way).
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for a card the server would reject (nothing is sent); [`Error::Api`]
    /// with the reply page's codes (230011 recalled, 230019 no such topic, 230071 the chat has no
    /// topics …); [`Error::Transport`], [`Error::Http`], [`Error::RetriesExhausted`] or
    /// [`Error::Decode`] when the request or its reply fails.
    pub async fn reply_card(
        &self,
        to: &MessageId,
        card: &Card,
        in_thread: bool,
    ) -> Result<Message, Error> {
        let content = card.to_content();
        self.card_preflight(&content, None)
            .map_err(pre(Endpoint::Reply))?;
        self.reply_content(to, "interactive", content, in_thread)
            .await
    }

    /// Replies to a message with a text or post.
    ///
    /// # Errors
    ///
    /// As [`Client::reply_card`].
    pub async fn reply_message(
        &self,
        to: &MessageId,
        content: &MessageContent,
        in_thread: bool,
    ) -> Result<Message, Error> {
        if self.inner.transport.config.preflight {
            preflight::message(content).map_err(pre(Endpoint::Reply))?;
        }
        self.reply_content(to, content.msg_type(), content.to_content(), in_thread)
            .await
    }

    pub(crate) async fn reply_content(
        &self,
        to: &MessageId,
        msg_type: &str,
        content: String,
        in_thread: bool,
    ) -> Result<Message, Error> {
        // The uuid makes retries idempotent (the platform de-duplicates it for an hour).
        let body = json!({
            "msg_type": msg_type,
            "content": content,
            "reply_in_thread": in_thread,
            "uuid": uuid::Uuid::new_v4().to_string(),
        });
        let call = Call {
            body: Some(body),
            ..Call::to(&routes::REPLY, &[to.as_str()])
        };
        let message: Message = decode(Endpoint::Reply, self.inner.transport.run(&call).await?)?;
        let at = message.created_at().unwrap_or_else(SystemTime::now);
        self.inner.ledger.sent(&message.message_id, at);
        Ok(message)
    }
}

/// Why a send to `to` may have failed with `code`, when the id looks like something else: a
/// chat's name taken for a user_id (any id without a known prefix is one), or a chat_id without
/// the `oc_` every chat_id has.
fn receiver_hint(code: u32, to: &Receiver) -> Option<String> {
    let id_errors = [
        platform::USER_ID_NOT_EXIST,
        platform::UNION_ID_NOT_EXIST,
        platform::OPEN_ID_CROSS_APP,
        platform::INVALID_RECEIVE_ID,
        platform::INVALID_PARAM,
    ];
    if !id_errors.contains(&code) {
        return None;
    }
    match to {
        Receiver::UserId(id) => Some(format!(
            "{id:?} was sent as a user_id (an id without the oc_, ou_ or on_ prefix and without \
             an @ is read as one); a group chat is addressed by its chat_id (oc_…), not its name: \
             Receiver::ChatId(\"oc_…\"), found in the chat's settings or with GET /open-apis/im/v1/chats"
        )),
        Receiver::ChatId(id) if !id.starts_with("oc_") => Some(format!(
            "every chat_id starts with oc_; {id:?} looks like a chat's name: find its chat_id in \
             the chat's settings or with GET /open-apis/im/v1/chats"
        )),
        _ => None,
    }
}
