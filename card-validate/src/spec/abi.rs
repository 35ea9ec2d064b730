//! The model ABI: how the spec maps to the Rust of card-dsl's generated model. `card-dsl`'s
//! build.rs generates the model with these functions and the `card!` macro emits calls with
//! them, so the generated setters and the macro's calls cannot disagree: the Rust type of each
//! spec type, which attribute wins when a component repeats a common one, which attributes are
//! constructor parameters (in spec order), which are boxed, and the item type of each list slot.

use super::naming::type_name;
use super::types::{Attr, Component, Format, Req, Slot, Status, Ty};

/// A component's attributes as model fields: its own first, then the common ones it does not
/// repeat (a component's own attribute shadows a common one of the same name, e.g. audio's
/// `fallback`).
pub fn component_attrs(c: &Component) -> Vec<&'static Attr> {
    c.all_attrs()
        .enumerate()
        .filter(|(i, a)| !c.all_attrs().take(*i).any(|b| b.name == a.name))
        .map(|(_, a)| a)
        .collect()
}

/// Whether an attribute becomes a field (constant tags are serde tags; removed keys have none).
pub fn is_field(a: &Attr) -> bool {
    !matches!(a.ty, Ty::Const(_)) && !matches!(a.status, Status::Removed(_))
}

/// The constructor parameters, in spec order: the required fields.
pub fn ctor_params<'a>(attrs: impl IntoIterator<Item = &'a Attr>) -> Vec<&'a Attr> {
    attrs
        .into_iter()
        .filter(|a| is_field(a) && a.req == Req::Yes)
        .collect()
}

/// Whether the field is boxed (nested objects: a builder moves its struct at every setter).
pub fn is_boxed(t: &Ty) -> bool {
    matches!(t, Ty::Obj(_))
}

/// The newtype of a shaped string, if it has one (`ImgKey`, `ElementId` …).
pub fn newtype(f: Format) -> Option<&'static str> {
    Some(match f {
        Format::ImgKey => "ImgKey",
        Format::FileKey => "FileKey",
        Format::OpenId => "OpenId",
        Format::UserId => "UserId",
        Format::ElementId => "ElementId",
        _ => return None,
    })
}

/// The item type of an element list, as a path inside card-dsl (`Column`, `Button`, `Element`).
pub fn list_item(slot: Slot) -> &'static str {
    match slot {
        Slot::Columns => "Column",
        Slot::Buttons => "Button",
        Slot::Body | Slot::Container => "Element",
    }
}

/// The Rust type of a spec type, as a path inside card-dsl (`crate::…` for hand-written types).
pub fn rust_type(t: &Ty) -> String {
    match t {
        Ty::Bool => "bool".into(),
        Ty::Int(..) => "i64".into(),
        Ty::Num(..) => "crate::Num".into(),
        Ty::Str | Ty::StrMax(_) => "String".into(),
        Ty::Fmt(f) => newtype(*f).map_or_else(|| "String".into(), |n| format!("crate::{n}")),
        Ty::Enum(e) => type_name(e.name),
        Ty::Dim(d) => type_name(d.name),
        Ty::Box(..) => "crate::Lengths".into(),
        Ty::Spacing => "crate::Spacing".into(),
        Ty::Color(_) => "crate::Color".into(),
        Ty::TextSize => "TextSize".into(),
        Ty::Obj(o) => type_name(o.name),
        Ty::Arr(i, _) => format!("Vec<{}>", rust_type(i)),
        Ty::Locales(i) => format!("crate::I18n<{}>", rust_type(i)),
        Ty::Named(i) => format!("std::collections::BTreeMap<String, {}>", rust_type(i)),
        Ty::Elements(s @ (Slot::Columns | Slot::Buttons)) => format!("Vec<{}>", list_item(*s)),
        Ty::Elements(_) => "Vec<crate::Element>".into(),
        Ty::Any | Ty::OneOf(_) => "serde_json::Value".into(),
        Ty::Const(c) => format!("tags::{}", super::naming::variant_name(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    #[test]
    fn a_components_own_attribute_shadows_a_common_one() {
        let audio = spec::component("audio").unwrap();
        let attrs = component_attrs(audio);
        let fallbacks: Vec<_> = attrs.iter().filter(|a| a.name == "fallback").collect();
        assert_eq!(fallbacks.len(), 1);
        assert!(std::ptr::eq(*fallbacks[0], audio.attr("fallback").unwrap()));
    }

    #[test]
    fn types_and_constructors() {
        let img = spec::component("img").unwrap();
        let params: Vec<&str> = ctor_params(component_attrs(img))
            .iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(params, ["img_key"]);
        assert_eq!(rust_type(&img.attr("img_key").unwrap().ty), "crate::ImgKey");
        assert_eq!(list_item(Slot::Columns), "Column");
        assert_eq!(rust_type(&Ty::Elements(Slot::Buttons)), "Vec<Button>");
    }
}
