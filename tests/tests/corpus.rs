//! The shared corpus (../shared/corpus): every card labelled valid gives 0 errors; every labelled
//! error is reported with the same code, sub-code and ErrPath; reference material never panics.

use std::path::{Path, PathBuf};

use card_validate::{ContentKind, validate_str};
use serde_json::Value;

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    assert!(
        dir.join("expected.json").exists(),
        "the shared corpus is expected at {}",
        dir.display()
    );
    dir
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(corpus().join("cards").join(rel)).unwrap()
}

fn labels() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(corpus().join("expected.json")).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

#[test]
fn cards_labelled_valid_have_no_errors() {
    let mut checked = 0;
    for (file, label) in labels() {
        if label["valid"] != Value::Bool(true) {
            continue;
        }
        let report = validate_str(&read(&file));
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        assert!(
            errors.is_empty(),
            "{file} is labelled valid, but:\n{}",
            errors.join("\n")
        );
        checked += 1;
    }
    println!("{checked} cards labelled valid: 0 errors");
    assert!(
        checked >= 129,
        "expected at least 129 valid cards, saw {checked}"
    );
}

#[test]
fn labelled_errors_are_reported_with_code_sub_code_and_path() {
    let (mut matched, mut total) = (0, 0);
    for (file, label) in labels() {
        let errors = label["errors"].as_array().unwrap();
        if errors.is_empty() {
            continue;
        }
        let report = validate_str(&read(&file));
        assert!(!report.is_ok(), "{file} is labelled invalid but passes");
        for want in errors {
            total += 1;
            let found = report.errors().any(|d| {
                Some(u64::from(d.code)) == want["code"].as_u64()
                    && d.sub_code.map(u64::from) == want["sub_code"].as_u64()
                    && d.path == want["path"].as_str().unwrap()
            });
            assert!(found, "{file}: expected {want}\ngot:\n{report}");
            matched += 1;
        }
    }
    println!("{matched}/{total} labelled errors reported");
    assert!(total >= 39);
}

#[test]
fn kinds_are_recognised() {
    for (file, _) in labels() {
        let kind = validate_str(&read(&file)).kind();
        let want = match file.split('/').next().unwrap() {
            "v1" => ContentKind::CardV1,
            "template" => ContentKind::Template,
            _ => ContentKind::CardV2,
        };
        assert_eq!(kind, want, "{file}");
    }
}

#[test]
fn v1_cards_list_what_would_break_as_2_0() {
    let mut with_findings = 0;
    for (file, _) in labels().into_iter().filter(|(f, _)| f.starts_with("v1/")) {
        let report = validate_str(&read(&file));
        assert!(report.is_ok(), "{file}");
        let first = &report.diagnostics()[0];
        assert!(first.message.contains("JSON 1.0 card"), "{file}: {first}");
        // Every v1 card in the corpus has root `elements` or other leftovers, listed with an ErrPath.
        if report.diagnostics().len() > 1 {
            with_findings += 1;
            assert!(
                report.diagnostics()[1..]
                    .iter()
                    .all(|d| d.path.starts_with("ROOT"))
            );
        }
    }
    assert!(with_findings > 50, "{with_findings}");
}

#[test]
fn reference_material_never_panics() {
    let mut n = 0;
    for dir in ["v2-reference", "v1-reference"] {
        for entry in std::fs::read_dir(corpus().join("cards").join(dir)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let report = validate_str(&text);
            for d in report.diagnostics() {
                assert!(d.path.starts_with("ROOT"));
            }
            n += 1;
        }
    }
    assert!(n >= 45);
}
