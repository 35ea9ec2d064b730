//! One component as HTML: the dispatch by tag, and what every component shares (its ErrPath
//! as `data-path`, its `margin`, text objects and icons). Each family lives in its own module;
//! a tag none of them draws is a labelled box, so nothing is dropped.

mod chart;
pub(crate) mod container;
mod glyph;
mod input;
mod media;
mod table;

use crate::html::{El, Node};
use card_validate::path;
use serde_json::Value;

use crate::{markdown, style};

/// Where components are written, and the theme they are drawn in.
#[derive(Debug)]
pub(crate) struct Drawing {
    pub(crate) html: String,
    pub(crate) dark: bool,
    /// The compact (400px) width, where the client applies `flex_mode`.
    pub(crate) narrow: bool,
    /// Drawn as on a phone (the mobile text sizes, 1:1 charts).
    pub(crate) mobile: bool,
    /// About how wide the current container's content is, in pixels (charts are drawn at it,
    /// so their labels keep the client's size).
    pub(crate) width: f64,
}

impl Drawing {
    pub(crate) fn push(&mut self, s: &str) {
        self.html.push_str(s);
    }

    /// What `draw` draws, as HTML for the element that holds it.
    pub(crate) fn capture(&mut self, draw: impl FnOnce(&mut Drawing)) -> String {
        let outer = std::mem::take(&mut self.html);
        draw(self);
        std::mem::replace(&mut self.html, outer)
    }
}

/// A string property of an element, or "".
pub(crate) fn str_of<'a>(e: &'a Value, key: &str) -> &'a str {
    e.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `el` with the ErrPath it is drawn for (recorded as drawn) and its CSS.
pub(crate) fn drawn_at(el: El, path: &str, css: &str) -> El {
    crate::drawn::path(path);
    el.attr("data-path", path).style(css)
}

/// `el` as the component `e` at `path`: its ErrPath, its CSS with the component's `margin`
/// (and greyed out when disabled), and its tooltip.
pub(crate) fn component_el(el: El, e: &Value, path: &str, css: &str) -> El {
    let mut style = css.to_owned();
    if let Some(m) = style::box_css(str_of(e, "margin")) {
        style.push_str(&format!("margin:{m};"));
    }
    // A component the card disables is greyed out, and shows its disabled_tips on hover.
    let disabled = e.get("disabled").and_then(Value::as_bool) == Some(true);
    if disabled {
        style.push_str("opacity:.5;");
    }
    let el = drawn_at(el, path, &style);
    match tooltip(e, disabled) {
        tip if tip.is_empty() => el,
        tip => el.attr("title", tip),
    }
}

/// What the client shows on hover or before acting: `hover_tips` (or `disabled_tips` when
/// disabled), and a `confirm` dialog's title and text.
fn tooltip(e: &Value, disabled: bool) -> String {
    let tips = if disabled {
        "/disabled_tips/content"
    } else {
        "/hover_tips/content"
    };
    let mut lines: Vec<String> = e
        .pointer(tips)
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .into_iter()
        .collect();
    if let Some(c) = e.get("confirm").filter(|c| c.is_object()) {
        let part = |p: &str| c.pointer(p).and_then(Value::as_str).unwrap_or_default();
        lines.push(format!(
            "asks to confirm: {} — {}",
            part("/title/content"),
            part("/text/content")
        ));
    }
    lines.join("\n")
}

/// The text of a text object (`{tag, content, text_size, text_color, text_align, lines}`) or
/// of a plain string, as inline HTML.
pub(crate) fn text(v: &Value, mobile: bool) -> String {
    let mut out = String::new();
    crate::html::write_all(&text_nodes(v, mobile), &mut out);
    out
}

/// [`text`] as nodes: each line of the content (lark_md parsed, plain text as it is), a `<br>`
/// between lines (a `fields` item's "**Name**\nvalue" is two lines), in a span with the text's
/// style when it has one.
pub(crate) fn text_nodes(v: &Value, mobile: bool) -> Vec<Node> {
    match v {
        Value::String(s) => vec![Node::Text(s.clone())],
        Value::Object(m) => {
            let content = m.get("content").and_then(Value::as_str).unwrap_or_default();
            let md = matches!(
                m.get("tag").and_then(Value::as_str),
                Some("lark_md" | "markdown")
            );
            let mut nodes = Vec::new();
            for (i, line) in content.split('\n').enumerate() {
                if i > 0 {
                    nodes.push(El::new("br").into());
                }
                if md {
                    nodes.extend(crate::inline::nodes(line));
                } else {
                    nodes.push(Node::Text(line.to_owned()));
                }
            }
            match text_css(v, mobile) {
                style if style.is_empty() => nodes,
                style => vec![El::new("span").style(&style).children(nodes).into()],
            }
        }
        _ => Vec::new(),
    }
}

