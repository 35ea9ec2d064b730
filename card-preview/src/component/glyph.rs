//! Line drawings for the icon library's common tokens (`info_outlined`, `chat-forbidden_outlined`).
//!
//! The client draws its icon font; the preview has none, so a token whose words name a common
//! object (the icon library page's tokens are words joined by `-`, then `_outlined` or
//! `_filled`) is drawn as a simple 16px line drawing of that object. Other tokens stay the
//! outlined square.

/// Words and the SVG inside a 16×16 box that draws them (strokes in `currentColor`).
const GLYPHS: &[(&[&str], &str)] = &[
    (&["add", "plus", "new"], "<path d=\"M8 3v10M3 8h10\"/>"),
    (
        &["check", "done", "yes", "succeed", "success", "approve"],
        "<path d=\"M3 8.5l3.5 3.5L13 5\"/>",
    ),
    (
        &["close", "no", "cross", "cancel", "reject"],
        "<path d=\"M4 4l8 8M12 4l-8 8\"/>",
    ),
    (
        &["info", "about", "explain"],
        "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M8 7.5v3.5M8 5v.5\"/>",
    ),
    (
        &["warning", "alert", "caution", "risk"],
        "<path d=\"M8 2.5L14 13H2z\"/><path d=\"M8 6.5v3M8 11v.5\"/>",
    ),
    (
        &["ban", "forbidden", "error", "stop"],
        "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M3.8 12.2l8.4-8.4\"/>",
    ),
    (
        &["chat", "message", "comment", "reply", "feed", "group"],
        "<path d=\"M2.5 3.5h11v7H7L4 13v-2.5H2.5z\"/>",
    ),
    (
        &["calendar", "date", "day", "meeting", "schedule"],
        "<rect x=\"2.5\" y=\"3.5\" width=\"11\" height=\"10\" rx=\"1\"/><path d=\"M2.5 6.5h11M5.5 2v3M10.5 2v3\"/>",
    ),
    (
        &["time", "clock", "alarm", "history", "timer", "recent"],
        "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M8 5v3.5l2.5 1.5\"/>",
    ),
    (
        &["link", "url", "chain"],
        "<path d=\"M7 5H5a3 3 0 000 6h2M9 5h2a3 3 0 010 6H9M6 8h4\"/>",
    ),
    (
        &["search", "find", "zoom"],
        "<circle cx=\"7\" cy=\"7\" r=\"4\"/><path d=\"M10 10l3.5 3.5\"/>",
    ),
    (
        &["delete", "trash", "remove", "clear"],
        "<path d=\"M3 4.5h10M6 4.5V3h4v1.5M4.5 4.5l.7 9h5.6l.7-9\"/>",
    ),
    (
        &["edit", "pen", "write", "rename", "modify", "signature"],
        "<path d=\"M3 13l.8-3.2L10.5 3l2.5 2.5-6.7 6.7z\"/>",
    ),
    (
        &["setting", "settings", "config", "manage", "admin"],
        "<circle cx=\"8\" cy=\"8\" r=\"2.2\"/><circle cx=\"8\" cy=\"8\" r=\"5.5\" stroke-dasharray=\"2.2 1.5\"/>",
    ),
    (
        &[
            "member", "user", "person", "contacts", "people", "avatar", "profile", "account",
        ],
        "<circle cx=\"8\" cy=\"5.5\" r=\"2.5\"/><path d=\"M3 13.5c0-2.8 2.2-4.5 5-4.5s5 1.7 5 4.5\"/>",
    ),
    (
        &["file", "doc", "docs", "document", "note", "sheet", "wiki"],
        "<path d=\"M4 2.5h5l3 3v8H4z\"/><path d=\"M9 2.5v3h3\"/>",
    ),
    (
        &["image", "picture", "album", "photo", "img"],
        "<rect x=\"2.5\" y=\"3\" width=\"11\" height=\"10\" rx=\"1\"/><circle cx=\"6\" cy=\"6.5\" r=\"1\"/><path d=\"M2.5 11.5l3.5-3 3 2.5 2-1.5 2.5 2\"/>",
    ),
    (
        &[
            "bell",
            "subscribe",
            "notice",
            "notification",
            "alerts",
            "remind",
            "reminder",
        ],
        "<path d=\"M4 11V7a4 4 0 018 0v4l1 1.5H3z\"/><path d=\"M7 14h2\"/>",
    ),
    (
        &["star", "collection", "favorite", "collect"],
        "<path d=\"M8 2.5l1.7 3.6 3.8.5-2.8 2.6.7 3.8L8 11.2 4.6 13l.7-3.8-2.8-2.6 3.8-.5z\"/>",
    ),
    (
        &["heart", "love"],
        "<path d=\"M8 13.5S2.5 10 2.5 6.3A2.8 2.8 0 018 5a2.8 2.8 0 015.5 1.3C13.5 10 8 13.5 8 13.5z\"/>",
    ),
    (
        &["share", "forward", "send"],
        "<path d=\"M9 3l4 4-4 4M13 7H7a4 4 0 00-4 4v1.5\"/>",
    ),
    (
        &["more", "ellipsis"],
        "<path d=\"M3.5 8h.5M7.8 8h.5M12 8h.5\" stroke-width=\"2\"/>",
    ),
    (
        &[
            "refresh", "reload", "sync", "loading", "replay", "retry", "update", "replace",
        ],
        "<path d=\"M13 8a5 5 0 11-1.5-3.6M13 2.5v2.5h-2.5\"/>",
    ),
    (
        &["download", "import"],
        "<path d=\"M8 2.5v8M4.5 7l3.5 3.5L11.5 7M3 13.5h10\"/>",
    ),
    (
        &["upload", "export"],
        "<path d=\"M8 11V3M4.5 6.5L8 3l3.5 3.5M3 13.5h10\"/>",
    ),
    (
        &["lock", "secure", "security", "privacy"],
        "<rect x=\"3.5\" y=\"7\" width=\"9\" height=\"6.5\" rx=\"1\"/><path d=\"M5.5 7V5a2.5 2.5 0 015 0v2\"/>",
    ),
    (
        &["location", "map", "local", "position", "place", "address"],
        "<path d=\"M8 14s-4.5-4.3-4.5-7.5a4.5 4.5 0 019 0C12.5 9.7 8 14 8 14z\"/><circle cx=\"8\" cy=\"6.5\" r=\"1.5\"/>",
    ),
    (
        &["phone", "call", "mobile", "telephone"],
        "<rect x=\"4.5\" y=\"2\" width=\"7\" height=\"12\" rx=\"1.2\"/><path d=\"M7.3 11.8h1.4\"/>",
    ),
    (
        &["mail", "email", "inbox"],
        "<rect x=\"2.5\" y=\"3.5\" width=\"11\" height=\"9\" rx=\"1\"/><path d=\"M2.5 4.5L8 8.5l5.5-4\"/>",
    ),
    (
        &[
            "chart",
            "data",
            "report",
            "statistics",
            "analysis",
            "dashboard",
            "bar",
        ],
        "<path d=\"M2.5 13.5h11M4.5 13.5V8M8 13.5V3.5M11.5 13.5V10\"/>",
    ),
    (
        &["robot", "bot", "ai"],
        "<rect x=\"3\" y=\"5\" width=\"10\" height=\"8\" rx=\"2\"/><path d=\"M8 2.5V5M6 8.5v1M10 8.5v1\"/>",
    ),
    (
        &["code", "develop", "api"],
        "<path d=\"M6 4L2.5 8 6 12M10 4l3.5 4-3.5 4\"/>",
    ),
    (
        &["home", "house"],
        "<path d=\"M2.5 8L8 3l5.5 5M4 7v6.5h8V7\"/>",
    ),
    (
        &["visible", "eye", "view", "preview", "read"],
        "<path d=\"M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z\"/><circle cx=\"8\" cy=\"8\" r=\"2\"/>",
    ),
    (
        &["filter", "funnel"],
        "<path d=\"M2.5 3h11L9 8.5V13l-2-1V8.5z\"/>",
    ),
    (
        &["menu", "list", "hamburger", "all"],
        "<path d=\"M3 4h10M3 8h10M3 12h10\"/>",
    ),
    (
        &["tag", "label"],
        "<path d=\"M2.5 2.5h5.5l5.5 5.5-5.5 5.5-5.5-5.5z\"/><circle cx=\"5.5\" cy=\"5.5\" r=\"1\"/>",
    ),
    (
        &["task", "todo", "approval", "checkbox", "vote"],
        "<rect x=\"2.5\" y=\"2.5\" width=\"11\" height=\"11\" rx=\"1.5\"/><path d=\"M5 8l2 2 4-4\"/>",
    ),
    (
        &["help", "question", "faq"],
        "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M6.2 6.3a1.9 1.9 0 013.6.7c0 1.3-1.8 1.5-1.8 2.6M8 11.3v.4\"/>",
    ),
    (
        &["camera", "video", "live"],
        "<rect x=\"2\" y=\"4.5\" width=\"9\" height=\"7\" rx=\"1\"/><path d=\"M11 7l3-2v6l-3-2\"/>",
    ),
    (
        &["app", "apps", "workplace", "grid"],
        "<rect x=\"2.5\" y=\"2.5\" width=\"4.5\" height=\"4.5\" rx=\"1\"/><rect x=\"9\" y=\"2.5\" width=\"4.5\" height=\"4.5\" rx=\"1\"/><rect x=\"2.5\" y=\"9\" width=\"4.5\" height=\"4.5\" rx=\"1\"/><rect x=\"9\" y=\"9\" width=\"4.5\" height=\"4.5\" rx=\"1\"/>",
    ),
    (
        &["thumbsup", "like", "good"],
        "<path d=\"M5 7.5v6H2.5v-6zM5 7.5L7.5 3c1 0 1.7.8 1.5 1.8L8.6 7h4a1 1 0 011 1.2l-1 4.5a1 1 0 01-1 .8H5\"/>",
    ),
    (
        &["lightning", "flash", "fast", "quick", "efficiency", "hot"],
        "<path d=\"M9 2L4 9h4l-1 5 5-7H8z\"/>",
    ),
];

