//! One line of card markdown as a tree: `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``,
//! `[text](url)`, `![alt](key)`, `<br>`, the Feishu tags (`<font>`, `<text_tag>`, `<link>`,
//! `<at>`, `<person>`, `<number_tag>`, `<local_datetime>`) and `:EMOJI:` keys — parsed from the
//! raw text into nodes that nest by construction, then written with every text and attribute
//! escaped. A mark or tag that closes across another closes what was opened inside it and opens
//! it again after (as a browser does); a close with nothing open is text; what is left open ends
//! with the line.

use crate::html::{El, Node};
use crate::{datetime, short, style};

/// What opened a frame, and so what closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Mark(&'static str),
    Tag(&'static str),
}

/// An element being filled.
#[derive(Debug, Clone)]
struct Frame {
    opener: Opener,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

/// The Feishu tags a line may hold.
const TAGS: [&str; 7] = [
    "font",
    "text_tag",
    "link",
    "at",
    "person",
    "number_tag",
    "local_datetime",
];

/// The marks, longest first, with the element each draws.
const MARKS: [(&str, &str); 3] = [("**", "b"), ("~~", "s"), ("*", "i")];

/// One line as nodes.
pub(crate) fn nodes(s: &str) -> Vec<Node> {
    parse(s)
}

/// The nodes of `s`.
fn parse(s: &str) -> Vec<Node> {
    let mut p = Parser {
        stack: vec![Frame {
            opener: Opener::Tag(""),
            attrs: Vec::new(),
            children: Vec::new(),
        }],
        text: String::new(),
    };
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        rest = match c {
            '`' => p.code(rest),
            '*' | '~' => p.mark(rest),
            '!' if rest.starts_with("![") => p.image(rest),
            '[' => p.link(rest),
            '<' => p.tag(rest),
            ':' => p.emoji(rest),
            _ => {
                p.text.push(c);
                &rest[c.len_utf8()..]
            }
        };
    }
    p.flush();
    while p.stack.len() > 1 {
        p.pop();
    }
    p.stack.pop().map(|f| f.children).unwrap_or_default()
}

struct Parser {
    stack: Vec<Frame>,
    text: String,
}

impl Parser {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let t = std::mem::take(&mut self.text);
            self.push(Node::Text(t));
        }
    }

    fn push(&mut self, node: Node) {
        if let Some(top) = self.stack.last_mut() {
            top.children.push(node);
        }
    }

    fn open(&mut self, opener: Opener, attrs: Vec<(String, String)>) {
        self.flush();
        self.stack.push(Frame {
            opener,
            attrs,
            children: Vec::new(),
        });
    }

    /// Ends the top frame as a node of its parent.
    fn pop(&mut self) {
        self.flush();
        if let Some(f) = self.stack.pop() {
            let nodes = finish(f);
            for n in nodes {
                self.push(n);
            }
        }
    }

    /// Closes the innermost frame opened by `opener` and what was opened inside it, then opens
    /// those again; `false` when none is open.
    fn close(&mut self, opener: Opener) -> bool {
        let Some(i) = self.stack.iter().rposition(|f| f.opener == opener) else {
            return false;
        };
        if i == 0 {
            return false;
        }
        self.flush();
        let mut above = Vec::new();
        while self.stack.len() > i + 1 {
            above.push(self.stack.last().map(|f| (f.opener, f.attrs.clone())));
            self.pop();
        }
        self.pop();
        for (opener, attrs) in above.into_iter().rev().flatten() {
            self.open(opener, attrs);
        }
        true
    }

    fn is_open(&self, opener: Opener) -> bool {
        self.stack.iter().skip(1).any(|f| f.opener == opener)
    }

    /// `` `code` ``: the text up to the next backtick, unparsed; a lone backtick is text.
    fn code<'s>(&mut self, rest: &'s str) -> &'s str {
        match rest[1..].find('`') {
            Some(end) => {
                self.flush();
                let inner = rest[1..1 + end].to_owned();
                self.push(El::new("code").text(inner).into());
                &rest[end + 2..]
            }
            None => {
                self.text.push('`');
                &rest[1..]
            }
        }
    }

    /// `**`, `~~`, `*`: closes the open one, or opens one when the mark comes again later.
    fn mark<'s>(&mut self, rest: &'s str) -> &'s str {
        let Some((mark, _)) = MARKS.iter().find(|(m, _)| rest.starts_with(m)) else {
            self.text.push_str(&rest[..1]);
            return &rest[1..];
        };
        let after = &rest[mark.len()..];
        let opener = Opener::Mark(mark);
        if self.is_open(opener) {
            self.close(opener);
        } else if later_mark(after, mark) {
            self.open(opener, Vec::new());
        } else {
            self.text.push_str(mark);
        }
        after
    }

    /// `![alt](key)`: an image placeholder.
    fn image<'s>(&mut self, rest: &'s str) -> &'s str {
        match bracketed(&rest[1..]) {
            Some((alt, key, next)) => {
                self.flush();
                let placeholder = El::new("span")
                    .class("ph")
                    .style("display:inline-block;padding:4px 8px")
                    .attr("title", key)
                    .text(format!("image {alt}"));
                self.push(placeholder.into());
                next
            }
            None => {
                self.text.push('!');
                &rest[1..]
            }
        }
    }

    /// `[text](url)`: a link (a link inside a link ends the outer one).
    fn link<'s>(&mut self, rest: &'s str) -> &'s str {
        match bracketed(rest) {
            Some((text, url, next)) => {
                self.close(Opener::Tag("link"));
                self.flush();
                self.push(
                    El::new("a")
                        .attr("href", href(url))
                        .children(parse(text))
                        .into(),
                );
                next
            }
            None => {
                self.text.push('[');
                &rest[1..]
            }
        }
    }

    /// `<br>`, a Feishu tag or its close; anything else is text.
    fn tag<'s>(&mut self, rest: &'s str) -> &'s str {
        let Some(end) = rest.find('>') else {
            self.text.push('<');
            return &rest[1..];
        };
        let inside = &rest[1..end];
        let next = &rest[end + 1..];
        if matches!(inside.trim(), "br" | "br/" | "br /") {
            self.flush();
            self.push(El::new("br").into());
            return next;
        }
        if let Some(name) = inside.strip_prefix('/') {
            if let Some(t) = TAGS.iter().find(|t| **t == name.trim())
                && self.close(Opener::Tag(t))
            {
                return next;
            }
            self.text.push('<');
            return &rest[1..];
        }
        let name_len = inside
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inside.len());
        let Some(t) = TAGS.iter().find(|t| **t == &inside[..name_len]) else {
            self.text.push('<');
            return &rest[1..];
        };
        let attrs = attributes(inside[name_len..].trim_end_matches('/'));
        if *t == "link" {
            self.close(Opener::Tag("link"));
        }
        self.open(Opener::Tag(t), attrs);
        if inside.ends_with('/') {
            self.close(Opener::Tag(t));
        }
        next
    }

    /// `:KEY:` for a documented emoji key: its picture.
    fn emoji<'s>(&mut self, rest: &'s str) -> &'s str {
        let tail = &rest[1..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        let drawn = tail[len..]
            .starts_with(':')
            .then(|| crate::emoji::draw(&tail[..len]))
            .flatten();
        match drawn {
            Some(html) => {
                self.flush();
                self.push(Node::Drawn(html));
                &tail[len + 1..]
            }
            None => {
                self.text.push(':');
                tail
            }
        }
    }
}

