//! The table: columns with their types (text, lark_md, markdown, number with its format,
//! options as tags, persons, dates), header style, widths and alignment, the first page of
//! rows and the pager, and a frozen first column.

use serde_json::Value;

use super::{Drawing, component_el, str_of};
use card_validate::spec;

use crate::html::{El, Node};
use crate::{datetime, facts, style};

pub(crate) fn table(e: &Value, path: &str, out: &mut Drawing) {
    let columns: Vec<&Value> = e
        .get("columns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .take(facts::component_shown("table", "columns"))
        .collect();
    let page = facts::component_int(
        "table",
        "page_size",
        e.get("page_size").and_then(Value::as_i64),
    )
    .unwrap_or(1) as usize;
    // The table page: low 32px (the default), middle 48, high 64, a px height in the spec's
    // range, or auto up to `row_max_height` (its spec default when unset); content taller than
    // its row is cut.
    let px = |key: &str, dim| card_validate::literal::dim_px(str_of(e, key), dim).map(|n| n as u32);
    let (row_height, tallest) = match str_of(e, "row_height") {
        "auto" => {
            let default = || {
                card_validate::spec::component("table")
                    .and_then(|t| t.attr("row_max_height")?.default)
                    .and_then(card_validate::literal::px)
                    .map_or(124, |n| n as u32)
            };
            (
                None,
                px("row_max_height", &spec::ROW_MAX_HEIGHT).unwrap_or_else(default),
            )
        }
        "middle" => (Some(48), 48),
        "high" => (Some(64), 64),
        _ => {
            let h = px("row_height", &spec::ROW_HEIGHT).unwrap_or(32);
            (Some(h), h)
        }
    };
    let row_height = row_height.map_or(String::new(), |h| format!("height:{h}px;"));
    // A cell's padding (4px above and below) and its line are inside the row's height.
    let clip = tallest - 9;
    let freeze = e.get("freeze_first_column").and_then(Value::as_bool) == Some(true);
    let head = e.get("header_style").cloned().unwrap_or(Value::Null);
    let mut th_css = String::new();
    if str_of(&head, "background_style") == "grey" {
        th_css.push_str("background:rgba(127,127,127,.12);");
    }
    if str_of(&head, "text_color") == "grey" {
        th_css.push_str("color:#8f959e;");
    }
    if head.get("bold").and_then(Value::as_bool) == Some(false) {
        th_css.push_str("font-weight:400;");
    }
    if str_of(&head, "text_size") == "heading" {
        th_css.push_str("font-size:16px;");
    }
    let head_align = style::align(str_of(&head, "text_align")).map(super::text_align);
    let mut head_row = El::new("tr");
    for (i, c) in columns.iter().enumerate() {
        let mut css = th_css.clone();
        if let Some(a) = head_align {
            css.push_str(&format!("text-align:{a};"));
        }
        match str_of(c, "width") {
            w if w.ends_with("px") && style::spacing(w).is_some() => {
                css.push_str(&format!("width:{w};min-width:{w};"))
            }
            w if w.ends_with('%') && w[..w.len() - 1].parse::<u32>().is_ok() => {
                css.push_str(&format!("width:{w};"))
            }
            _ => {}
        }
        let name = c
            .get("display_name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        head_row = head_row.child(
            frozen(El::new("th"), freeze && i == 0)
                .attr("style", css)
                .text(name),
        );
    }
    let mut table = El::new("table").child(head_row);
    let rows: Vec<&Value> = e
        .get("rows")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    for r in rows.iter().take(page) {
        let mut tr = El::new("tr").attr("style", row_height.as_str());
        for (i, c) in columns.iter().enumerate() {
            let kind = str_of(c, "data_type");
            let align = style::align(str_of(c, "horizontal_align"))
                .map(super::text_align)
                .unwrap_or(if kind == "number" { "right" } else { "left" });
            let valign = match str_of(c, "vertical_align") {
                "top" => "top",
                "bottom" => "bottom",
                _ => "middle",
            };
            let content = El::new("div")
                .style(&format!("max-height:{clip}px;overflow:hidden"))
                .children(cell(c, r.get(str_of(c, "name"))));
            tr = tr.child(
                frozen(El::new("td"), freeze && i == 0)
                    .style(&format!("text-align:{align};vertical-align:{valign}"))
                    .child(content),
            );
        }
        table = table.child(tr);
    }
    let mut el = component_el(El::new("div").class("tbl"), e, path, "").child(table);
    if rows.len() > page {
        el = el.child(
            El::new("div")
                .class("notation")
                .style("text-align:right")
                .text(format!("‹ 1 / {} ›", rows.len().div_ceil(page))),
        );
    }
    out.push(&el.html());
}

/// A cell of the frozen first column.
fn frozen(el: El, freeze: bool) -> El {
    if freeze { el.class("freeze") } else { el }
}

/// One cell by its column's `data_type`.
fn cell(column: &Value, v: Option<&Value>) -> Vec<Node> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Vec::new();
    };
    // Several options or persons, a space between each.
    let spaced = |items: Vec<El>| {
        let mut out = Vec::new();
        for (i, el) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(Node::Text(" ".to_owned()));
            }
            out.push(el.into());
        }
        out
    };
    match (str_of(column, "data_type"), v) {
        ("lark_md" | "markdown", Value::String(t)) => crate::inline::nodes(t),
        ("number", Value::Number(n)) => vec![Node::Text(number(
            n.as_f64().unwrap_or_default(),
            column.get("format"),
        ))],
        ("options", Value::String(t)) => vec![tag(t, "blue").into()],
        ("options", Value::Array(items)) => spaced(
            items
                .iter()
                .map(|o| tag(str_of(o, "text"), str_of(o, "color")))
                .collect(),
        ),
        ("persons", Value::String(id)) => vec![person(id).into()],
        ("persons", Value::Array(ids)) => {
            spaced(ids.iter().filter_map(Value::as_str).map(person).collect())
        }
        ("date", Value::Number(n)) => n
            .as_i64()
            .map(|ms| {
                let format = str_of(column, "date_format");
                let span =
                    datetime::span(ms, &format!("p:{format}"), &datetime::pattern(ms, format));
                vec![Node::Drawn(span)]
            })
            .unwrap_or_default(),
        (_, Value::String(t)) => vec![Node::Text(t.clone())],
        (_, other) => vec![Node::Text(other.to_string())],
    }
}

