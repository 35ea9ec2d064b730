//! Every card in ../shared/corpus/cards/v2 round-trips through the typed model: `Card::from_json`
//! succeeds and serializing back gives the same JSON (as values; `config.update_multi: true` may be
//! added). Structurally invalid cards are rejected by `from_json` or by `validate()`.

use std::path::PathBuf;

mod common;

use card_dsl::Card;
use common::with_update_multi as expected;
use serde_json::Value;

fn dir(name: &str) -> PathBuf {
    card_test_support::shared_dir()
        .join("corpus/cards")
        .join(name)
}

fn files(name: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir(name))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_v2_cards_round_trip() {
    card_test_support::need!(card_test_support::corpus());
    let mut n = 0;
    for path in files("v2") {
        let text = std::fs::read_to_string(&path).unwrap();
        let card = Card::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let original: Value = serde_json::from_str(&text).unwrap();
        let back = card.to_value();
        assert_eq!(
            back,
            expected(&original),
            "{} does not round-trip",
            path.display()
        );
        // Deterministic: the same card gives the same bytes.
        assert_eq!(
            card.to_content(),
            Card::from_json(&card.to_content()).unwrap().to_content()
        );
        n += 1;
    }
    assert!(n >= 60, "{n}");
}

#[test]
fn structurally_invalid_cards_are_rejected() {
    card_test_support::need!(card_test_support::corpus());
    for path in files("v2-invalid") {
        let text = std::fs::read_to_string(&path).unwrap();
        let rejected = match Card::from_json(&text) {
            Err(_) => true,
            Ok(card) => !card.validate().is_ok(),
        };
        assert!(rejected, "{} was accepted", path.display());
    }
}

#[test]
fn from_json_names_the_place() {
    // An unknown key at the root: the server refuses it (rules::UNKNOWN_ROOT_PROPERTY).
    let e = Card::from_json(r#"{"schema":"2.0","colour":"red"}"#).unwrap_err();
    assert_eq!(e.path, "ROOT");
    assert_eq!(e.pointer, "/colour");
    assert!(e.message.contains("unknown property `colour`"), "{e}");
    // A key 2.0 removed, inside a component.
    let e = Card::from_json(
        r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"x","href":{}}]}}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "ROOT -> body -> elements -> [0](tag: markdown)");
    assert_eq!(e.pointer, "/body/elements/0/href");
    let e = Card::from_json(r#"{"schema":"2.0","config":{"update_multi":false}}"#).unwrap_err();
    assert!(e.message.contains("update_multi is false"), "{e}");
    let e = Card::from_json(r#"{"elements":[]}"#).unwrap_err();
    assert!(e.message.contains("schema"), "{e}");
    let e = Card::from_json("{\"schema\":\"2.0\",").unwrap_err();
    assert_eq!(e.line, Some(1));
}

/// A key the spec does not list inside a component is a warning: the card loads, keeps the key
/// where it was, and writes it back.
#[test]
fn from_json_keeps_undocumented_keys() {
    let text = r#"{"schema":"2.0","config":{"update_multi":true},"body":{"elements":[{"tag":"collapsible_panel","header":{"title":{"tag":"plain_text","content":"t","text_colour":"grey"}},"elements":[],"future_key":{"a":1}}]}}"#;
    let card = Card::from_json(text).unwrap();
    assert_eq!(
        card.to_value(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    assert_eq!(
        serde_json::from_str::<Value>(&card.to_content()).unwrap(),
        card.to_value()
    );
    assert!(card.validate().is_ok());
    assert_eq!(card.validate().warnings().count(), 2);
}

/// `to_content` writes directly; it must be byte for byte what serde gives, for every corpus card.
#[test]
fn direct_writer_matches_serde_byte_for_byte() {
    let corpus = card_test_support::corpus().map(|_| files("v2"));
    for path in corpus.into_iter().flatten() {
        let card = Card::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            card.to_content(),
            serde_json::to_string(&card).unwrap(),
            "{}",
            path.display()
        );
    }
    // Escapes: quotes, backslashes, control characters, non-ASCII kept as is.
    let text = "q\"b\\n\nr\rt\tu\u{1}é/<>";
    let card = Card::new()
        .body(card_dsl::Body::new().elements(vec![card_dsl::Markdown::new(text).into()]));
    assert_eq!(card.to_content(), serde_json::to_string(&card).unwrap());
}
