//! Pictures and people as labelled placeholders of the client's sizes (the preview has no
//! image keys or user directory): img, img_combination, person, avatar, person_list, audio.

use serde_json::Value;

use super::{Drawing, component_el, icon, str_of, text};
use crate::html::El;
use crate::{short, style};

/// An avatar circle of `px` pixels with the id as its tooltip.
fn avatar(id: &str, px: u32) -> El {
    El::new("span").attr("title", id).style(&format!(
        "display:inline-block;width:{px}px;height:{px}px;border-radius:50%;background:rgba(127,127,127,.35);vertical-align:middle;flex:none"
    ))
}

/// `@name` for a user id.
fn name(id: &str) -> El {
    El::new("span").class("at").text(format!("@{}", short(id)))
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
            let capsule = if str_of(e, "style") == "capsule" {
                "background:rgba(127,127,127,.15);border-radius:12px;padding:0 8px 0 0;"
            } else {
                ""
            };
            let css = format!(
                "display:inline-flex;gap:4px;align-items:center;align-self:flex-start;{capsule}"
            );
            let mut el = component_el(El::new("span"), e, path, &css);
            if show_avatar {
                el = el.child(avatar(id, px));
            }
            if show_name || !show_avatar {
                el = el.child(name(id));
            }
            out.push(&el.html());
        }
        "person_list" => {
            let px = person_px(str_of(e, "size"));
            let show_avatar = e.get("show_avatar").and_then(Value::as_bool) == Some(true);
            let show_name = e.get("show_name").and_then(Value::as_bool) != Some(false);
            let css = "display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;";
            let mut el = component_el(El::new("div"), e, path, css).drawn(icon(e.get("icon")));
            for p in e
                .get("persons")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let id = str_of(p, "id");
                let mut person =
                    El::new("span").style("display:inline-flex;gap:4px;align-items:center");
                if show_avatar {
                    person = person.child(avatar(id, px));
                }
                if show_name {
                    person = person.child(name(id));
                }
                el = el.child(person);
            }
            out.push(&el.html());
        }
        _ => {
            let el = component_el(El::new("div").class("ph"), e, path, "text-align:left;")
                .text(format!("▶ ──────── 0:00 · audio {}", str_of(e, "file_key")));
            out.push(&el.html());
        }
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
    let key = str_of(e, "img_key");
    let mut picture = component_el(El::new("div").class("ph").attr("title", key), e, path, &css);
    if !matches!(fixed, Some((w, _)) if w < 64) {
        picture = picture
            .text(format!("image {key}"))
            .child(El::new("br"))
            .drawn(alt);
    }
    out.push(&picture.html());
    let title = e
        .get("title")
        .map(|v| text(v, out.mobile))
        .unwrap_or_default();
    if !title.is_empty() {
        out.push(&El::new("div").class("notation").drawn(title).html());
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
    let css = format!("display:grid;grid-template-columns:repeat({columns},1fr);gap:4px;");
    let mut grid = component_el(El::new("div"), e, path, &css);
    for i in images {
        grid = grid.child(
            El::new("div")
                .class("ph")
                .style("aspect-ratio:1/1;padding:4px;overflow:hidden")
                .text(format!("image {}", str_of(i, "img_key"))),
        );
    }
    out.push(&grid.html());
}
