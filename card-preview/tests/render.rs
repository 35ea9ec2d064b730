//! Every corpus and production card renders, and the page is well formed (every element the
//! renderer opens is closed, in order); snapshots of the example cards' pages; nothing is
//! dropped (each component of a card appears in its page).

mod html5;

use std::path::Path;

use card_preview::{Options, Theme, render_str};
use html5::parse_errors;

fn corpus() -> Vec<(String, String)> {
    let root = card_test_support::shared_dir().join("corpus/cards");
    let mut out = Vec::new();
    for dir in [
        "v2",
        "v2-invalid",
        "v2-reference",
        "v1",
        "v1-reference",
        "template",
        "wild/v2",
        "wild/v1",
        "wild/rejected",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for f in files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
        {
            let name = format!("{dir}/{}", f.file_name().unwrap().to_string_lossy());
            out.push((name, std::fs::read_to_string(&f).unwrap()));
        }
    }
    out
}

/// Checks that the tags are balanced (void elements aside); returns the first problem.
fn well_formed(html: &str) -> Result<(), String> {
    const VOID: &[&str] = &["meta", "br", "hr", "input", "img", "!doctype"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(a) = rest.find('<') {
        let Some(b) = rest[a..].find('>').map(|i| a + i) else {
            return Err("an unterminated tag".into());
        };
        let tag = &rest[a + 1..b];
        rest = &rest[b + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name == "style" {
            let Some(end) = rest.find("</style>") else {
                return Err("unclosed <style>".into());
            };
            rest = &rest[end + "</style>".len()..];
            continue;
        }
        if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push(name);
        }
    }
    match stack.is_empty() {
        true => Ok(()),
        false => Err(format!("unclosed: {stack:?}")),
    }
}

#[test]
fn every_corpus_and_production_card_renders_to_a_well_formed_page() {
    card_test_support::need!(card_test_support::corpus());
    // The parser check can fail: a page without its doctype, or with a stray end tag.
    assert!(!parse_errors("<html><body></body></html>").is_empty());
    assert!(!parse_errors("<!doctype html><html><body></span></body></html>").is_empty());
    let cards = corpus();
    assert!(cards.len() > 200, "the corpus is found ({})", cards.len());
    let mut failures = Vec::new();
    for (name, text) in &cards {
        for theme in [Theme::Light, Theme::Dark] {
            match render_str(
                text,
                Options {
                    theme,
                    ..Options::default()
                },
            ) {
                Ok(page) => {
                    if let Err(e) = well_formed(&page) {
                        failures.push(format!("{name}: {e}"));
                    }
                    if let Some(e) = parse_errors(&page).first() {
                        failures.push(format!("{name}: the HTML5 parser reports {e}"));
                    }
                }
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
    }
    println!("rendered {} cards in two themes", cards.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The ErrPath of every component in `list` (at `path`) and in the containers inside it.
fn paths(list: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    for (i, e) in list.as_array().into_iter().flatten().enumerate() {
        let tag = e["tag"].as_str().unwrap_or("?");
        let at = format!("{path} -> [{i}](tag: {tag})");
        out.push(at.clone());
        paths(&e["elements"], &format!("{at} -> elements"), out);
        if tag == "column_set" {
            paths(&e["columns"], &format!("{at} -> columns"), out);
        }
        paths(
            &e["button_area"]["buttons"],
            &format!("{at} -> button_area -> buttons"),
            out,
        );
    }
}

#[test]
fn no_component_is_dropped() {
    card_test_support::need!(card_test_support::corpus());
    // Each component of a card, at any depth, is drawn with its ErrPath, so the page names
    // every one.
    let mut checked = 0;
    for (name, text) in corpus()
        .iter()
        .filter(|(n, _)| n.starts_with("v2/") || n.starts_with("wild/v2"))
    {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let page = render_str(text, Options::default()).unwrap();
        let mut all = Vec::new();
        paths(&v["body"]["elements"], "ROOT -> body -> elements", &mut all);
        for path in all {
            let escaped = path.replace('>', "&gt;");
            assert!(
                page.contains(&format!("data-path=\"{escaped}\"")),
                "{name}: {path} is not in the page"
            );
            checked += 1;
        }
        // And each one draws something (text, a picture or control, or a visible box), unless
        // the card gives it nothing to show: an empty text, as a stream's placeholder is.
        let mut empty = Vec::new();
        empty_texts(
            &v["body"]["elements"],
            "ROOT -> body -> elements",
            &mut empty,
        );
        for (path, draws) in html5::drawn_components(&page) {
            assert!(
                draws || empty.contains(&path),
                "{name}: {path} is in the page but draws nothing"
            );
        }
    }
    println!("{checked} components found in their pages, each drawing something");
    assert!(
        checked > 500,
        "the corpus's components are walked ({checked})"
    );
}

/// The ErrPaths of the markdown components with no text (a stream's placeholder).
fn empty_texts(list: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    let mut all = Vec::new();
    paths(list, path, &mut all);
    let mut values = Vec::new();
    components(list, &mut values);
    for (p, e) in all.into_iter().zip(values) {
        if e["tag"] == "markdown" && e["content"].as_str().is_some_and(|c| c.trim().is_empty()) {
            out.push(p);
        }
    }
}

/// Every component in `list` and in the containers inside it, in the order `paths` gives.
fn components<'a>(list: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    for e in list.as_array().into_iter().flatten() {
        out.push(e);
        components(&e["elements"], out);
        if e["tag"] == "column_set" {
            components(&e["columns"], out);
        }
        components(&e["button_area"]["buttons"], out);
    }
}

#[test]
fn findings_are_listed_beside_the_card_and_outline_their_element() {
    let bad = r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"https://x/y.png"}]}}"#;
    let page = render_str(bad, Options::default()).unwrap();
    assert!(page.contains("the server would refuse this card"));
    assert!(page.contains("image-key"));
    assert!(
        page.contains(
            "[data-path=\"ROOT -\\3e  body -\\3e  elements -\\3e  [0](tag: img)\"]{outline"
        ),
        "{page}"
    );
    let e = render_str("{\n,", Options::default()).unwrap_err();
    assert_eq!(e.line(), 2);
}