fn tag(text: &str, colour: &str) -> El {
    let (fg, bg) = style::tag_colours(colour);
    El::new("span")
        .class("tag")
        .style(&format!("color:{fg};background:{bg};margin:0"))
        .text(text)
}

fn person(id: &str) -> El {
    El::new("span").class("at").attr("title", id).text("@user")
}

/// A number with its column `format`: `precision` decimals, a one-character `symbol` before
/// it, thousands `separator`s.
fn number(n: f64, format: Option<&Value>) -> String {
    let f = format.cloned().unwrap_or(Value::Null);
    let precision = f
        .get("precision")
        .and_then(Value::as_u64)
        .map(|p| p.min(10) as usize);
    let mut text = match precision {
        Some(p) => format!("{n:.p$}"),
        None => {
            let t = n.to_string();
            t.strip_suffix(".0").map(str::to_owned).unwrap_or(t)
        }
    };
    if f.get("separator").and_then(Value::as_bool) == Some(true) {
        let (sign, digits) = match text.strip_prefix('-') {
            Some(d) => ("-", d.to_owned()),
            None => ("", text.clone()),
        };
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i.to_owned(), format!(".{f}")),
            None => (digits, String::new()),
        };
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        text = format!("{sign}{grouped}{frac}");
    }
    let symbol = str_of(&f, "symbol");
    format!("{symbol}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_their_formats() {
        let f = serde_json::json!({"precision": 2, "symbol": "¥", "separator": true});
        assert_eq!(number(1234567.891, Some(&f)), "¥1,234,567.89");
        assert_eq!(
            number(-1234.0, Some(&serde_json::json!({"separator": true}))),
            "-1,234"
        );
        assert_eq!(number(42.0, None), "42");
    }
}
