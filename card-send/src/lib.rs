//! Async client for Feishu/Lark card messages (in progress: typed errors first).
//!
//! - [`ApiError`]: every code the seeds document, with `msg` and `log_id`; 230099 parsed into its
//!   card-content sub-error; [`ApiError::retry`] says whether a retry can help (230020 and server
//!   faults: backoff; token codes: refresh once; 230031, 230011, 230110, 232009, 230072 …: never).
//! - [`preflight`]: a payload the server would reject fails locally with the same typed error.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
mod error;
pub mod preflight;

pub use codes::Retry;
pub use error::{ApiError, CardContentError};
