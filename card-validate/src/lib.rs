//! The one spec of Feishu/Lark card JSON 2.0, and an offline validator that predicts the
//! server's verdict: its code, sub-code and ErrPath.
//!
//! ```
//! let report = card_validate::validate_str(r#"{
//!     "schema": "2.0",
//!     "body": {"elements": [{"tag": "note", "elements": []}]}
//! }"#);
//! assert!(!report.is_ok());
//! let d = &report.diagnostics()[0];
//! assert_eq!((d.code, d.sub_code), (230099, Some(200861)));
//! assert_eq!(d.path, "ROOT -> body -> elements -> [0](tag: note)");
//! assert_eq!((d.line, d.column), (Some(3), Some(27)));
//! ```
//!
//! - [`spec`] is the declarative description every other crate reads.
//! - [`validate`] / [`validate_str`] check card `content` (2.0, 1.0, template and card-entity forms).
//! - [`validate_payload`] checks the other bodies we send: text and post edits, chat_button.
//! - [`schema::json_schema`] generates the JSON Schema committed at `schema/card-v2.schema.json`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod check;
pub mod codes;
mod locate;
mod path;
mod render;
mod report;
pub mod schema;
pub mod spec;

use serde_json::Value;

pub use render::render_human;
pub use report::{ContentKind, Diagnostic, Report, Severity};

/// What a payload is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// Card `content` (send / PATCH): 2.0, 1.0, template or card entity.
    Card,
    /// Text message `content` for the edit API.
    Text,
    /// Post (rich text) `content` for the edit API.
    Post,
    /// The chat_button request body.
    ChatButton,
}

/// Validates a card given as the JSON text that goes in a send/PATCH `content`.
///
/// Diagnostics carry line and column in `json`. Size is measured on `json` as given.
pub fn validate_str(json: &str) -> Report {
    validate_payload_str(PayloadKind::Card, json)
}

/// Validates a card value. Size is measured on its compact serialization.
pub fn validate(card: &Value) -> Report {
    validate_payload(PayloadKind::Card, card)
}

/// Validates any payload we send, given as a value.
pub fn validate_payload(kind: PayloadKind, value: &Value) -> Report {
    let len = serialized_len(value);
    finish(run(kind, value, len), None)
}

/// Validates any payload we send, given as JSON text.
pub fn validate_payload_str(kind: PayloadKind, json: &str) -> Report {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => finish(run(kind, &v, json.len()), Some(json)),
        Err(e) => {
            let (code, sub_code) = match kind {
                PayloadKind::Card => (codes::CARD_CONTENT, Some(codes::PARSE)),
                _ => (codes::INVALID_PARAM, None),
            };
            Report {
                kind: ContentKind::Unknown,
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    code,
                    sub_code,
                    path: "ROOT".to_owned(),
                    pointer: String::new(),
                    line: Some(e.line()),
                    // serde_json says column 0 at the very start (empty input); ours are 1-based.
                    column: Some(e.column().max(1)),
                    message: format!("parse card json err: {e}"),
                    help: None,
                    at_key: false,
                }],
            }
        }
    }
}

fn run(kind: PayloadKind, v: &Value, len: usize) -> (ContentKind, Vec<Diagnostic>) {
    match kind {
        PayloadKind::Card => check::check_content(v, len),
        PayloadKind::Text => check::check_text(v, len),
        PayloadKind::Post => check::check_post(v, len),
        PayloadKind::ChatButton => check::check_chat_button(v, len),
    }
}

fn finish((kind, mut diagnostics): (ContentKind, Vec<Diagnostic>), text: Option<&str>) -> Report {
    if let Some(text) = text
        && !diagnostics.is_empty()
    {
        let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
        let found = locate::locate_all(text, &pointers);
        let positions: Vec<Option<usize>> = diagnostics
            .iter()
            .zip(found)
            .map(|(d, f)| {
                f.map(|(key, value)| {
                    if d.at_key {
                        key.unwrap_or(value)
                    } else {
                        value
                    }
                })
            })
            .collect();
        let offsets: Vec<usize> = positions.iter().map(|p| p.unwrap_or(0)).collect();
        let line_cols = locate::line_cols(text, &offsets);
        for ((d, at), (l, c)) in diagnostics.iter_mut().zip(positions).zip(line_cols) {
            if at.is_some() {
                d.line = Some(l);
                d.column = Some(c);
            }
        }
        // Document order; the 1.0 summary and card-wide findings (no position) stay first.
        diagnostics.sort_by_key(|d| (d.line.is_some(), d.line, d.column));
    }
    Report { kind, diagnostics }
}

/// Bytes of the compact serialization, without building the string.
fn serialized_len(v: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    // Writing a Value to an in-memory counter cannot fail.
    let _ = serde_json::to_writer(&mut c, v);
    c.0
}
