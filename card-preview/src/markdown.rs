//! The card markdown subset as HTML: `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``,
//! fenced code blocks, `[text](url)`, `<font color>`, `<at id>`, `<link>`, lists, headings,
//! quotes and tables. Everything else is escaped text.

use crate::{esc, style};

/// Markdown content as HTML.
pub(crate) fn to_html(md: &str) -> String {
    let mut out = String::new();
    let mut lines = md.lines().peekable();
    let mut list: Option<&'static str> = None;
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("```") {
            let mut code = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push_str(l);
                code.push('\n');
            }
            close(&mut out, &mut list);
            out.push_str(&format!("<pre><code>{}</code></pre>", esc(&code)));
            continue;
        }
        if t.starts_with('|')
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("|-") || n.contains("---"))
        {
            close(&mut out, &mut list);
            let header = cells(t);
            lines.next();
            out.push_str("<table><tr>");
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
            if list != Some(tag) {
                close(&mut out, &mut list);
                out.push_str(&format!("<{tag}>"));
                list = Some(tag);
            }
            out.push_str(&format!("<li>{}</li>", inline(rest)));
            continue;
        }
        close(&mut out, &mut list);
        if let Some(h) = t
            .strip_prefix("# ")
            .or_else(|| t.strip_prefix("## "))
            .or_else(|| t.strip_prefix("### "))
        {
            out.push_str(&format!(
                "<div style=\"font-weight:600;font-size:16px\">{}</div>",
                inline(h)
            ));
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
    close(&mut out, &mut list);
    out
}

fn close(out: &mut String, list: &mut Option<&'static str>) {
    if let Some(tag) = list.take() {
        out.push_str(&format!("</{tag}>"));
    }
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
    let mut t = esc(s);
    t = pairs(&t, "**", "<b>", "</b>");
    t = pairs(&t, "~~", "<s>", "</s>");
    t = pairs(&t, "`", "<code>", "</code>");
    t = pairs(&t, "*", "<i>", "</i>");
    t = links(&t);
    t = font(&t);
    t = at(&t);
    t
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

/// `[text](url)` (escaped) as a link.
fn links(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(a) = rest.find('[') {
        let Some(b) = rest[a..].find("](").map(|i| a + i) else {
            break;
        };
        let Some(c) = rest[b..].find(')').map(|i| b + i) else {
            break;
        };
        out.push_str(&rest[..a]);
        let url = &rest[b + 2..c];
        let href = if url.starts_with("http://") || url.starts_with("https://") {
            url
        } else {
            "#"
        };
        out.push_str(&format!("<a href=\"{href}\">{}</a>", &rest[a + 1..b]));
        rest = &rest[c + 1..];
    }
    out.push_str(rest);
    out
}

/// `<font color='x'>…</font>` (escaped) as a coloured span.
fn font(s: &str) -> String {
    const OPEN: &str = "&lt;font color=";
    let mut out = s.to_owned();
    while let Some(a) = out.find(OPEN) {
        let Some(end) = out[a..].find("&gt;").map(|i| a + i) else {
            break;
        };
        let name = out[a + OPEN.len()..end]
            .replace("&#39;", "")
            .replace("&quot;", "");
        let colour = style::colour(name.trim());
        out.replace_range(
            a..end + "&gt;".len(),
            &format!("<span style=\"color:{colour}\">"),
        );
        match out.find("&lt;/font&gt;") {
            Some(c) => out.replace_range(c..c + "&lt;/font&gt;".len(), "</span>"),
            None => out.push_str("</span>"),
        }
    }
    out
}

/// `<at id=…></at>` (escaped) as a mention.
fn at(s: &str) -> String {
    let mut out = s.to_owned();
    while let Some(a) = out.find("&lt;at ") {
        let Some(close) = out[a..].find("&lt;/at&gt;").map(|i| a + i) else {
            break;
        };
        let inner = &out[a..close];
        let who = if inner.contains("all") {
            "所有人"
        } else {
            "user"
        };
        out.replace_range(
            a..close + "&lt;/at&gt;".len(),
            &format!("<span class=\"at\">@{who}</span>"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