/// The CSS of a text object's or element's `text_size`, `text_color` and `lines`.
pub(crate) fn text_css(v: &Value, mobile: bool) -> String {
    let mut style = String::new();
    let c = str_of(v, "text_color");
    if !c.is_empty() {
        style.push_str(&format!("color:{};", style::colour(c)));
    }
    if let Some(px) = style::text_size(str_of(v, "text_size"), mobile) {
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

/// An icon. The preview has no icon font: a `standard_icon` whose token names a direction
/// (`down-small-ccm_outlined`, `right_outlined`) is a chevron that way, one naming a common
/// object (`info`, `chat`, `calendar`… see `glyph`) a line drawing of it; another token is an
/// outlined square in the icon's colour, and a `custom_icon` image a filled one. The token or
/// image key is the tooltip.
pub(crate) fn icon(v: Option<&Value>) -> String {
    let Some(i) = v.filter(|i| i.is_object()) else {
        return String::new();
    };
    let token = str_of(i, "token");
    let colour = style::colour_css(str_of(i, "color")).unwrap_or_else(|| "currentColor".into());
    if let Some(turn) = direction(token) {
        return chevron(turn, &colour, icon_px(i), token);
    }
    if let Some(drawing) = glyph::glyph(token) {
        let px = icon_px(i);
        return icon_svg(px, &format!("color:{colour}"))
            .attr("fill", "none")
            .attr("stroke", "currentColor")
            .attr("stroke-width", "1.3")
            .attr("stroke-linecap", "round")
            .attr("stroke-linejoin", "round")
            .child(El::new("title").text(token))
            .drawn(drawing)
            .html();
    }
    let (class, name) = match token {
        "" => ("icon", str_of(i, "img_key")),
        t => ("icon glyph", t),
    };
    El::new("span")
        .class(class)
        .attr("title", name)
        .style(&format!("color:{colour}"))
        .html()
}

/// An icon's `<svg>`, `px` square on the 16-unit grid.
fn icon_svg(px: u32, css: &str) -> El {
    El::new("svg")
        .class("icon")
        .attr("viewBox", "0 0 16 16")
        .attr("width", px.to_string())
        .attr("height", px.to_string())
        .style(css)
}

/// An icon's drawn size: the width of its `size` (`"16px 16px"`) within 8–48px, else 16px.
fn icon_px(i: &Value) -> u32 {
    str_of(i, "size")
        .split_whitespace()
        .next()
        .and_then(style::spacing)
        .filter(|px| (8..=48).contains(px))
        .unwrap_or(16)
}

/// How far a token's arrow is turned from pointing down, when one of its words is a
/// direction.
fn direction(token: &str) -> Option<i32> {
    token.split(['-', '_']).find_map(|w| match w {
        "down" => Some(0),
        "left" => Some(90),
        "up" => Some(180),
        "right" => Some(270),
        _ => None,
    })
}

/// A chevron pointing down, turned `turn` degrees, `px` square, with `tip` as its tooltip;
/// `colour` is CSS this crate made (a checked colour, `currentColor` or `var(--grey)`).
pub(crate) fn chevron(turn: i32, colour: &str, px: u32, tip: &str) -> String {
    icon_svg(px, &format!("color:{colour};transform:rotate({turn}deg)"))
        .child(El::new("title").text(tip))
        .child(
            El::new("path")
                .attr("d", "M4 6l4 4 4-4")
                .attr("fill", "none")
                .attr("stroke", "currentColor")
                .attr("stroke-width", "1.5")
                .attr("stroke-linecap", "round")
                .attr("stroke-linejoin", "round"),
        )
        .html()
}

/// A list of components, each with its ErrPath.
pub(crate) fn list(v: Option<&Value>, path: &str, out: &mut Drawing) {
    for (i, e) in v
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let tag = e.get("tag").and_then(Value::as_str).unwrap_or("?");
        component(e, &path::item(path, i, tag), out);
    }
}

/// One component.
pub(crate) fn component(e: &Value, path: &str, out: &mut Drawing) {
    use card_validate::spec::Category;
    let tag = str_of(e, "tag");
    // The spec says what a tag is; each kind has its drawer, so a control or container the spec
    // adds is drawn as one without a change here.
    let Some(comp) = card_validate::spec::component(tag) else {
        return match tag {
            // Text objects written as elements (a 1.0 habit the client still draws).
            "plain_text" | "lark_md" => {
                let el = component_el(El::new("div"), e, path, "").drawn(text(e, out.mobile));
                out.push(&el.html());
            }
            other => unknown(e, other, path, out),
        };
    };
    match (comp.category, comp.tag) {
        (Category::Interactive, _) => input::control(e, path, out),
        (Category::Container, "column_set") => container::column_set(e, path, out),
        // A column is drawn by its column_set; alone it is misplaced (placement finding).
        (Category::Container, "column") => unknown(e, "column", path, out),
        (Category::Container, _) => container::container(e, path, out),
        (_, "markdown") => markdown_element(e, path, out),
        (_, "div") => div(e, path, out),
        (_, "hr") => {
            let css = "border:none;border-top:1px solid rgba(127,127,127,.3);width:100%;margin:0;";
            out.push(&component_el(El::new("hr"), e, path, css).html());
        }
        (_, "table") => table::table(e, path, out),
        (_, "chart") => chart::chart(e, path, out),
        // Images, people and audio: media.
        _ => media::media(e, path, out),
    }
}

/// A tag the preview does not draw (a 1.0 leftover such as `note` or `action`, or a tag the
/// spec does not know): a labelled box, with the components it holds drawn inside it.
fn unknown(e: &Value, tag: &str, path: &str, out: &mut Drawing) {
    let css = "text-align:left;display:flex;flex-direction:column;gap:8px;";
    let name = if tag.is_empty() { "no tag" } else { tag };
    let el = component_el(El::new("div").class("ph"), e, path, css)
        .child(El::new("div").text(format!("<{name}> (not drawn by the preview)")));
    let children = out.capture(|out| {
        for key in ["elements", "actions"] {
            list(e.get(key), &path::key(path, key), out);
        }
    });
    out.push(&el.drawn(children).html());
}

fn markdown_element(e: &Value, path: &str, out: &mut Drawing) {
    let mut css = text_css(e, out.mobile);
    if let Some(a) = style::align(str_of(e, "text_align")) {
        css.push_str(&format!("text-align:{};", text_align(a)));
    }
    let icon = icon(e.get("icon"));
    let body = markdown::to_html(str_of(e, "content"));
    let el = if icon.is_empty() {
        component_el(El::new("div"), e, path, &css).drawn(body)
    } else {
        css.push_str("display:flex;gap:4px;align-items:baseline;");
        component_el(El::new("div"), e, path, &css)
            .drawn(icon)
            .child(El::new("div").drawn(body))
    };
    out.push(&el.html());
}

/// `flex-start|center|flex-end` as `text-align`.
pub(crate) fn text_align(flex: &str) -> &'static str {
    match flex {
        "center" => "center",
        "flex-end" => "right",
        _ => "left",
    }
}

