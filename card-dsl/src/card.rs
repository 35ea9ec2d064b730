//! The card root: always `"schema": "2.0"` and `config.update_multi: true`.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use crate::{Body, CardLink, Config, Header, I18n};

/// A JSON 2.0 card (`"schema": "2.0"`). See the [root structure][doc].
///
/// | key | type | notes |
/// |---|---|---|
/// | `schema` | `"2.0"` | always written |
/// | `config` | [`Config`] | always written, with `update_multi: true` |
/// | `card_link` | [`CardLink`] | where a click on the card goes |
/// | `header` | [`Header`] | title, subtitle, tags, color theme |
/// | `body` | [`Body`] | the components |
/// | `i18n_header` | `{locale: Header}` | historical: a 1.0 key the 2.0 column_set example still uses |
///
/// [doc]: https://open.feishu.cn/document/feishu-cards/card-json-v2-structure
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Card {
    /// Card settings; `update_multi` is always `true`.
    pub config: Config,
    /// Where a click on the card goes.
    pub card_link: Option<CardLink>,
    /// The header.
    pub header: Option<Header>,
    /// The body.
    pub body: Option<Body>,
    /// Historical: root `i18n_header` (1.0 key; the 2.0 column_set example uses it).
    pub i18n_header: Option<I18n<Header>>,
}

impl Card {
    /// An empty 2.0 card.
    pub fn new() -> Self {
        Card::default()
    }
    /// Sets `config`.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }
    /// Sets `card_link`.
    pub fn card_link(mut self, link: CardLink) -> Self {
        self.card_link = Some(link);
        self
    }
    /// Sets `header`.
    pub fn header(mut self, header: Header) -> Self {
        self.header = Some(header);
        self
    }
    /// Sets `body`.
    pub fn body(mut self, body: Body) -> Self {
        self.body = Some(body);
        self
    }
    /// Sets the root `i18n_header` (historical: a 1.0 key the 2.0 column_set example still uses;
    /// prefer `i18n_content` in the header's texts).
    pub fn i18n_header(mut self, headers: impl Into<I18n<Header>>) -> Self {
        self.i18n_header = Some(headers.into());
        self
    }

    /// The string that goes in a send/PATCH `content`: compact and deterministic, byte for byte
    /// what `serde_json::to_string(&card)` gives, written directly (see `card_dsl::write`).
    pub fn to_content(&self) -> String {
        use crate::write::WriteJson;
        let mut out = String::with_capacity(512);
        out.push_str("{\"schema\":\"2.0\",\"config\":");
        self.config.write_json(&mut out);
        if let Some(x) = &self.card_link {
            out.push_str(",\"card_link\":");
            x.write_json(&mut out);
        }
        if let Some(x) = &self.header {
            out.push_str(",\"header\":");
            x.write_json(&mut out);
        }
        if let Some(x) = &self.body {
            out.push_str(",\"body\":");
            x.write_json(&mut out);
        }
        if let Some(x) = &self.i18n_header {
            out.push_str(",\"i18n_header\":");
            x.write_json(&mut out);
        }
        out.push('}');
        out
    }

    /// The keys this card holds that no typed field does: those the 2.0 docs do not list, kept
    /// in the structs' `extra` maps (set with `.extra(…)`, `raw:key=` in `card!`, or read by
    /// [`Card::from_json`]), as JSON pointers into [`Card::to_value`], in key order. Empty
    /// for a card whose every key the model types; the validator warns about each of these.
    pub fn untyped_keys(&self) -> Vec<String> {
        let parse = |text: String| -> serde_json::Value {
            serde_json::from_str(&text).expect("the writer writes JSON")
        };
        let full = parse(self.to_content());
        let typed = parse(crate::write::typed_only(|| self.to_content()));
        let mut out = Vec::new();
        untyped(&full, &typed, &mut String::new(), &mut out);
        out
    }

    /// The card as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a card always serializes")
    }

    /// Checks the card as the server would (see [`card_validate`]).
    pub fn validate(&self) -> card_validate::Report {
        card_validate::validate_str(&self.to_content())
    }

    /// Reads a 2.0 card as the server would take it.
    ///
    /// A card whose findings are only warnings loads and writes back unchanged: keys the 2.0
    /// docs do not list are kept in each object's `extra` (with `update_multi: true` added, by
    /// design). Call [`validate`](Self::validate) for every finding.
    ///
    /// # Errors
    ///
    /// A [`FromJsonError`] naming the ErrPath, pointer and line:col when the text is not a 2.0
    /// card, or when a finding of a rule the typed model cannot hold is an error (see
    /// [`REFUSED`]): malformed JSON, not a card, an unknown root key, a removed key or value, a
    /// wrong type, a missing required key, a 1.0 or unknown tag, `update_multi: false`, a margin
    /// or padding that is no list of lengths.
    pub fn from_json(json: &str) -> Result<Card, FromJsonError> {
        let report = card_validate::validate_str(json);
        if report.kind() != card_validate::ContentKind::CardV2 {
            if let Some(d) = report.errors().next() {
                return Err(FromJsonError::from_diagnostic(d));
            }
            return Err(FromJsonError {
                message: "not a JSON 2.0 card: the root needs \"schema\": \"2.0\"".to_owned(),
                path: "ROOT".to_owned(),
                pointer: String::new(),
                line: Some(1),
                column: Some(1),
            });
        }
        if let Some(d) = report
            .errors()
            .find(|d| REFUSED.iter().any(|r| std::ptr::eq(*r, d.rule)))
        {
            return Err(FromJsonError::from_diagnostic(d));
        }
        serde_json::from_str(json).map_err(|e| FromJsonError {
            message: e.to_string(),
            path: "ROOT".to_owned(),
            pointer: String::new(),
            line: Some(e.line()),
            column: Some(e.column()),
        })
    }
}

