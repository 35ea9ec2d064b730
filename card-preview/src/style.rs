//! The page's CSS and the client's colours: header templates, button types, text colours.

/// The CSS of a page, for light or dark.
pub(crate) fn css(dark: bool) -> String {
    let (bg, card, fg, grey, border) = if dark {
        ("#1b1b1b", "#292929", "#ebebeb", "#a6a6a6", "#3d3d3d")
    } else {
        ("#f2f3f5", "#ffffff", "#1f2329", "#8f959e", "#dee0e3")
    };
    format!(
        r#"body{{background:{bg};color:{fg};font:14px/1.5 -apple-system,"PingFang SC","Helvetica Neue",Arial,sans-serif;margin:24px;display:flex;gap:24px;align-items:flex-start}}
.card{{background:{card};border:1px solid {border};border-radius:8px;overflow:hidden;flex:none}}
.header{{padding:12px 16px;color:#fff}}.header .title{{font-size:16px;font-weight:600}}.header .subtitle{{font-size:13px;opacity:.85}}
.header .tag{{display:inline-block;font-size:12px;padding:0 6px;border-radius:4px;background:rgba(255,255,255,.25);margin-left:6px}}
.body{{padding:12px 16px;display:flex;flex-direction:column;gap:8px}}
.grey{{color:{grey}}}.notation{{font-size:12px;color:{grey}}}
.row{{display:flex;gap:8px}}.col{{min-width:0;display:flex;flex-direction:column;gap:8px}}
.btn{{display:inline-block;padding:4px 12px;border:1px solid {border};border-radius:6px;font-size:14px;background:transparent;color:{fg}}}
.btn.primary{{color:#3370ff;border-color:#3370ff}}.btn.danger{{color:#f54a45;border-color:#f54a45}}
.btn.primary_filled{{background:#3370ff;color:#fff;border-color:#3370ff}}.btn.danger_filled{{background:#f54a45;color:#fff;border-color:#f54a45}}
.btn.text,.btn.primary_text,.btn.danger_text{{border-color:transparent}}.btn.primary_text{{color:#3370ff}}.btn.danger_text{{color:#f54a45}}
.btn.laser{{background:linear-gradient(90deg,#8c55ec,#3370ff);color:#fff;border:none}}
.ph{{border:1px dashed {border};border-radius:6px;color:{grey};padding:12px;text-align:center;font-size:12px}}
.panel{{border:1px solid {border};border-radius:6px;padding:4px 8px}}
.form{{border:1px solid {border};border-radius:6px;padding:8px;display:flex;flex-direction:column;gap:8px}}
input,select,textarea{{font:inherit;padding:4px 8px;border:1px solid {border};border-radius:6px;background:transparent;color:{fg}}}
table{{border-collapse:collapse;width:100%;font-size:13px}}th,td{{border-bottom:1px solid {border};padding:4px 8px;text-align:left}}
code{{background:rgba(127,127,127,.15);padding:0 3px;border-radius:3px}}pre{{background:rgba(127,127,127,.12);padding:8px;border-radius:6px;overflow:auto}}
.at{{color:#3370ff}}a{{color:#3370ff}}
.findings{{min-width:240px;max-width:420px;font-size:13px}}.findings li{{margin-bottom:6px}}.findings .error{{color:#f54a45}}.findings .warning{{color:#de7802}}
[data-finding]{{outline:2px solid #f54a45;outline-offset:2px}}"#
    )
}

/// The background of a header template.
pub(crate) fn template(name: &str) -> &'static str {
    match name {
        "blue" => "#3370ff",
        "wathet" => "#4fa3ff",
        "turquoise" => "#14c0c9",
        "green" => "#2ea121",
        "yellow" => "#d4b000",
        "orange" => "#ed7d31",
        "red" => "#f54a45",
        "carmine" => "#d83b6b",
        "violet" => "#8b5cf6",
        "purple" => "#7f3bf5",
        "indigo" => "#4954e6",
        "grey" => "#8f959e",
        _ => "#646a73",
    }
}

/// A text colour name as CSS (the client's palette for the common names).
pub(crate) fn colour(name: &str) -> String {
    match name {
        "default" => "inherit".into(),
        "grey" | "grey-600" => "#8f959e".into(),
        "red" => "#f54a45".into(),
        "green" => "#2ea121".into(),
        "blue" => "#3370ff".into(),
        "orange" => "#ed7d31".into(),
        "yellow" => "#d4b000".into(),
        "purple" => "#7f3bf5".into(),
        "turquoise" => "#14c0c9".into(),
        c if c.starts_with('#') || c.starts_with("rgb") => c.into(),
        _ => "inherit".into(),
    }
}
