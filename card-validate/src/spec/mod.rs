//! The one description of Feishu/Lark card JSON 2.0.
//!
//! Every other part of the project reads its knowledge of card JSON from here: the validator
//! walks these tables, the JSON Schema is generated from them, the `card!` macro reads them at
//! compile time, and the typed model in `card-dsl` is tested against them.
//!
//! Sources: the Feishu docs (open.feishu.cn, "卡片 JSON 2.0" pages), digested in the project's
//! `card-v2-spec.md`; each [`Component`] links its page.

mod card;
mod components;
mod objects;
mod payloads;
mod types;
mod values;

pub use card::*;
pub use components::*;
pub use objects::*;
pub use payloads::*;
pub use types::*;
pub use values::*;

/// Looks up a 2.0 component by tag.
pub fn component(tag: &str) -> Option<&'static Component> {
    COMPONENTS.iter().copied().find(|c| c.tag == tag)
}

/// The 2.0 replacement for a 1.0-only tag (`note`, `action`), if `tag` is one.
pub fn v1_only_tag(tag: &str) -> Option<&'static str> {
    V1_ONLY_TAGS
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, help)| *help)
}

/// Names of every component tag, for "did you mean" suggestions.
pub fn component_tags() -> impl Iterator<Item = &'static str> {
    COMPONENTS.iter().map(|c| c.tag)
}
