//! A fake Feishu/Lark server on 127.0.0.1 (random port), for tests, the examples and trying a
//! bot offline: add it as a dev-dependency. Its router is built from the platform's route table
//! (card-platform) and it judges, signs and frames with its own code, written from the docs,
//! never with the client's: a bug on either side shows up end to end.
//!
//! It serves the token, send, PATCH (seed 000), PUT edit (seed 001), chat_button (seed 002) and
//! GET-message endpoints with the documented behaviour:
//!
//! | check | reply |
//! |---|---|
//! | missing / unknown / expired token | 99991661 / 99991663 |
//! | more than 50/s or 1000/min per API, 5 PATCH/s per message, 5 sends/s per receiver | 230020 with `x-ogw-ratelimit-reset` |
//! | more than 10 chat_button/s | 99991400 (HTTP 429) |
//! | card content (card-validate): a 1.0 tag, bad table rows, over 200 elements … | 230099 with the server's `ext=ErrCode: …; ErrPath: …` text |
//! | card or post over 30 KB, text over 150 KB | 230025 |
//! | PATCH after 14 days (emulated clock, [`Emulator::advance_clock`]) | 230031 |
//! | PATCH when the card before or after is not shared (`update_multi`) | 230099 / 300302 |
//! | PATCH replacing a 2.0 card with a 1.0 one | 230099 / 200830 |
//! | PATCH of a text/post, edit of a card | 230001 / 230054 |
//! | edit number 21 | 230072 |
//! | edit after the edit window (default 14 days) | 230075 |
//! | recalled / deleted message ([`Emulator::recall`], [`Emulator::delete`]) | 230011 / 230110 |
//! | recall of another app's message / after the tenant's recall limit ([`EmulatorBuilder::recall_window`]) | 230026 / 230009 |
//! | message sent by another app | 230071 |
//! | send to a dissolved chat / a chat without the bot | 232009 / 230002 |
//! | chat_button for a chat without the bot | 230027 |
//!
//! Rate limits count each request as it arrives, in sliding windows: "50/s" is at most 50 in any
//! second, so a burst straddling a second's edge is refused in part (`x-ogw-ratelimit-reset` is
//! the whole seconds until the oldest counted request leaves the window). Faults can be injected for the next requests ([`Emulator::inject`]): an
//! HTTP 5xx without the JSON envelope, a delay, a dropped connection, or any platform code.
//!
//! A client points at it with `Client::builder().against(&emulator)` (card-send); it is a plain
//! HTTP server, so any client works:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use card_emulator::Emulator;
//!
//! let emulator = Emulator::start().await?;
//! let http = reqwest::Client::new();
//! let url = |path: &str| format!("{}{path}", emulator.base_url());
//! let token: serde_json::Value = http
//!     .post(url("/open-apis/auth/v3/tenant_access_token/internal"))
//!     .json(&serde_json::json!({"app_id": emulator.app_id(), "app_secret": emulator.app_secret()}))
//!     .send().await?.json().await?;
//! let card = r#"{"schema":"2.0","config":{"update_multi":true},"body":{"elements":[{"tag":"markdown","content":"hi"}]}}"#;
//! let sent: serde_json::Value = http
//!     .post(url("/open-apis/im/v1/messages?receive_id_type=chat_id"))
//!     .bearer_auth(token["tenant_access_token"].as_str().unwrap_or_default())
//!     .json(&serde_json::json!({"receive_id": emulator.chat_id(), "msg_type": "interactive", "content": card}))
//!     .send().await?.json().await?;
//! let id = sent["data"]["message_id"].as_str().unwrap_or_default();
//! assert_eq!(emulator.message(id).unwrap().content, card);
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod builder;
mod buttons;
mod callbacks;
mod clock;
mod endpoints;
mod events;
mod faults;
mod frame;
mod inspect;
mod long_connection;
mod reply;
mod serve;
mod state;
mod world;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::task::JoinHandle;

pub use builder::EmulatorBuilder;
pub use buttons::Via;
pub use callbacks::Click;
pub use events::{Delivered, EventDelivery};
pub use faults::Fault;
pub use inspect::{Arrival, MessageState, Stats, most_in_any};
use state::EmuState;
pub use state::EmulatedUser;
pub use state::Refusal;

/// A running emulator; stops when dropped.
#[derive(Debug)]
pub struct Emulator {
    state: Arc<EmuState>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Emulator {
    /// Starts an emulator with the defaults (needs a Tokio runtime).
    ///
    /// # Errors
    ///
    /// The I/O error when 127.0.0.1 cannot be bound.
    pub async fn start() -> std::io::Result<Emulator> {
        EmulatorBuilder::default().start().await
    }

    /// Settings before start.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The app id it accepts.
    pub fn app_id(&self) -> &str {
        &self.state.settings.app_id
    }

    /// The app secret it accepts.
    pub fn app_secret(&self) -> &str {
        &self.state.settings.app_secret
    }

    /// The Encrypt Key its callbacks are signed with.
    pub fn callback_encrypt_key(&self) -> &str {
        &self.state.settings.encrypt_key
    }

    /// The Verification Token its callbacks carry.
    pub fn callback_verification_token(&self) -> &str {
        &self.state.settings.verification_token
    }

    /// A chat with the bot and two members in it.
    pub fn chat_id(&self) -> &str {
        &self.state.settings.chat_id
    }

    /// The members of [`Emulator::chat_id`] (open_ids).
    pub fn members(&self) -> &[String] {
        &self.state.settings.members
    }
}

/// The client's way in: `Client::builder().against(&emulator)`.
impl card_platform::AppServer for Emulator {
    fn base_url(&self) -> String {
        Emulator::base_url(self)
    }

    fn app_id(&self) -> &str {
        Emulator::app_id(self)
    }

    fn app_secret(&self) -> &str {
        Emulator::app_secret(self)
    }
}