#[test]
fn example_pages_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("../card-validate/examples/cards");
    for (dir, name) in [
        (&examples, "deploy-finished.json"),
        (&examples, "legacy-v1.json"),
        (&root.join("tests/cards"), "gallery.json"),
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let page = render_str(&text, Options::default()).unwrap();
        // The CSS is the same for every page; the snapshot keeps the card and the findings.
        let body = &page[page.find("<body>").unwrap()..];
        insta::assert_snapshot!(name, body);
    }
}

/// The body of a one-element card's page (the CSS left out).
fn one(element: serde_json::Value, width_mode: Option<&str>) -> String {
    let mut card = serde_json::json!({"schema": "2.0", "body": {"elements": [element]}});
    if let Some(w) = width_mode {
        card["config"] = serde_json::json!({ "width_mode": w });
    }
    let page = card_preview::render(&card, Options::default());
    page[page.find("<body>").unwrap()..].to_owned()
}

#[test]
fn columns_take_their_weights_widths_and_narrow_flex_modes() {
    let set = serde_json::json!({"tag": "column_set", "flex_mode": "bisect", "horizontal_spacing": "large", "columns": [
        {"tag": "column", "width": "weighted", "weight": 2, "background_style": "grey", "padding": "8px", "elements": []},
        {"tag": "column", "width": "100px", "vertical_align": "center", "elements": []},
        {"tag": "column", "elements": []}
    ]});
    let wide = one(set.clone(), None);
    assert!(wide.contains("gap:12px"), "{wide}");
    assert!(wide.contains("flex:2 1 0;"), "{wide}");
    assert!(wide.contains("flex:0 0 100px;"), "{wide}");
    assert!(
        wide.contains("flex:0 1 auto;"),
        "a column's width defaults to auto: {wide}"
    );
    assert!(wide.contains("justify-content:center"), "{wide}");
    assert!(wide.contains("padding:8px;"), "{wide}");
    assert!(wide.contains("background:#f2f3f5"), "{wide}");
    // bisect only changes narrow screens: the compact width lays two columns per row.
    assert!(!wide.contains("calc("), "{wide}");
    let narrow = one(set, Some("compact"));
    assert!(
        narrow.contains("flex:0 0 calc((100% - 12px) / 2)"),
        "{narrow}"
    );
    assert!(narrow.contains("width:400px"), "{narrow}");
}

