//! Rule functions about the tree of components — which tag names what, where a component may
//! sit, how deep containers nest, how many components and tables a card holds — shared by the
//! validator's walk and the `card!` macro, so both find the same things in the same words
//! ([`Found`], one `Display`); placements are described by [`placement_doc`] for the model's
//! rustdoc and the JSON Schema.

use std::fmt;

use crate::codes::{MAX_DEPTH, MAX_ELEMENTS, MAX_TABLES};
use crate::literal::Finding;
use crate::rules::{self, Rule};
use crate::spec::{self, Component, Placement, Slot};

/// What the walk over components can find: each carries its rule, and says itself one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found<'t> {
    /// A 1.0 component in a 2.0 card (200861), with how to write it in 2.0.
    V1Tag {
        /// The tag.
        tag: &'t str,
        /// The 2.0 way.
        help: &'static str,
    },
    /// A tag that names no component, with the closest one if it looks like a typo.
    UnknownTag {
        /// The tag.
        tag: &'t str,
        /// The component it is likely a typo of.
        suggestion: Option<&'static str>,
    },
    /// Containers nested past the limit, at this depth.
    TooDeep {
        /// How deep (the first level past [`MAX_DEPTH`]).
        depth: usize,
    },
    /// More components and text elements than a card may hold.
    TooManyElements {
        /// How many the card holds.
        count: usize,
    },
    /// More tables than a card may hold.
    TooManyTables {
        /// All tables: components and markdown tables.
        count: usize,
        /// Of them, in one markdown element.
        in_markdown: usize,
    },
}

impl Found<'_> {
    /// The rule behind the finding.
    pub fn rule(&self) -> &'static Rule {
        match self {
            Found::V1Tag { .. } => &rules::UNSUPPORTED_V1_TAG,
            Found::UnknownTag { .. } => &rules::UNKNOWN_TAG,
            Found::TooDeep { .. } => &rules::NESTING_DEPTH,
            Found::TooManyElements { .. } => &rules::ELEMENT_LIMIT,
            Found::TooManyTables { .. } => &rules::TABLE_LIMIT,
        }
    }

    /// How to fix it.
    pub fn help(&self) -> Option<String> {
        match self {
            Found::V1Tag { help, .. } => Some((*help).to_owned()),
            Found::UnknownTag {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean `{s}`?")),
            Found::UnknownTag { .. } => {
                Some("see the 2.0 component list in card_validate::spec::COMPONENTS".to_owned())
            }
            Found::TooManyElements { .. } => {
                Some("split the content over several cards".to_owned())
            }
            Found::TooDeep { .. } | Found::TooManyTables { .. } => None,
        }
    }

    /// As a [`Finding`]: rule, message, help.
    pub fn finding(&self) -> Finding {
        Finding {
            rule: self.rule(),
            message: self.to_string(),
            help: self.help(),
        }
    }
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::V1Tag { tag, .. } => write!(
                f,
                "unsupported tag {tag}: `{tag}` is a 1.0 component that JSON 2.0 no longer supports"
            ),
            // The server's words (observed), then ours.
            Found::UnknownTag { tag, .. } => write!(
                f,
                "unsupported type of block; ErrorValue: {tag} (`{tag}` is not a 2.0 component)"
            ),
            Found::TooDeep { depth } => write!(
                f,
                "containers nest {depth} levels deep here; at most {MAX_DEPTH} are allowed"
            ),
            Found::TooManyElements { count } => write!(
                f,
                "element exceeds the limit: the card has {count} components and text elements; at most {MAX_ELEMENTS} are allowed"
            ),
            Found::TooManyTables {
                count,
                in_markdown: 0,
            } => write!(
                f,
                "card table number over limit; ErrorValue: table ({count} tables; at most {MAX_TABLES})"
            ),
            Found::TooManyTables { count, in_markdown } => write!(
                f,
                "card table number over limit; ErrorValue: table ({count} tables, incl. {in_markdown} in markdown; at most {MAX_TABLES})"
            ),
        }
    }
}

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
    let message = match (slot, comp.placement) {
        (Slot::Columns, Placement::Columns) => return None,
        (Slot::Columns, _) => format!(
            "`column_set.columns` may only hold `column`, found `{}`",
            comp.tag
        ),
        (Slot::Buttons, _) if comp.tag != "button" => format!(
            "`button_area.buttons` may only hold `button`, found `{}`",
            comp.tag
        ),
        (_, Placement::Columns) => "`column` may only sit in `column_set.columns`".to_owned(),
        (Slot::Container | Slot::Buttons, Placement::BodyOnly) => format!(
            "`{}` may only sit directly in `body.elements`, not inside another component",
            comp.tag
        ),
        (_, Placement::FormOnly) if !in_form => {
            format!("`{}` may only be used inside a `form`", comp.tag)
        }
        _ => return None,
    };
    Some(Finding {
        rule: &rules::PLACEMENT,
        message,
        help: None,
    })
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
