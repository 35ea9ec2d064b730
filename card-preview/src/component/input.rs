//! Interactive components, drawn disabled (a preview cannot call back): button, overflow,
//! input, the selects, the pickers, select_img and checker, with their labels, widths, initial
//! values and the `required` mark inside a form.

use card_validate::path;
use serde_json::Value;

use super::{Drawing, component_el, icon, list, str_of, text, text_nodes};
use crate::html::{El, Node};
use crate::{facts, style};

/// `width`: `default` | `fill` | `"Npx"` as CSS (`default` keeps the control's own width).
fn width(e: &Value, default: &str) -> String {
    match str_of(e, "width") {
        "fill" => "width:100%;".into(),
        px if px.ends_with("px") && style::spacing(px).is_some() => format!("width:{px};"),
        _ => default.into(),
    }
}

/// The content of a plain_text object at `pointer`.
fn plain<'e>(e: &'e Value, pointer: &str) -> &'e str {
    e.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The red `*` of a required control, if it is required.
fn required(e: &Value) -> Option<El> {
    (e.get("required").and_then(Value::as_bool) == Some(true))
        .then(|| El::new("span").style("color:#f54a45").text("*"))
}

/// `el`, then `child` when there is one.
fn maybe(el: El, child: Option<El>) -> El {
    match child {
        Some(c) => el.child(c),
        None => el,
    }
}

pub(crate) fn control(e: &Value, path: &str, out: &mut Drawing) {
    match str_of(e, "tag") {
        "button" => button(e, path, out),
        "overflow" => {
            let button = component_el(
                El::new("button").class("btn").flag("disabled", true),
                e,
                path,
                "",
            );
            out.push(&El::new("span").child(button.text("···")).html());
        }
        "input" => input(e, path, out),
        "checker" => checker(e, path, out),
        "select_img" => select_img(e, path, out),
        _ => select(e, path, out),
    }
}

fn button(e: &Value, path: &str, out: &mut Drawing) {
    let kind = match str_of(e, "type") {
        "" => "default",
        t if t.chars().all(|c| c.is_ascii_lowercase() || c == '_') => t,
        _ => "default",
    };
    let size = match str_of(e, "size") {
        "tiny" | "small" => " small",
        "large" => " large",
        _ => "",
    };
    let css = width(e, "");
    let label = e
        .get("text")
        .map(|v| text(v, out.mobile))
        .unwrap_or_default();
    let icon = icon(e.get("icon"));
    let gap = if icon.is_empty() || label.is_empty() {
        ""
    } else {
        " "
    };
    let button = El::new("button")
        .class(&format!("btn {kind}{size}"))
        .flag("disabled", true);
    let button = component_el(button, e, path, &css)
        .drawn(icon)
        .text(gap)
        .drawn(label);
    let outer = if css.is_empty() {
        "display:flex;"
    } else {
        "display:flex;width:100%"
    };
    out.push(&El::new("span").style(outer).child(button).html());
}

fn input(e: &Value, path: &str, out: &mut Drawing) {
    let value = str_of(e, "default_value");
    let placeholder = plain(e, "/placeholder/content");
    let css = width(e, "width:100%;");
    let control = if str_of(e, "input_type") == "multiline_text" {
        // The documented default; a preview caps very tall boxes at 50 rows.
        let rows = facts::component_int("input", "rows", e.get("rows").and_then(Value::as_i64))
            .unwrap_or(1)
            .min(50);
        El::new("textarea")
            .flag("disabled", true)
            .attr("rows", rows.to_string())
            .attr("placeholder", placeholder)
            .attr("style", css)
            .text(value)
    } else {
        let kind = if str_of(e, "input_type") == "password" {
            "password"
        } else {
            "text"
        };
        El::new("input")
            .attr("type", kind)
            .flag("disabled", true)
            .attr("value", value)
            .attr("placeholder", placeholder)
            .attr("style", css)
    };
    let label = plain(e, "/label/content");
    let class = if str_of(e, "label_position") == "left" && !label.is_empty() {
        "field h"
    } else {
        "field"
    };
    let mut field = component_el(El::new("div").class(class), e, path, "");
    if !label.is_empty() {
        field = field.child(maybe(El::new("span"), required(e)).text(label));
    }
    out.push(&field.child(control).html());
}

