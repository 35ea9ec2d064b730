//! Pictures and people as labelled placeholders of the client's sizes (the preview has no
//! image keys or user directory): img, img_combination, person, avatar, person_list, audio.

use serde_json::Value;

use super::{Drawing, attrs, icon, str_of, text};
use crate::{esc, short, style};

/// An avatar circle of `px` pixels with the id as its tooltip.
fn avatar(id: &str, px: u32) -> String {
    format!(
        "<span title=\"{}\" style=\"display:inline-block;width:{px}px;height:{px}px;border-radius:50%;background:rgba(127,127,127,.35);vertical-align:middle;flex:none\"></span>",
        esc(id)
    )
}

fn person_px(size: &str) -> u32 {
    match size {
        "extra_small" => 16,
        "small" => 20,
        "large" => 40,
        _ => 24,
    }
}

pub(crate) fn media(e: &Value, path: &str, out: &mut Drawing) {
    match str_of(e, "tag") {
        "img" => img(e, path, out),
        "img_combination" => combination(e, path, out),
        "person" | "avatar" => {
            let id = str_of(e, "user_id");
            let px = person_px(str_of(e, "size"));
            let show_avatar = e.get("show_avatar").and_then(Value::as_bool) != Some(false);
            let show_name = e.get("show_name").and_then(Value::as_bool) == Some(true);
            let mut inner = String::new();
            if show_avatar {
                inner.push_str(&avatar(id, px));
            }
            if show_name || !show_avatar {
                inner.push_str(&format!("<span class=\"at\">@{}</span>", esc(&short(id))));
            }
            let capsule = if str_of(e, "style") == "capsule" {
                "background:rgba(127,127,127,.15);border-radius:12px;padding:0 8px 0 0;"
            } else {
                ""
            };
            out.push(&format!(
                "<span{}>{inner}</span>",
                attrs(
                    e,
                    path,
                    &format!("display:inline-flex;gap:4px;align-items:center;align-self:flex-start;{capsule}")
                )
            ));
        }
        "person_list" => {
            let px = person_px(str_of(e, "size"));
            let show_avatar = e.get("show_avatar").and_then(Value::as_bool) == Some(true);
            let show_name = e.get("show_name").and_then(Value::as_bool) != Some(false);
            let mut inner = icon(e.get("icon"));
            for p in e
                .get("persons")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let id = str_of(p, "id");
                inner.push_str("<span style=\"display:inline-flex;gap:4px;align-items:center\">");
                if show_avatar {
                    inner.push_str(&avatar(id, px));
                }
                if show_name {
                    inner.push_str(&format!("<span class=\"at\">@{}</span>", esc(&short(id))));
                }
                inner.push_str("</span>");
            }
            out.push(&format!(
                "<div{}>{inner}</div>",
                attrs(
                    e,
                    path,
                    "display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;"
                )
            ));
        }
        _ => out.push(&format!(
            "<div class=\"ph\"{}>▶ ──────── 0:00 · audio {}</div>",
            attrs(e, path, "text-align:left;"),
            esc(str_of(e, "file_key"))
        )),
    }
}

fn img(e: &Value, path: &str, out: &mut Drawing) {
    let fit = str_of(e, "scale_type") == "fit_horizontal";
    // A fixed size in pixels, or the full width at 16:9 (4:3 when fitted horizontally).
    let fixed: Option<(u32, u32)> = match str_of(e, "size") {
        _ if fit => None,
        "large" => Some((160, 160)),
        "medium" => Some((80, 80)),
        "small" => Some((40, 40)),
        "tiny" => Some((16, 16)),
        pair => {
            let mut it = pair.split_whitespace().filter_map(|p| {
                p.strip_suffix("px")
                    .and_then(|n| n.parse::<u32>().ok())
                    .filter(|n| (1..=1000).contains(n))
            });
            it.next().zip(it.next())
        }
    };
    let mut css = match fixed {
        Some((w, h)) => format!("width:{w}px;height:{h}px;padding:0;flex:none;"),
        None if fit => "width:100%;aspect-ratio:4/3;".into(),
        None => "width:100%;aspect-ratio:16/9;".into(),
    };
    css.push_str("overflow:hidden;display:flex;flex-direction:column;justify-content:center;");
    if let Some(r) = style::box_css(str_of(e, "corner_radius")) {
        css.push_str(&format!("border-radius:{r};"));
    }
    let alt = e
        .get("alt")
        .map(|v| text(v, out.mobile))
        .unwrap_or_default();
    // Small pictures have no room for a label; the key is their tooltip.
    let label = match fixed {
        Some((w, _)) if w < 64 => String::new(),
        _ => format!("image {}<br>{alt}", esc(str_of(e, "img_key"))),
    };
    out.push(&format!(
        "<div class=\"ph\" title=\"{}\"{}>{label}</div>",
        esc(str_of(e, "img_key")),
        attrs(e, path, &css)
    ));
    let title = e
        .get("title")
        .map(|v| text(v, out.mobile))
        .unwrap_or_default();
    if !title.is_empty() {
        out.push(&format!("<div class=\"notation\">{title}</div>"));
    }
}

fn combination(e: &Value, path: &str, out: &mut Drawing) {
    let (columns, most) = match str_of(e, "combination_mode") {
        "double" => (2, 2),
        "triple" => (3, 3),
        "trisect" => (3, 9),
        _ => (2, 6),
    };
    let images: Vec<&Value> = e
        .get("img_list")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .take(most)
        .collect();
    out.push(&format!(
        "<div{}>",
        attrs(
            e,
            path,
            &format!("display:grid;grid-template-columns:repeat({columns},1fr);gap:4px;")
        )
    ));
    for i in images {
        out.push(&format!(
            "<div class=\"ph\" style=\"aspect-ratio:1/1;padding:4px;overflow:hidden\">image {}</div>",
            esc(str_of(i, "img_key"))
        ));
    }
    out.push("</div>");
}
