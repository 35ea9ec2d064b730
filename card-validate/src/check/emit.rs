//! Emission: a rule's finding at a position becomes a [`Diagnostic`] with the server's code,
//! sub-code, ErrPath and pointer, adjusted by mode (1.0 findings warn, message bodies answer 230001).

use super::{Checker, Mode};
use crate::codes;
use crate::literal::Finding;
use crate::path::{self, Pos, Seg};
use crate::report::Diagnostic;
use crate::rules::{self, Rule};
use crate::spec::{Attr, Severity};

impl<'a> Checker<'a> {
    /// A finding of `rule` at `segs`. The rule gives code, sub-code and severity; the mode
    /// adjusts them (a 1.0 card's findings are warnings, message bodies answer 230001).
    pub(super) fn emit_at(
        &mut self,
        (segs, pos): (&[Seg<'a>], Pos),
        rule: &'static Rule,
        message: String,
        help: Option<String>,
        at_key: bool,
    ) {
        self.push((segs, pos), rule, rule.sub_code, message, help, at_key);
    }

    /// [`emit_at`](Self::emit_at) with the sub-code given: a missing attribute names its own
    /// (img's `img_key` is 11310, not the rule's 200621).
    fn push(
        &mut self,
        (segs, pos): (&[Seg<'a>], Pos),
        rule: &'static Rule,
        sub_code: Option<u32>,
        message: String,
        help: Option<String>,
        at_key: bool,
    ) {
        // In a message body a card rule is the body's own rule (230001 with its seed's evidence).
        let rule = if self.mode == Mode::Message && rule.code == codes::CARD_CONTENT {
            self.message_rule
        } else {
            rule
        };
        let severity = rule.severity_in(self.strict);
        let (severity, code, sub_code, message) = match self.mode {
            Mode::V2 => (severity, rule.code, sub_code, message),
            Mode::V1 => (
                Severity::Warning,
                rule.code,
                sub_code,
                format!("as a 2.0 card: {message}"),
            ),
            // The body's own rules carry 230001 (card rules became one above), 230025 its size.
            Mode::Message => (severity, rule.code, None, message),
        };
        self.diags.push(Diagnostic {
            rule,
            severity,
            code,
            sub_code,
            // A key finding names the object that holds the key, as the server's `path: []` does.
            path: match (at_key, segs.split_last()) {
                (true, Some((Seg::Key(_), parent))) => path::err_path(parent),
                _ => path::err_path(segs),
            },
            pointer: path::pointer(segs),
            line: None,
            column: None,
            message,
            help,
            at_key,
            // The card-wide findings (no segment) have no place in the text.
            offset: if segs.is_empty() {
                None
            } else {
                pos.offset(at_key)
            },
        });
    }

    /// A finding at the current position.
    pub(super) fn report(&mut self, rule: &'static Rule, message: String, help: Option<String>) {
        let segs = std::mem::take(&mut self.segs);
        self.emit_at((&segs, self.here_pos()), rule, message, help, false);
        self.segs = segs;
    }

    /// A finding about the key at the current position (unknown or removed property).
    pub(super) fn report_key(
        &mut self,
        rule: &'static Rule,
        message: String,
        help: Option<String>,
    ) {
        let segs = std::mem::take(&mut self.segs);
        self.emit_at((&segs, self.here_pos()), rule, message, help, true);
        self.segs = segs;
    }

    /// A missing required attribute: the attribute names its sub-code (img's `img_key` is 11310).
    pub(super) fn report_missing(&mut self, a: &Attr, message: String) {
        let segs = std::mem::take(&mut self.segs);
        let rule = &rules::MISSING_REQUIRED;
        let pos = self.here_pos();
        self.push(
            (&segs, pos),
            rule,
            Some(a.missing_sub_code),
            message,
            None,
            false,
        );
        self.segs = segs;
    }

    /// Reports a rule function's finding at the current position.
    pub(super) fn report_finding(&mut self, f: Finding) {
        self.report(f.rule, f.message, f.help);
    }
}
