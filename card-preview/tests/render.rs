//! Every corpus and production card renders, and the page is well formed (every element the
//! renderer opens is closed, in order); snapshots of the example cards' pages; nothing is
//! dropped (each component of a card appears in its page).

use std::path::Path;

use card_preview::{Options, Theme, render_str};

fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cards");
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
    let cards = corpus();
    assert!(cards.len() > 200, "the corpus is found ({})", cards.len());
    let mut failures = Vec::new();
    for (name, text) in &cards {
        for theme in [Theme::Light, Theme::Dark] {
            match render_str(text, Options { theme }) {
                Ok(page) => {
                    if let Err(e) = well_formed(&page) {
                        failures.push(format!("{name}: {e}"));
                    }
                }
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
    }
    println!("rendered {} cards in two themes", cards.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_component_is_dropped() {
    // Each element of a card is drawn with its ErrPath, so the page names every one.
    for (name, text) in corpus()
        .iter()
        .filter(|(n, _)| n.starts_with("v2/") || n.starts_with("wild/v2"))
    {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let page = render_str(text, Options::default()).unwrap();
        let n = v
            .pointer("/body/elements")
            .and_then(|e| e.as_array())
            .map_or(0, Vec::len);
        for i in 0..n {
            let tag = v["body"]["elements"][i]["tag"].as_str().unwrap_or("?");
            let path = format!("ROOT -&gt; body -&gt; elements -&gt; [{i}](tag: {tag})");
            assert!(
                page.contains(&path),
                "{name}: element {i} ({tag}) is not in the page"
            );
        }
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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../card-validate/examples/cards");
    for name in ["deploy-finished.json", "legacy-v1.json"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let page = render_str(&text, Options::default()).unwrap();
        // The CSS is the same for every page; the snapshot keeps the card and the findings.
        let body = &page[page.find("<body>").unwrap()..];
        insta::assert_snapshot!(name, body);
    }
}