/// Whether `mark` comes again in `rest` (a `*` that is half of a `**` does not count).
fn later_mark(rest: &str, mark: &str) -> bool {
    let mut r = rest;
    while let Some(i) = r.find(mark) {
        let doubled = mark == "*" && r[i + 1..].starts_with('*');
        if !doubled {
            return true;
        }
        r = &r[i + 2..];
    }
    false
}

/// `[text](target)…` → (text, target, what follows).
fn bracketed(s: &str) -> Option<(&str, &str, &str)> {
    let b = s.find("](")?;
    let c = b + s[b..].find(')')?;
    Some((&s[1..b], &s[b + 2..c], &s[c + 1..]))
}

/// A frame's nodes: marks and tags as the elements they draw.
fn finish(f: Frame) -> Vec<Node> {
    let get = |k: &str| {
        f.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let el = |tag, attrs: Vec<(&'static str, String)>, children: Vec<Node>| {
        let el = attrs
            .into_iter()
            .fold(El::new(tag), |el, (k, v)| el.attr(k, v));
        vec![Node::from(el.children(children))]
    };
    match f.opener {
        Opener::Mark(m) => {
            let tag = MARKS
                .iter()
                .find(|(x, _)| *x == m)
                .map_or("span", |(_, t)| t);
            el(tag, Vec::new(), f.children)
        }
        Opener::Tag("font") => el(
            "span",
            vec![("style", format!("color:{}", style::colour(get("color"))))],
            f.children,
        ),
        Opener::Tag("text_tag") => {
            let (fg, bg) = style::tag_colours(get("color"));
            el(
                "span",
                vec![
                    ("class", "tag".to_owned()),
                    ("style", format!("color:{fg};background:{bg};margin:0")),
                ],
                f.children,
            )
        }
        Opener::Tag("link") => {
            let url = get("url");
            let children = if f.children.is_empty() {
                vec![Node::Text(url.to_owned())]
            } else {
                f.children
            };
            el("a", vec![("href", href(url).to_owned())], children)
        }
        Opener::Tag("at") => {
            let who = match get("id") {
                "all" => "所有人".to_owned(),
                "" => "user".to_owned(),
                id => short(id),
            };
            el(
                "span",
                vec![("class", "at".to_owned())],
                vec![Node::Text(format!("@{who}"))],
            )
        }
        Opener::Tag("person") => el(
            "span",
            vec![("class", "at".to_owned())],
            vec![Node::Text(format!("@{}", short(get("id"))))],
        ),
        Opener::Tag("number_tag") => {
            let mut css = String::new();
            if let Some(c) = style::colour_css(get("background_color")) {
                css.push_str(&format!("background:{c};"));
            }
            if let Some(c) = style::colour_css(get("font_color")) {
                css.push_str(&format!("color:{c};"));
            }
            el(
                "span",
                vec![("class", "num".to_owned()), ("style", css)],
                f.children,
            )
        }
        Opener::Tag("local_datetime") => {
            let kind = match get("format_type") {
                "" => card_validate::spec::LOCAL_DATETIME_FORMATS[0],
                k => k,
            };
            match get("millisecond").trim().parse::<i64>() {
                Ok(ms) => vec![Node::Drawn(datetime::span(
                    ms,
                    kind,
                    &datetime::local(ms, kind),
                ))],
                // Without a time the client shows the time of sending, which a preview does
                // not know.
                Err(_) if f.children.is_empty() => el(
                    "span",
                    vec![("class", "grey".to_owned())],
                    vec![Node::Text("(time of sending)".to_owned())],
                ),
                Err(_) => f.children,
            }
        }
        Opener::Tag(_) => f.children,
    }
}

/// The attributes of a tag: `key='v'`, `key="v"` or `key=v`.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_owned();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"');
        let (value, next) = match quote {
            Some(q) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], &after[end + 2..]),
                None => (&after[1..], ""),
            },
            None => match after.find(char::is_whitespace) {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            },
        };
        out.push((key, value.to_owned()));
        rest = next.trim_start();
    }
    out
}

