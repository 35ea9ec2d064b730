//! One component as HTML. Each knows its tag; any other tag is a labelled box, so nothing is
//! dropped. Elements carry `data-path` (their ErrPath) so findings can point at them.

use serde_json::Value;

use crate::{esc, markdown, style};

/// The text of a text object (`{tag, content}`), or of a plain string.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => esc(s),
        Value::Object(m) => {
            let content = m.get("content").and_then(Value::as_str).unwrap_or_default();
            let html = if m.get("tag").and_then(Value::as_str) == Some("lark_md") {
                markdown::inline(content)
            } else {
                esc(content)
            };
            let mut style = String::new();
            if let Some(c) = m.get("text_color").and_then(Value::as_str) {
                style.push_str(&format!("color:{};", style::colour(c)));
            }
            if m.get("text_size").and_then(Value::as_str) == Some("notation") {
                style.push_str("font-size:12px;");
            }
            if style.is_empty() {
                html
            } else {
                format!("<span style=\"{style}\">{html}</span>")
            }
        }
        _ => String::new(),
    }
}

/// A list of components.
pub(crate) fn list(v: Option<&Value>, path: &str, out: &mut String) {
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
pub(crate) fn component(e: &Value, path: &str, out: &mut String) {
    let tag = e.get("tag").and_then(Value::as_str).unwrap_or_default();
    let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
    let attr = format!(" data-path=\"{}\"", esc(path));
    match tag {
        "markdown" => {
            let align = s("text_align");
            let style = if align.is_empty() {
                String::new()
            } else {
                format!(" style=\"text-align:{align}\"")
            };
            let class = if s("text_size") == "notation" {
                " class=\"notation\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<div{attr}{style}{class}>{}</div>",
                markdown::to_html(s("content"))
            ));
        }
        "div" => {
            out.push_str(&format!("<div{attr}>"));
            if let Some(t) = e.get("text") {
                out.push_str(&format!("<div>{}</div>", text(t)));
            }
            if let Some(fields) = e.get("fields").and_then(Value::as_array) {
                out.push_str("<div class=\"row\" style=\"flex-wrap:wrap\">");
                for f in fields {
                    let w = if f.get("is_short").and_then(Value::as_bool) == Some(true) {
                        "48%"
                    } else {
                        "100%"
                    };
                    out.push_str(&format!(
                        "<div style=\"width:{w}\">{}</div>",
                        f.get("text").map(text).unwrap_or_default()
                    ));
                }
                out.push_str("</div>");
            }
            out.push_str("</div>");
        }
        "hr" => out.push_str(&format!(
            "<hr{attr} style=\"border:none;border-top:1px solid rgba(127,127,127,.3);width:100%\">"
        )),
        "img" => out.push_str(&format!(
            "<div class=\"ph\"{attr}>image {}<br>{}</div>",
            esc(s("img_key")),
            e.get("alt").map(text).unwrap_or_default()
        )),
        "img_combination" => {
            let n = e
                .get("img_list")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            out.push_str(&format!(
                "<div class=\"ph\"{attr}>{n} images ({})</div>",
                esc(s("combination_mode"))
            ));
        }
        "column_set" => {
            out.push_str(&format!("<div class=\"row\"{attr}>"));
            for (i, c) in e
                .get("columns")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let weight = c.get("weight").and_then(Value::as_u64).unwrap_or(1);
                let flex = match c.get("width").and_then(Value::as_str) {
                    Some("auto") => "0 1 auto".to_owned(),
                    Some(px) if px.ends_with("px") => format!("0 0 {px}"),
                    _ => format!("{weight} 1 0"),
                };
                out.push_str(&format!("<div class=\"col\" style=\"flex:{flex}\">"));
                let at = format!("{path} -> columns -> [{i}](tag: column) -> elements");
                list(c.get("elements"), &at, out);
                out.push_str("</div>");
            }
            out.push_str("</div>");
        }
        "button" => out.push_str(&format!(
            "<span><button class=\"btn {}\" disabled{attr}>{}</button></span>",
            esc(if s("type").is_empty() {
                "default"
            } else {
                s("type")
            }),
            e.get("text").map(text).unwrap_or_default()
        )),
        "collapsible_panel" => {
            let title = e.pointer("/header/title").map(text).unwrap_or_default();
            let open = if e.get("expanded").and_then(Value::as_bool) == Some(true) {
                " open"
            } else {
                ""
            };
            out.push_str(&format!(
                "<details class=\"panel\"{attr}{open}><summary>{title}</summary>"
            ));
            list(e.get("elements"), &format!("{path} -> elements"), out);
            out.push_str("</details>");
        }
        "form" => {
            out.push_str(&format!("<div class=\"form\"{attr}>"));
            list(e.get("elements"), &format!("{path} -> elements"), out);
            out.push_str("</div>");
        }
        "interactive_container" => {
            out.push_str(&format!("<div class=\"panel\"{attr}>"));
            list(e.get("elements"), &format!("{path} -> elements"), out);
            out.push_str("</div>");
        }
        "input" => out.push_str(&format!(
            "<input disabled placeholder=\"{}\"{attr}>",
            esc(e
                .pointer("/placeholder/content")
                .and_then(Value::as_str)
                .unwrap_or_default())
        )),
        "select_static"
        | "multi_select_static"
        | "select_person"
        | "multi_select_person"
        | "select_img" => {
            let options: String = e
                .get("options")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|o| {
                    format!(
                        "<option>{}</option>",
                        o.get("text").map(text).unwrap_or_else(|| esc(o
                            .get("value")
                            .and_then(Value::as_str)
                            .unwrap_or_default()))
                    )
                })
                .collect();
            let ph = e
                .pointer("/placeholder/content")
                .and_then(Value::as_str)
                .unwrap_or("select");
            out.push_str(&format!(
                "<select disabled{attr}><option>{}</option>{options}</select>",
                esc(ph)
            ));
        }
        "date_picker" | "picker_time" | "picker_datetime" => out.push_str(&format!(
            "<input disabled placeholder=\"{}\"{attr}>",
            esc(match tag {
                "picker_time" => "hh:mm",
                "date_picker" => "yyyy-mm-dd",
                _ => "yyyy-mm-dd hh:mm",
            })
        )),
        "checker" => out.push_str(&format!(
            "<label{attr}><input type=\"checkbox\" disabled{}> {}</label>",
            if e.get("checked").and_then(Value::as_bool) == Some(true) {
                " checked"
            } else {
                ""
            },
            e.get("text").map(text).unwrap_or_default()
        )),
        "overflow" => out.push_str(&format!(
            "<span><button class=\"btn\" disabled{attr}>···</button></span>"
        )),
        "table" => table(e, &attr, out),
        "chart" => out.push_str(&format!(
            "<div class=\"ph\"{attr}>chart: {}</div>",
            esc(e
                .pointer("/chart_spec/type")
                .and_then(Value::as_str)
                .unwrap_or("spec"))
        )),
        "person" | "avatar" => out.push_str(&format!(
            "<span class=\"ph\"{attr}>👤 {}</span>",
            esc(s("user_id"))
        )),
        "person_list" => {
            let n = e
                .get("persons")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            out.push_str(&format!("<span class=\"ph\"{attr}>👥 {n} people</span>"));
        }
        "audio" => out.push_str(&format!(
            "<div class=\"ph\"{attr}>▶ audio {}</div>",
            esc(s("file_key"))
        )),
        "plain_text" | "lark_md" => out.push_str(&format!("<div{attr}>{}</div>", text(e))),
        other => out.push_str(&format!(
            "<div class=\"ph\"{attr}>&lt;{}&gt; (not drawn by the preview)</div>",
            esc(if other.is_empty() { "no tag" } else { other })
        )),
    }
}

