//! Rule functions about the tree of components — which tag names what, where a component may
//! sit, how deep containers nest, how many components and tables a card holds — shared by the
//! validator's walk and the `card!` macro, so both find the same things in the same words
//! ([`Found`](crate::found::Found), one `Display`); placements are described by [`placement_doc`] for the model's
//! rustdoc and the JSON Schema.

use crate::codes::{MAX_DEPTH, MAX_ELEMENTS, MAX_TABLES};
pub use crate::found::{Found, Misplaced};
use crate::literal::Finding;
use crate::spec::{self, Component, Placement, Slot};

/// The 2.0 component `tag` names; a 1.0 tag or an unknown one is a [`Found`].
///
/// # Errors
///
/// [`Found::V1Tag`] or [`Found::UnknownTag`].
pub fn component(tag: &str) -> Result<&'static Component, Found<'_>> {
    if let Some(help) = spec::v1_only_tag(tag) {
        return Err(Found::V1Tag { tag, help });
    }
    spec::component(tag).ok_or_else(|| Found::UnknownTag {
        tag,
        suggestion: crate::suggest(tag, spec::component_tags()),
    })
}

/// The depth inside one more container at `depth`, and [`Found::TooDeep`] at the first level
/// past the limit (reported once, where the nesting crosses it).
pub fn nest(depth: usize) -> (usize, Option<Found<'static>>) {
    let inner = depth + 1;
    (
        inner,
        (inner == MAX_DEPTH + 1).then_some(Found::TooDeep { depth: inner }),
    )
}

/// The card's components against [`MAX_ELEMENTS`].
pub fn count_elements(count: usize) -> Option<Found<'static>> {
    (count > MAX_ELEMENTS).then_some(Found::TooManyElements { count })
}

/// The card's tables against [`MAX_TABLES`].
pub fn count_tables(count: usize, in_markdown: usize) -> Option<Found<'static>> {
    (count > MAX_TABLES).then_some(Found::TooManyTables { count, in_markdown })
}

/// Whether `comp` may sit in `slot`; `in_form` tells whether the slot is inside a form.
pub fn placement(comp: &Component, slot: Slot, in_form: bool) -> Option<Finding> {
    let misplaced = match (slot, comp.placement) {
        (Slot::Columns, Placement::Columns) => return None,
        (Slot::Columns, _) => Misplaced::InColumns,
        (Slot::Buttons, _) if comp.tag != "button" => Misplaced::InButtons,
        (_, Placement::Columns) => Misplaced::ColumnOutside,
        (Slot::Container | Slot::Buttons, Placement::BodyOnly) => Misplaced::BodyOnly,
        (_, Placement::FormOnly) if !in_form => Misplaced::FormOnly,
        _ => return None,
    };
    Some(
        Found::Placement {
            tag: comp.tag,
            misplaced,
        }
        .finding(),
    )
}

/// Where a component may appear, in words (for rustdoc and schema descriptions).
pub fn placement_doc(p: Placement) -> &'static str {
    match p {
        Placement::Anywhere => "in `body.elements` and in containers",
        Placement::BodyOnly => "only directly in `body.elements`",
        Placement::FormOnly => "only inside a `form`",
        Placement::Columns => "only in `column_set.columns`",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placement_is_described_in_its_own_words() {
        assert_eq!(
            placement_doc(Placement::Anywhere),
            "in `body.elements` and in containers"
        );
        assert_eq!(
            placement_doc(Placement::BodyOnly),
            "only directly in `body.elements`"
        );
        assert_eq!(placement_doc(Placement::FormOnly), "only inside a `form`");
        assert_eq!(
            placement_doc(Placement::Columns),
            "only in `column_set.columns`"
        );
    }
}