/// A link target: http(s) URLs (and the client's `lark://` ones) are kept, anything else is `#`.
fn href(url: &str) -> &str {
    let safe = !url.contains(['"', '<', '>', ' ', '\'']);
    if safe
        && (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("lark://"))
    {
        url
    } else {
        "#"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line as HTML.
    fn line(s: &str) -> String {
        let nodes = parse(s);
        let mut out = String::with_capacity(s.len() + 16);
        crate::html::write_all(&nodes, &mut out);
        out
    }

    fn html(s: &str) -> String {
        line(s)
    }

    #[test]
    fn marks_nest_and_cross_by_construction() {
        assert_eq!(
            html("**b** *i* ~~s~~ `c`"),
            "<b>b</b> <i>i</i> <s>s</s> <code>c</code>"
        );
        // A mark that closes across a tag closes it and opens it again after.
        assert_eq!(
            html("*a <font color='red'>b* c</font>"),
            "<i>a <span style=\"color:#d03f3b\">b</span></i><span style=\"color:#d03f3b\"> c</span>"
        );
        // An unpaired mark is text; a close with nothing open is text.
        assert_eq!(html("2 * 3 and </font>"), "2 * 3 and &lt;/font&gt;");
        // Inside code nothing is parsed.
        assert_eq!(html("`**x** :OK:`"), "<code>**x** :OK:</code>");
        // What is left open ends with the line.
        assert_eq!(
            html("<font color=red>open"),
            "<span style=\"color:#d03f3b\">open</span>"
        );
    }

    #[test]
    fn links_tags_and_author_html() {
        assert_eq!(
            html("[docs](https://e.com) [x](javascript:alert(1))"),
            "<a href=\"https://e.com\">docs</a> <a href=\"#\">x</a>)"
        );
        // A link inside a link ends the outer one.
        assert_eq!(
            html("<link url='https://a.b'>1<link url='https://c.d'>2</link>"),
            "<a href=\"https://a.b\">1</a><a href=\"https://c.d\">2</a>"
        );
        assert_eq!(
            html("<at id=all></at> hi"),
            "<span class=\"at\">@所有人</span> hi"
        );
        assert_eq!(html("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(html("a<br/>b"), "a<br>b");
        assert_eq!(
            html("see ![chart](img_v3_x) and [!](https://e.com) !"),
            "see <span class=\"ph\" style=\"display:inline-block;padding:4px 8px\" title=\"img_v3_x\">image chart</span> and <a href=\"https://e.com\">!</a> !"
        );
        assert_eq!(html("hey!x](y)"), "hey!x](y)");
        // A time with no millisecond: the client shows the time of sending; its text, if any.
        assert_eq!(
            html("<local_datetime></local_datetime>"),
            "<span class=\"grey\">(time of sending)</span>"
        );
        assert_eq!(html("<local_datetime>soon</local_datetime>"), "soon");
        let t = html("ok :THUMBSUP: a:group:b `:OK:` :LGTM: :2022: :OK");
        assert!(
            t.starts_with("ok <span class=\"emoji-pic\" title=\":THUMBSUP:\">👍</span>"),
            "{t}"
        );
        assert!(t.contains(" a:group:b <code>:OK:</code> "), "{t}");
        assert!(t.ends_with(" :OK"), "{t}");
        let (h, drawn) = crate::drawn::recording(|| {
            line("<local_datetime millisecond='1700000000000'></local_datetime>")
        });
        assert!(drawn.time && h.contains("class=\"time\""), "{h}");
        assert!(!crate::drawn::recording(|| line("no time")).1.time);
    }
}
