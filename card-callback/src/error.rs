//! What goes wrong with a callback request, each naming what it looked at.

use std::time::Duration;

/// A callback request that was refused or could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// A header the signature needs is missing.
    #[error("callback request: missing header {0}")]
    MissingHeader(&'static str),
    /// `X-Lark-Signature` does not match the body.
    #[error("callback request: the signature does not match the body (X-Lark-Signature)")]
    BadSignature,
    /// The timestamp is outside the accepted window.
    #[error(
        "callback request: timestamp {timestamp} is {age:?} away from now, outside the {window:?} window"
    )]
    StaleTimestamp {
        /// `X-Lark-Request-Timestamp`.
        timestamp: String,
        /// How far from now.
        age: Duration,
        /// The accepted window.
        window: Duration,
    },
    /// The same event was received before (a replay).
    #[error("callback request: event {0} was already received (replay)")]
    Replay(String),
    /// The shared store (event claims) could not be reached: the event is not handled, and a
    /// redelivery will come.
    #[error("callback: the shared store failed: {0}")]
    Store(String),
    /// The verification token in the body is not the app's.
    #[error("callback request: the verification token is not this app's")]
    BadToken,
    /// An encrypted body could not be decrypted.
    #[error("callback request: cannot decrypt the body: {0}")]
    Decrypt(String),
    /// The body is not JSON.
    #[error("callback request: body is not JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The event's JSON does not have the documented shape.
    #[error("callback event: {0}")]
    Shape(String),
    /// The action's value (or form) does not decode into the type asked for.
    #[error("callback action: {what} does not decode into {ty}: {message}")]
    Value {
        /// `value` or `form_value`.
        what: &'static str,
        /// The Rust type asked for.
        ty: &'static str,
        /// serde's message (it names the field).
        message: String,
    },
    /// A 1.0 card answering a 2.0 card (the user's client shows 200830).
    #[error(
        "callback answer: the card must be card JSON 2.0 (a 1.0 card answering a 2.0 card fails with 200830)"
    )]
    V1Answer,
    /// The encrypted body's configured key is missing.
    #[error("callback request: the body is encrypted but no encrypt key is configured")]
    NoEncryptKey,
}