/// The drawing for `token`, when one of its words names a drawn object; the first such word
/// decides (`chat-forbidden` is a chat bubble).
pub(crate) fn glyph(token: &str) -> Option<&'static str> {
    token
        .split(['-', '_'])
        .filter(|w| !matches!(*w, "outlined" | "filled"))
        .find_map(|w| {
            GLYPHS
                .iter()
                .find(|(words, _)| words.contains(&w))
                .map(|(_, svg)| *svg)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_drawn_by_their_first_known_word() {
        assert_eq!(glyph("chat-forbidden_outlined"), glyph("chat_outlined"));
        assert!(glyph("info_outlined").unwrap().contains("circle"));
        assert_eq!(glyph("alarm-clock_outlined"), glyph("time_outlined"));
        assert_eq!(glyph("add-bold_filled"), glyph("add_outlined"));
        assert_eq!(glyph("ccm-unknown_outlined"), None);
        assert_eq!(glyph(""), None);
        // No word is listed twice, so the order of the table never hides a glyph.
        let mut seen = std::collections::HashSet::new();
        for (words, svg) in GLYPHS {
            for w in *words {
                assert!(seen.insert(*w), "{w} listed twice");
            }
            assert!(svg.starts_with('<') && svg.ends_with("/>"), "{svg}");
        }
    }
}
