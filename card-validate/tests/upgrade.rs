//! Every 1.0 card of the corpus (`cards/v1`) and of production (`cards/wild/v1`) upgrades to a
//! 2.0 card the validator finds no error in, or the upgrade reports (as not converted) each error
//! that is left. (`cards/v1-reference` holds 1.0 *component* snippets, not cards.)

use std::path::Path;

use card_validate::upgrade::{NoteKind, upgrade_str};

fn cards(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/cards")
        .join(dir);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_1_0_card_upgrades_clean_or_reports_what_is_left() {
    card_test_support::need!(card_test_support::corpus());
    let (mut total, mut clean, mut reported) = (0, 0, 0);
    let (mut lost, mut texts_checked) = (Vec::new(), 0);
    let mut failures = Vec::new();
    for dir in ["v1", "wild/v1"] {
        for (name, text) in cards(dir) {
            total += 1;
            let u = match upgrade_str(&text) {
                Ok(u) => u,
                Err(e) => {
                    failures.push(format!("{dir}/{name}: {e}"));
                    continue;
                }
            };
            // Every text of the 1.0 card is still in the 2.0 card, or a note names it as dropped.
            let (mut before, mut after) = (Vec::new(), Vec::new());
            texts(&serde_json::from_str(&text).unwrap(), &mut before);
            strings(&u.card, &mut after);
            for t in &before {
                // Kept, or dropped with a note that names it.
                let noted = u.notes.iter().any(|n| n.message.contains(t.as_str()));
                if !noted && !after.iter().any(|a| a.contains(t.as_str())) {
                    lost.push(format!("{dir}/{name}: {t:?}"));
                }
            }
            texts_checked += before.len();
            let report = card_validate::validate(&u.card);
            let errors: Vec<_> = report.errors().collect();
            let not_converted = u
                .notes
                .iter()
                .filter(|n| n.kind == NoteKind::NotConverted)
                .count();
            if errors.is_empty() {
                clean += 1;
            } else if errors.iter().all(|d| {
                u.notes
                    .iter()
                    .any(|n| n.kind == NoteKind::NotConverted && d.path == n.path.as_str())
            }) {
                reported += 1;
                println!(
                    "{dir}/{name}: reported {not_converted}: {:?}",
                    u.not_converted().map(|n| n.to_string()).collect::<Vec<_>>()
                );
            } else {
                failures.push(format!(
                    "{dir}/{name}: {} error(s) after upgrade, {not_converted} reported:\n{}",
                    errors.len(),
                    errors
                        .iter()
                        .map(|d| format!("  {d}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
    }
    println!(
        "1.0 cards: {total}; upgraded clean: {clean}; with reported leftovers: {reported}; {texts_checked} texts kept"
    );
    assert!(
        failures.is_empty(),
        "{}\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        lost.is_empty(),
        "texts lost in the upgrade:\n{}",
        lost.join("\n")
    );
    // Exact: a card that stops upgrading clean, or a card that goes missing, fails here.
    assert_eq!((clean, reported, total), (70, 1, 71));
    assert!(texts_checked >= 370, "{texts_checked}");
}

/// The texts a reader sees: the non-empty `content` and `text` strings, trimmed.
fn texts(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match x.as_str().map(str::trim) {
                    Some(t) if (k == "content" || k == "text") && !t.is_empty() => {
                        out.push(t.to_owned());
                    }
                    _ => texts(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        _ => {}
    }
}

/// Every string value.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// What stays after the upgrade under `--strict`, per card, and why the upgrade cannot fix it:
/// each comes from the 1.0 card itself (the 1.0 card has the same finding), not from the upgrade.
const STRICT_LEFT: &[(&str, &str, &str)] = &[
    (
        "v1/feishu-docs__rgba-custom-color-example.json",
        "undocumented-value",
        "a doc fragment: its `cus-0`/`cus-1` colours refer to a config.style it does not include",
    ),
    (
        "v1/feishu-docs__rgba-custom-color-example.json",
        "missing-table-required",
        "its interactive_container has no behaviors in 1.0 either; inventing one would change the card",
    ),
    (
        "v1/feishu-docs__v1-column-set-example-data-report.json",
        "unknown-property",
        "`_varloop`: the card builder's loop variable, not a card key in any version",
    ),
    (
        "v1/feishu-docs__v1-markdown-custom-text-size.json",
        "undocumented-value",
        "`text_size: cus-0` without the config.style.text_size that would define it",
    ),
    (
        "v1/feishu-docs__v1-overflow-example.json",
        "unknown-property",
        "an overflow option's `action_type`, in neither the 1.0 nor the 2.0 overflow table",
    ),
    (
        "v1/feishu-docs__v1-plain-text-custom-text-size.json",
        "undocumented-value",
        "`text_size: cus-0` without the config.style.text_size that would define it",
    ),
    (
        "v1/feishu-docs__v1-select-img-json-structure.json",
        "image-key",
        "the doc's placeholder image key \"xxxxxxxxxxxxxx\": only the author can supply a real one",
    ),
    (
        "v1/feishu-docs__v1-select-img-json-structure.json",
        "unknown-property",
        "select_img `style`: not in the 2.0 select_img table; its meaning has no 2.0 equivalent to map to",
    ),
    (
        "v1/feishu-docs__v2page-markdown-custom-text-size-no-schema.json",
        "undocumented-value",
        "`text_size: cus-0` without the config.style.text_size that would define it",
    ),
    (
        "wild/v1/opsre__WatchAlert__feishu-json-card-firing.json",
        "unknown-property",
        "the bot's template leaves `flexMode`, `actions`, `text`, `elements` on column_sets and an hr: keys of no version",
    ),
];

/// `upgrade` gives 2.0-native output: under `--strict` the upgraded corpus cards hold only the
/// findings listed in [`STRICT_LEFT`] (each the 1.0 card's own), and the upgrade reports each.
#[test]
fn upgraded_cards_are_clean_under_strict_but_for_the_listed_source_problems() {
    card_test_support::need!(card_test_support::corpus());
    let strict = card_validate::Options::default().strict(true);
    let mut left = std::collections::BTreeSet::new();
    let (mut total, mut clean) = (0, 0);
    for dir in ["v1", "wild/v1"] {
        for (name, text) in cards(dir) {
            let u = upgrade_str(&text).unwrap();
            let report = card_validate::validate_payload_with(
                card_validate::PayloadKind::Card,
                &u.card,
                strict,
            );
            total += 1;
            if report.is_ok() && report.warnings().next().is_none() {
                clean += 1;
            }
            for d in report.errors().chain(report.warnings()) {
                left.insert((format!("{dir}/{name}"), d.rule.id.to_owned()));
                assert!(
                    u.not_converted().any(|n| d.path == n.path.as_str()),
                    "{dir}/{name}: not reported by the upgrade: {d}"
                );
            }
        }
    }
    let listed: std::collections::BTreeSet<(String, String)> = STRICT_LEFT
        .iter()
        .map(|(f, r, _)| (f.to_string(), r.to_string()))
        .collect();
    println!("upgraded 1.0 cards clean under --strict: {clean}/{total}");
    assert_eq!(left, listed, "findings left under --strict");
    assert_eq!((clean, total), (63, 71));
}
