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

mod callbacks;
mod endpoints;
mod frame;
mod long_connection;
mod reply;
mod serve;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use callbacks::Click;
pub use state::EmulatedUser;
use state::{Chat, EmuState, Settings, Stored, lock};

/// A fault for the next API requests (the token endpoint is not affected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this HTTP status and an HTML body (a gateway error).
    Status(u16),
    /// Wait this long, then answer normally (a client timeout shorter than this sees a timeout).
    Delay(Duration),
    /// Close the connection without answering, before the request is handled.
    Drop,
    /// Handle the request (it takes effect: a message is stored, a card changed), then close the
    /// connection without the answer, as a network fault after the server's work does. The client
    /// sees a dropped connection and retries; only its `uuid` keeps the retry from acting twice.
    LoseReply,
    /// Answer with this platform code and its documented message (HTTP 400).
    Code(u32),
}

/// A message as the emulator holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageState {
    /// `om_…`.
    pub message_id: String,
    /// The chat it is in.
    pub chat_id: String,
    /// `interactive`, `text` or `post`.
    pub msg_type: String,
    /// The current content string.
    pub content: String,
    /// When it was sent (emulated clock).
    pub sent_at: SystemTime,
    /// When it last changed (emulated clock).
    pub updated_at: SystemTime,
    /// Successful PATCHes.
    pub updates: u32,
    /// Successful edits.
    pub edits: u32,
    /// Recalled by [`Emulator::recall`].
    pub recalled: bool,
    /// Deleted by [`Emulator::delete`].
    pub deleted: bool,
    /// The sending app's id.
    pub sender: String,
    /// The root of its reply tree (replies only).
    pub root_id: Option<String>,
    /// The message it replies to (replies only).
    pub parent_id: Option<String>,
    /// Its topic (`omt_…`), when it is in one.
    pub thread_id: Option<String>,
}

impl MessageState {
    /// A message just sent.
    pub(crate) fn new(
        id: &str,
        chat_id: &str,
        msg_type: &str,
        content: &str,
        now: SystemTime,
        sender: &str,
    ) -> Self {
        MessageState {
            message_id: id.to_owned(),
            chat_id: chat_id.to_owned(),
            msg_type: msg_type.to_owned(),
            content: content.to_owned(),
            sent_at: now,
            updated_at: now,
            updates: 0,
            edits: 0,
            recalled: false,
            deleted: false,
            sender: sender.to_owned(),
            root_id: None,
            parent_id: None,
            thread_id: None,
        }
    }

    /// The content parsed as JSON.
    pub fn content_json(&self) -> Option<Value> {
        serde_json::from_str(&self.content).ok()
    }
}

/// Counters since start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Stats {
    /// API requests (all but the token endpoint), answered or not.
    pub requests: u64,
    /// Token requests.
    pub token_requests: u64,
    /// Replies with 230020 or 99991400.
    pub rate_limited: u64,
    /// Replies with a non-zero code.
    pub errors: u64,
    /// Faults applied.
    pub faults: u64,
    /// Messages sent.
    pub sends: u64,
    /// Successful PATCHes.
    pub updates: u64,
    /// Successful edits.
    pub edits: u64,
    /// Successful chat_button updates.
    pub chat_buttons: u64,
}

/// Settings of an [`Emulator`].
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    settings: Settings,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            settings: Settings {
                app_id: "cli_emulator0000001".into(),
                app_secret: "emulator-secret".into(),
                chat_id: "oc_emulator00000000000000000000001".into(),
                members: vec![
                    "ou_emulator00000000000000000000001".into(),
                    "ou_emulator00000000000000000000002".into(),
                ],
                token_ttl: Duration::from_secs(7200),
                rate_limits: true,
                edit_window: Duration::from_secs(14 * 24 * 3600),
                recall_window: None,
                encrypt_key: "emulator-encrypt-key".into(),
                verification_token: "emulator-verification-token".into(),
            },
        }
    }
}

