//! Containers: column_set with its columns (weights, widths, flex modes, spacing, alignment,
//! backgrounds), form, interactive_container and collapsible_panel, all laid out by [`flow`].

use card_validate::path;
use serde_json::Value;

use super::{Drawing, chevron, component_el, icon, list, str_of, text};
use crate::html::El;
use crate::style;

/// `el` holding the component list of `e` at `path`.
fn elements_in(el: El, e: &Value, path: &str, out: &mut Drawing) {
    let children = out.capture(|out| list(e.get("elements"), &path::key(path, "elements"), out));
    out.push(&el.drawn(children).html());
}

/// Defaults of a container's layout (the component pages' field tables).
struct Defaults {
    vertical_spacing: u32,
    horizontal_spacing: u32,
    padding: &'static str,
}

/// The CSS that lays a container's children out: `direction`, `vertical_spacing` /
/// `horizontal_spacing`, `horizontal_align` / `vertical_align`, `padding`, `background_style`.
fn flow(e: &Value, d: &Defaults, dark: bool) -> String {
    let horizontal = str_of(e, "direction") == "horizontal";
    let vs = style::spacing(str_of(e, "vertical_spacing")).unwrap_or(d.vertical_spacing);
    let hs = style::spacing(str_of(e, "horizontal_spacing")).unwrap_or(d.horizontal_spacing);
    let mut css = if horizontal {
        format!("display:flex;flex-direction:row;flex-wrap:wrap;gap:{vs}px {hs}px;")
    } else {
        format!("display:flex;flex-direction:column;gap:{vs}px;")
    };
    let h = style::align(str_of(e, "horizontal_align"));
    let v = style::align(str_of(e, "vertical_align"));
    if horizontal {
        if let Some(h) = h {
            css.push_str(&format!("justify-content:{h};"));
        }
        if let Some(v) = v {
            css.push_str(&format!("align-items:{v};"));
        }
    } else {
        if let Some(h) = h.filter(|h| *h != "flex-start") {
            css.push_str(&format!(
                "align-items:{h};text-align:{};",
                super::text_align(h)
            ));
        }
        if let Some(v) = v {
            css.push_str(&format!("justify-content:{v};"));
        }
    }
    let padding = style::box_css(str_of(e, "padding")).unwrap_or_else(|| d.padding.to_owned());
    css.push_str(&format!("padding:{padding};box-sizing:border-box;"));
    if let Some(bg) = style::background(str_of(e, "background_style"), dark) {
        css.push_str(&format!("background:{bg};"));
    }
    css
}

/// The body of a card, laid out as a container (its padding defaults to 12px).
pub(crate) fn body(b: &Value, out: &mut Drawing) {
    // The structure page gives no default spacing; a production bot's screenshots of the
    // client show 12px between the body's components (panel, markdown, rule, footer).
    let d = Defaults {
        vertical_spacing: 12,
        horizontal_spacing: 8,
        padding: "12px",
    };
    let body = path::key(path::ROOT, "body");
    let el = super::drawn_at(El::new("div").class("body"), &body, &flow(b, &d, out.dark));
    let children = out.capture(|out| list(b.get("elements"), &path::key(&body, "elements"), out));
    out.push(&el.drawn(children).html());
}

/// A column_set: its columns side by side. `flex_mode` only changes narrow screens (the
/// page's compact width): `stretch` stacks the columns, `flow` wraps them, `bisect` and
/// `trisect` make two or three equal columns per row.
pub(crate) fn column_set(e: &Value, path: &str, out: &mut Drawing) {
    let gap = style::spacing(str_of(e, "horizontal_spacing")).unwrap_or(8);
    let mut css = format!("gap:{gap}px;");
    if let Some(h) = style::align(str_of(e, "horizontal_align")) {
        css.push_str(&format!("justify-content:{h};"));
    }
    if let Some(bg) = style::background(str_of(e, "background_style"), out.dark) {
        css.push_str(&format!("background:{bg};border-radius:8px;"));
    }
    let mode = if out.narrow {
        str_of(e, "flex_mode")
    } else {
        "none"
    };
    let per_row = match mode {
        "bisect" => Some(2),
        "trisect" => Some(3),
        "stretch" => Some(1),
        _ => None,
    };
    if mode == "flow" || per_row.is_some() {
        css.push_str("flex-wrap:wrap;");
    }
    let row = component_el(El::new("div").class("row"), e, path, &css);
    let columns: Vec<&Value> = e
        .get("columns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    let weight = |c: &Value| match str_of(c, "width") {
        "weighted" => c.get("weight").and_then(Value::as_u64).unwrap_or(1) as f64,
        _ => 1.0,
    };
    let total: f64 = columns.iter().map(|c| weight(c)).sum();
    let outer = out.width;
    let room = outer - f64::from(gap) * columns.len().saturating_sub(1) as f64;
    let children = out.capture(|out| {
        for (i, c) in columns.iter().enumerate() {
            out.width = match per_row {
                Some(n) => room / f64::from(n),
                None => room * weight(c) / total.max(1.0),
            };
            let at = path::item(&path::key(path, "columns"), i, "column");
            column(c, &at, per_row, gap, out);
        }
    });
    out.width = outer;
    out.push(&row.drawn(children).html());
}