fn select(e: &Value, path: &str, out: &mut Drawing) {
    let tag = str_of(e, "tag");
    // Each option's value and label (its text object, or the value itself).
    let options: Vec<(String, Vec<Node>)> = e
        .get("options")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|o| {
            let value = str_of(o, "value").to_owned();
            let label = o
                .get("text")
                .map(|v| text_nodes(v, out.mobile))
                .unwrap_or_else(|| vec![Node::Text(value.clone())]);
            (value, label)
        })
        .collect();
    let chosen: Vec<String> = match tag {
        "select_static" | "select_person" => {
            let by_index = e
                .get("initial_index")
                .and_then(Value::as_u64)
                .filter(|i| *i > 0)
                .and_then(|i| options.get(i as usize - 1))
                .map(|(v, _)| v.clone());
            e.get("initial_option")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or(by_index)
                .into_iter()
                .collect()
        }
        "multi_select_static" | "multi_select_person" => e
            .get("selected_values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        "date_picker" => vec![str_of(e, "initial_date").to_owned()],
        "picker_time" => vec![str_of(e, "initial_time").to_owned()],
        "picker_datetime" => vec![str_of(e, "initial_datetime").to_owned()],
        _ => Vec::new(),
    };
    let chosen: Vec<String> = chosen.into_iter().filter(|c| !c.is_empty()).collect();
    let person = tag.contains("person");
    // The chosen options' labels, ", " between them.
    let mut shown: Vec<Node> = Vec::new();
    for (i, c) in chosen.iter().enumerate() {
        if i > 0 {
            shown.push(Node::Text(", ".to_owned()));
        }
        if person {
            shown.push(Node::Text("@".to_owned()));
        }
        match options.iter().find(|(v, _)| v == c) {
            Some((_, label)) => shown.extend(label.iter().cloned()),
            None => shown.push(Node::Text(c.clone())),
        }
    }
    let placeholder: String = match plain(e, "/placeholder/content") {
        p if !p.is_empty() => p.to_owned(),
        _ => match tag {
            "date_picker" => "yyyy-mm-dd".into(),
            "picker_time" => "hh:mm".into(),
            "picker_datetime" => "yyyy-mm-dd hh:mm".into(),
            t if t.contains("person") => "select a person".into(),
            _ => "select".into(),
        },
    };
    let caret = match tag {
        "date_picker" | "picker_datetime" => "▦",
        "picker_time" => "◷",
        _ => "▾",
    };
    let (content, class) = if shown.is_empty() {
        (vec![Node::Text(placeholder)], "grey")
    } else {
        (shown, "")
    };
    let default_width = if str_of(e, "type") == "text" {
        "border-color:transparent;"
    } else {
        // Never wider than its column on a narrow card.
        "min-width:min(160px, 100%);"
    };
    let css = format!(
        "display:inline-flex;justify-content:space-between;gap:8px;align-self:flex-start;box-sizing:border-box;max-width:100%;{}{}",
        width(e, ""),
        default_width
    );
    let box_css =
        format!("border:1px solid rgba(127,127,127,.35);border-radius:6px;padding:4px 8px;{css}");
    let shown = El::new("span").class(class).children(content);
    let shown = maybe(El::new("span").style("display:flex;gap:2px"), required(e)).child(shown);
    let caret = El::new("span").class("grey").text(caret);
    out.push(
        &component_el(El::new("div"), e, path, &box_css)
            .child(shown)
            .child(caret)
            .html(),
    );
}

fn select_img(e: &Value, path: &str, out: &mut Drawing) {
    let per_row = match str_of(e, "layout") {
        "stretch" => 1,
        "trisect" => 3,
        _ => 2,
    };
    let ratio = match str_of(e, "aspect_ratio") {
        "1:1" => "1/1",
        "4:3" => "4/3",
        _ => "16/9",
    };
    let css = format!("display:grid;grid-template-columns:repeat({per_row},1fr);gap:8px;");
    let mut grid = component_el(El::new("div"), e, path, &css);
    for o in e
        .get("options")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        grid = grid.child(
            El::new("div")
                .class("ph")
                .style(&format!("aspect-ratio:{ratio}"))
                .text(format!("image {}", str_of(o, "img_key"))),
        );
    }
    out.push(&grid.html());
}

fn checker(e: &Value, path: &str, out: &mut Drawing) {
    let checked = e.get("checked").and_then(Value::as_bool) == Some(true);
    let mut label_css = String::new();
    if checked {
        if e.pointer("/checked_style/show_strikethrough")
            .and_then(Value::as_bool)
            == Some(true)
        {
            label_css.push_str("text-decoration:line-through;");
        }
        if let Some(o) = e.pointer("/checked_style/opacity").and_then(Value::as_f64) {
            label_css.push_str(&format!("opacity:{};", o.clamp(0.0, 1.0)));
        }
    }
    let mut css = "display:flex;gap:8px;align-items:center;".to_owned();
    if let Some(p) = style::box_css(str_of(e, "padding")) {
        css.push_str(&format!("padding:{p};"));
    }
    let el = component_el(El::new("div"), e, path, &css);
    let check = El::new("input")
        .attr("type", "checkbox")
        .flag("disabled", true)
        .flag("checked", checked);
    let label = El::new("span").style(&format!("flex:1;{label_css}")).drawn(
        e.get("text")
            .map(|v| text(v, out.mobile))
            .unwrap_or_default(),
    );
    let buttons = out.capture(|out| {
        list(
            e.pointer("/button_area/buttons"),
            &path::key(&path::key(path, "button_area"), "buttons"),
            out,
        )
    });
    out.push(&el.child(check).child(label).drawn(buttons).html());
}