impl EmulatorBuilder {
    /// The app id clients must use.
    pub fn app_id(mut self, id: impl Into<String>) -> Self {
        self.settings.app_id = id.into();
        self
    }
    /// The app secret clients must use.
    pub fn app_secret(mut self, secret: impl Into<String>) -> Self {
        self.settings.app_secret = secret.into();
        self
    }
    /// How long tokens live (default 2 h, as documented).
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.settings.token_ttl = ttl.max(Duration::from_secs(1));
        self
    }
    /// Turns the rate limits off (default on).
    pub fn rate_limits(mut self, on: bool) -> Self {
        self.settings.rate_limits = on;
        self
    }
    /// How long after sending a text/post can be edited (an admin setting; default 14 days).
    pub fn edit_window(mut self, window: Duration) -> Self {
        self.settings.edit_window = window;
        self
    }
    /// The tenant's recall time limit: a recall of an older message gets 230009. The recall
    /// page says the limit is set by the tenant's administrator and gives no default, so by
    /// default there is none.
    pub fn recall_window(mut self, window: Duration) -> Self {
        self.settings.recall_window = Some(window);
        self
    }
    /// The Encrypt Key the callbacks are signed with.
    pub fn encrypt_key(mut self, key: impl Into<String>) -> Self {
        self.settings.encrypt_key = key.into();
        self
    }
    /// The Verification Token the callbacks carry.
    pub fn verification_token(mut self, token: impl Into<String>) -> Self {
        self.settings.verification_token = token.into();
        self
    }
    /// Binds 127.0.0.1 on a free port and starts serving.
    ///
    /// # Errors
    ///
    /// The I/O error when 127.0.0.1 cannot be bound.
    pub async fn start(self) -> std::io::Result<Emulator> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(EmuState::new(self.settings));
        let router = endpoints::router(state.clone());
        let task = tokio::spawn(serve::serve(listener, router, state.clone()));
        Ok(Emulator { state, addr, task })
    }
}

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

    /// A message's current state (content, update and edit counts …).
    pub fn message(&self, id: impl AsRef<str>) -> Option<MessageState> {
        lock(&self.state.messages)
            .get(id.as_ref())
            .map(|m| m.state.clone())
    }

    /// Counters since start.
    pub fn stats(&self) -> Stats {
        self.state.stats()
    }

    /// Moves the emulated clock forward (for the 14-day window).
    pub fn advance_clock(&self, by: Duration) {
        self.state.advance(by);
    }

    /// Recalls a message; false if unknown.
    pub fn recall(&self, id: impl AsRef<str>) -> bool {
        self.with_message(id.as_ref(), |m| m.state.recalled = true)
    }

    /// Deletes a message; false if unknown.
    pub fn delete(&self, id: impl AsRef<str>) -> bool {
        self.with_message(id.as_ref(), |m| m.state.deleted = true)
    }

    /// Adds a message sent by another app (to see 230071).
    pub fn insert_foreign_message(&self, msg_type: &str, content: &str) -> String {
        let id = self.state.fresh_id("om_");
        let now = self.state.now();
        let state = MessageState::new(
            &id,
            self.chat_id(),
            msg_type,
            content,
            now,
            "cli_another_app",
        );
        lock(&self.state.messages).insert(
            id.clone(),
            Stored {
                state,
                shared: true,
                v2: true,
            },
        );
        id
    }

    /// Adds a chat; `bot_in_chat: false` gives 230002 on send and 230027 on chat_button.
    pub fn add_chat(&self, chat_id: &str, members: &[&str], bot_in_chat: bool) {
        lock(&self.state.chats).insert(
            chat_id.to_owned(),
            Chat {
                members: members.iter().map(|m| (*m).to_owned()).collect(),
                bot_in_chat,
                dissolved: false,
                buttons: None,
            },
        );
    }

    /// Simulates a user's interaction with the card entity shown in `message` for `how_long` (of
    /// the emulated clock): operations on it meanwhile get 200810. False if the message shows no
    /// entity.
    pub fn hold_interaction(&self, message: impl AsRef<str>, how_long: Duration) -> bool {
        let until = self.state.now() + how_long;
        let mut entities = lock(&self.state.entities);
        match entities
            .values_mut()
            .find(|e| e.message_id.as_deref() == Some(message.as_ref()))
        {
            Some(e) => {
                e.interacting_until = Some(until);
                true
            }
            None => false,
        }
    }

    /// The bytes of an image uploaded with this key, if any.
    pub fn image(&self, key: &str) -> Option<Vec<u8>> {
        lock(&self.state.images).get(key).cloned()
    }

    /// Adds a user of the tenant, reachable by its open_id, user_id, union_id or email.
    pub fn add_user(&self, user: EmulatedUser) {
        lock(&self.state.users).push(user);
    }

    /// The tenant's users (the members of [`Emulator::chat_id`] to start with).
    pub fn users(&self) -> Vec<EmulatedUser> {
        lock(&self.state.users).clone()
    }

    /// Dissolves a chat (232009 on send).
    pub fn dissolve_chat(&self, chat_id: &str) {
        if let Some(c) = lock(&self.state.chats).get_mut(chat_id) {
            c.dissolved = true;
        }
    }

    /// The chat's current feed-card buttons (the last chat_button `buttons`).
    pub fn chat_buttons(&self, chat_id: &str) -> Option<Value> {
        lock(&self.state.chats)
            .get(chat_id)
            .and_then(|c| c.buttons.clone())
    }

    /// Invalidates every token issued so far (the next request gets 99991663).
    pub fn expire_tokens(&self) {
        lock(&self.state.tokens).clear();
    }

    /// Applies `fault` to the next `times` API requests (after any queued before).
    pub fn inject(&self, fault: Fault, times: u32) {
        self.state.push_fault(fault, times);
    }

    fn with_message(&self, id: &str, f: impl FnOnce(&mut Stored)) -> bool {
        lock(&self.state.messages).get_mut(id).map(f).is_some()
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
