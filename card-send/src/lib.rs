//! Send and update Feishu/Lark cards within the platform's limits, with typed errors, and a local
//! emulator of the endpoints.
//!
//! ```no_run
//! use card_send::{Client, MessageContent};
//!
//! # async fn run() -> Result<(), card_send::Error> {
//! let client = Client::builder()
//!     .app_id("cli_a1b2c3")
//!     .app_secret(std::env::var("FEISHU_APP_SECRET").unwrap_or_default())
//!     .build()?;
//! let card = card_dsl::card! { <card><markdown>"Deploying…"</markdown></card> };
//! let id = client.send_card("oc_a0553eda9014c201e6969b478895c230", &card).await?;
//! let done = card_dsl::card! { <card><markdown>"Deployed ✅"</markdown></card> };
//! client.update_card(&id, &done).await?;
//! # Ok(()) }
//! ```
//!
//! | call | endpoint | seed |
//! |---|---|---|
//! | [`Client::send_card`], [`Client::send_message`], [`Client::send_template`] | `POST /open-apis/im/v1/messages` | |
//! | [`Client::update_card`], [`Client::update_template`], [`Client::card_updates`] | `PATCH /open-apis/im/v1/messages/:message_id` | 000 |
//! | [`Client::edit_message`] | `PUT /open-apis/im/v1/messages/:message_id` | 001 |
//! | [`Client::update_chat_button`] | `PUT /open-apis/im/v2/chat_button` | 002 |
//! | [`Client::get_message`] | `GET /open-apis/im/v1/messages/:message_id` | |
//! | [`Client::reply_card`], [`Client::reply_message`] | `POST /open-apis/im/v1/messages/:message_id/reply` | |
//! | [`Client::recall`] | `DELETE /open-apis/im/v1/messages/:message_id` | |
//! | [`Client::upload_image`], [`Client::upload_image_file`] | `POST /open-apis/im/v1/images` | |
//!
//! Features: `tls-ring` (default) or `tls-aws-lc` for TLS; `redis` for budgets and state
//! shared by replicas (`ClientBuilder::shared_limits`, `store::RedisStore`); `callback-server`
//! for `callback::router` (an axum `Router`: serve it with your own `axum::serve`);
//! `callback-ws` for `callback::ws::LongConnection` (callbacks over a WebSocket the bot opens).
//!
//! Every endpoint is one [`routes::Route`] (method, path template, [`Endpoint`], doc page) in
//! [`routes::ALL`]: the client builds its requests from it and the emulator its router.
//!
//! - **Errors**: [`Error`]; a server reply is [`Error::Api`] with an [`ApiError`] (code, msg,
//!   log_id, the 230099 sub-error). [`ApiError::retry`] classifies every code the seeds document:
//!   230020 backs off, token codes refresh once, 230031/230011/230110/232009/230072 … are final.
//! - **Pre-flight** (on by default): payloads are checked with card-validate, a card the server
//!   would reject fails with [`Error::Preflight`] carrying the same code and sub-error; also the
//!   14-day window and the 20-edit cap for messages this client sent.
//! - **Limits** ([`Limits`]): 5 PATCH/s per message, 50/s and 1000/min per app and API, 5 sends/s
//!   per receiver, chat_button 10/s, 10 operations/s per CardKit card entity, enforced before each
//!   request.
//! - **Emulator**: the card-emulator crate serves the same endpoints on 127.0.0.1 with the
//!   documented behaviour and fault injection; `Client::builder().against(&emulator)`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api;
pub mod cardkit;
pub(crate) mod client;
mod config;
mod entities;
mod error;
mod ids;
pub mod image;
mod ledger;
mod limits;
pub mod preflight;
#[cfg(feature = "redis")]
mod shared_limits;
mod tls;
mod token;
mod transport;
mod updates;
mod wire;

pub use api::{ChatButtonReply, FailedUserReason, Message, MessageBody};
/// A boxed future, for the traits used as objects (the update sink, the budget stores).
pub(crate) type BoxFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

pub use card_callback as callback;
pub use card_dsl::{Card, ChatButtonUpdate, MessageContent, TemplateCard};
pub use card_platform::{self as platform, Endpoint, Retry, Secret, routes};
pub use card_store as store;
pub use client::{Client, ClientBuilder};
pub use config::{ClientConfig, FEISHU_BASE_URL, LARK_BASE_URL, Limits, RetryPolicy};
pub use error::{ApiError, CardContentError, Error, TransportKind};
pub use ids::{MessageId, Receiver, UserIdType};
pub use updates::CardUpdates;
