//! One component as HTML: the dispatch by tag, and what every component shares (its ErrPath
//! as `data-path`, its `margin`, text objects and icons). Each family lives in its own module;
//! a tag none of them draws is a labelled box, so nothing is dropped.

mod chart;
pub(crate) mod container;
mod input;
mod media;
mod table;

use serde_json::Value;

use crate::{esc, markdown, style};

/// Where components are written, and the theme they are drawn in.
#[derive(Debug)]
pub(crate) struct Out {
    pub(crate) html: String,
    pub(crate) dark: bool,
    /// The compact (400px) width, where the client applies `flex_mode`.
    pub(crate) narrow: bool,
    /// About how wide the current container's content is, in pixels (charts are drawn at it,
    /// so their labels keep the client's size).
    pub(crate) width: f64,
}

impl Out {
    pub(crate) fn push(&mut self, s: &str) {
        self.html.push_str(s);
    }
}

/// A string property of an element, or "".
pub(crate) fn s<'a>(e: &'a Value, key: &str) -> &'a str {
    e.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The ` data-path="…" style="…"` attributes every component carries: its ErrPath, its
/// `margin`, and any extra CSS the caller adds.
pub(crate) fn attrs(e: &Value, path: &str, css: &str) -> String {
    let mut style = css.to_owned();
    if let Some(m) = style::box_css(s(e, "margin")) {
        style.push_str(&format!("margin:{m};"));
    }
    if style.is_empty() {
        format!(" data-path=\"{}\"", esc(path))
    } else {
        format!(" data-path=\"{}\" style=\"{style}\"", esc(path))
    }
}

/// The text of a text object (`{tag, content, text_size, text_color, text_align, lines}`) or
/// of a plain string, as inline HTML.
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => esc(s),
        Value::Object(m) => {
            let content = m.get("content").and_then(Value::as_str).unwrap_or_default();
            let html = if matches!(
                m.get("tag").and_then(Value::as_str),
                Some("lark_md" | "markdown")
            ) {
                markdown::inline(content)
            } else {
                esc(content).replace('\n', "<br>")
            };
            let style = text_css(v);
            if style.is_empty() {
                html
            } else {
                format!("<span style=\"{style}\">{html}</span>")
            }
        }
        _ => String::new(),
    }
}

/// The CSS of a text object's or element's `text_size`, `text_color` and `lines`.
pub(crate) fn text_css(v: &Value) -> String {
    let mut style = String::new();
    let c = s(v, "text_color");
    if !c.is_empty() {
        style.push_str(&format!("color:{};", style::colour(c)));
    }
    if let Some(px) = style::text_size(s(v, "text_size")) {
        style.push_str(&format!("font-size:{px}px;"));
        if px >= 16 {
            style.push_str("font-weight:600;");
        }
    }
    if let Some(n) = v.get("lines").and_then(Value::as_u64) {
        style.push_str(&format!(
            "display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:{n};overflow:hidden;"
        ));
    }
    style
}

/// An icon (`standard_icon` token or `custom_icon` image) as a small tinted square: the
/// preview has no icon font, so the token is its tooltip.
pub(crate) fn icon(v: Option<&Value>) -> String {
    let Some(i) = v.filter(|i| i.is_object()) else {
        return String::new();
    };
    let name = match s(i, "token") {
        "" => s(i, "img_key"),
        t => t,
    };
    let colour = style::colour_css(s(i, "color")).unwrap_or_else(|| "currentColor".into());
    format!(
        "<span class=\"icon\" title=\"{}\" style=\"color:{colour}\"></span>",
        esc(name)
    )
}

/// A list of components, each with its ErrPath.
pub(crate) fn list(v: Option<&Value>, path: &str, out: &mut Out) {
    for (i, e) in v
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let tag = e.get("tag").and_then(Value::as_str).unwrap_or("?");
        component(e, &format!("{path} -> [{i}](tag: {tag})"), out);
    }
}

