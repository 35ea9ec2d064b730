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
    assert!(out.contains("did you mean `markdown`"), "{out}");
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

/// The check stage alone: markup → IR, with names resolved and no tokens generated yet.
fn check_element(markup: &str) -> (crate::ir::Value, usize) {
    let parsed = crate::parse::markup(markup.parse().expect("tokens"));
    let mut checker = crate::check::Checker::new(parsed.errors);
    let value = checker.element(parsed.root.as_ref().expect("a root"));
    (value, checker.errors.len())
}

#[test]
fn check_resolves_required_attributes_to_constructor_arguments_in_spec_order() {
    use crate::ir::Value;
    let (value, errors) =
        check_element(r#"<markdown text_align="center" margin="4px">"hi"</markdown>"#);
    assert_eq!(errors, 0);
    let Value::Object(o) = value else {
        panic!("an object")
    };
    assert_eq!(o.ty, "Markdown");
    assert!(matches!(o.args.as_slice(), [Value::Lit(syn::Lit::Str(s))] if s.value() == "hi"));
    let setters: Vec<String> = o.setters.iter().map(|s| s.name.to_string()).collect();
    assert_eq!(setters, ["text_align", "margin"]);
    assert!(
        matches!(&o.setters[0].value, Value::Variant { ty, variant } if ty == "TextAlign" && variant == "Center")
    );
}

#[test]
fn check_leaves_a_placeholder_where_a_value_was_refused() {
    use crate::ir::Value;
    let (value, errors) = check_element(r#"<img img_key="xxx"/>"#);
    assert_eq!(errors, 1);
    let Value::Object(o) = value else {
        panic!("an object")
    };
    assert!(
        matches!(o.args.as_slice(), [Value::Missing]),
        "img_key is a constructor argument"
    );
}

#[test]
fn codegen_assembles_the_ir_without_lookups() {
    use crate::ir::{Object, Setter, Value};
    use proc_macro2::Span;
    let ident = |s: &str| syn::Ident::new(s, Span::call_site());
    let value = Value::Object(Box::new(Object {
        ty: ident("Whatever"),
        args: vec![Value::I64(3)],
        setters: vec![Setter {
            name: ident("size"),
            value: Value::Call {
                ty: ident("Width"),
                func: ident("Px"),
                args: vec![Value::I64(12)],
            },
            span: Span::call_site(),
        }],
        extra: vec![("k".to_owned(), Value::Json(Box::new(Value::U8(1))))],
    }));
    let out = crate::codegen::Codegen::new("::x".parse().unwrap())
        .element(&value)
        .to_string();
    assert!(
        out.contains(
            ":: x :: Whatever :: new (3i64) . size (:: x :: Width :: Px (12i64)) . extra (\"k\" , :: x :: __private :: serde_json :: Value :: from (1u8))"
        ),
        "{out}"
    );
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

/// The markup inside the first `card! { … }` or `element! { … }` of a UI test source, and
/// whether it is an element.
fn ui_markup(source: &str) -> Option<(String, bool)> {
    let (at, element) = match (source.find("card! {"), source.find("element! {")) {
        (Some(c), _) => (c + "card! {".len(), false),
        (None, Some(e)) => (e + "element! {".len(), true),
        (None, None) => return None,
    };
    // The macro's braces close at the matching `}`.
    let mut depth = 1;
    for (i, ch) in source[at..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((source[at..at + i].to_owned(), element));
                }
            }
            _ => {}
        }
    }
    None
}

