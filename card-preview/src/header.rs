//! The card header: template tint, icon, title with its tags, subtitle, padding.

use serde_json::Value;

use crate::component::{Drawing, icon, str_of, text};
use crate::{esc, facts, style};

pub(crate) fn header(h: &Value, out: &mut Drawing) {
    let (bg, title_colour) = style::template(str_of(h, "template"), out.dark);
    let padding = style::box_css(str_of(h, "padding")).unwrap_or_else(|| "12px".into());
    // The header page: a subtitle alone is shown as the title; the title keeps four lines
    // and the subtitle one, with an ellipsis.
    let subtitle = h.get("subtitle").filter(|v| v.is_object());
    let (title, subtitle) = match h.get("title").filter(|v| v.is_object()) {
        Some(t) => (text(t, out.mobile), subtitle.map(|v| text(v, out.mobile))),
        None => (
            subtitle.map(|v| text(v, out.mobile)).unwrap_or_default(),
            None,
        ),
    };
    let at = card_validate::path::key(card_validate::path::ROOT, "header");
    let css = format!("background:{bg};color:{title_colour};padding:{padding}");
    out.push(&format!(
        "<div class=\"header\"{}>{}<div style=\"flex:1;min-width:0\"><div class=\"title\"><span style=\"display:-webkit-inline-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;overflow:hidden\">{title}</span>",
        crate::component::path_attrs(&at, &css),
        icon(h.get("icon"))
    ));
    // The client shows at most three tags (the spec's list limit).
    for t in h
        .get("text_tag_list")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .take(facts::shown(
            card_validate::spec::HEADER.attr("text_tag_list"),
        ))
    {
        let (fg, bg) = style::tag_colours(str_of(t, "color"));
        out.push(&format!(
            "<span class=\"tag\" style=\"color:{fg};background:{bg}\">{}</span>",
            esc(t
                .pointer("/text/content")
                .and_then(Value::as_str)
                .unwrap_or_default())
        ));
    }
    out.push("</div>");
    if let Some(sub) = subtitle {
        out.push(&format!(
            "<div class=\"subtitle\" style=\"white-space:nowrap;overflow:hidden;text-overflow:ellipsis\">{sub}</div>"
        ));
    }
    out.push("</div></div>");
}
