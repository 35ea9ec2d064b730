//! The README's main job until the sender lands: validate the example cards shipped in
//! `card-validate/examples/cards/` (good ones and broken ones) and show the diagnostics, as the
//! server would report them, with the offending line.
//!
//! Run: `cargo run --example validate_cards` (or pass your own files: `-- card.json …`).

use std::path::{Path, PathBuf};

use std::process::ExitCode;

use card_validate::{ContentKind, render_human, validate_str};

/// The shipped cards the server refuses; every other shipped card it accepts. A different verdict
/// on the shipped cards is a bug, and the example exits 1.
const REFUSED: &[&str] = &["bad-keys.json", "sales-table.json", "v1-leftovers.json"];

fn main() -> ExitCode {
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let shipped = files.is_empty();
    let mut unexpected = Vec::new();
    if files.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cards");
        files = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
    }
    let mut summary = Vec::new();
    for path in &files {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                unexpected.push(format!("{name}: cannot be read"));
                continue;
            }
        };
        let report = validate_str(&text);
        println!("══ {name} ({})", kind_name(report.kind()));
        for d in report.diagnostics() {
            print!("{}", render_human(&name, &text, d));
        }
        let (errors, warnings) = (report.errors().count(), report.warnings().count());
        // Your own files: exit 1 when the server would refuse one, as a linter does.
        let expected_ok = !(shipped && REFUSED.contains(&name.as_str()));
        if report.is_ok() != expected_ok {
            unexpected.push(format!(
                "{name}: {}",
                if report.is_ok() {
                    "accepted"
                } else {
                    "refused"
                }
            ));
        }
        let verdict = match (report.is_ok(), report.first_error()) {
            (true, _) => "the server accepts it".to_owned(),
            (false, Some(d)) => format!("the server rejects it: {}", d.server_text()),
            (false, None) => unreachable!("an invalid report has an error"),
        };
        if report.diagnostics().is_empty() {
            println!("   no findings\n");
        }
        summary.push(format!(
            "{name:<22} {errors:>2} error(s) {warnings:>2} warning(s)  → {verdict}"
        ));
    }
    println!("══ summary");
    for line in summary {
        println!("{line}");
    }
    if unexpected.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("unexpected: {}", unexpected.join("; "));
        ExitCode::FAILURE
    }
}

fn kind_name(k: ContentKind) -> &'static str {
    match k {
        ContentKind::CardV2 => "card JSON 2.0",
        ContentKind::CardV1 => "card JSON 1.0",
        ContentKind::Template => "template card",
        ContentKind::CardEntity => "CardKit card entity",
        ContentKind::Text => "text",
        ContentKind::Post => "post",
        ContentKind::ChatButton => "chat_button",
        ContentKind::Unknown => "not recognised",
    }
}
