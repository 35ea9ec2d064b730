//! Small helpers of the check: literal columns, user expressions, item tags, defaults, hints
//! and the model names the IR carries.

use card_validate::spec::abi;
use card_validate::spec::naming::field_name;
use card_validate::spec::{Attr, Slot, Ty};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Ident, Lit, LitStr};

use crate::ast::{Child, Element, Value};

/// The table's columns when every one is written as a literal `<column name="…">`: (name,
/// data_type: `text` by default, `None` when given as `{expr}`). `None` when the set of columns is
/// not known at compile time (`columns={…}`, a `{…}` child), so rows are not checked against it.
pub(super) fn literal_columns(table: &Element) -> Option<Vec<(String, Option<String>)>> {
    let lit_attr = |el: &Element, name: &str| {
        el.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| match &a.value {
                Value::Lit(Lit::Str(s)) => Some(s.value()),
                _ => None,
            })
    };
    let data_child = table.children.iter().any(|c| matches!(c, Child::Expr(_)));
    if data_child || table.attrs.iter().any(|a| a.name == "columns") {
        return None;
    }
    let mut lists = table.children.iter().filter_map(|c| match c {
        Child::Element(e) if e.name == "columns" => Some(e),
        _ => None,
    });
    let list = lists.next()?;
    let mut columns = Vec::new();
    for c in &list.children {
        let Child::Element(col) = c else {
            return None;
        };
        let name = lit_attr(col, "name").flatten()?;
        let data_type = match lit_attr(col, "data_type") {
            None => Some("text".to_owned()),
            Some(literal) => literal,
        };
        columns.push((name, data_type));
    }
    Some(columns)
}

/// A `{…}` as an expression: its contents when they are one expression (so no `unused_braces`
/// lint fires in the user's code), the block itself when it holds statements.
pub(super) fn expr(g: &proc_macro2::Group) -> TokenStream {
    let has_statements = g
        .stream()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';'));
    if has_statements || g.stream().is_empty() {
        quote!(#g)
    } else {
        g.stream()
    }
}

pub(super) use card_validate::spec::naming::item_tag;

pub(super) fn item_tag_ok(object: &str, tag: &str) -> bool {
    tag == object || tag == item_tag(object)
}

pub(super) fn default_for(a: &Attr) -> Option<Lit> {
    // A text object's tag defaults to plain_text.
    match a.ty {
        Ty::Enum(e) if a.name == "tag" && e.values.contains(&"plain_text") => {
            Some(Lit::Str(LitStr::new("plain_text", Span::call_site())))
        }
        _ => None,
    }
}

pub(super) fn how_to_set(a: &Attr) -> String {
    match a.ty {
        Ty::Obj(_) | Ty::Arr(..) | Ty::Elements(_) => {
            format!(": add a child `<{}>…</{}>`", a.name, a.name)
        }
        _ => format!(": add `{}=…`", a.name),
    }
}

pub(super) fn expected(t: &Ty) -> &'static str {
    match t {
        Ty::Bool => "`true` or `false`",
        Ty::Int(..) => "an integer",
        Ty::Num(..) => "a number",
        _ => "a string literal",
    }
}

pub(super) fn lit_span(l: &Lit) -> Span {
    l.span()
}

pub(super) fn setter_ident(name: &str, span: Span) -> Ident {
    let f = field_name(name);
    match f.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(&f, span),
    }
}

/// The closest name, if it is a likely typo (the validator's suggestion, so both agree).
pub(super) fn suggest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    card_validate::suggest(word, candidates)
}

/// The item type of an element list (the model ABI's).
pub(super) fn list_item_ty(slot: Slot) -> Ident {
    Ident::new(abi::list_item(slot), Span::call_site())
}
