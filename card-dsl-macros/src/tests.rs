//! Unit tests of the expansion, run without a compiler (proc_macro2's fallback): what it emits
//! for valid markup, that every error is a `compile_error!` beside a value of the right type,
//! snapshots of two expansions, and a property test that no token stream panics the macro.

use proc_macro2::TokenStream;
use proptest::prelude::*;

use crate::{expand, expand_element};

fn card(markup: &str) -> String {
    let input: TokenStream = format!("::card_dsl; {markup}").parse().expect("tokens");
    expand(input).to_string()
}

fn errors(expansion: &str) -> usize {
    expansion.matches("compile_error").count()
}

#[test]
fn valid_markup_becomes_builder_calls() {
    let out = card(r#"<card><markdown>"hi"</markdown><hr/></card>"#);
    assert_eq!(errors(&out), 0, "{out}");
    assert!(
        out.contains(":: card_dsl :: Markdown :: new (\"hi\")"),
        "{out}"
    );
    assert!(out.contains(":: card_dsl :: Hr :: new ()"), "{out}");
}

#[test]
fn every_error_is_reported_beside_a_card_value() {
    let out = card(r#"<card><note>"a"</note><markdwn>"b"</markdwn><img img_key="xxx"/></card>"#);
    assert_eq!(errors(&out), 3, "{out}");
    assert!(out.contains("unsupported-v1-tag"), "{out}");
    assert!(out.contains("did you mean `<markdown>`"), "{out}");
    assert!(out.contains("image-key"), "{out}");
    assert!(
        out.trim_end().ends_with(":: card_dsl :: Card :: new () }"),
        "{out}"
    );
}

#[test]
fn a_syntax_error_still_expands_to_a_card() {
    let out = card(r#"<card><markdown>"hi"</card>"#);
    assert!(
        out.contains("unclosed tag `<markdown>`: expected `</markdown>` before `</card>`"),
        "{out}"
    );
    assert_eq!(
        errors(&out),
        1,
        "one error, not one per enclosing tag: {out}"
    );
    assert!(out.contains(":: card_dsl :: Card :: new ()"), "{out}");
}

#[test]
fn syntax_and_semantic_errors_come_in_one_expansion() {
    // A missing `=`, unquoted text, then a 1.0 tag and a bad image key after them.
    let out = card(r#"<card><hr element_id/> Hello <note/><img img_key="xxx"/></card>"#);
    assert!(
        out.contains("expected `=` after attribute `element_id`"),
        "{out}"
    );
    assert!(
        !out.contains("unclosed tag `<hr>`"),
        "`/>` still closes the tag: {out}"
    );
    assert!(out.contains("text must be quoted"), "{out}");
    assert!(out.contains("unsupported-v1-tag"), "{out}");
    assert!(out.contains("image-key"), "{out}");
    assert!(out.contains(":: card_dsl :: Card :: new ()"), "{out}");
}

#[test]
fn element_errors_expand_to_a_value_of_any_type() {
    let input: TokenStream = "::card_dsl; <button type=\"shiny\"/>".parse().unwrap();
    let out = expand_element(input).to_string();
    assert_eq!(errors(&out), 1, "{out}");
    assert!(out.contains("unreachable"), "{out}");
}

#[test]
fn literals_use_the_validators_rule_functions() {
    let out = card(r#"<card><column_set><column width="99999px"/></column_set></card>"#);
    assert!(out.contains("undocumented-value"), "{out}");
    let ok = card(r#"<card><column_set><column width="120px"/></column_set></card>"#);
    assert_eq!(errors(&ok), 0, "{ok}");
}

#[test]
fn expansion_snapshots() {
    insta::assert_snapshot!(
        "deploy_card",
        card(
            r#"<card><config width_mode="fill"/><header template="green"><title>"Deploy"</title></header>
               <markdown raw:future="x">"**billing** is live"</markdown>
               <button type="primary"><text>"Open"</text><behaviors><open_url default_url="https://example.com"/></behaviors></button></card>"#
        )
    );
    insta::assert_snapshot!(
        "errors_and_fallback",
        card(r#"<card><note/><table><columns></columns><rows>{vec![]}</rows></table></card>"#)
    );
}

/// Markup-shaped token soup: tags, attributes, literals, expressions, stray punctuation.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<",
        ">",
        "/",
        "=",
        ":",
        "raw",
        "card",
        "markdown",
        "button",
        "column_set",
        "column",
        "form",
        "table",
        "rows",
        "row",
        "columns",
        "header",
        "title",
        "text",
        "behaviors",
        "open_url",
        "note",
        "img",
        "hr",
        "type",
        "width",
        "img_key",
        "element_id",
        "name",
        "tag",
        "\"x\"",
        "\"primary\"",
        "\"99px\"",
        "\"img_v3_a\"",
        "1",
        "-2",
        "true",
        "{x}",
        "{vec![]}",
        "\"\"",
        "default_url",
        "config",
        "body",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// No token stream panics the macro: it always returns tokens (errors included).
    #[test]
    fn random_markup_never_panics(tokens in prop::collection::vec(token(), 0..40)) {
        let text = tokens.join(" ");
        if let Ok(input) = format!("::card_dsl; {text}").parse::<TokenStream>() {
            let _ = expand(input.clone());
            let _ = expand_element(input);
        }
        let card_text = format!("::card_dsl; <card> {text} </card>");
        if let Ok(input) = card_text.parse::<TokenStream>() {
            let _ = expand(input);
        }
    }
}
