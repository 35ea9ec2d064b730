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
//! # Policy: an error means "the server rejects this"
//!
//! Every finding comes from a [`Rule`] in [`rules`]: a stable id (`unsupported-v1-tag`,
//! `unknown-property`, `table-row-key` …), the server's code and sub-code, a severity, and the
//! [`Evidence`] behind it. A rule is an **error** only where the docs say the server rejects the
//! construct (a documented error code, "报错", a construct 2.0 removed) or where a server reply
//! was observed; everything else is a **warning**. The docs list less than the server accepts,
//! so a key our spec does not know is a warning inside components and objects
//! (`unknown-property`, with did-you-mean for likely typos), and an error only at the card's root
//! (`unknown-root-property`: the server was seen answering `unknown property: elements, path: []`).
//! [`Options::strict`] makes the warnings of rules marked `strict` (undocumented keys and values)
//! errors, for CI that wants nothing undocumented; the CLI has `--strict`, card-send's builder
//! `.strict(true)`.
//!
//! The error classes and their evidence (each is tested in `tests/evidence.rs`):
//!
//! | rule | code | evidence |
//! |---|---|---|
//! | `json-syntax`, `not-an-object`, `wrong-type`, `missing-tag`, `content-type`, `schema-value`, `invalid-enum` | 230099/200621 | send-message page, 200621 "parse card json err" |
//! | `not-a-card`, `unknown-root-property` | 230099/200621 | observed: `unknown property: elements, path: []` |
//! | `removed-property`, `removed-value` | 230099/200621 | 2.0 release notes and component pages: removed in 2.0, "传入不支持的属性将报错" |
//! | `missing-required` | 230099/200621 (img: 11310) | observed: `img element must contain img_key` |
//! | `unsupported-v1-tag` | 230099/200861 | release notes: note and action are no longer supported |
//! | `unknown-tag` | 230099/11310 | observed: `unsupported type of block; ErrorValue: divider` |
//! | `placement`, `form-only-property`, `nesting-depth` | 230099/11310 | release notes (containers hold all but form and table); select_img page ("否则卡片 JSON 报错"); container pages (five levels) |
//! | `element-limit`, `table-limit`, `form-name` | 230099/11310 | observed: `element exceeds the limit` (200 accepted, 201 rejected), `card table number over limit`, `form's name is required …` |
//! | `name-duplicate` | 230099/11310 | form page: names "需在卡片全局内唯一，否则数据会发送失败" |
//! | `image-key`, `file-key`, `user-id` | 230099/200570, 300240, 100290 | send page |
//! | `element-id-format`, `element-id-duplicate` | 230099/300301 | observed `elementID format error`; CardKit pages |
//! | `update-multi-false` | 230099/300302 | release notes: "暂时仅支持设为 true" |
//! | `audio-forward`, `audio-id-duplicate` | 230099/300220, 300230 | send page |
//! | `table-cell`, `table-row-key` | 230099/200914, 200915 | send page |
//! | `chart-spec` | 230099/200550 | send page (the documented reply) |
//! | `box-syntax` | 230099/10002 | observed: `invalid panel header padding` |
//! | `content-too-large`, `message-too-large` | 230025 | send page |
//! | `message-body`, `chat-button-body` | 230001 | seeds 001 and 002 |
//!
//! The same rule functions check `card!` literals ([`literal`], [`structure`]), so the macro and
//! the validator never disagree; [`render_human`] and `Display` write every finding in one voice.
//!
//! - [`spec`] is the declarative description every other crate reads.
//! - [`validate`] / [`validate_str`] check card `content` (2.0, 1.0, template and card-entity forms).
//! - [`validate_payload`] checks the other bodies we send: text and post edits, chat_button.
//! - [`schema::json_schema`] generates the JSON Schema committed at `schema/card-v2.schema.json`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod check;
pub mod codes;
pub mod fit;
pub mod found;
mod json;
pub mod literal;
mod locate;
pub mod markup;
pub mod path;
mod render;
mod report;
pub mod rules;
pub mod schema;
pub mod spec;
pub mod structure;
pub mod upgrade;

use serde_json::Value;

pub use check::markdown::{table_starts, tables_in_card};
pub use check::suggest::closest as suggest;
pub use render::render_human;
pub use report::{ContentKind, Diagnostic, Report, Severity};
pub use rules::{Evidence, Rule};

/// How strictly to validate.
///
/// The default predicts the server: errors only where the server is documented or observed to
/// reject. `strict` also makes the warnings of rules marked [`Rule::strict`] errors — a key or a
/// value the 2.0 docs do not list — for teams that want CI to refuse anything undocumented.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Undocumented keys and values are errors.
    pub strict: bool,
}

