//! The page: the card at the client's width for its `width_mode`, header and body, and the
//! validator's findings beside it, each linked to the element it names.

use serde_json::Value;

use crate::{component, esc, style};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The light client.
    #[default]
    Light,
    /// The dark client.
    Dark,
}

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Light or dark.
    pub theme: Theme,
}

/// Renders card JSON text as a page.
///
/// # Errors
///
/// The JSON error (with line and column) when the text is not JSON.
pub fn render_str(text: &str, options: Options) -> Result<String, serde_json::Error> {
    let v: Value = serde_json::from_str(text)?;
    Ok(render(&v, options))
}

/// Renders a card (2.0, or 1.0 upgraded first) as one self-contained HTML page.
pub fn render(card: &Value, options: Options) -> String {
    let upgraded;
    let card = if card.get("schema").and_then(Value::as_str) == Some("2.0") || !card.is_object() {
        card
    } else {
        upgraded = card_validate::upgrade::upgrade(card)
            .map(|u| u.card)
            .unwrap_or_else(|_| card.clone());
        &upgraded
    };
    let report = card_validate::validate(card);
    let width = match card.pointer("/config/width_mode").and_then(Value::as_str) {
        Some("compact") => "400px",
        Some("fill") => "min(calc(100vw - 340px), 1000px)",
        _ => "600px",
    };
    let mut body = String::new();
    if let Some(h) = card.get("header") {
        header(h, &mut body);
    }
    body.push_str("<div class=\"body\">");
    component::list(
        card.pointer("/body/elements"),
        "ROOT -> body -> elements",
        &mut body,
    );
    body.push_str("</div>");
    let mut findings = String::new();
    for d in report.diagnostics() {
        let class = if d.is_error() { "error" } else { "warning" };
        findings.push_str(&format!(
            "<li class=\"{class}\" data-for=\"{}\">{}</li>",
            esc(&d.path.to_string()),
            esc(&d.to_string())
        ));
    }
    let verdict = if report.is_ok() {
        "no errors"
    } else {
        "the server would refuse this card"
    };
    // Outline the elements findings point at.
    let mut marks = String::new();
    for d in report.diagnostics() {
        marks.push_str(&format!(
            "[data-path=\"{}\"]{{outline:2px solid {};outline-offset:2px}}",
            css_string(&d.path.to_string()),
            if d.is_error() { "#f54a45" } else { "#de7802" }
        ));
    }
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>card preview</title><style>{}{marks}</style></head>\n<body><div class=\"card\" style=\"width:{width}\">{body}</div>\n<div class=\"findings\"><b>{verdict}</b><ul>{findings}</ul></div></body></html>\n",
        style::css(options.theme == Theme::Dark)
    )
}

/// Text inside a CSS string: quotes, backslashes and angle brackets escaped, so the page's
/// `<style>` cannot be closed by a card's tag names.
fn css_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\22 "),
            '\\' => out.push_str("\\5c "),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            c => out.push(c),
        }
    }
    out
}

fn header(h: &Value, out: &mut String) {
    let bg = style::template(
        h.get("template")
            .and_then(Value::as_str)
            .unwrap_or("default"),
    );
    let title = h
        .pointer("/title/content")
        .and_then(Value::as_str)
        .unwrap_or_default();
    out.push_str(&format!("<div class=\"header\" data-path=\"ROOT -> header\" style=\"background:{bg}\"><div class=\"title\">{}", esc(title)));
    for t in h
        .get("text_tag_list")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = t
            .pointer("/text/content")
            .and_then(Value::as_str)
            .unwrap_or_default();
        out.push_str(&format!("<span class=\"tag\">{}</span>", esc(text)));
    }
    out.push_str("</div>");
    if let Some(sub) = h.pointer("/subtitle/content").and_then(Value::as_str) {
        out.push_str(&format!("<div class=\"subtitle\">{}</div>", esc(sub)));
    }
    out.push_str("</div>");
}
