//! The card markdown subset as HTML: `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``,
//! fenced code blocks, `[text](url)`, `<font color>`, `<at id>`, `<link>`, nested lists, headings,
//! quotes and tables. Everything else is escaped text.

use crate::{datetime, esc, short, style};

/// Markdown content as HTML.
pub(crate) fn to_html(md: &str) -> String {
    let mut out = String::new();
    let mut lines = md.lines().peekable();
    let mut lists = Lists::default();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if let Some(lang) = t.strip_prefix("```") {
            let mut code = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push_str(l);
                code.push('\n');
            }
            lists.close(&mut out);
            out.push_str(&format!(
                "<pre><code>{}</code></pre>",
                crate::code::block(&code, lang)
            ));
            continue;
        }
        if t.starts_with('|')
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("|-") || n.contains("---"))
        {
            lists.close(&mut out);
            let header = cells(t);
            lines.next();
            out.push_str("<table class=\"md\"><tr>");
            for h in header {
                out.push_str(&format!("<th>{}</th>", inline(h)));
            }
            out.push_str("</tr>");
            while let Some(row) = lines.peek().filter(|l| l.trim_start().starts_with('|')) {
                out.push_str("<tr>");
                for c in cells(row.trim_start()) {
                    out.push_str(&format!("<td>{}</td>", inline(c)));
                }
                out.push_str("</tr>");
                lines.next();
            }
            out.push_str("</table>");
            // The blank line that ends a table is its end, not an empty line of its own
            // (the client draws the next paragraph right under the table).
            if lines.peek().is_some_and(|l| l.trim().is_empty()) {
                lines.next();
            }
            continue;
        }
        let (tag, rest) = if let Some(r) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            (Some("ul"), r)
        } else if let Some((n, r)) = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            let _ = n;
            (Some("ol"), r)
        } else {
            (None, t)
        };
        if let Some(tag) = tag {
            lists.item(&mut out, indent(line), tag, &inline(rest));
            continue;
        }
        lists.close(&mut out);
        let level = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&level) && t[level..].starts_with(' ') {
            let px = card_validate::spec::MARKDOWN_HEADING_PIXELS[level - 1];
            out.push_str(&format!(
                "<div style=\"font-weight:600;font-size:{px}px\">{}</div>",
                inline(t[level..].trim())
            ));
        } else if matches!(t.trim_end(), "---" | "***" | "<hr>" | "<hr/>" | "<hr />") {
            out.push_str(
                "<hr style=\"border:none;border-top:1px solid rgba(127,127,127,.3);margin:4px 0\">",
            );
        } else if let Some(q) = t.strip_prefix("> ") {
            out.push_str(&format!(
                "<blockquote class=\"grey\">{}</blockquote>",
                inline(q)
            ));
        } else if t.is_empty() {
            out.push_str("<br>");
        } else {
            out.push_str(&format!("<div>{}</div>", inline(line)));
        }
    }
    lists.close(&mut out);
    out
}

