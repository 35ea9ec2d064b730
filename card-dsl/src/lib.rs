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

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod action;
mod card;
mod edit;
#[doc(hidden)]
mod macros;
pub mod markup;
mod patch;
mod payloads;
pub mod table;
mod values;
#[doc(hidden)]
pub mod write;

pub use action::{ACTION_KEY, CardAction, DATA_KEY, action_name};
pub use card::{Card, FromJsonError, REFUSED};
pub use card_dsl_macros::CardAction;
pub use edit::{EditError, FromElement};
pub use patch::ElementPatch;
pub use payloads::{ChatButtonUpdate, MessageContent, Post, PostBody, PostNode, TemplateCard};
pub use values::*;

/// The generated model: one struct per component and object, one enum per enumerated attribute.
#[allow(missing_docs, deprecated, clippy::all)]
mod model {
    include!(concat!(env!("OUT_DIR"), "/model.rs"));
}
pub use model::*;

pub use card_validate::{Diagnostic, Report, Severity};

/// Builds a [`Card`] from markup whose tags and attributes are the Feishu JSON names, checked
/// against the spec at compile time.
///
/// ```
/// let service = "billing";
/// let card = card_dsl::card! {
///     <card>
///         <config width_mode="fill"/>
///         <header template="green">
///             <title>"Deploy finished"</title>
///             <subtitle>{format!("service {service}")}</subtitle>
///         </header>
///         <markdown>{format!("**{service}** is live")}</markdown>
///         <hr/>
///         <button type="primary">
///             <text>"Open dashboard"</text>
///             <behaviors><open_url default_url="https://example.com/d"/></behaviors>
///         </button>
///     </card>
/// };
/// assert!(card.validate().is_ok());
/// ```
#[macro_export]
macro_rules! card {
    ($($markup:tt)*) => {
        $crate::__private::card_impl!($crate; $($markup)*)
    };
}

/// Builds one component from markup, for loops and helpers: its value is the component's struct
/// (`element!{<markdown>"x"</markdown>}` is a [`Markdown`]), usable as a `{…}` child of `card!`.
///
/// ```
/// use card_dsl::{card, element};
/// let steps = ["build", "test"];
/// let card = card! {
///     <card>
///         {steps.iter().map(|s| element! { <markdown text_size="notation">{format!("✅ {s}")}</markdown> })}
///     </card>
/// };
/// assert_eq!(card.to_value()["body"]["elements"][1]["content"], "✅ test");
/// ```
#[macro_export]
macro_rules! element {
    ($($markup:tt)*) => {
        $crate::__private::element_impl!($crate; $($markup)*)
    };
}

// Lets this crate's own tests and doctests expand `card!`.
#[allow(unused_extern_crates)]
extern crate self as card_dsl;
