//! The one description of Feishu/Lark card JSON 2.0.
//!
//! Every other part of the project reads its knowledge of card JSON from here: the validator
//! walks these tables, the JSON Schema is generated from them, the `card!` macro reads them at
//! compile time, and the typed model in `card-dsl` is tested against them.
//!
//! Sources: the Feishu docs (open.feishu.cn, "卡片 JSON 2.0" pages), digested in the project's
//! `card-v2-spec.md`; each [`Component`] links its page.

pub mod abi;
mod card;
mod components;
mod emoji;
mod markdown;
pub mod naming;
mod objects;
mod payloads;
pub mod shape;
mod types;
mod values;

pub use card::*;
pub use components::*;
pub use emoji::*;
pub use markdown::*;
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

/// Every enum the card spec uses (for generators and tests).
pub fn all_enums() -> Vec<&'static Enum> {
    let mut out: Vec<&'static Enum> = Vec::new();
    let mut seen_objects: Vec<&'static Object> = Vec::new();
    let mut stack: Vec<&'static Ty> = CARD.attrs.iter().map(|a| &a.ty).collect();
    for c in COMPONENTS.iter() {
        stack.extend(c.all_attrs().map(|a| &a.ty));
    }
    stack.push(&TEXT_SIZE_TY);
    while let Some(t) = stack.pop() {
        match t {
            Ty::Enum(e) if !out.iter().any(|x| std::ptr::eq(*x, *e)) => {
                out.push(e);
            }
            Ty::Obj(o) if !seen_objects.iter().any(|x| std::ptr::eq(*x, *o)) => {
                seen_objects.push(o);
                stack.extend(o.attrs.iter().map(|a| &a.ty));
            }
            Ty::Arr(i, _) | Ty::Locales(i) | Ty::Named(i) => stack.push(i),
            Ty::OneOf(ts) => stack.extend(ts.iter()),
            _ => {}
        }
    }
    out.sort_by_key(|e| e.name);
    out
}

static TEXT_SIZE_TY: Ty = Ty::Enum(&TEXT_SIZE);

/// Every object reachable from the card root, the content envelopes and the components, by name.
pub fn all_objects() -> Vec<&'static Object> {
    let mut out: Vec<&'static Object> = Vec::new();
    let mut stack: Vec<&'static Ty> = Vec::new();
    for r in [&CARD, &TEMPLATE, &CARD_ENTITY] {
        push_object(r, &mut out, &mut stack);
    }
    for c in COMPONENTS.iter() {
        stack.extend(c.all_attrs().map(|a| &a.ty));
    }
    while let Some(t) = stack.pop() {
        match t {
            Ty::Obj(o) => push_object(o, &mut out, &mut stack),
            Ty::Arr(i, _) | Ty::Locales(i) | Ty::Named(i) => stack.push(i),
            Ty::OneOf(ts) => stack.extend(ts.iter()),
            _ => {}
        }
    }
    out.sort_by_key(|o| o.name);
    out
}

fn push_object(o: &'static Object, out: &mut Vec<&'static Object>, stack: &mut Vec<&'static Ty>) {
    if out.iter().any(|x| std::ptr::eq(*x, o)) {
        return;
    }
    out.push(o);
    stack.extend(o.attrs.iter().map(|a| &a.ty));
}
