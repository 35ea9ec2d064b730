//! Not public API. Used from code that `card!` generates; may change in any release.

pub use card_dsl_macros::{card_impl, element_impl};
pub use serde_json;

/// What a `{expr}` child of a list slot may be: one item of the slot's type (a component in an
/// element list, a `Column` in a column set, a `SelectOption` in `<options>` …), or an `Option`,
/// `Vec`, array, slice iterator or any iterator of things that convert into it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a list of `{T}`",
    label = "this `{{…}}` must give a `{T}`, or an `Option`, `Vec`, array or iterator of them",
    note = "build a single item with `card_dsl::element!{{<tag …/>}}` or the type's `new`"
)]
pub trait IntoItems<T> {
    /// Appends to the list.
    fn push_into(self, out: &mut Vec<T>);
}

impl<T, I> IntoItems<T> for I
where
    I: IntoIterator,
    I::Item: ItemOf<T>,
{
    fn push_into(self, out: &mut Vec<T>) {
        out.extend(self.into_iter().map(ItemOf::into_item));
    }
}

/// What an `Option`, `Vec` or iterator in a list slot may hold: the slot's item type itself, or
/// (in an element list) any component.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot go in a list of `{T}`",
    label = "this `{{…}}` gives `{Self}` items; this list takes `{T}`",
    note = "build a single item with `card_dsl::element!{{<tag …/>}}` or the type's `new`"
)]
pub trait ItemOf<T> {
    /// The item as the list's type.
    fn into_item(self) -> T;
}

impl<T> ItemOf<T> for T {
    fn into_item(self) -> T {
        self
    }
}

impl IntoItems<crate::Element> for crate::Element {
    fn push_into(self, out: &mut Vec<crate::Element>) {
        out.push(self);
    }
}

/// A `{expr}` child of `<rows>`: a row (anything `Serialize` as a JSON object: a struct, a map,
/// `json!({…})`), or an `Option`, `Vec`, array or slice of rows. Rows are data, not model types,
/// so they are told apart by their JSON shape: an array is a list of rows, `null` is none.
pub fn push_rows<R: serde::Serialize>(rows: R, out: &mut Vec<serde_json::Value>) {
    match serde_json::to_value(rows) {
        Ok(serde_json::Value::Array(many)) => out.extend(many),
        Ok(serde_json::Value::Null) => {}
        Ok(row) => out.push(row),
        // A row that cannot be JSON (a map with non-string keys): kept visible to the validator
        // as a string rather than dropped.
        Err(e) => out.push(serde_json::Value::String(format!(
            "unserializable row: {e}"
        ))),
    }
}

/// A free-JSON attribute's `{expr}` (a callback `value`, a chart spec) of any `Serialize` type.
/// A value serde cannot write as JSON (a map with non-string keys) becomes `null`, which the
/// validator reports (`null-value`), rather than a panic.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// `<callback action={…}/>`: the callback value of a typed card action (the expression is
/// borrowed, so a variable stays usable).
pub fn action_value<A: crate::CardAction>(action: &A) -> serde_json::Value {
    action.to_callback_value()
}

/// A value of any type, for expansions that already reported an error (never runs).
pub fn unreachable_value<T>() -> T {
    unreachable!("card! reported a compile error here")
}
