//! Human-readable, rustc-like rendering of a finding.

use std::fmt::Write;

use crate::{Diagnostic, Severity};

/// Renders one finding as rustc does: header with code/sub-code, `file:line:col`, the ErrPath,
/// the offending line with a caret under the key or value, and the help line.
///
/// `text` is the source the finding was made from (it may be empty when there is none).
pub fn render_human(file: &str, text: &str, d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let code = match d.sub_code {
        Some(sub) => format!("{}/{sub}", d.code),
        None => d.code.to_string(),
    };
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
            out.starts_with("error[230099/200861]: unsupported tag note"),
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
