//! The typed IR between `check` and `codegen`: every name already resolved to the model's Rust
//! name and every literal already checked, so code generation looks nothing up and cannot fail.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, Lit, LitStr};

/// A whole `<card>`: its parts in source order, then its body.
pub(crate) struct Card {
    /// `config`, `header`, `card_link`: the card's setter and the object it receives.
    pub(crate) parts: Vec<(Ident, Value)>,
    pub(crate) body: Body,
}

/// Where the card's components come from.
pub(crate) enum Body {
    /// No components at all.
    Absent,
    /// An explicit `<body>`.
    Object(Value),
    /// Components written directly in `<card>`.
    Elements(Vec<Item>),
}

/// `Type::new(args…).setter(value)….extra(key, value)…`.
pub(crate) struct Object {
    /// The model type, e.g. `Markdown` (spanned at the tag).
    pub(crate) ty: Ident,
    /// Constructor arguments: the required attributes in spec order.
    pub(crate) args: Vec<Value>,
    pub(crate) setters: Vec<Setter>,
    /// `raw:key=value`: keys the spec does not list.
    pub(crate) extra: Vec<(String, Value)>,
}

/// `.name(value)`, spanned at the attribute that set it.
pub(crate) struct Setter {
    pub(crate) name: Ident,
    pub(crate) value: Value,
    pub(crate) span: Span,
}

/// A value of the model.
pub(crate) enum Value {
    /// The user's `{expr}`, as written.
    Expr(TokenStream),
    /// The user's `{expr}` of any `Serialize` type, as JSON (free-JSON attributes).
    Serialized(TokenStream),
    /// `<callback action={expr}/>`: a typed card action, as its callback value.
    Action(TokenStream),
    /// A literal of the attribute's own Rust type (bool, integer, string).
    Lit(Lit),
    /// A number the check computed (a dimension's pixels, a percentage).
    I64(i64),
    U8(u8),
    /// `Type::Variant`.
    Variant {
        ty: Ident,
        variant: Ident,
    },
    /// `Type::func(args…)`: a dimension's `Px(n)`, `Num::Int(3)`, `Color::new("…")`, a newtype.
    Call {
        ty: Ident,
        func: Ident,
        args: Vec<Value>,
    },
    /// `String::from("…")`.
    String(LitStr),
    /// `serde_json::Value::from(…)`.
    Json(Box<Value>),
    Object(Box<Object>),
    /// A list of components (`Element`, `Column` or `Button` items).
    Elements {
        item: Ident,
        items: Vec<Item>,
    },
    /// A list of objects (options, behaviors, columns …).
    Objects {
        item: Ident,
        items: Vec<Objects>,
    },
    /// A table's rows as JSON objects.
    Rows(Vec<Row>),
    /// An empty `Vec`: a required list that a later setter fills (`<table>{data}</table>`).
    EmptyList,
    /// The placeholder after an error: any type, never run (the build stops at the error).
    Missing,
}

/// An entry of a component list.
pub(crate) enum Item {
    /// One component; `element` wraps it in `Element::from` (body and container lists).
    Push { value: Value, element: bool },
    /// `{expr}`: one item, or an `Option`/`Vec`/iterator of them (`IntoItems`).
    Splice(TokenStream),
}

/// An entry of a list of objects.
pub(crate) enum Objects {
    Push(Value),
    /// `{expr}`: one item, or an `Option`/`Vec`/iterator of them (`IntoItems`).
    Extend(TokenStream),
}

/// A table row.
pub(crate) enum Row {
    /// `{expr}`: a row, or an `Option`/`Vec` of rows (anything `Serialize`).
    Expr(TokenStream),
    /// `<row col=value …/>`: cells keyed by column name.
    Cells(Vec<(LitStr, Value)>),
}
