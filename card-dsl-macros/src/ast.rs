//! The markup as parsed: elements with attributes and children, every name keeping its span.

use proc_macro2::Group;
use syn::{Ident, Lit, LitStr};

/// `<tag attr=value …> children </tag>` or `<tag … />`.
pub(crate) struct Element {
    pub(crate) name: Ident,
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) children: Vec<Child>,
}

/// `name="literal"` or `name={expr}`; `raw:name=…` for a key the spec does not list.
pub(crate) struct Attribute {
    pub(crate) name: Ident,
    pub(crate) value: Value,
    /// The `raw` of `raw:name=…`: the escape hatch, written into the object's `extra`.
    pub(crate) raw: Option<Ident>,
}

/// An attribute value or a child expression.
pub(crate) enum Value {
    Lit(Lit),
    /// `{ … }`: a Rust expression, emitted as written.
    Expr(Group),
}

/// What may sit between an element's tags.
pub(crate) enum Child {
    Element(Element),
    Text(LitStr),
    Expr(Group),
}
