//! Typed Feishu/Lark card JSON 2.0.
//!
//! Every component and shared object of card JSON 2.0 is a struct here, generated from
//! [`card_validate::spec`] (the one description of the format), so the model and the validator
//! cannot disagree. Required attributes are constructor arguments, the others builder methods:
//!
//! ```
//! use card_dsl::{Body, Button, ButtonType, Card, Markdown, PlainText100};
//!
//! let card = Card::new().body(
//!     Body::new().elements([
//!         Markdown::new("**Hello** from card-dsl").into(),
//!         Button::new().r#type(ButtonType::Primary).text(PlainText100::new().content("OK")).into(),
//!     ]),
//! );
//! assert_eq!(
//!     card.to_content(),
//!     r#"{"schema":"2.0","config":{"update_multi":true},"body":{"elements":[{"tag":"markdown","content":"**Hello** from card-dsl"},{"tag":"button","type":"primary","text":{"tag":"plain_text","content":"OK"}}]}}"#
//! );
//! assert!(card.validate().is_ok());
//! ```
//!
//! A card always serializes `"schema": "2.0"` and `config.update_multi: true` (PATCH needs it
//! before and after an update); there is no way to write `false`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod card;
#[doc(hidden)]
pub mod dims;
mod macros;
mod payloads;
pub mod table;
mod values;

pub use card::{Card, FromJsonError};
pub use payloads::{ChatButtonUpdate, MessageContent, Post, PostBody, PostNode, TemplateCard};
pub use values::*;

/// The generated model: one struct per component and object, one enum per enumerated attribute.
#[allow(missing_docs, deprecated, clippy::all)]
mod model {
    include!(concat!(env!("OUT_DIR"), "/model.rs"));
}
pub use model::*;

pub use card_validate::{Diagnostic, Report, Severity};