/// The rules whose errors [`Card::from_json`] refuses: what the typed model cannot hold.
/// Other errors (an image key that is no upload, an element or table limit, duplicate ids …)
/// load, so a program can fix them; [`Card::validate`] reports them.
pub const REFUSED: &[&card_validate::Rule] = {
    use card_validate::rules::*;
    &[
        &JSON_SYNTAX,
        &NOT_AN_OBJECT,
        &NOT_A_CARD,
        &CONTENT_TYPE,
        &SCHEMA_VALUE,
        &UNKNOWN_ROOT_PROPERTY,
        &REMOVED_PROPERTY,
        &REMOVED_VALUE,
        &WRONG_TYPE,
        &MISSING_REQUIRED,
        &MISSING_TAG,
        &INVALID_ENUM,
        &UNSUPPORTED_V1_TAG,
        &UNKNOWN_TAG,
        &UPDATE_MULTI_FALSE,
        &BOX_SYNTAX,
    ]
};

impl Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("schema", "2.0")?;
        m.serialize_entry("config", &self.config)?;
        if let Some(x) = &self.card_link {
            m.serialize_entry("card_link", x)?;
        }
        if let Some(x) = &self.header {
            m.serialize_entry("header", x)?;
        }
        if let Some(x) = &self.body {
            m.serialize_entry("body", x)?;
        }
        if let Some(x) = &self.i18n_header {
            m.serialize_entry("i18n_header", x)?;
        }
        m.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardRepr {
    schema: String,
    #[serde(rename = "$schema", default)]
    _editor_schema: Option<String>,
    #[serde(default)]
    config: Option<Config>,
    #[serde(default)]
    card_link: Option<CardLink>,
    #[serde(default)]
    header: Option<Header>,
    #[serde(default)]
    body: Option<Body>,
    #[serde(default)]
    i18n_header: Option<I18n<Header>>,
}

impl<'de> Deserialize<'de> for Card {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = CardRepr::deserialize(d)?;
        if r.schema != "2.0" {
            return Err(serde::de::Error::custom(format!(
                "schema must be \"2.0\", found {:?}",
                r.schema
            )));
        }
        Ok(Card {
            config: r.config.unwrap_or_else(Config::new),
            card_link: r.card_link,
            header: r.header,
            body: r.body,
            i18n_header: r.i18n_header,
        })
    }
}

/// Why [`Card::from_json`] refused a card, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromJsonError {
    /// What is wrong.
    pub message: String,
    /// The server's ErrPath.
    pub path: String,
    /// JSON pointer to the offending key or value.
    pub pointer: String,
    /// 1-based line in the input.
    pub line: Option<usize>,
    /// 1-based column in the input.
    pub column: Option<usize>,
}

impl FromJsonError {
    fn from_diagnostic(d: &card_validate::Diagnostic) -> Self {
        let help = d
            .help
            .as_deref()
            .map(|h| format!(" (help: {h})"))
            .unwrap_or_default();
        FromJsonError {
            message: format!("{}{help}", d.message),
            path: d.path.clone(),
            pointer: d.pointer.clone(),
            line: d.line,
            column: d.column,
        }
    }
}

impl fmt::Display for FromJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.path)?;
        if !self.pointer.is_empty() {
            write!(f, " ({})", self.pointer)?;
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ", line {l} column {c}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FromJsonError {}

/// Pointers (from `at`) of the object keys in `full` that `typed` lacks.
fn untyped(
    full: &serde_json::Value,
    typed: &serde_json::Value,
    at: &mut String,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    let len = at.len();
    match (full, typed) {
        (Value::Object(f), Value::Object(t)) => {
            for (k, v) in f {
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                match t.get(k) {
                    Some(tv) => untyped(v, tv, at, out),
                    None => out.push(at.clone()),
                }
                at.truncate(len);
            }
        }
        (Value::Array(f), Value::Array(t)) => {
            for (i, (v, tv)) in f.iter().zip(t).enumerate() {
                at.push_str(&format!("/{i}"));
                untyped(v, tv, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}
