//! Findings and the report that holds them.

use std::fmt;

pub use crate::spec::Severity;

use crate::rules::Rule;

/// One finding: what the server would say, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule behind the finding: its stable id, severity policy and evidence. Decide by rule
    /// (`d.rule == &rules::UNKNOWN_PROPERTY`, `d.rule.id`), never by code or message text.
    pub rule: &'static Rule,
    /// Error (the server rejects) or warning (accepted, but off).
    pub severity: Severity,
    /// The server's outer code: 230099, 230025, 230001 …
    pub code: u32,
    /// The sub-code inside `ext=ErrCode: …` (200621, 200861, 11310 …), where there is one.
    pub sub_code: Option<u32>,
    /// The server's ErrPath, e.g. `ROOT -> body -> elements -> [1](tag: action)`.
    pub path: String,
    /// RFC 6901 pointer to the offending value (or key).
    pub pointer: String,
    /// 1-based line in the source text (only from [`crate::validate_str`]).
    pub line: Option<usize>,
    /// 1-based column (in characters) in the source text.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is something useful to say.
    pub help: Option<String>,
    /// Whether the pointer names a key (unknown/removed property) rather than a value.
    pub(crate) at_key: bool,
    /// Where the finding is in the source text (a byte offset), carried from the walk; none for
    /// card-wide findings and values with no text.
    pub(crate) offset: Option<usize>,
}

impl Diagnostic {
    /// The rule behind the finding.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// The outer code.
    pub fn code(&self) -> u32 {
        self.code
    }
    /// The sub-code, if any.
    pub fn sub_code(&self) -> Option<u32> {
        self.sub_code
    }
    /// The ErrPath.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The JSON pointer.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }
    /// 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
    /// 1-based column, when known.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The help line.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// The whole `msg` the server answers for this finding: `Failed to create card content,
    /// ext=…` for a 230099 sub-error, else the message itself.
    pub fn server_message(&self) -> String {
        match self.sub_code {
            Some(sub) => {
                let msg = crate::codes::err_msg(sub).unwrap_or(&self.message);
                crate::codes::card_content_message(sub, Some(&self.path.to_string()), msg, None)
            }
            None => self.message.clone(),
        }
    }

    /// The server's `ext=` text for this finding (without ErrorValue), as a 230099 reply carries it.
    pub fn server_text(&self) -> String {
        match self.sub_code {
            Some(_) => {
                let whole = self.server_message();
                whole
                    .strip_prefix(crate::codes::CARD_CONTENT_EXT)
                    .unwrap_or(&whole)
                    .to_owned()
            }
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let code = crate::render::code_tag(self.code, self.sub_code, self.rule);
        write!(f, "{sev}[{code}]: {} (at {}", self.message, self.path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ", line {l}, column {c}")?;
        }
        write!(f, ")")?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// What the payload is, as recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// A JSON 2.0 card (`"schema": "2.0"`).
    CardV2,
    /// A JSON 1.0 card (no schema, or `"1.0"`).
    CardV1,
    /// `{"type":"template","data":{…}}`.
    Template,
    /// `{"type":"card","data":{"card_id"}}` (a CardKit entity).
    CardEntity,
    /// Text message content (`{"text": …}`).
    Text,
    /// Post (rich text) content.
    Post,
    /// A chat_button request body.
    ChatButton,
    /// Not recognised (malformed JSON, not an object …).
    Unknown,
}

/// The result of a validation: every finding, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub(crate) kind: ContentKind,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// True when there is no error (warnings are allowed).
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// Every finding.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
    /// What the payload was recognised as.
    pub fn kind(&self) -> ContentKind {
        self.kind
    }
    /// The first error, as the server reports only one.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.errors().next()
    }
    /// Takes the findings.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}
