//! The HTML5 parser's verdict on a page, shared by the render and property tests.

/// The HTML5 parser's errors for a page (html5ever with exact errors): none means the page
/// parses as the browser's parser expects, with no recovery.
pub fn parse_errors(html: &str) -> Vec<String> {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let dom = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), opts).one(html);
    dom.errors.borrow().iter().map(|e| e.to_string()).collect()
}

/// For each element of the page that carries a `data-path` (a drawn component), its path and
/// whether it draws anything a reader sees: text, a picture or control (`svg`, `img`, `input` …),
/// or a box made visible by its style (a background, a border, a rule), in it or below it.
#[allow(dead_code)]
pub fn drawn_components(html: &str) -> Vec<(String, bool)> {
    use html5ever::tendril::TendrilSink;
    let dom = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
        .one(html);
    // Classes the page's stylesheet makes visible by themselves (`.ph{border:1px dashed …}`).
    let visible: Vec<String> = html
        .split("<style>")
        .skip(1)
        .filter_map(|s| s.split("</style>").next())
        .flat_map(|css| css.split('}'))
        .filter_map(|rule| rule.split_once('{'))
        .filter(|(_, body)| shows(body))
        .flat_map(|(selectors, _)| selectors.split(','))
        .filter_map(|sel| sel.trim().strip_prefix('.'))
        .filter(|class| {
            class
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_owned)
        .collect();
    let mut out = Vec::new();
    walk(&dom.document, &visible, &mut out);
    out
}

/// Whether a style declares something visible by itself.
fn shows(style: &str) -> bool {
    ["background", "border", "box-shadow"]
        .iter()
        .any(|p| style.contains(p))
}

fn attr(node: &markup5ever_rcdom::Handle, name: &str) -> Option<String> {
    match &node.data {
        markup5ever_rcdom::NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn walk(node: &markup5ever_rcdom::Handle, visible: &[String], out: &mut Vec<(String, bool)>) {
    if let Some(path) = attr(node, "data-path") {
        out.push((path, draws(node, visible)));
    }
    for child in node.children.borrow().iter() {
        walk(child, visible, out);
    }
}

fn draws(node: &markup5ever_rcdom::Handle, visible: &[String]) -> bool {
    use markup5ever_rcdom::NodeData;
    match &node.data {
        NodeData::Text { contents } => !contents.borrow().trim().is_empty(),
        NodeData::Element { name, .. } => {
            const VISIBLE: &[&str] = &[
                "svg", "img", "input", "textarea", "select", "canvas", "hr", "audio", "video",
            ];
            let classes = attr(node, "class").unwrap_or_default();
            VISIBLE.contains(&&*name.local)
                || shows(&attr(node, "style").unwrap_or_default())
                || classes
                    .split_whitespace()
                    .any(|c| visible.iter().any(|v| v == c))
                || node.children.borrow().iter().any(|c| draws(c, visible))
        }
        _ => node.children.borrow().iter().any(|c| draws(c, visible)),
    }
}
