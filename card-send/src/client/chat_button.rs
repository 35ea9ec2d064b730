//! The feed card's buttons of a chat (seed 002).

use super::Client;
use crate::Endpoint;
use crate::api::ChatButtonReply;
use crate::error::pre;
use crate::routes::{self};
use crate::transport::Call;
use crate::wire::decode;
use crate::{Error, UserIdType, preflight};
use card_dsl::ChatButtonUpdate;

impl Client {
    /// Sets the feed-card buttons of a chat for some users (PUT, seed 002), `user_ids` as open_ids.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn update_chat_button(
        &self,
        request: &ChatButtonUpdate,
    ) -> Result<ChatButtonReply, Error> {
        self.update_chat_button_as(request, UserIdType::OpenId)
            .await
    }

    /// [`Client::update_chat_button`] with another `user_id_type`.
    ///
    /// # Errors
    ///
    /// [`Error::Preflight`] when pre-flight finds what the server would reject (nothing is sent);
    /// [`Error::Api`] with the server's code otherwise; [`Error::Transport`], [`Error::Http`],
    /// [`Error::RetriesExhausted`] or [`Error::Decode`] when the request or its reply fails.
    pub async fn update_chat_button_as(
        &self,
        request: &ChatButtonUpdate,
        user_id_type: UserIdType,
    ) -> Result<ChatButtonReply, Error> {
        if self.inner.transport.config.preflight {
            preflight::chat_button(request).map_err(pre(Endpoint::ChatButton))?;
        }
        let body = serde_json::to_value(request)
            .map_err(|e| Error::Config(format!("chat_button body: {e}")))?;
        let call = Call {
            query: vec![("user_id_type", user_id_type.as_str().to_owned())],
            body: Some(body),
            ..Call::to(&routes::CHAT_BUTTON, &[])
        };
        decode(Endpoint::ChatButton, self.inner.transport.run(&call).await?)
    }
}