#[test]
fn charts_are_drawn_from_their_data() {
    let bar = one(
        serde_json::json!({"tag": "chart", "chart_spec": {"type": "bar", "xField": "m", "yField": "v",
            "data": {"values": [{"m": "Jan", "v": 3}, {"m": "Feb", "v": 5}, {"m": "Mar", "v": 4}]}}}),
        None,
    );
    assert_eq!(bar.matches("<rect").count(), 3, "{bar}");
    assert!(bar.contains(">Feb</text>"), "{bar}");
    let pie = one(
        serde_json::json!({"tag": "chart", "chart_spec": {"type": "pie", "categoryField": "c", "valueField": "v",
            "data": [{"id": "d", "values": [{"c": "a", "v": 1}, {"c": "b", "v": 2}, {"c": "c", "v": 3}]}]}}),
        None,
    );
    assert_eq!(pie.matches("<path").count(), 3, "{pie}");
    assert!(pie.contains("class=\"legend\""), "{pie}");
    let grouped = one(
        serde_json::json!({"tag": "chart", "chart_spec": {"type": "line", "xField": "d", "yField": "v", "seriesField": "s",
            "data": {"values": [{"d": "1", "v": 1, "s": "x"}, {"d": "2", "v": 2, "s": "x"}, {"d": "1", "v": 2, "s": "y"}, {"d": "2", "v": 1, "s": "y"}]}}}),
        None,
    );
    assert_eq!(
        grouped.matches("<polyline").count(),
        2,
        "one line per series: {grouped}"
    );
    let radar = one(
        serde_json::json!({"tag": "chart", "chart_spec": {"type": "radar", "categoryField": "k", "valueField": "v",
            "data": {"values": [{"k": "a", "v": 1}, {"k": "b", "v": 2}, {"k": "c", "v": 3}]}}}),
        None,
    );
    // Four grid rings and the data's polygon.
    assert_eq!(radar.matches("<polygon").count(), 5, "{radar}");
    let cloud = one(
        serde_json::json!({"tag": "chart", "chart_spec": {"type": "wordCloud", "nameField": "n", "valueField": "v",
            "data": {"values": [{"n": "rust", "v": 9}, {"n": "cards", "v": 3}]}}}),
        None,
    );
    assert!(
        cloud.contains(">rust</text>") && cloud.contains(">cards</text>"),
        "{cloud}"
    );
    let other = one(
        serde_json::json!({"tag": "chart", "chart_spec": {"type": "sankey", "data": {"values": [{"a": 1}, {"a": 2}]}}}),
        None,
    );
    assert!(other.contains("sankey chart · 2 data points"), "{other}");
}

#[test]
fn markdown_tags_render_and_stay_safe() {
    let md = one(
        serde_json::json!({"tag": "markdown", "content": "### Title\n<text_tag color='red'>hot</text_tag> <link url='javascript:alert(1)'>x</link> <number_tag>3</number_tag> :DONE:\n<font color='green\" onmouseover=\"x'>g</font>\n---"}),
        None,
    );
    // The rich-text page's heading sizes: 26, 22, 20, 18, 17, 14px.
    assert!(md.contains("font-size:20px\">Title"), "{md}");
    assert!(
        md.contains("class=\"tag\"") && md.contains(">hot</span>"),
        "{md}"
    );
    assert!(md.contains("<a href=\"#\">x</a>"), "{md}");
    assert!(md.contains("class=\"num\""), "{md}");
    assert!(md.contains("title=\":DONE:\">✅</span>"), "{md}");
    assert!(!md.contains("onmouseover=\""), "{md}");
    assert!(md.contains("<hr"), "{md}");
    let div = one(
        serde_json::json!({"tag": "div", "text": {"tag": "plain_text", "content": "x", "text_color": "red\";background:url(x)"}}),
        None,
    );
    let card = &div[..div.find("class=\"findings\"").unwrap()];
    assert!(!card.contains("url(x)"), "{div}");
    assert!(card.contains("color:inherit"), "{div}");
}