/// The texts of the `compile_error!`s in an expansion, unescaped.
fn error_texts(expansion: &str) -> String {
    expansion.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// Every trybuild case in `tests/ui/fail` whose errors the macro itself raises (rustc's own type
/// errors aside) expands here, without a compiler, to a `compile_error!` with each message its
/// `.stderr` expects: the macro's checks are then covered by fast tests as well as by trybuild.
#[test]
fn the_ui_failures_expand_to_their_messages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/fail");
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/ui/fail")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    entries.sort();
    for path in entries {
        let source = std::fs::read_to_string(&path).unwrap();
        let stderr = std::fs::read_to_string(path.with_extension("stderr")).unwrap();
        let Some((markup, element)) = ui_markup(&source) else {
            continue;
        };
        let input: TokenStream = format!("::card_dsl; {markup}").parse().expect("tokens");
        let out = error_texts(
            &if element {
                expand_element(input)
            } else {
                expand(input)
            }
            .to_string(),
        );
        for line in stderr.lines().filter_map(|l| l.strip_prefix("error: ")) {
            // A warning made an error by `deny`: rustc names the struct that carries it.
            let want = line
                .split_once("card_dsl_warning`: ")
                .map_or(line, |(_, w)| w);
            assert!(
                out.contains(want),
                "{}: the expansion lacks {want:?}:\n{out}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 36, "{checked} messages checked");
}

/// The corpus's 2.0 cards (and production 2.0 cards) as card-validate prints them in markup:
/// (file, JSON text, markup).
fn corpus_markup() -> Option<Vec<(String, String, String)>> {
    let cards = card_test_support::corpus_cards()?;
    let mut out = Vec::new();
    for dir in ["v2", "wild/v2"] {
        let Ok(entries) = std::fs::read_dir(cards.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
        {
            let text = std::fs::read_to_string(path).unwrap();
            if let Ok(m) = card_validate::markup::to_markup_str(&text) {
                let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                out.push((name, text, m.text));
            }
        }
    }
    Some(out)
}

/// The macro refuses nothing the validator passes: the markup card-validate prints for every
/// corpus card it passes expands without a compile error. (For a card it refuses, the printed
/// markup carries the refused parts as Rust expressions, which the macro cannot check.)
#[test]
fn corpus_markup_of_clean_cards_expands_without_errors() {
    let cards = card_test_support::need!(corpus_markup());
    let mut clean = 0;
    for (name, json, markup) in &cards {
        if card_validate::validate_str(json).is_ok() {
            let out = error_texts(&card(markup));
            assert_eq!(errors(&out), 0, "{name}: {out}\n{markup}");
            clean += 1;
        }
    }
    // cards/v2 and cards/wild/v2 as the corpus holds them.
    assert_eq!(clean, 82);
}

/// What each kind of markup expands to, spaces removed: `Ok(fragments)` that the expansion holds
/// with no compile error, or `Err(message)` that its one compile error holds.
const EXPANSIONS: &[(&str, Result<&[&str], &str>)] = &[
    // Text children become text objects: with their tag where the object requires one.
    (
        r#"<div>"hi"</div>"#,
        Ok(&[
            "Div::new().text(::card_dsl::Text::new(::card_dsl::TextObjectTag::PlainText).content(\"hi\"))",
        ]),
    ),
    (
        r#"<button>{label}</button>"#,
        Ok(&["Button::new().text(::card_dsl::PlainText100::new().content(label))"]),
    ),
    // An attribute given as a child element: text or an expression.
    (
        r#"<markdown><content>"x"</content></markdown>"#,
        Ok(&["Markdown::new(\"x\")"]),
    ),
    (
        r#"<markdown><content>{x}</content></markdown>"#,
        Ok(&["Markdown::new(x)"]),
    ),
    (
        r#"<markdown><content>"x""y"</content></markdown>"#,
        Err("set `content` as an attribute: `content=…`"),
    ),
    // A block with statements stays a block; an empty one too.
    (
        r#"<markdown>{let a = 1; a}</markdown>"#,
        Ok(&["Markdown::new({leta=1;a})"]),
    ),
    // `<table>{data}</table>`: columns and rows from the data.
    (
        r#"<table>{data}</table>"#,
        Ok(&["Table::new(::std::vec::Vec::new(),::std::vec::Vec::new()).data(data)"]),
    ),
    (
        r#"<table>{a}{b}</table>"#,
        Err("`<table>` takes no text or elements"),
    ),
    (r#"<hr>"x"</hr>"#, Err("`<hr>` takes no text")),
    // Form controls need a name in a form.
    (
        r#"<form name="f"><input name="i"/><button name="b" form_action_type="submit">"Go"</button></form>"#,
        Ok(&["Input::new().name(\"i\")"]),
    ),
    (
        r#"<form name="f"><input/></form>"#,
        Err("`<input>` inside a `<form>` needs a `name` (11310)"),
    ),
    // Free JSON from an expression is serialized; another expression is passed as it is.
    (
        r#"<button><behaviors><callback value={action}/></behaviors></button>"#,
        Ok(&["to_json(&(action))"]),
    ),
    (
        r#"<button><behaviors><callback value="x"/></behaviors></button>"#,
        Ok(&["Behavior::new(::card_dsl::BehaviorType::Callback).value("]),
    ),
    // Lists: items directly or in their list element.
    (
        r#"<column_set><column><markdown>"a"</markdown></column></column_set>"#,
        Ok(&["ColumnSet::new().columns({", "Column::new().elements({"]),
    ),
    (
        r#"<column_set><columns><column><markdown>"a"</markdown></column></columns></column_set>"#,
        Ok(&["ColumnSet::new().columns({", "Column::new().elements({"]),
    ),
    (
        r#"<column_set><columns>"a"</columns></column_set>"#,
        Err("element lists hold components, not text"),
    ),
    (
        r#"<button><behaviors><open_url default_url="https://a.b"/></behaviors></button>"#,
        Ok(&["Behavior::new(::card_dsl::BehaviorType::OpenUrl).default_url(\"https://a.b\")"]),
    ),
    (
        r#"<button><behaviors><jump default_url="https://a.b"/></behaviors></button>"#,
        Err("expected one of: `<open_url>`, `<callback>`"),
    ),
    (
        r#"<select_static name="s"><options><option value="a"><text>"A"</text></option></options></select_static>"#,
        Ok(&[".options({"]),
    ),
    (
        r#"<select_static name="s"><options><opt value="a"/></options></select_static>"#,
        Err("expected `<option>` here"),
    ),
    (
        r#"<select_static name="s"><opt value="a"/></select_static>"#,
        Err("`<opt>` is not allowed inside `<select_static>`"),
    ),
    // Literals of each type.
    (
        r#"<div><text text_color="my_color" text_size="my_size">"x"</text></div>"#,
        Ok(&[
            "Color::new(\"my_color\")",
            "TextSize::Other(::std::string::String::from(\"my_size\"))",
        ]),
    ),
    (
        r#"<div><text text_size="heading">"x"</text></div>"#,
        Ok(&["TextSize::Heading"]),
    ),
    (
        r#"<column_set horizontal_spacing="8px"/>"#,
        Ok(&["Spacing::Px(8"]),
    ),
    (
        r#"<column_set horizontal_spacing="small"/>"#,
        Ok(&["Spacing::Small"]),
    ),
    (
        r#"<column_set><column weight=2/></column_set>"#,
        Ok(&[".weight(2)"]),
    ),
    (
        r#"<column_set><column weight=6/></column_set>"#,
        Err("weight"),
    ),
    (
        r#"<column_set><column weight="2"/></column_set>"#,
        Err("wrong literal for `weight`: expected an integer"),
    ),
    (
        r#"<img img_key="img_v3_x" preview=true/>"#,
        Ok(&[".preview(true)"]),
    ),
    (
        r#"<img img_key="img_v3_x" preview="yes"/>"#,
        Err("wrong literal for `preview`: expected `true` or `false`"),
    ),
    (
        r#"<div text="x"/>"#,
        Err("set `text` with a child element `<text>…</text>` or `text={expr}`"),
    ),
    (r#"<img/>"#, Err("`<img>` needs `img_key`: add `img_key=…`")),
    (
        r#"<column_set><column><markdown>"a"</markdown></column></column_set><table/>"#,
        Err("`<table>` needs `columns`: add a child `<columns>…</columns>`"),
    ),
    // Literal table rows: cells checked against their columns, integers as i64.
    (
        r#"<table><columns><column name="n" data_type="number"/><column name="d" data_type="date"/><column name="s"/><column name="b" data_type="options"/></columns><rows><row n=1 d=1700000000000 s="x" b="o"/><row n=2.5 d=5u64 s="y"/></rows></table>"#,
        Ok(&[
            "json!({\"n\":1_i64,\"d\":1700000000000_i64,\"s\":\"x\",\"b\":\"o\"})",
            "json!({\"n\":2.5,\"d\":5u64,\"s\":\"y\"})",
        ]),
    ),
    (
        r#"<table><columns><column name="d" data_type="date"/></columns><rows><row d="x"/></rows></table>"#,
        Err(
            "row 0, column 0 (\"d\", data_type date) must be a Unix timestamp in milliseconds (a JSON integer)",
        ),
    ),
    (
        r#"<table><columns><column name="n" data_type="number"/></columns><rows><row n=true/></rows></table>"#,
        Err("(\"n\", data_type number) must be a JSON number"),
    ),
    (
        r#"<table><columns><column name="s" data_type="options"/></columns><rows><row s=1/></rows></table>"#,
        Err("(\"s\", data_type options) must be a string"),
    ),
    (
        r#"<table><columns><column name="s"/></columns><rows><row t="x"/></rows></table>"#,
        Err("row 0 has key \"t\", which is not a column name"),
    ),
    (
        r#"<table><columns><column name="s"/></columns><rows><col s="x"/></rows></table>"#,
        Err("`<rows>` holds `<row …/>` elements, not `<col>`"),
    ),
    // Columns named after other attributes or after the rows are still known.
    (
        r#"<table page_size=5><columns><column name="s"/></columns><rows><row t="x"/></rows></table>"#,
        Err("row 0 has key \"t\", which is not a column name"),
    ),
    (
        r#"<table><rows><row t="x"/></rows><columns><column name="s"/></columns></table>"#,
        Err("row 0 has key \"t\", which is not a column name"),
    ),
    // A required attribute given as a child that fails is reported once, not also as missing.
    (
        r#"<table><columns>"x"</columns><rows></rows></table>"#,
        Err("`<columns>` holds `<column>` elements, not text"),
    ),
    // An expression for a typed attribute is passed as it is.
    (r#"<markdown content={x}/>"#, Ok(&["Markdown::new(x)"])),
    // A required enum has no default: it is named as missing.
    (
        r#"<img_combination><img_list><img img_key="img_v3_x"/></img_list></img_combination>"#,
        Err("`<img_combination>` needs `combination_mode`"),
    ),
    // Numbers.
    (
        r#"<config><streaming_config><print_step default=2/></streaming_config></config>"#,
        Ok(&["Num::Int(2)"]),
    ),
    (
        r#"<config><streaming_config><print_step default="2"/></streaming_config></config>"#,
        Err("wrong literal for `default`: expected a number"),
    ),
    // Columns not known at compile time: rows are not checked.
    (
        r#"<table columns={cols}><rows><row t="x"/></rows></table>"#,
        Ok(&["\"t\":\"x\""]),
    ),
    (
        r#"<table><columns>{cols}</columns><rows><row t="x"/></rows></table>"#,
        Ok(&["\"t\":\"x\""]),
    ),
];

#[test]
fn each_kind_of_markup_expands_to_its_calls_or_its_error() {
    let mut failures = Vec::new();
    for (markup, want) in EXPANSIONS {
        let out = error_texts(&card(&format!("<card>{markup}</card>"))).replace(' ', "");
        let ok = match want {
            Ok(fragments) => {
                errors(&out) == 0 && fragments.iter().all(|f| out.contains(&f.replace(' ', "")))
            }
            // One error: the one named, not a follow-on.
            Err(message) => errors(&out) == 1 && out.contains(&message.replace(' ', "")),
        };
        if !ok {
            failures.push(format!("{markup}\n  want {want:?}\n  got  {out}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The root's parts and limits: each part of `<card>` is its setter; 200 components and 5 tables
/// pass, one more fails; `element!` finds an object by its name or by its `type`.
#[test]
fn the_root_its_limits_and_lone_objects() {
    let ok = |markup: &str, fragment: &str| {
        let out = error_texts(&card(markup)).replace(' ', "");
        assert!(
            errors(&out) == 0 && out.contains(fragment),
            "{markup}: {out}"
        );
    };
    let fails = |markup: &str, message: &str| {
        let out = error_texts(&card(markup));
        assert!(
            out.contains("compile_error") && out.contains(message),
            "{markup}: {out}"
        );
    };
    ok(r#"<card i18n_header={h}></card>"#, ".i18n_header(h)");
    fails(
        r#"<card i18n_body={h}></card>"#,
        "`<card>` takes no attributes",
    );
    ok(
        r#"<card><card_link url="https://a.b"/></card>"#,
        ".card_link(::card_dsl::CardLink::new()",
    );
    ok(
        r#"<card><body><markdown>"a"</markdown></body></card>"#,
        "__card.body(::card_dsl::Body::new().elements(",
    );
    let hrs = |n: usize| "<hr/>".repeat(n);
    ok(&format!("<card>{}</card>", hrs(200)), "Hr::new()");
    fails(
        &format!("<card>{}</card>", hrs(201)),
        "the card has 201 components",
    );
    let tables =
        |n: usize| r#"<table><columns><column name="a"/></columns><rows></rows></table>"#.repeat(n);
    ok(&format!("<card>{}</card>", tables(5)), "Table::new(");
    fails(
        &format!("<card>{}</card>", tables(6)),
        "(6 tables; at most 5)",
    );
    let element = |markup: &str| {
        let input: TokenStream = format!("::card_dsl; {markup}").parse().unwrap();
        error_texts(&expand_element(input).to_string()).replace(' ', "")
    };
    let out = element(r#"<open_url default_url="https://a.b"/>"#);
    assert!(
        out.contains("Behavior::new(::card_dsl::BehaviorType::OpenUrl)"),
        "{out}"
    );
    let out = element(r#"<text_tag><text>"t"</text></text_tag>"#);
    assert!(errors(&out) == 0 && out.contains("TextTag::new("), "{out}");
}
