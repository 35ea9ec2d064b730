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