#[test]
fn tables_format_cells_by_type_and_page() {
    let t = one(
        serde_json::json!({"tag": "table", "page_size": 1, "columns": [
            {"name": "n", "display_name": "N", "data_type": "number", "format": {"precision": 1, "separator": true}},
            {"name": "o", "data_type": "options"},
            {"name": "d", "data_type": "date", "date_format": "YYYY-MM-DD"}
        ], "rows": [{"n": 12345.67, "o": [{"text": "ok", "color": "green"}], "d": 1_700_000_000_000_i64}, {"n": 1}]}),
        None,
    );
    // A low row (the default) is 32px, and what does not fit it is cut.
    assert!(
        t.contains("<tr style=\"height:32px;\"><td style=\"text-align:right;vertical-align:middle\"><div style=\"max-height:23px;overflow:hidden\">12,345.7</div></td>"),
        "{t}"
    );
    assert!(t.contains(">ok</span>"), "{t}");
    // The UTC text, which the page's script redraws in the reader's zone.
    assert!(
        t.contains("data-ms=\"1700000000000\" data-fmt=\"p:YYYY-MM-DD\"")
            && t.contains(">2023-11-14</span></div></td>"),
        "{t}"
    );
    assert!(t.contains("‹ 1 / 2 ›"), "{t}");
    // A px height, and auto rows up to row_max_height.
    let rows = serde_json::json!([{"n": 1}]);
    let col = serde_json::json!([{"name": "n", "data_type": "number"}]);
    let t = one(
        serde_json::json!({"tag": "table", "row_height": "100px", "columns": col, "rows": rows}),
        None,
    );
    assert!(
        t.contains("<tr style=\"height:100px;\">") && t.contains("max-height:91px"),
        "{t}"
    );
    let t = one(
        serde_json::json!({"tag": "table", "row_height": "auto", "row_max_height": "60px", "columns": col, "rows": rows}),
        None,
    );
    assert!(
        t.contains("<tr style=\"\">") && t.contains("max-height:51px"),
        "{t}"
    );
}

#[test]
fn any_serializable_card_renders() {
    #[derive(serde::Serialize)]
    struct Mine {
        schema: &'static str,
        body: serde_json::Value,
    }
    let page = card_preview::render_card(
        &Mine {
            schema: "2.0",
            body: serde_json::json!({"elements": [{"tag": "markdown", "content": "hi"}]}),
        },
        Options::default(),
    )
    .unwrap();
    assert!(page.contains("<div>hi</div>"), "{page}");
}

#[test]
fn the_header_follows_its_page() {
    // A subtitle alone is shown as the title; at most three tags; a tag's colour defaults to blue.
    let tags: Vec<serde_json::Value> = (1..=4)
        .map(|i| serde_json::json!({"tag": "text_tag", "text": {"tag": "plain_text", "content": format!("t{i}")}}))
        .collect();
    let card = serde_json::json!({"schema": "2.0", "header": {
        "subtitle": {"tag": "plain_text", "content": "only a subtitle"},
        "template": "green",
        "text_tag_list": tags
    }, "body": {"elements": []}});
    let page = card_preview::render(&card, Options::default());
    assert!(
        page.contains("overflow:hidden\">only a subtitle</span>"),
        "{page}"
    );
    assert!(!page.contains("class=\"subtitle\""), "{page}");
    assert!(
        page.contains(">t3</span>") && !page.contains(">t4</span>"),
        "{page}"
    );
    assert!(
        page.contains("color:#244eb3;background:#dee8ff\">t1"),
        "{page}"
    );
    assert!(
        page.contains("background:#dff6dc"),
        "the green template's tint: {page}"
    );
}

#[test]
fn text_is_shown_in_the_readers_locale() {
    let card = serde_json::json!({"schema": "2.0", "header": {"title": {"tag": "plain_text", "content": "标题", "i18n_content": {"en_us": "Title"}}},
        "body": {"elements": [{"tag": "markdown", "content": "你好", "i18n_content": {"en_us": "hello"}}]}});
    let en = card_preview::render(&card, Options::new().locale("en_us"));
    assert!(
        en.contains(">Title<") && en.contains("<div>hello</div>"),
        "{en}"
    );
    let base = card_preview::render(&card, Options::new());
    assert!(
        base.contains(">标题<") && base.contains("<div>你好</div>"),
        "{base}"
    );
}

#[test]
fn a_finding_outlines_the_nearest_drawn_element() {
    // update_multi=false is a finding at `ROOT -> config`, which is not drawn: the card is
    // outlined. A v1 `note` is drawn as a labelled box and outlined itself.
    let card = r#"{"schema":"2.0","config":{"update_multi":false},"body":{"elements":[{"tag":"note","elements":[]}]}}"#;
    let page = render_str(card, Options::default()).unwrap();
    assert!(
        page.contains("data-for=\"ROOT -&gt; config\" data-target=\"ROOT\""),
        "{page}"
    );
    assert!(page.contains("[data-path=\"ROOT\"]{outline"), "{page}");
    assert!(
        page.contains("data-target=\"ROOT -&gt; body -&gt; elements -&gt; [0](tag: note)\""),
        "{page}"
    );
    assert!(
        page.contains("<script>"),
        "clicking a finding locates its element"
    );
}

