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
