//! The card markdown subset as HTML: `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``,
//! fenced code blocks, `[text](url)`, `<font color>`, `<at id>`, `<link>`, nested lists, headings,
//! quotes and tables. Everything else is escaped text.

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

/// One line's inline marks, as a tree written with its text escaped ([`crate::inline`]).
pub(crate) fn inline(s: &str) -> String {
    crate::inline::line(s)
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
