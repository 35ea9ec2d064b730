//! Arbitrary JSON never panics the renderer, and the page always parses: random card-shaped
//! values (known tags and keys with values of any type, nested containers), random markdown
//! texts, and random values of any shape (proptest, `CASES` of each per run).

mod html5;

use card_preview::{Options, Theme, render};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const TAGS: &[&str] = &[
    "markdown",
    "div",
    "hr",
    "img",
    "img_combination",
    "column_set",
    "column",
    "button",
    "form",
    "interactive_container",
    "collapsible_panel",
    "input",
    "select_static",
    "multi_select_static",
    "select_person",
    "date_picker",
    "picker_time",
    "checker",
    "overflow",
    "table",
    "chart",
    "person",
    "person_list",
    "audio",
    "select_img",
    "note",
    "action",
    "?",
];
const KEYS: &[&str] = &[
    "content",
    "text",
    "elements",
    "columns",
    "rows",
    "chart_spec",
    "type",
    "data",
    "values",
    "xField",
    "yField",
    "seriesField",
    "categoryField",
    "valueField",
    "nameField",
    "width",
    "weight",
    "margin",
    "padding",
    "background_style",
    "text_color",
    "text_size",
    "options",
    "header",
    "title",
    "icon",
    "color",
    "format",
    "data_type",
    "name",
    "page_size",
    "persons",
    "img_list",
    "i18n_content",
    "label",
    "placeholder",
    "flex_mode",
    "direction",
    "size",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9 <>&'\"#:*_\\-\\[\\]()|`~\néü中文😀]{0,24}".prop_map(Value::from),
        prop::sample::select(TAGS).prop_map(Value::from),
        prop::sample::select(
            &[
                "8px",
                "4px 0",
                "small",
                "large",
                "red",
                "grey-50",
                "fill",
                "auto",
                "weighted",
                "bisect",
                "16:9",
                "bar",
                "pie",
                "radar",
                "wordCloud",
                "funnel"
            ][..]
        )
        .prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 80, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner.clone()), 0..6).prop_map(
                |kv| Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>()
                )
            ),
            (
                prop::sample::select(TAGS),
                prop::collection::vec((prop::sample::select(KEYS), inner), 0..6)
            )
                .prop_map(|(tag, kv)| {
                    let mut m: Map<String, Value> =
                        kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                    m.insert("tag".into(), tag.into());
                    Value::Object(m)
                }),
        ]
    })
}

fn parses(html: &str) -> bool {
    html5::parse_errors(html).is_empty()
}

const CASES: u32 = 1500;

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn card_shaped_values_render_to_pages_that_parse(elements in prop::collection::vec(value(), 0..8), header in value(), dark in any::<bool>(), compact in any::<bool>(), mobile in any::<bool>()) {
        let card = json!({
            "schema": "2.0",
            "config": {"width_mode": if compact { "compact" } else { "default" }},
            "header": header,
            "body": {"elements": elements}
        });
        let theme = if dark { Theme::Dark } else { Theme::Light };
        let page = render(&card, Options { theme, locale: Some("en_us".into()), mobile });
        prop_assert!(parses(&page), "{}", page);
    }

    #[test]
    fn any_value_renders(v in value()) {
        let page = render(&v, Options::default());
        prop_assert!(page.starts_with("<!doctype html>"));
    }
    /// Markdown text of many lines mixing the syntax's marks, tags, emoji keys, code fences
    /// with languages, times and non-ASCII text: no panic on a character boundary, and the
    /// page parses.
    #[test]
    fn any_markdown_renders_to_a_page_that_parses(parts in prop::collection::vec(markdown_piece(), 0..40)) {
        let content: String = parts.concat();
        let card = json!({"schema": "2.0", "body": {"elements": [
            {"tag": "markdown", "content": content},
            {"tag": "div", "text": {"tag": "lark_md", "content": content}}]}});
        let page = render(&card, Options::default());
        prop_assert!(parses(&page), "{}", page);
    }
}

/// A piece of markdown: a mark, a tag, a key, a fence, or text in any script.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            &[
                "\n",
                "\n\n",
                "**",
                "*",
                "~~",
                "`",
                "```",
                "```rust\n",
                "```diff\n",
                "```SQL x\n",
                "# ",
                "### ",
                "- ",
                "1. ",
                "    - ",
                "> ",
                "| a | b |\n|---|---|\n",
                "---\n",
                "[t](https://x.y)",
                "![h](img_v2_k)",
                "<at id=all></at>",
                "<font color='red'>",
                "</font>",
                "<text_tag color='blue'>",
                "</text_tag>",
                "<link url='https://a.b'>",
                "</link>",
                "<local_datetime millisecond='1552657373000' format_type='week'>",
                "<local_datetime format_type='timezone'>",
                "</local_datetime>",
                "<number_tag>",
                "</number_tag>",
                "<br>",
                ":OK:",
                ":THUMBSUP:",
                ":2022:",
                ":x:",
                "://",
                "\"",
                "'",
                "<",
                ">",
                "&",
                "&amp;",
                "/*",
                "*/",
                "//",
                "#",
                "--",
            ][..]
        )
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 ,.:;]{0,12}",
        "[\\u{4e00}-\\u{4e50}\\u{1f600}-\\u{1f610}é ü]{0,6}",
        any::<i64>().prop_map(|n| format!("<local_datetime millisecond='{n}'></local_datetime>")),
    ]
}