#[test]
fn a_panel_header_draws_its_chevron_and_turns_it_while_open() {
    // The panel page: the header icon is turned by `icon_expanded_angle` (default 180) when
    // the panel is open; `icon_position` puts it left, right (default) or after the title.
    let panel = |header: serde_json::Value| {
        one(
            serde_json::json!({"tag": "collapsible_panel", "expanded": true,
                "border": {"color": "grey"}, "header": header,
                "elements": [{"tag": "markdown", "content": "x"}]}),
            None,
        )
    };
    let title = serde_json::json!({"tag": "plain_text", "content": "Steps"});
    let h = panel(serde_json::json!({"title": title,
        "icon": {"tag": "standard_icon", "token": "down-small-ccm_outlined", "color": "grey", "size": "20px 20px"},
        "icon_expanded_angle": -180}));
    assert!(h.contains("<details class=\"panel\""), "{h}");
    assert!(
        h.contains("<span style=\"flex:1\">Steps</span><span class=\"turn\" style=\"--open:-180deg\"><svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"20\" height=\"20\" style=\"color:#8f959e;transform:rotate(0deg)\"><title>down-small-ccm_outlined</title>"),
        "{h}"
    );
    // The body puts 12px between its components, as the client's screenshots show.
    assert!(
        h.contains("data-path=\"ROOT -&gt; body\" style=\"display:flex;flex-direction:column;gap:12px;padding:12px;"),
        "{h}"
    );
    // `grey` is the client's light line colour, as the panel's default border is.
    assert!(h.contains("border:1px solid #dee0e3"), "{h}");
    // No icon: a down chevron, turned the default 180 degrees; a right arrow starts turned.
    let h = panel(serde_json::json!({"title": title, "icon_position": "follow_text"}));
    assert!(
        h.contains("<span>Steps</span><span class=\"turn\" style=\"--open:180deg\"><svg"),
        "{h}"
    );
    let h = panel(serde_json::json!({"title": title, "icon_position": "left",
        "icon": {"tag": "standard_icon", "token": "right_outlined"}}));
    assert!(
        h.contains("--open:180deg\"><svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" style=\"color:currentColor;transform:rotate(270deg)\"><title>right_outlined</title>"),
        "{h}"
    );
    // A token naming a common object is a line drawing in its colour; another token an
    // outlined square; either has the token as its tooltip.
    let h = panel(serde_json::json!({"title": title,
        "icon": {"tag": "standard_icon", "token": "upload_outlined", "color": "red"}}));
    assert!(
        h.contains("<svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" style=\"color:#f54a45\" fill=\"none\" stroke=\"currentColor\""),
        "{h}"
    );
    assert!(h.contains("<title>upload_outlined</title>"), "{h}");
    let h = panel(serde_json::json!({"title": title,
        "icon": {"tag": "standard_icon", "token": "ccm-sparkle_outlined", "color": "red"}}));
    assert!(
        h.contains(
            "<span class=\"icon glyph\" title=\"ccm-sparkle_outlined\" style=\"color:#f54a45\">"
        ),
        "{h}"
    );
}

#[test]
fn nested_lists_tables_and_icons_parse_without_recovery() {
    // Lists that nest, dedent, switch kind and end in a table or code, and panels with every
    // icon form: the page needs no HTML5 error recovery.
    let md = "- a\n  - b\n    1. c\n  2. d\n- e\n| x | y |\n|---|---|\n| 1 | 2 |\n\n  - f\n```\n- not a list\n```\n1. g\n\t- h";
    let card = serde_json::json!({"schema": "2.0", "body": {"elements": [
        {"tag": "markdown", "content": md},
        {"tag": "collapsible_panel", "header": {"title": {"tag": "plain_text", "content": "p"},
            "icon": {"tag": "standard_icon", "token": "up_outlined", "size": "99px 1px"}},
            "elements": [{"tag": "markdown", "content": md}]},
        {"tag": "div", "icon": {"tag": "custom_icon", "img_key": "img_v3_x"}, "text": {"tag": "plain_text", "content": "t"}}
    ]}});
    let page = card_preview::render(&card, Options::default());
    assert_eq!(parse_errors(&page), Vec::<String>::new());
    well_formed(&page).unwrap();
    // A marker of the other kind at the same indent starts a new list there.
    assert!(
        page.contains("<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul><ol><li>d</li></ol></li><li>e</li></ul><table class=\"md\">"),
        "{page}"
    );
    assert!(
        page.contains("<pre><code>- not a list\n</code></pre>"),
        "{page}"
    );
}

