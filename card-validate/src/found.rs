//! What the validator and the `card!` macro can both find, as one type: each [`Found`] carries
//! its rule and has one `Display`, so the two never word a finding differently.

use std::fmt;

use crate::codes::{MAX_DEPTH, MAX_ELEMENTS, MAX_TABLES};
use crate::literal::Finding;
use crate::rules::{self, Rule};

/// What the validator and `card!` can both find: each carries its rule, and says itself one
/// way.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// A component where it may not sit.
    Placement {
        /// The component's tag.
        tag: &'t str,
        /// Where it is, and where it may sit.
        misplaced: Misplaced,
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
    /// A value that must be unique in the card, used again.
    Repeated {
        /// Which namespace.
        what: Unique,
        /// The value.
        value: &'t str,
        /// How many times it is used (so far, for `card!`).
        times: usize,
    },
    /// A key the 2.0 docs list as historical.
    Historical {
        /// The key.
        key: &'t str,
        /// Why it is historical, and what to use.
        why: &'t str,
    },
    /// A `form_action_type` button outside any form.
    FormActionOutsideForm {
        /// `submit` or `reset`.
        action: &'t str,
    },
    /// A table row key that is not a column name (200915).
    RowKey {
        /// The row.
        row: usize,
        /// The key.
        key: &'t str,
        /// The table's column names.
        columns: Vec<&'t str>,
    },
    /// A table cell that does not fit its column's `data_type` (200914).
    Cell {
        /// The row.
        row: usize,
        /// The column's index.
        col: usize,
        /// The column's name.
        name: &'t str,
        /// Its `data_type`.
        data_type: &'t str,
    },
}

/// How a component is misplaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misplaced {
    /// Not a column, in `column_set.columns`.
    InColumns,
    /// Not a button, in `button_area.buttons`.
    InButtons,
    /// A column outside `column_set.columns`.
    ColumnOutside,
    /// A body-only component inside another component.
    BodyOnly,
    /// A form-only component outside a form.
    FormOnly,
}

/// The namespaces whose values are unique in a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unique {
    /// `element_id`s.
    ElementId,
    /// Form and form-control names (one namespace).
    Name,
    /// `audio_id`s.
    AudioId,
}

impl Unique {
    fn words(self) -> &'static str {
        match self {
            Unique::ElementId => "element_id",
            Unique::Name => "form or field name",
            Unique::AudioId => "audio_id",
        }
    }
}

/// What a table cell of this `data_type` must be, in words.
pub fn cell_expectation(data_type: &str) -> &'static str {
    match data_type {
        "number" => "a JSON number",
        "date" => "a Unix timestamp in milliseconds (a JSON integer)",
        "options" => "a string or an array of {text, color?}",
        "persons" => "a user id or an array of user ids",
        _ => "a string",
    }
}

impl Found<'_> {
    /// The rule behind the finding.
    pub fn rule(&self) -> &'static Rule {
        match self {
            Found::V1Tag { .. } => &rules::UNSUPPORTED_V1_TAG,
            Found::UnknownTag { .. } => &rules::UNKNOWN_TAG,
            Found::Placement { .. } => &rules::PLACEMENT,
            Found::TooDeep { .. } => &rules::NESTING_DEPTH,
            Found::TooManyElements { .. } => &rules::ELEMENT_LIMIT,
            Found::TooManyTables { .. } => &rules::TABLE_LIMIT,
            Found::Repeated {
                what: Unique::ElementId,
                ..
            } => &rules::ELEMENT_ID_DUPLICATE,
            Found::Repeated {
                what: Unique::Name, ..
            } => &rules::NAME_DUPLICATE,
            Found::Repeated {
                what: Unique::AudioId,
                ..
            } => &rules::AUDIO_ID_DUPLICATE,
            Found::Historical { .. } => &rules::HISTORICAL_PROPERTY,
            Found::FormActionOutsideForm { .. } => &rules::FORM_ACTION_OUTSIDE_FORM,
            Found::RowKey { .. } => &rules::TABLE_ROW_KEY,
            Found::Cell { .. } => &rules::TABLE_CELL,
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
            Found::FormActionOutsideForm { .. } => Some(
                "put the button inside the `form` it belongs to, or use `behaviors` for a plain button"
                    .to_owned(),
            ),
            // A one- or two-letter key is "close" to any other: no guess for those.
            Found::RowKey { key, columns, .. } => Some(match crate::suggest(key, columns.iter().copied()).filter(|_| key.chars().count() > 2) {
                Some(s) => format!("did you mean `{s}`? columns: {}", columns.join(", ")),
                None => format!("columns: {}", columns.join(", ")),
            }),
            Found::TooDeep { .. }
            | Found::Placement { .. }
            | Found::TooManyTables { .. }
            | Found::Repeated { .. }
            | Found::Historical { .. }
            | Found::Cell { .. } => None,
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
            Found::Placement { tag, misplaced } => match misplaced {
                Misplaced::InColumns => write!(
                    f,
                    "`column_set.columns` may only hold `column`, found `{tag}`"
                ),
                Misplaced::InButtons => write!(
                    f,
                    "`button_area.buttons` may only hold `button`, found `{tag}`"
                ),
                Misplaced::ColumnOutside => {
                    write!(f, "`column` may only sit in `column_set.columns`")
                }
                Misplaced::BodyOnly => write!(
                    f,
                    "`{tag}` may only sit directly in `body.elements`, not inside another component"
                ),
                Misplaced::FormOnly => write!(f, "`{tag}` may only be used inside a `form`"),
            },
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
            Found::Repeated { what, value, times } => {
                let times = match times {
                    2 => "twice".to_owned(),
                    n => format!("{n} times"),
                };
                write!(
                    f,
                    "{} {value:?} is used {times}; it must be unique in the card",
                    what.words()
                )
            }
            Found::Historical { key, why } => write!(f, "historical key `{key}`: {why}"),
            Found::FormActionOutsideForm { action } => write!(
                f,
                "a `form_action_type: {action}` button outside a form submits or resets nothing"
            ),
            Found::RowKey { row, key, .. } => write!(
                f,
                "table rows name is invalid: row {row} has key {key:?}, which is not a column name"
            ),
            Found::Cell {
                row,
                col,
                name,
                data_type,
            } => write!(
                f,
                "table rows is invalid: row {row}, column {col} ({name:?}, data_type {data_type}) must be {}",
                cell_expectation(data_type)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_name_their_namespace_and_count() {
        let said = |what, times| {
            Found::Repeated {
                what,
                value: "a",
                times,
            }
            .to_string()
        };
        assert_eq!(
            said(Unique::ElementId, 2),
            "element_id \"a\" is used twice; it must be unique in the card"
        );
        assert_eq!(
            said(Unique::Name, 3),
            "form or field name \"a\" is used 3 times; it must be unique in the card"
        );
        assert!(said(Unique::AudioId, 2).starts_with("audio_id \"a\""));
    }

    #[test]
    fn a_row_key_suggests_a_column_only_when_long_enough_to_be_a_typo() {
        let help = |key| {
            Found::RowKey {
                row: 0,
                key,
                columns: vec!["abc", "revenue"],
            }
            .help()
            .unwrap_or_default()
        };
        assert_eq!(
            help("revenu"),
            "did you mean `revenue`? columns: abc, revenue"
        );
        assert_eq!(help("abd"), "did you mean `abc`? columns: abc, revenue");
        // Two letters are "close" to any other two: no guess.
        assert_eq!(help("ab"), "columns: abc, revenue");
    }
}
