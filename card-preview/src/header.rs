//! The card header: template tint, icon, title with its tags, subtitle, padding.

use serde_json::Value;

use crate::component::{Out, icon, s, text};
use crate::{esc, style};

pub(crate) fn header(h: &Value, out: &mut Out) {
    let (bg, title_colour) = style::template(s(h, "template"), out.dark);
    let padding = style::box_css(s(h, "padding")).unwrap_or_else(|| "12px".into());
    let title = h.get("title").map(text).unwrap_or_default();
    out.push(&format!(
        "<div class=\"header\" data-path=\"ROOT -> header\" style=\"background:{bg};color:{title_colour};padding:{padding}\">{}<div style=\"flex:1;min-width:0\"><div class=\"title\">{title}",
        icon(h.get("icon"))
    ));
    // The client shows at most three tags.
    for t in h
        .get("text_tag_list")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .take(3)
    {
        let (fg, bg) = style::tag_colours(s(t, "color"));
        out.push(&format!(
            "<span class=\"tag\" style=\"color:{fg};background:{bg}\">{}</span>",
            esc(t
                .pointer("/text/content")
                .and_then(Value::as_str)
                .unwrap_or_default())
        ));
    }
    out.push("</div>");
    if let Some(sub) = h.get("subtitle").filter(|v| v.is_object()) {
        out.push(&format!("<div class=\"subtitle\">{}</div>", text(sub)));
    }
    out.push("</div></div>");
}
