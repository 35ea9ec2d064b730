//! The shared corpus (../shared/corpus): every card labelled valid gives 0 errors; every labelled
//! error is reported with the same code, sub-code and ErrPath; reference material never panics.

use std::path::{Path, PathBuf};

use card_validate::{ContentKind, Diagnostic, Options, rules, validate_str, validate_str_with};
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
    card_test_support::need!(card_test_support::corpus());
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
    card_test_support::need!(card_test_support::corpus());
    let strict = Options::default().strict(true);
    let (mut as_errors, mut as_strict_warnings, mut total) = (0, 0, 0);
    for (file, label) in labels() {
        let errors = label["errors"].as_array().unwrap();
        if errors.is_empty() {
            continue;
        }
        let text = read(&file);
        let report = validate_str(&text);
        let strict_report = validate_str_with(&text, strict);
        assert!(!report.is_ok(), "{file} is labelled invalid but passes");
        for want in errors {
            total += 1;
            let same = |d: &&Diagnostic| {
                Some(u64::from(d.code)) == want["code"].as_u64()
                    && d.sub_code.map(u64::from) == want["sub_code"].as_u64()
                    && d.path == want["path"].as_str().unwrap()
            };
            if report.errors().any(|d| same(&d)) {
                as_errors += 1;
                continue;
            }
            // Precision first: a key our spec does not know is a warning by default (the docs
            // list less than the server accepts) and an error in strict mode. Two labels
            // (`img_list_length` on img_combination) are of that kind; their cards are still
            // rejected for their placeholder image keys (200570).
            let warned = report
                .warnings()
                .any(|d| same(&d) && d.rule == &rules::UNKNOWN_PROPERTY);
            let strict_error = strict_report.errors().any(|d| same(&d));
            assert!(
                warned && strict_error,
                "{file}: expected {want}\ngot:\n{report}"
            );
            as_strict_warnings += 1;
        }
    }
    println!(
        "{total} labelled errors: {as_errors} reported as errors, {as_strict_warnings} as unknown-property warnings (errors in strict mode)"
    );
    assert_eq!(as_errors + as_strict_warnings, total);
    assert!(total >= 39);
    assert!(as_strict_warnings <= 2, "{as_strict_warnings}");
}

#[test]
fn kinds_are_recognised() {
    card_test_support::need!(card_test_support::corpus());
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
    card_test_support::need!(card_test_support::corpus());
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
    card_test_support::need!(card_test_support::corpus());
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
