//! Cards production bots send (`../shared/corpus/cards/wild`, labels and evidence in `wild.json`):
//! every v2 card labelled valid gives 0 errors, loads into `Card` and round-trips unchanged; every
//! rejected card gives the code, sub-code and ErrPath the server answered; every v1 card is
//! recognised as 1.0.

use std::path::PathBuf;

#[path = "../../card-dsl/tests/common/mod.rs"]
mod common;

use card_dsl::Card;
use card_validate::{ContentKind, validate_str};
use common::with_update_multi;
use serde_json::Value;

fn corpus() -> PathBuf {
    card_test_support::shared_dir().join("corpus")
}

fn labels() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(corpus().join("wild.json")).expect("wild.json");
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn read(file: &str) -> String {
    std::fs::read_to_string(corpus().join("cards/wild").join(file)).unwrap()
}

use card_test_support::recorded_reply as quoted;

#[test]
fn wild_v2_cards_are_clean_load_and_round_trip() {
    card_test_support::need!(card_test_support::corpus());
    let (mut clean, mut loaded, mut unchanged, mut total) = (0, 0, 0, 0);
    for (file, label) in labels() {
        if !file.starts_with("v2/") || label["expect"] != "valid" {
            continue;
        }
        total += 1;
        let text = read(&file);
        let report = validate_str(&text);
        assert_eq!(report.kind(), ContentKind::CardV2, "{file}");
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
        clean += 1;
        let card = Card::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        loaded += 1;
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            card.to_value(),
            with_update_multi(&original),
            "{file} changed"
        );
        // The direct writer agrees with serde, extras included.
        assert_eq!(
            serde_json::from_str::<Value>(&card.to_content()).unwrap(),
            card.to_value()
        );
        unchanged += 1;
    }
    println!(
        "wild v2: {clean}/{total} clean, {loaded}/{total} loaded, {unchanged}/{total} unchanged"
    );
    assert!(total >= 20, "{total}");
}

#[test]
fn wild_rejected_cards_give_the_servers_answer() {
    card_test_support::need!(card_test_support::corpus());
    let mut found = 0;
    for (file, label) in labels() {
        if label["expect"] != "invalid" {
            continue;
        }
        let (code, sub, path) = quoted(label["server_error"].as_str().unwrap());
        let report = validate_str(&read(&file));
        let d = report
            .first_error()
            .unwrap_or_else(|| panic!("{file} passes"));
        assert_eq!(
            (d.code, d.sub_code, d.path.as_str()),
            (code, Some(sub), path.as_str()),
            "{file}: {report}"
        );
        found += 1;
    }
    println!("wild rejected: {found} found with code, sub-code and ErrPath");
    assert!(found >= 3);
}

#[test]
fn wild_v1_cards_are_recognised() {
    card_test_support::need!(card_test_support::corpus());
    let mut n = 0;
    for (file, label) in labels() {
        if !file.starts_with("v1/") {
            continue;
        }
        assert_eq!(label["expect"], "valid");
        let report = validate_str(&read(&file));
        assert_eq!(report.kind(), ContentKind::CardV1, "{file}");
        assert!(report.is_ok(), "{file}: {report}");
        n += 1;
    }
    println!("wild v1: {n} recognised as 1.0");
    assert!(n >= 8);
}

#[test]
fn the_server_reply_parser_reads_the_quotes() {
    assert_eq!(
        quoted(
            "feishu_code: 230099\nfeishu_msg : Failed to create card content, ext=ErrCode: 200861;\n ErrPath : ROOT -> body -> elements -> [1](tag: action);\n ErrMsg: x"
        ),
        (
            230099,
            200861,
            "ROOT -> body -> elements -> [1](tag: action)".to_owned()
        )
    );
    assert_eq!(
        quoted(
            "im/v1/messages → code=230099 / ErrCode 200621: parse card json err —\n unknown property: elements, path: []"
        ),
        (230099, 200621, "ROOT".to_owned())
    );
    // The outer code is read, not assumed.
    assert_eq!(quoted("code=230025 / ErrCode 1: ROOT -> body").0, 230025);
}
