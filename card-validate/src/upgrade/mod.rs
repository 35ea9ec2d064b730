//! Upgrades a card JSON 1.0 to an equivalent 2.0 card, following the 2.0 release notes
//! (`卡片-JSON-2.0-版本更新说明.md`): root `elements` into `body.elements`, the `action` module
//! unwrapped, `note` into notation-size grey text, `wide_screen_mode` into `width_mode`,
//! `i18n_elements` into per-component `i18n_content`, header icons, 1.0 button keys into
//! `behaviors`, `img.mode`, markdown `href` links into `<link>`. Everything else is kept; what
//! cannot be converted is reported with its path ([`Note`]), never dropped silently.

mod elements;
mod i18n;
mod native;
mod root;

use serde_json::{Map, Value};

/// What happened to one part of the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where: in the 1.0 card (`ROOT -> elements -> [1](tag: action)`) for a conversion; in the
    /// 2.0 card for an error the validator still finds after the upgrade.
    pub path: String,
    /// Converted to its 2.0 form, or left as it was (and why).
    pub kind: NoteKind,
    /// What was done, or what could not be.
    pub message: String,
}

/// Whether a [`Note`] records a conversion or a part that could not be converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Rewritten into its 2.0 form.
    Converted,
    /// Kept as it was, or dropped with this note, because 2.0 has no equivalent.
    NotConverted,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            NoteKind::Converted => "converted",
            NoteKind::NotConverted => "NOT converted",
        };
        write!(f, "{kind}: {} (at {})", self.message, self.path)
    }
}

/// A 2.0 card and the notes of its upgrade.
#[derive(Debug, Clone)]
pub struct Upgraded {
    /// The 2.0 card.
    pub card: Value,
    /// Every change, and every part that could not be converted.
    pub notes: Vec<Note>,
}

impl Upgraded {
    /// The parts that could not be converted.
    pub fn not_converted(&self) -> impl Iterator<Item = &Note> {
        self.notes
            .iter()
            .filter(|n| n.kind == NoteKind::NotConverted)
    }
}

/// Why a card could not be upgraded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpgradeError {
    /// The text is not JSON.
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The JSON is not a card object.
    NotACard(String),
}

impl std::fmt::Display for UpgradeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpgradeError::Json {
                line,
                column,
                message,
            } => write!(f, "not JSON at line {line}, column {column}: {message}"),
            UpgradeError::NotACard(why) => write!(f, "not a card: {why}"),
        }
    }
}

impl std::error::Error for UpgradeError {}

/// Upgrades card JSON text (see [`upgrade`]).
///
/// # Errors
///
/// [`UpgradeError::Json`] with the line and column of malformed JSON; [`UpgradeError::NotACard`]
/// for JSON that is not a card object.
pub fn upgrade_str(text: &str) -> Result<Upgraded, UpgradeError> {
    let v: Value = serde_json::from_str(text).map_err(|e| UpgradeError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    upgrade(&v)
}

/// Upgrades a 1.0 card to 2.0. A card that is already 2.0 comes back unchanged, with one note.
///
/// # Errors
///
/// [`UpgradeError::NotACard`] for a value that is not a JSON object, or a template card
/// (`{"type": "template"}`), which the card builder owns.
pub fn upgrade(card: &Value) -> Result<Upgraded, UpgradeError> {
    let Some(m) = card.as_object() else {
        return Err(UpgradeError::NotACard("a card is a JSON object".into()));
    };
    if m.get("type").and_then(Value::as_str) == Some("template") {
        return Err(UpgradeError::NotACard(
            "a template card is upgraded in the card builder, not in its JSON".into(),
        ));
    }
    let mut u = Upgrader::default();
    if m.get("schema").and_then(Value::as_str) == Some("2.0") {
        u.note(
            "ROOT",
            NoteKind::Converted,
            "already card JSON 2.0; unchanged",
        );
        return Ok(Upgraded {
            card: card.clone(),
            notes: u.notes,
        });
    }
    let card = Value::Object(u.root(m));
    // What the validator still refuses is reported, at its place in the 2.0 card.
    let report = crate::validate(&card);
    for d in report.errors() {
        u.note(
            &d.path.to_string(),
            NoteKind::NotConverted,
            format!("still an error after the upgrade: {d}"),
        );
    }
    // And what `--strict` would refuse: the source card's own undocumented keys and values.
    for d in report.warnings() {
        u.note(
            &d.path.to_string(),
            NoteKind::NotConverted,
            format!("still a warning after the upgrade (an error under --strict): {d}"),
        );
    }
    Ok(Upgraded {
        card,
        notes: u.notes,
    })
}

/// The notes gathered while upgrading.
#[derive(Default)]
struct Upgrader {
    notes: Vec<Note>,
}

impl Upgrader {
    fn note(&mut self, path: &str, kind: NoteKind, message: impl Into<String>) {
        self.notes.push(Note {
            path: path.to_owned(),
            kind,
            message: message.into(),
        });
    }
}

/// `path -> key`.
fn key_path(path: &str, key: &str) -> String {
    format!("{path} -> {key}")
}

/// `path -> [i](tag: t)`, the server's ErrPath form.
fn item_path(path: &str, i: usize, item: &Value) -> String {
    match item.get("tag").and_then(Value::as_str) {
        Some(tag) => format!("{path} -> [{i}](tag: {tag})"),
        None => format!("{path} -> [{i}]"),
    }
}

/// An object from pairs.
fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<Map<String, Value>>(),
    )
}

#[cfg(test)]
mod tests;
