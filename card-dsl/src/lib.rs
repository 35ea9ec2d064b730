//! Typed Feishu/Lark card JSON 2.0 (work in progress: the model lands with its own issue).
//!
//! Until then this crate re-exports the offline validator, so `card_dsl::validate` works today.
#![forbid(unsafe_code)]

pub use card_validate::{Diagnostic, Report, Severity, validate, validate_str};
