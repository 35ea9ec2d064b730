//! Replies (in the chat or in a thread), recall, and image upload.

use std::path::Path;
use std::time::SystemTime;

use card_dsl::{Card, ImgKey, MessageContent};
use serde_json::json;

use super::Client;
use crate::Endpoint;
use crate::api::{ImageKeyReply, Message};
use crate::error::pre;
use crate::routes::{self};
use crate::transport::{Call, Upload};
use crate::wire::decode;
use crate::{Error, MessageId, image, preflight};

impl Client {
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

    /// Recalls a message this app sent.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] with the recall page's codes: 230026 not this app's message, 230009 past
    /// the tenant's recall time limit, 230110 deleted …; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn recall(&self, id: &MessageId) -> Result<(), Error> {
        let call = Call::to(&routes::RECALL, &[id.as_str()]);
        self.inner.transport.run(&call).await?;
        Ok(())
    }

    /// Uploads an image for messages and cards (`image_type: message`) and returns its key.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] for an image the upload page's limits refuse (empty 234010, over
    /// 10 MB 234006, an unknown format 234011, a resolution over the limit 234039; nothing is
    /// sent); [`Error::Api`] with the server's code; [`Error::Decode`] when the reply has no key
    /// of the documented form; [`Error::Transport`], [`Error::Http`] or
    /// [`Error::RetriesExhausted`] when the request fails.
    pub async fn upload_image(&self, bytes: &[u8]) -> Result<ImgKey, Error> {
        let format = image::check(bytes).map_err(pre(Endpoint::UploadImage))?;
        let call = Call {
            upload: Some(Upload {
                fields: vec![("image_type", "message".to_owned())],
                file_field: "image",
                file_name: format!("image.{}", format.extension()),
                bytes,
            }),
            ..Call::to(&routes::UPLOAD_IMAGE, &[])
        };
        let reply: ImageKeyReply = decode(
            Endpoint::UploadImage,
            self.inner.transport.run(&call).await?,
        )?;
        ImgKey::new(&reply.image_key).map_err(|e| Error::Decode {
            endpoint: Endpoint::UploadImage,
            message: format!("image_key {:?}: {e}", reply.image_key),
        })
    }

    /// Reads an image file and uploads it ([`Client::upload_image`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the file cannot be read (naming the path); otherwise as
    /// [`Client::upload_image`].
    pub async fn upload_image_file(&self, path: impl AsRef<Path>) -> Result<ImgKey, Error> {
        let path = path.as_ref();
        let bytes = tokio::fs::read(path)
            .await
            .map_err(|e| Error::Config(format!("cannot read image {}: {e}", path.display())))?;
        self.upload_image(&bytes).await
    }
}
