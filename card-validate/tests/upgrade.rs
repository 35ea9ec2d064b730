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
    let (mut total, mut clean, mut reported) = (0, 0, 0);
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
    println!("1.0 cards: {total}; upgraded clean: {clean}; with reported leftovers: {reported}");
    assert!(
        failures.is_empty(),
        "{}\n{}",
        failures.len(),
        failures.join("\n")
    );
}