impl Options {
    /// Strict mode on or off.
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }
}

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

/// [`validate_str`] with options (strict mode).
pub fn validate_str_with(json: &str, options: Options) -> Report {
    validate_payload_str_with(PayloadKind::Card, json, options)
}

/// Validates a card value. Size is measured on its compact serialization.
pub fn validate(card: &Value) -> Report {
    validate_payload(PayloadKind::Card, card)
}

/// Validates any payload we send, given as a value.
pub fn validate_payload(kind: PayloadKind, value: &Value) -> Report {
    validate_payload_with(kind, value, Options::default())
}

/// [`validate_payload`] with options (strict mode).
pub fn validate_payload_with(kind: PayloadKind, value: &Value, options: Options) -> Report {
    let len = serialized_len(value);
    let (kind, diagnostics) = run(kind, &json::Node::from_value(value), len, options);
    Report { kind, diagnostics }
}

/// Validates any payload we send, given as JSON text.
pub fn validate_payload_str(kind: PayloadKind, json: &str) -> Report {
    validate_payload_str_with(kind, json, Options::default())
}

/// [`validate_payload_str`] with options (strict mode).
pub fn validate_payload_str_with(kind: PayloadKind, json: &str, options: Options) -> Report {
    match json::parse(json) {
        Ok(doc) => {
            let (kind, mut diagnostics) = run(kind, &doc.root, json.len(), options);
            diagnostics.extend(
                doc.duplicates
                    .iter()
                    .map(|(at, key)| duplicate_key(kind, *at, key)),
            );
            locate(json, &mut diagnostics);
            Report { kind, diagnostics }
        }
        Err(e) => {
            let (rule, code, sub_code) = match kind {
                PayloadKind::Card => (&rules::JSON_SYNTAX, codes::CARD_CONTENT, Some(codes::PARSE)),
                _ => (&rules::MESSAGE_BODY, codes::INVALID_PARAM, None),
            };
            let (line, column) = locate::line_cols(json, &[e.at])[0];
            Report {
                kind: ContentKind::Unknown,
                diagnostics: vec![Diagnostic {
                    rule,
                    severity: Severity::Error,
                    code,
                    sub_code,
                    path: "ROOT".to_owned(),
                    pointer: String::new(),
                    line: Some(line),
                    column: Some(column),
                    message: format!(
                        "parse card json err: {} at line {line} column {column}",
                        e.msg
                    ),
                    help: None,
                    at_key: false,
                    offset: None,
                }],
            }
        }
    }
}

/// A repeated key: the server (like serde_json) keeps the last one, which is rarely what was meant.
fn duplicate_key(kind: ContentKind, at: u32, key: &str) -> Diagnostic {
    let (code, sub_code) = match kind {
        ContentKind::Text | ContentKind::Post | ContentKind::ChatButton => {
            (codes::INVALID_PARAM, None)
        }
        _ => (codes::CARD_CONTENT, Some(codes::PARSE)),
    };
    Diagnostic {
        rule: &rules::DUPLICATE_KEY,
        severity: Severity::Warning,
        code,
        sub_code,
        path: "ROOT".to_owned(),
        pointer: String::new(),
        line: None,
        column: None,
        message: format!("key `{key}` is repeated in this object; only its last value counts"),
        help: Some("remove the earlier occurrence".to_owned()),
        at_key: false,
        offset: Some(at as usize),
    }
}

fn run(
    kind: PayloadKind,
    v: &json::Node<'_>,
    len: usize,
    options: Options,
) -> (ContentKind, Vec<Diagnostic>) {
    match kind {
        PayloadKind::Card => check::check_content(v, len, options),
        PayloadKind::Text => check::check_text(v, len),
        PayloadKind::Post => check::check_post(v, len),
        PayloadKind::ChatButton => check::check_chat_button(v, len),
    }
}

/// Fills line and column from the offsets the walk carried to each finding, and sorts findings
/// into document order (the 1.0 summary and card-wide findings, which have no position, stay
/// first).
fn locate(text: &str, diagnostics: &mut [Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let plain: Vec<usize> = diagnostics.iter().map(|d| d.offset.unwrap_or(0)).collect();
    for (d, (l, c)) in diagnostics.iter_mut().zip(locate::line_cols(text, &plain)) {
        if d.offset.is_some() {
            d.line = Some(l);
            d.column = Some(c);
        }
    }
    diagnostics.sort_by_key(|d| (d.line.is_some(), d.line, d.column));
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
