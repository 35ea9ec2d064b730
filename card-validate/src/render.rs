//! The one renderer of findings: the CLI's rustc-like report, `Diagnostic`'s `Display` (which
//! card-send's errors carry), and the `card!` macro's compile errors all write the same pieces —
//! `[code/sub-code rule-id]`, the message, `help: …` — in one voice.

use std::fmt::Write;

use crate::literal::Finding;
use crate::rules::Rule;
use crate::{Diagnostic, Severity};

/// `230099/200621 unknown-property`: the server's codes and the rule id.
pub fn code_tag(code: u32, sub_code: Option<u32>, rule: &Rule) -> String {
    match sub_code {
        Some(sub) => format!("{code}/{sub} {}", rule.id),
        None => format!("{code} {}", rule.id),
    }
}

impl Finding {
    /// The finding as one message: `message [230099/200621 rule-id]`, and `help: …` on the
    /// next line. The `card!` macro's compile errors are these.
    pub fn render(&self) -> String {
        let mut out = format!(
            "{} [{}]",
            self.message,
            code_tag(self.rule.code, self.rule.sub_code, self.rule)
        );
        if let Some(help) = &self.help {
            let _ = write!(out, "\nhelp: {help}");
        }
        out
    }
}

/// Renders one finding as rustc does: header with code/sub-code, `file:line:col`, the ErrPath,
/// the offending line with a caret under the key or value, and the help line.
///
/// `text` is the source the finding was made from (it may be empty when there is none).
pub fn render_human(file: &str, text: &str, d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let code = code_tag(d.code, d.sub_code, d.rule);
    let mut out = format!("{sev}[{code}]: {}\n", d.message);
    let (line, col) = (d.line.unwrap_or(1), d.column.unwrap_or(1));
    let _ = writeln!(out, "  --> {file}:{line}:{col}");
    let _ = writeln!(out, "   = path: {}", d.path);
    if d.line.is_some()
        && let Some(src) = text.lines().nth(line - 1)
    {
        let width = line.to_string().len();
        let pad = " ".repeat(width);
        // Long (minified) lines: show a window around the column.
        let skip = col.saturating_sub(60);
        let shown: String = src.chars().skip(skip).take(120).collect();
        let caret: String = src
            .chars()
            .skip(skip)
            .take(col - 1 - skip)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{line} | {}{shown}", if skip > 0 { "…" } else { "" });
        let _ = writeln!(out, "{pad} | {}{caret}^", if skip > 0 { " " } else { "" });
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_the_line_and_a_caret() {
        let text = "{\"schema\":\"2.0\",\n \"body\":{\"elements\":[{\"tag\":\"note\"}]}}";
        let r = crate::validate_str(text);
        let out = super::render_human("card.json", text, &r.diagnostics()[0]);
        assert!(
            out.starts_with("error[230099/200861 unsupported-v1-tag]: unsupported tag note"),
            "{out}"
        );
        assert!(out.contains("--> card.json:2:22"), "{out}");
        assert!(
            out.contains("= path: ROOT -> body -> elements -> [0](tag: note)"),
            "{out}"
        );
        assert!(
            out.contains(
                "2 |  \"body\":{\"elements\":[{\"tag\":\"note\"}]}}\n  |                      ^"
            ),
            "{out}"
        );
        assert!(out.contains("= help: use a `div`"), "{out}");
    }
}