/// The open lists, outermost first: each with its items' indent and its tag. The last item
/// of each stays open, so a deeper list nests inside it.
#[derive(Debug, Default)]
struct Lists(Vec<(usize, &'static str)>);

impl Lists {
    /// One item: a deeper indent opens a list inside the open item; a shallower one closes
    /// the deeper lists first.
    fn item(&mut self, out: &mut String, indent: usize, tag: &'static str, html: &str) {
        while let Some(&(i, t)) = self.0.last() {
            if i > indent || (i == indent && t != tag) {
                out.push_str(&format!("</li></{t}>"));
                self.0.pop();
            } else {
                break;
            }
        }
        match self.0.last() {
            Some(&(i, _)) if i == indent => out.push_str("</li>"),
            _ => {
                out.push_str(&format!("<{tag}>"));
                self.0.push((indent, tag));
            }
        }
        out.push_str(&format!("<li>{html}"));
    }

    fn close(&mut self, out: &mut String) {
        while let Some((_, t)) = self.0.pop() {
            out.push_str(&format!("</li></{t}>"));
        }
    }
}

/// A line's indent in columns (a tab is four).
fn indent(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

fn cells(row: &str) -> Vec<&str> {
    row.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// One line's inline marks. The text is escaped first, then the marks become tags, so no
/// markup of the card's author reaches the page unescaped.
pub(crate) fn inline(s: &str) -> String {
    let mut t = emoji(&esc(s));
    t = pairs(&t, "**", "<b>", "</b>");
    t = pairs(&t, "~~", "<s>", "</s>");
    t = pairs(&t, "`", "<code>", "</code>");
    t = pairs(&t, "*", "<i>", "</i>");
    t = images(&t);
    t = links(&t);
    for br in ["&lt;br&gt;", "&lt;br/&gt;", "&lt;br /&gt;"] {
        t = t.replace(br, "<br>");
    }
    t = tags(&t, "font", |a, inner| {
        format!(
            "<span style=\"color:{}\">{inner}</span>",
            style::colour(a.get("color"))
        )
    });
    t = tags(&t, "text_tag", |a, inner| {
        let (fg, bg) = style::tag_colours(a.get("color"));
        format!("<span class=\"tag\" style=\"color:{fg};background:{bg};margin:0\">{inner}</span>")
    });
    t = tags(&t, "link", |a, inner| {
        let url = a.get("url");
        let text = if inner.is_empty() {
            url.to_owned()
        } else {
            inner.to_owned()
        };
        format!("<a href=\"{}\">{text}</a>", href(url))
    });
    t = tags(&t, "at", |a, _| {
        let who = match a.get("id") {
            "all" => "所有人".to_owned(),
            "" => "user".to_owned(),
            id => short(id),
        };
        format!("<span class=\"at\">@{who}</span>")
    });
    t = tags(&t, "person", |a, _| {
        format!("<span class=\"at\">@{}</span>", short(a.get("id")))
    });
    t = tags(&t, "number_tag", |a, inner| {
        let mut css = String::new();
        if let Some(c) = style::colour_css(a.get("background_color")) {
            css.push_str(&format!("background:{c};"));
        }
        if let Some(c) = style::colour_css(a.get("font_color")) {
            css.push_str(&format!("color:{c};"));
        }
        format!("<span class=\"num\" style=\"{css}\">{inner}</span>")
    });
    t = tags(&t, "local_datetime", |a, inner| {
        let kind = match a.get("format_type") {
            "" => card_validate::spec::LOCAL_DATETIME_FORMATS[0],
            k => k,
        };
        match a.get("millisecond").trim().parse::<i64>() {
            Ok(ms) => datetime::span(ms, kind, &datetime::local(ms, kind)),
            // Without a time the client shows the time of sending, which a preview does not
            // know.
            Err(_) if inner.is_empty() => {
                "<span class=\"grey\">(time of sending)</span>".to_owned()
            }
            Err(_) => inner.to_owned(),
        }
    });
    balance(&t)
}

/// Makes the tags of one line nest: the marks and tags above are replaced one kind at a time,
/// so a pair that crosses another (`*a <link>b* c</link>`) would close in the wrong order. A
/// close tag closes the elements opened inside it and opens them again after it (as a browser
/// does), a close tag with nothing open is dropped, and what is left open is closed. Text is
/// escaped before any tag is made, so every `<` here starts a tag this module wrote.
fn balance(html: &str) -> String {
    /// Closes the innermost open `name` and what was opened inside it, then opens those again.
    fn close<'a>(name: &str, open: &mut Vec<(&'a str, &'a str)>, out: &mut String) {
        if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
            let above: Vec<_> = open.drain(i..).collect();
            for (n, _) in above.iter().rev() {
                out.push_str(&format!("</{n}>"));
            }
            for (n, t) in &above[1..] {
                out.push_str(t);
                open.push((n, t));
            }
        }
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut open: Vec<(&str, &str)> = Vec::new();
    let mut rest = html;
    while let Some(a) = rest.find('<') {
        out.push_str(&rest[..a]);
        let Some(len) = rest[a..].find('>') else {
            out.push_str(&rest[a..]);
            rest = "";
            break;
        };
        let tag = &rest[a..=a + len];
        rest = &rest[a + len + 1..];
        if let Some(name) = tag.strip_prefix("</").map(|t| t.trim_end_matches('>')) {
            close(name, &mut open, &mut out);
            continue;
        }
        let name = tag[1..]
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or_default();
        // A link inside a link ends the outer one, as in a browser.
        if name == "a" {
            close("a", &mut open, &mut out);
        }
        out.push_str(tag);
        if !tag.ends_with("/>") && !matches!(name, "br" | "hr" | "img" | "input") {
            open.push((name, tag));
        }
    }
    out.push_str(rest);
    for (n, _) in open.iter().rev() {
        out.push_str(&format!("</{n}>"));
    }
    out
}

/// A link target: http(s) URLs (and the client's `lark://` ones) are kept, anything else is `#`.
fn href(url: &str) -> &str {
    let safe = !url.contains(['"', '<', '>', ' ']);
    if safe
        && (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("lark://"))
    {
        url
    } else {
        "#"
    }
}

/// Replaces `mark…mark` pairs with `open…close`.
fn pairs(s: &str, mark: &str, open: &str, close: &str) -> String {
    let parts: Vec<&str> = s.split(mark).collect();
    if parts.len() < 3 {
        return s.to_owned();
    }
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            let opening = i % 2 == 1;
            // An unpaired last mark stays as typed.
            if opening && i == parts.len() - 1 {
                out.push_str(mark);
            } else {
                out.push_str(if opening { open } else { close });
            }
        }
        out.push_str(p);
    }
    out
}

/// `![alt](image_key)` (escaped) as an image placeholder.
fn images(s: &str) -> String {
    bracketed(s, "![", |alt, key| {
        format!(
            "<span class=\"ph\" style=\"display:inline-block;padding:4px 8px\" title=\"{key}\">image {alt}</span>"
        )
    })
}

/// `[text](url)` (escaped) as a link.
fn links(s: &str) -> String {
    bracketed(s, "[", |text, url| {
        format!("<a href=\"{}\">{text}</a>", href(url))
    })
}

/// Replaces each `{open}text](target)` with `f(text, target)`.
fn bracketed(s: &str, open: &str, f: impl Fn(&str, &str) -> String) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(a) = rest.find(open) {
        let Some(b) = rest[a..].find("](").map(|i| a + i) else {
            break;
        };
        let Some(c) = rest[b..].find(')').map(|i| b + i) else {
            break;
        };
        out.push_str(&rest[..a]);
        out.push_str(&f(&rest[a + open.len()..b], &rest[b + 2..c]));
        rest = &rest[c + 1..];
    }
    out.push_str(rest);
    out
}

