//! The card markdown subset as a tree of HTML nodes: fenced code blocks, tables, nested lists,
//! headings, rules, quotes and lines, each line's marks and tags parsed by [`crate::inline`].
//! Everything is escaped when written.

use crate::html::{El, Node, write_all};
use crate::inline::nodes as inline_nodes;

/// Markdown content as HTML.
pub(crate) fn to_html(md: &str) -> String {
    let mut out = String::new();
    write_all(&blocks(md), &mut out);
    out
}

/// Markdown content as nodes.
fn blocks(md: &str) -> Vec<Node> {
    let mut out = Vec::new();
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
            let block = El::new("code").children(crate::code::tokens(&code, lang));
            out.push(El::new("pre").child(block).into());
            continue;
        }
        if t.starts_with('|')
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("|-") || n.contains("---"))
        {
            lists.close(&mut out);
            lines.next();
            let row = |cell: &'static str, text: &str| {
                cells(text).into_iter().fold(El::new("tr"), |tr, c| {
                    tr.child(El::new(cell).children(inline_nodes(c)))
                })
            };
            let mut table = El::new("table").class("md").child(row("th", t));
            while let Some(r) = lines.peek().filter(|l| l.trim_start().starts_with('|')) {
                table = table.child(row("td", r.trim_start()));
                lines.next();
            }
            out.push(table.into());
            // The blank line that ends a table is its end, not an empty line of its own
            // (the client draws the next paragraph right under the table).
            if lines.peek().is_some_and(|l| l.trim().is_empty()) {
                lines.next();
            }
            continue;
        }
        let (tag, rest) = if let Some(r) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            (Some("ul"), r)
        } else if let Some((_, r)) = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            (Some("ol"), r)
        } else {
            (None, t)
        };
        if let Some(tag) = tag {
            lists.item(&mut out, indent(line), tag, inline_nodes(rest));
            continue;
        }
        lists.close(&mut out);
        let level = t.chars().take_while(|c| *c == '#').count();
        let block = if (1..=6).contains(&level) && t[level..].starts_with(' ') {
            let px = card_validate::spec::MARKDOWN_HEADING_PIXELS[level - 1];
            El::new("div")
                .style(&format!("font-weight:600;font-size:{px}px"))
                .children(inline_nodes(t[level..].trim()))
        } else if matches!(t.trim_end(), "---" | "***" | "<hr>" | "<hr/>" | "<hr />") {
            El::new("hr")
                .style("border:none;border-top:1px solid rgba(127,127,127,.3);margin:4px 0")
        } else if let Some(q) = t.strip_prefix("> ") {
            El::new("blockquote")
                .class("grey")
                .children(inline_nodes(q))
        } else if t.is_empty() {
            El::new("br")
        } else {
            El::new("div").children(inline_nodes(line))
        };
        out.push(block.into());
    }
    lists.close(&mut out);
    out
}

/// An open list: its items' indent, its tag, the items so far, and the item still open.
#[derive(Debug)]
struct Open {
    indent: usize,
    tag: &'static str,
    list: El,
    item: El,
}

/// The open lists, outermost first. The last item of each stays open, so a deeper list nests
/// inside it.
#[derive(Debug, Default)]
struct Lists(Vec<Open>);

impl Lists {
    /// One item: a deeper indent opens a list inside the open item; a shallower one closes
    /// the deeper lists first.
    fn item(&mut self, out: &mut Vec<Node>, indent: usize, tag: &'static str, content: Vec<Node>) {
        while let Some(top) = self.0.last() {
            if top.indent > indent || (top.indent == indent && top.tag != tag) {
                self.pop(out);
            } else {
                break;
            }
        }
        let item = El::new("li").children(content);
        match self.0.last_mut() {
            Some(top) if top.indent == indent => {
                let done = std::mem::replace(&mut top.item, item);
                top.list = std::mem::replace(&mut top.list, El::new(tag)).child(done);
            }
            _ => self.0.push(Open {
                indent,
                tag,
                list: El::new(tag),
                item,
            }),
        }
    }

    /// Ends the innermost list: into the item that holds it, or the output.
    fn pop(&mut self, out: &mut Vec<Node>) {
        let Some(top) = self.0.pop() else {
            return;
        };
        let list = top.list.child(top.item);
        match self.0.last_mut() {
            Some(parent) => {
                parent.item = std::mem::replace(&mut parent.item, El::new("li")).child(list);
            }
            None => out.push(list.into()),
        }
    }

    fn close(&mut self, out: &mut Vec<Node>) {
        while !self.0.is_empty() {
            self.pop(out);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(s: &str) -> String {
        let mut out = String::new();
        write_all(&inline_nodes(s), &mut out);
        out
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
