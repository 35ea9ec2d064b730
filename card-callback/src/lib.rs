//! Card callbacks (`card.action.trigger`, schema 2.0): verify a request (signature, encryption,
//! verification token, timestamp window, replays), parse it into typed events, decode the
//! action's value into your own type, and answer with a toast and/or a card.
//!
//! The event and the answer are the callback page's (`feishu/003-服务端API/飞书卡片/卡片回传交互回调.md`
//! in the docs mirror): answer within 3 seconds (else the user sees 200341), a 2.0 card is
//! answered with a 2.0 card (else 200830), the token updates the card for 30 minutes, twice.
//! The signature scheme is the one the Feishu docs give for callback subscriptions
//! (`open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/event-subscription-guide/event-subscription-configure-/request-url-configuration-case`):
//! `X-Lark-Signature = hex(sha256(timestamp + nonce + encrypt_key + body))`; an encrypted body is
//! `{"encrypt": base64(iv ‖ AES-256-CBC(sha256(encrypt_key), iv, json))}`; the URL check is a
//! `url_verification` body answered with its `challenge`.
//!
//! Handlers are keyed by action type ([`Actions`]): the type a card's `<callback action={…}/>`
//! was given is the type its handler takes, so they cannot disagree; `router` (feature
//! `server`) and the long connection (`ws`, feature `ws`) serve them. Lower down,
//! [`Verifier::receive`] verifies one request and [`Action::value_as`] decodes a raw value:
//!
//! ```
//! use card_callback::{Answer, Callback, Verifier, Toast};
//! # fn demo(receiver: &Verifier, headers: &card_callback::Headers, body: &[u8]) -> Result<(), card_callback::CallbackError> {
//! #[derive(serde::Deserialize)]
//! #[serde(tag = "action")]
//! enum Action { Approve { id: u64 }, Reject { id: u64 } }
//!
//! match receiver.receive(headers, body)? {
//!     Callback::Challenge(reply) => { /* answer 200 with `reply` */ }
//!     Callback::CardAction(event) => {
//!         let answer = match event.action.value_as::<Action>()? {
//!             Action::Approve { id } => Answer::new().toast(Toast::success(format!("approved {id}"))),
//!             Action::Reject { id } => Answer::new().toast(Toast::info(format!("rejected {id}"))),
//!         };
//!         let _json = answer.to_json();
//!     }
//!     _ => {} // other verified events
//! }
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod actions;
mod answer;
pub mod claim;
mod crypto;
mod error;
mod event;
#[cfg(feature = "server")]
mod server;
#[cfg(feature = "ws")]
mod tls;
mod verifier;
#[cfg(feature = "ws")]
pub mod ws;

pub use actions::{Actions, Dispatched, Failure};
pub use answer::{Answer, AnswerCard, Toast, ToastKind};
pub use card_dsl::CardAction;
pub use card_store as store;
pub use claim::Outcome;
pub use crypto::{decrypt, encrypt, signature};
pub use error::CallbackError;
pub use event::{Action, CardActionEvent, Context, EventHeader, Operator};
#[cfg(feature = "server")]
pub use server::router;
pub use verifier::{Callback, Headers, Verifier};