#[test]
fn custom_text_sizes_take_their_desktop_size() {
    let card = serde_json::json!({"schema": "2.0",
        "config": {"style": {"text_size": {"cus-0": {"default": "medium", "pc": "x-large", "mobile": "large"}}}},
        "body": {"elements": [{"tag": "markdown", "content": "big", "text_size": "cus-0"}]}});
    let page = card_preview::render(&card, Options::default());
    // x-large is 18px on the rich-text page.
    assert!(page.contains("font-size:18px;"), "{page}");
    assert!(page.contains("no errors"), "{page}");
}

#[test]
fn a_phone_gets_its_width_text_sizes_square_charts_and_flex_modes() {
    let card = serde_json::json!({"schema": "2.0",
        "config": {"style": {"text_size": {"cus-0": {"default": "medium", "pc": "x-large", "mobile": "large"}}}},
        "body": {"elements": [
            {"tag": "markdown", "content": "a", "text_size": "heading-0"},
            {"tag": "markdown", "content": "b", "text_size": "cus-0"},
            {"tag": "chart", "chart_spec": {"type": "bar", "data": {"values": [{"x": "a", "y": 1}]}, "xField": "x", "yField": "y"}},
            {"tag": "column_set", "flex_mode": "bisect", "columns": [
                {"tag": "column", "elements": []}, {"tag": "column", "elements": []}, {"tag": "column", "elements": []}]}]}});
    let desktop = card_preview::render(&card, Options::new());
    let phone = card_preview::render(&card, Options::new().mobile());
    // heading-0 is 30px on a desktop and 26px on a phone; cus-0 is x-large (18px) and large
    // (17px); a chart is 16:9 and 1:1; bisect puts two columns in a row only on the phone.
    assert!(desktop.contains("width:600px") && phone.contains("width:343px"));
    assert!(desktop.contains("font-size:30px;") && phone.contains("font-size:26px;"));
    assert!(desktop.contains("font-size:18px;") && phone.contains("font-size:17px;"));
    assert!(desktop.contains("viewBox=\"0 0 576 324\""), "{desktop}");
    assert!(phone.contains("viewBox=\"0 0 319 319\""), "{phone}");
    assert!(phone.contains("flex:0 0 calc((100% - 8px) / 2)"), "{phone}");
    assert!(
        !desktop.contains("flex:0 0 calc((100% - 8px) / 2)"),
        "{desktop}"
    );
}

#[test]
fn tips_confirms_and_disabled_components_show() {
    let b = one(
        serde_json::json!({"tag": "button", "text": {"tag": "plain_text", "content": "Roll back"},
            "hover_tips": {"tag": "plain_text", "content": "undo the deploy"},
            "confirm": {"title": {"tag": "plain_text", "content": "Roll back?"}, "text": {"tag": "plain_text", "content": "billing returns to v41"}}}),
        None,
    );
    assert!(
        b.contains(
            "title=\"undo the deploy\nasks to confirm: Roll back? — billing returns to v41\""
        ),
        "{b}"
    );
    let d = one(
        serde_json::json!({"tag": "button", "text": {"tag": "plain_text", "content": "Merge"}, "disabled": true,
            "hover_tips": {"tag": "plain_text", "content": "merge it"},
            "disabled_tips": {"tag": "plain_text", "content": "checks are running"}}),
        None,
    );
    assert!(
        d.contains("opacity:.5;") && d.contains("title=\"checks are running\""),
        "{d}"
    );
}

#[test]
fn custom_colours_take_their_themes_value() {
    let card = serde_json::json!({"schema": "2.0",
        "config": {"style": {"color": {"brand": {"light_mode": "rgba(255,0,0,1)", "dark_mode": "rgba(0,255,0,1)"}}}},
        "body": {"elements": [
            {"tag": "markdown", "content": "<font color='brand'>custom</font>"},
            {"tag": "div", "text": {"tag": "plain_text", "content": "div", "text_color": "brand"}}]}});
    let light = card_preview::render(&card, Options::new());
    assert!(
        light.contains("<span style=\"color:rgba(255,0,0,1)\">custom</span>"),
        "{light}"
    );
    assert!(
        light.contains("color:rgba(255,0,0,1);\">div</span>"),
        "{light}"
    );
    let dark = card_preview::render(&card, Options::new().dark());
    assert!(
        dark.contains("<span style=\"color:rgba(0,255,0,1)\">custom</span>"),
        "{dark}"
    );
    assert!(light.contains("no errors"), "{light}");
}