fn column(c: &Value, path: &str, per_row: Option<u32>, gap: u32, out: &mut Drawing) {
    let flex = match (per_row, str_of(c, "width")) {
        (Some(n), _) => format!("0 0 calc((100% - {}px) / {n})", gap * (n - 1)),
        (None, "weighted") => {
            let weight = c.get("weight").and_then(Value::as_u64).unwrap_or(1);
            format!("{weight} 1 0")
        }
        (None, px) if style::spacing(px).is_some() && px.ends_with("px") => format!("0 0 {px}"),
        _ => "0 1 auto".to_owned(),
    };
    let d = Defaults {
        vertical_spacing: 8,
        horizontal_spacing: 8,
        padding: "0",
    };
    let css = format!("flex:{flex};{}", flow(c, &d, out.dark));
    let col = component_el(El::new("div").class("col"), c, path, &css);
    elements_in(col, c, path, out);
}

/// form, interactive_container and collapsible_panel.
pub(crate) fn container(e: &Value, path: &str, out: &mut Drawing) {
    match str_of(e, "tag") {
        "form" => {
            let d = Defaults {
                vertical_spacing: 12,
                horizontal_spacing: 8,
                padding: "0",
            };
            let css = flow(e, &d, out.dark);
            let form = component_el(El::new("div").class("form"), e, path, &css);
            elements_in(form, e, path, out);
        }
        "interactive_container" => {
            let d = Defaults {
                vertical_spacing: 4,
                horizontal_spacing: 8,
                padding: "4px 12px",
            };
            let mut css = flow(e, &d, out.dark);
            if str_of(e, "background_style") == "laser" {
                css.push_str(
                    "background:linear-gradient(90deg,rgba(140,85,236,.12),rgba(51,112,255,.12));",
                );
            }
            if e.get("has_border").and_then(Value::as_bool) == Some(true) {
                let colour = style::border(str_of(e, "border_color"), out.dark);
                css.push_str(&format!("border:1px solid {colour};"));
            }
            if let Some(r) = style::box_css(str_of(e, "corner_radius")) {
                css.push_str(&format!("border-radius:{r};"));
            }
            match str_of(e, "width") {
                "auto" => css.push_str("align-self:flex-start;"),
                px if px.ends_with("px") && style::spacing(px).is_some() => {
                    css.push_str(&format!("width:{px};"))
                }
                _ => {}
            }
            let h = str_of(e, "height");
            if h.ends_with("px") && style::spacing(h).is_some() {
                css.push_str(&format!("height:{h};"));
            }
            let panel = component_el(El::new("div").class("panel"), e, path, &css);
            elements_in(panel, e, path, out);
        }
        _ => panel(e, path, out),
    }
}

/// A collapsible_panel: its header, and its elements when `expanded` (a `<details>`, so the
/// reader can open it).
fn panel(e: &Value, path: &str, out: &mut Drawing) {
    let border = e.get("border").filter(|b| b.is_object());
    let background = style::colour_css(str_of(e, "background_color"));
    let framed = border.is_some() || background.is_some();
    let d = Defaults {
        vertical_spacing: 8,
        horizontal_spacing: 8,
        padding: if framed { "8px" } else { "8px 0 0 0" },
    };
    let mut css = String::new();
    if let Some(b) = border {
        let colour = style::border(str_of(b, "color"), out.dark);
        let radius = style::box_css(str_of(b, "corner_radius")).unwrap_or_else(|| "5px".into());
        css.push_str(&format!(
            "border:1px solid {colour};border-radius:{radius};"
        ));
    }
    if let Some(bg) = &background {
        css.push_str(&format!("background:{bg};"));
    }
    let header = e.get("header").cloned().unwrap_or(Value::Null);
    let title = header
        .get("title")
        .map(|v| text(v, out.mobile))
        .unwrap_or_default();
    let mut head_css = format!(
        "display:flex;gap:4px;align-items:center;padding:{};",
        style::box_css(str_of(&header, "padding")).unwrap_or_else(|| if framed {
            "4px 8px"
        } else {
            "0"
        }
        .into())
    );
    if let Some(bg) = style::colour_css(str_of(&header, "background_color")) {
        head_css.push_str(&format!("background:{bg};"));
    }
    // The header's icon (a down chevron in the theme's grey when it has none), turned by `icon_expanded_angle`
    // (default 180) while the panel is open.
    let icon = match icon(header.get("icon")) {
        i if i.is_empty() => chevron(0, "var(--grey)", 16, "down"),
        i => i,
    };
    let angle = header
        .get("icon_expanded_angle")
        .and_then(Value::as_i64)
        .filter(|a| matches!(a, -180 | -90 | 90 | 180))
        .unwrap_or(180);
    let icon = El::new("span")
        .class("turn")
        .style(&format!("--open:{angle}deg"))
        .drawn(icon);
    let summary = El::new("summary").style(&head_css);
    let summary = match str_of(&header, "icon_position") {
        "left" => summary.child(icon).child(El::new("span").drawn(title)),
        "follow_text" => summary.child(El::new("span").drawn(title)).child(icon),
        _ => summary
            .child(El::new("span").style("flex:1").drawn(title))
            .child(icon),
    };
    let open = e.get("expanded").and_then(Value::as_bool) == Some(true);
    let details = component_el(El::new("details").class("panel"), e, path, &css)
        .flag("open", open)
        .child(summary);
    let body = El::new("div").style(&flow(e, &d, out.dark));
    let children = out.capture(|out| list(e.get("elements"), &path::key(path, "elements"), out));
    out.push(&details.child(body.drawn(children)).html());
}