/// The attributes of an (escaped) opening tag.
#[derive(Debug, Default)]
struct Attrs(Vec<(String, String)>);

impl Attrs {
    fn parse(text: &str) -> Attrs {
        let text = text.replace("&#39;", "'").replace("&quot;", "'");
        let mut out = Vec::new();
        let mut rest = text.trim();
        while let Some(eq) = rest.find('=') {
            let key = rest[..eq].trim().to_owned();
            let after = rest[eq + 1..].trim_start();
            let (value, next) = if let Some(v) = after.strip_prefix('\'') {
                match v.find('\'') {
                    Some(end) => (&v[..end], &v[end + 1..]),
                    None => (v, ""),
                }
            } else {
                match after.find(char::is_whitespace) {
                    Some(end) => (&after[..end], &after[end..]),
                    None => (after, ""),
                }
            };
            out.push((key, value.to_owned()));
            rest = next.trim_start();
        }
        Attrs(out)
    }

    fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Replaces each (escaped) `<name …>inner</name>` with `f(attributes, inner)`; an element
/// with no closing tag ends at the end of the text.
fn tags(s: &str, name: &str, f: impl Fn(&Attrs, &str) -> String) -> String {
    let open = format!("&lt;{name}");
    let close = format!("&lt;/{name}&gt;");
    let mut out = String::new();
    let mut rest = s;
    while let Some(a) = rest.find(&open) {
        let after = &rest[a + open.len()..];
        // `<font>` must not match `<fontx>`.
        if !(after.starts_with(' ') || after.starts_with("&gt;") || after.starts_with('/')) {
            out.push_str(&rest[..a + open.len()]);
            rest = after;
            continue;
        }
        let Some(end) = after.find("&gt;") else {
            break;
        };
        let attrs = Attrs::parse(after[..end].trim_end_matches('/'));
        let body = &after[end + "&gt;".len()..];
        let (inner, next) = match body.find(&close) {
            Some(c) => (&body[..c], &body[c + close.len()..]),
            None => (body, ""),
        };
        out.push_str(&rest[..a]);
        out.push_str(&f(&attrs, inner));
        rest = next;
    }
    out.push_str(rest);
    out
}

/// `:KEY:` for a documented Feishu emoji key as its picture (see `crate::emoji`); other
/// `:words:` and anything inside inline code stay as written, as in the client.
fn emoji(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let last = parts.len() - 1;
    let mut out = String::with_capacity(s.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        // An odd part with a closing backtick after it is inline code.
        if i % 2 == 1 && i < last {
            out.push_str(part);
        } else {
            emoji_keys(part, &mut out);
        }
    }
    out
}

fn emoji_keys(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(a) = rest.find(':') {
        let tail = &rest[a + 1..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        let drawn = tail[len..]
            .starts_with(':')
            .then(|| crate::emoji::draw(&tail[..len]))
            .flatten();
        match drawn {
            Some(html) => {
                out.push_str(&rest[..a]);
                out.push_str(&html);
                rest = &tail[len + 1..];
            }
            None => {
                out.push_str(&rest[..a + 1]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_marks_and_tags_are_nested() {
        assert_eq!(
            balance("<i>a<a href=\"x\">b</i>c</a>"),
            "<i>a<a href=\"x\">b</a></i><a href=\"x\">c</a>"
        );
        assert_eq!(balance("a</b>c<br><b>d"), "ac<br><b>d</b>");
        assert_eq!(
            balance("<a href=\"x\">1<a href=\"y\">2</a>"),
            "<a href=\"x\">1</a><a href=\"y\">2</a>"
        );
        assert_eq!(
            balance("<svg><path d=\"M1 1\"/></svg>"),
            "<svg><path d=\"M1 1\"/></svg>"
        );
        let t = inline("/*<link url='https://a.b'>/*");
        assert_eq!(t, balance(&t), "{t}");
    }

    #[test]
    fn emoji_keys_outside_code_become_pictures_and_other_words_stay() {
        let t = emoji("ok :THUMBSUP: a:group:b `:OK:` :LGTM: :2022: :OK");
        assert!(
            t.starts_with("ok <span class=\"emoji-pic\" title=\":THUMBSUP:\">👍</span>"),
            "{t}"
        );
        assert!(t.contains(" a:group:b `:OK:` "), "{t}");
        assert!(t.contains("<span class=\"emoji\">LGTM</span>"), "{t}");
        assert!(t.contains("<span class=\"emoji\">2022</span>"), "{t}");
        assert!(t.ends_with(" :OK"), "{t}");
        // An unclosed backtick is not code.
        assert!(emoji("`:OK:").contains("👌"));
    }

    #[test]
    fn the_subset_renders_and_author_html_is_escaped() {
        let h = to_html("**bold** and `code` <script>x</script>\n- a\n- b\n```\nlet x = 1;\n```");
        assert!(h.contains("<b>bold</b>"), "{h}");
        assert!(h.contains("<code>code</code>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        assert!(h.contains("<ul><li>a</li><li>b</li></ul>"), "{h}");
        assert!(h.contains("<pre><code>let x = 1;\n</code></pre>"), "{h}");
        assert!(inline("[docs](https://e.com)").contains("<a href=\"https://e.com\">docs</a>"));
        assert!(inline("[x](javascript:alert(1))").contains("href=\"#\""));
        assert!(inline("<at id=all></at> hi").contains("@所有人"));
    }

    #[test]
    fn indented_items_nest_inside_the_open_item() {
        let h = to_html("- a\n  - a1\n  - a2\n    1. deep\n- b\n\tx. no\n1. one");
        assert_eq!(
            h,
            "<ul><li>a<ul><li>a1</li><li>a2<ol><li>deep</li></ol></li></ul></li><li>b</li></ul>\
             <div>\tx. no</div><ol><li>one</li></ol>"
        );
        // A marker at a shallower indent than its parent's children still closes them.
        let h = to_html("- a\n    - deep\n  - mid");
        assert_eq!(
            h,
            "<ul><li>a<ul><li>deep</li></ul><ul><li>mid</li></ul></li></ul>"
        );
    }

    #[test]
    fn a_table_is_bordered_and_its_closing_blank_line_is_not_an_empty_line() {
        let h = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nafter\n\nnext");
        assert_eq!(
            h,
            "<table class=\"md\"><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>\
             <div>after</div><br><div>next</div>"
        );
    }
}
