//! The card header: template tint, icon, title with its tags, subtitle, padding.

use serde_json::Value;

use crate::component::{Drawing, icon, str_of, text};
use crate::html::El;
use crate::{facts, style};

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
    let line_clamp = "display:-webkit-inline-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;overflow:hidden";
    let mut title = El::new("div")
        .class("title")
        .child(El::new("span").style(line_clamp).drawn(title));
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
        let text = t.pointer("/text/content").and_then(Value::as_str);
        title = title.child(
            El::new("span")
                .class("tag")
                .style(&format!("color:{fg};background:{bg}"))
                .text(text.unwrap_or_default()),
        );
    }
    let mut texts = El::new("div").style("flex:1;min-width:0").child(title);
    if let Some(sub) = subtitle {
        texts = texts.child(
            El::new("div")
                .class("subtitle")
                .style("white-space:nowrap;overflow:hidden;text-overflow:ellipsis")
                .drawn(sub),
        );
    }
    let header = crate::component::drawn_at(El::new("div").class("header"), &at, &css)
        .drawn(icon(h.get("icon")))
        .child(texts);
    out.push(&header.html());
}