/// A table: its columns with their types, the first page of rows.
fn table(e: &Value, attr: &str, out: &mut String) {
    let columns: Vec<&Value> = e
        .get("columns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    let page = e.get("page_size").and_then(Value::as_u64).unwrap_or(5) as usize;
    out.push_str(&format!("<table{attr}><tr>"));
    for c in &columns {
        let name = c
            .get("display_name")
            .or_else(|| c.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        out.push_str(&format!("<th>{}</th>", esc(name)));
    }
    out.push_str("</tr>");
    let rows: Vec<&Value> = e
        .get("rows")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    for r in rows.iter().take(page) {
        out.push_str("<tr>");
        for c in &columns {
            let key = c.get("name").and_then(Value::as_str).unwrap_or_default();
            let cell = match r.get(key) {
                Some(Value::String(s))
                    if c.get("data_type").and_then(Value::as_str) == Some("lark_md")
                        || c.get("data_type").and_then(Value::as_str) == Some("markdown") =>
                {
                    markdown::inline(s)
                }
                Some(Value::String(s)) => esc(s),
                Some(Value::Null) | None => String::new(),
                Some(v) => esc(&v.to_string()),
            };
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    if rows.len() > page {
        out.push_str(&format!(
            "<div class=\"notation\">page 1 of {}</div>",
            rows.len().div_ceil(page.max(1))
        ));
    }
}