#[test]
fn the_summary_streaming_mode_and_card_link_are_listed() {
    let card = serde_json::json!({"schema": "2.0",
        "config": {"streaming_mode": true},
        "card_link": {"url": "https://example.com/run/7"},
        "body": {"elements": [{"tag": "markdown", "content": "thinking"}]}});
    let page = card_preview::render(&card, Options::new());
    assert!(
        page.contains("chat list shows: 生成中 (the default while streaming)"),
        "{page}"
    );
    assert!(
        page.contains("streaming mode: text elements are typed out"),
        "{page}"
    );
    assert!(
        page.contains("the whole card opens https://example.com/run/7"),
        "{page}"
    );
    let card = serde_json::json!({"schema": "2.0", "config": {"summary": {"content": "Deploy <done>"}},
        "body": {"elements": []}});
    let page = card_preview::render(&card, Options::new());
    assert!(
        page.contains("chat list shows: Deploy &lt;done&gt;"),
        "{page}"
    );
    assert!(!page.contains("streaming mode"), "{page}");
    // A page without times carries no script to redraw them.
    assert!(!page.contains("getTimezoneOffset"), "{page}");
}

/// Counts `standard_icon` objects in a card.
fn standard_icons(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(m) => {
            usize::from(m.get("tag").and_then(|t| t.as_str()) == Some("standard_icon"))
                + m.values().map(standard_icons).sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter().map(standard_icons).sum(),
        _ => 0,
    }
}

#[test]
fn most_corpus_icons_are_drawn_not_squares() {
    card_test_support::need!(card_test_support::corpus());
    let (mut icons, mut squares) = (0, 0);
    for (_, text) in corpus() {
        let Ok(card) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        icons += standard_icons(&card);
        let page = card_preview::render(&card, Options::default());
        squares += page.matches("class=\"icon glyph\"").count();
    }
    println!(
        "{} of {icons} standard_icon uses drawn (chevrons or drawings), {squares} squares",
        icons - squares
    );
    assert!(icons > 100, "the corpus's icons are found ({icons})");
    assert!(
        squares * 100 <= icons * 15,
        "{squares} of {icons} are squares"
    );
}

/// A `fields` item's lark_md keeps its line break ("**Name**\nvalue" is two lines), as in the
/// client; a plain_text one too.
#[test]
fn field_texts_keep_their_newlines() {
    let div = serde_json::json!({"tag": "div", "fields": [
        {"is_short": true, "text": {"tag": "lark_md", "content": "**Applicant**\nAda"}},
        {"is_short": true, "text": {"tag": "plain_text", "content": "Type\nannual"}}
    ]});
    let html = one(div, None);
    assert!(html.contains("<b>Applicant</b><br>Ada"), "{html}");
    assert!(html.contains("Type<br>annual"), "{html}");
}

/// Every component of the spec draws something of its own (not the "not drawn" box), at its
/// ErrPath: the preview's dispatch follows the spec, so a component the spec adds cannot be
/// left out unnoticed.
#[test]
fn every_spec_component_draws() {
    for comp in card_validate::spec::COMPONENTS {
        let element = serde_json::json!({"tag": comp.tag});
        let (element, path) = if comp.tag == "column" {
            (
                serde_json::json!({"tag": "column_set", "columns": [element]}),
                "ROOT -> body -> elements -> [0](tag: column_set) -> columns -> [0](tag: column)",
            )
        } else {
            (element, "")
        };
        let html = one(element, None);
        let at = if path.is_empty() {
            format!(
                "ROOT -&gt; body -&gt; elements -&gt; [0](tag: {})",
                comp.tag
            )
        } else {
            path.replace('>', "&gt;")
        };
        assert!(
            html.contains(&format!("data-path=\"{at}\"")),
            "{}: {html}",
            comp.tag
        );
        assert!(
            !html.contains("not drawn by the preview"),
            "{}: {html}",
            comp.tag
        );
    }
}
