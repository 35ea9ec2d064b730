//! HTML as a tree: elements with attributes and children; text and attribute values are escaped
//! when written, so a card's text can never become markup. `Drawn` carries HTML this crate drew
//! itself (icons, emoji pictures, times, a component drawn by an older string drawer).

/// A piece of a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Text, escaped when written.
    Text(String),
    /// HTML this crate drew.
    Drawn(String),
    /// An element.
    El(El),
}

/// `<tag attrs…>children</tag>` (or a void element such as `<br>`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct El {
    tag: &'static str,
    /// Attributes in order; `None` for a boolean attribute (`open`, `disabled`).
    attrs: Vec<(&'static str, Option<String>)>,
    children: Vec<Node>,
}

/// SVG shapes, written self-closed when they hold nothing (`<rect …/>`).
const SVG_SHAPES: [&str; 7] = [
    "circle", "ellipse", "line", "path", "polygon", "polyline", "rect",
];

/// Elements with no closing tag (the HTML standard's void elements).
const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl El {
    /// An element with no attributes or children.
    pub(crate) fn new(tag: &'static str) -> El {
        El {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Adds an attribute.
    pub(crate) fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((name, Some(value.into())));
        self
    }

    /// Adds a boolean attribute (`open`, `disabled`) when `on`.
    pub(crate) fn flag(mut self, name: &'static str, on: bool) -> El {
        if on {
            self.attrs.push((name, None));
        }
        self
    }

    /// Adds `class`.
    pub(crate) fn class(self, class: &str) -> El {
        self.attr("class", class)
    }

    /// Adds `style`, unless the CSS is empty.
    pub(crate) fn style(self, css: &str) -> El {
        if css.is_empty() {
            self
        } else {
            self.attr("style", css)
        }
    }

    /// Adds a child.
    pub(crate) fn child(mut self, node: impl Into<Node>) -> El {
        self.children.push(node.into());
        self
    }

    /// Adds children.
    pub(crate) fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> El {
        self.children.extend(nodes);
        self
    }

    /// Adds text.
    pub(crate) fn text(self, text: impl Into<String>) -> El {
        self.child(Node::Text(text.into()))
    }

    /// Adds HTML this crate drew.
    pub(crate) fn drawn(self, html: impl Into<String>) -> El {
        self.child(Node::Drawn(html.into()))
    }

    fn write_open(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.tag);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            if let Some(v) = v {
                out.push_str("=\"");
                out.push_str(&esc(v));
                out.push('"');
            }
        }
        out.push('>');
    }

    /// Writes the element.
    pub(crate) fn write(&self, out: &mut String) {
        if self.children.is_empty() && SVG_SHAPES.contains(&self.tag) {
            self.write_open(out);
            out.pop();
            out.push_str("/>");
            return;
        }
        self.write_open(out);
        if VOID.contains(&self.tag) {
            return;
        }
        write_all(&self.children, out);
        out.push_str("</");
        out.push_str(self.tag);
        out.push('>');
    }

    /// The element as HTML.
    pub(crate) fn html(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

impl From<El> for Node {
    fn from(el: El) -> Node {
        Node::El(el)
    }
}

/// Writes nodes in order.
pub(crate) fn write_all(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(&esc(t)),
            Node::Drawn(h) => out.push_str(h),
            Node::El(el) => el.write(out),
        }
    }
}

/// HTML-escapes text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_void_elements_do_not_close() {
        let el = El::new("div")
            .class("x")
            .attr("title", "a \"quote\" <b>")
            .style("")
            .text("1 < 2 & <script>")
            .child(El::new("br"))
            .drawn("<svg/>")
            .flag("open", true)
            .flag("hidden", false);
        assert_eq!(
            el.html(),
            "<div class=\"x\" title=\"a &quot;quote&quot; &lt;b&gt;\" open>1 &lt; 2 &amp; &lt;script&gt;<br><svg/></div>"
        );
        assert_eq!(El::new("rect").attr("x", "1").html(), "<rect x=\"1\"/>");
    }
}
