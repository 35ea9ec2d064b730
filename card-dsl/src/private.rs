//! Not public API. Used from code that `card!` generates; may change in any release.

pub use card_dsl_macros::{card_impl, element_impl};
pub use serde_json;

use crate::Element;

/// What a `{expr}` child in an element list may be: a component, an `Element`, or anything
/// iterable over them (`Option`, `Vec`, arrays, iterators).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as card elements",
    label = "expected a component, an `Element`, or an `Option`/`Vec`/iterator of them",
    note = "a `{{…}}` child of `<card>` or a container must produce card elements"
)]
pub trait IntoElements {
    /// Appends to the list.
    fn push_into(self, out: &mut Vec<Element>);
}

impl<I> IntoElements for I
where
    I: IntoIterator,
    I::Item: Into<Element>,
{
    fn push_into(self, out: &mut Vec<Element>) {
        out.extend(self.into_iter().map(Into::into));
    }
}

impl IntoElements for Element {
    fn push_into(self, out: &mut Vec<Element>) {
        out.push(self);
    }
}

/// A value of any type, for expansions that already reported an error (never runs).
pub fn unreachable_value<T>() -> T {
    unreachable!("card! reported a compile error here")
}