/// One component.
pub(crate) fn component(e: &Value, path: &str, out: &mut Out) {
    let tag = s(e, "tag");
    match tag {
        "markdown" => markdown_element(e, path, out),
        "div" => div(e, path, out),
        "hr" => out.push(&format!(
            "<hr{}>",
            attrs(
                e,
                path,
                "border:none;border-top:1px solid rgba(127,127,127,.3);width:100%;margin:0;"
            )
        )),
        "column_set" => container::column_set(e, path, out),
        "form" | "interactive_container" | "collapsible_panel" => {
            container::container(e, path, out)
        }
        "button"
        | "overflow"
        | "input"
        | "select_static"
        | "multi_select_static"
        | "select_person"
        | "multi_select_person"
        | "select_img"
        | "date_picker"
        | "picker_time"
        | "picker_datetime"
        | "checker" => input::control(e, path, out),
        "img" | "img_combination" | "person" | "avatar" | "person_list" | "audio" => {
            media::media(e, path, out)
        }
        "table" => table::table(e, path, out),
        "chart" => chart::chart(e, path, out),
        "plain_text" | "lark_md" => {
            out.push(&format!("<div{}>{}</div>", attrs(e, path, ""), text(e)))
        }
        other => unknown(e, other, path, out),
    }
}

/// A tag the preview does not draw (a 1.0 leftover such as `note` or `action`, or a tag the
/// spec does not know): a labelled box, with the components it holds drawn inside it.
fn unknown(e: &Value, tag: &str, path: &str, out: &mut Out) {
    out.push(&format!(
        "<div class=\"ph\"{}><div>&lt;{}&gt; (not drawn by the preview)</div>",
        attrs(
            e,
            path,
            "text-align:left;display:flex;flex-direction:column;gap:8px;"
        ),
        esc(if tag.is_empty() { "no tag" } else { tag })
    ));
    for key in ["elements", "actions"] {
        list(e.get(key), &format!("{path} -> {key}"), out);
    }
    out.push("</div>");
}

fn markdown_element(e: &Value, path: &str, out: &mut Out) {
    let mut css = text_css(e);
    if let Some(a) = style::align(s(e, "text_align")) {
        css.push_str(&format!("text-align:{};", text_align(a)));
    }
    let icon = icon(e.get("icon"));
    let body = markdown::to_html(s(e, "content"));
    if icon.is_empty() {
        out.push(&format!("<div{}>{body}</div>", attrs(e, path, &css)));
    } else {
        css.push_str("display:flex;gap:4px;align-items:baseline;");
        out.push(&format!(
            "<div{}>{icon}<div>{body}</div></div>",
            attrs(e, path, &css)
        ));
    }
}

/// `flex-start|center|flex-end` as `text-align`.
pub(crate) fn text_align(flex: &str) -> &'static str {
    match flex {
        "center" => "center",
        "flex-end" => "right",
        _ => "left",
    }
}

fn div(e: &Value, path: &str, out: &mut Out) {
    let mut css = String::new();
    let align = e
        .pointer("/text/text_align")
        .and_then(Value::as_str)
        .or_else(|| e.get("text_align").and_then(Value::as_str))
        .and_then(style::align);
    if let Some(a) = align {
        css.push_str(&format!("text-align:{};", text_align(a)));
    }
    out.push(&format!("<div{}>", attrs(e, path, &css)));
    let icon = icon(e.get("icon"));
    if let Some(t) = e.get("text") {
        out.push(&format!(
            "<div>{icon}{}{}</div>",
            if icon.is_empty() { "" } else { " " },
            text(t)
        ));
    } else if !icon.is_empty() {
        out.push(&icon);
    }
    if let Some(fields) = e.get("fields").and_then(Value::as_array) {
        out.push("<div class=\"row\" style=\"flex-wrap:wrap;gap:4px 0\">");
        for f in fields {
            let w = if f.get("is_short").and_then(Value::as_bool) == Some(true) {
                "50%"
            } else {
                "100%"
            };
            out.push(&format!(
                "<div style=\"width:{w}\">{}</div>",
                f.get("text").map(text).unwrap_or_default()
            ));
        }
        out.push("</div>");
    }
    out.push("</div>");
}