fn div(e: &Value, path: &str, out: &mut Drawing) {
    let mut css = String::new();
    let align = e
        .pointer("/text/text_align")
        .and_then(Value::as_str)
        .or_else(|| e.get("text_align").and_then(Value::as_str))
        .and_then(style::align);
    if let Some(a) = align {
        css.push_str(&format!("text-align:{};", text_align(a)));
    }
    let mut el = component_el(El::new("div"), e, path, &css);
    let icon = icon(e.get("icon"));
    if let Some(t) = e.get("text") {
        let gap = if icon.is_empty() { "" } else { " " };
        el = el.child(
            El::new("div")
                .drawn(icon)
                .text(gap)
                .drawn(text(t, out.mobile)),
        );
    } else if !icon.is_empty() {
        el = el.drawn(icon);
    }
    if let Some(fields) = e.get("fields").and_then(Value::as_array) {
        let mut row = El::new("div")
            .class("row")
            .style("flex-wrap:wrap;gap:4px 0");
        for f in fields {
            let w = if f.get("is_short").and_then(Value::as_bool) == Some(true) {
                "50%"
            } else {
                "100%"
            };
            let t = f
                .get("text")
                .map(|v| text(v, out.mobile))
                .unwrap_or_default();
            row = row.child(El::new("div").style(&format!("width:{w}")).drawn(t));
        }
        el = el.child(row);
    }
    out.push(&el.html());
}
