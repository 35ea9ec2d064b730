//! Arbitrary bytes (and libFuzzer's mutations of the corpus cards it is seeded with) through every
//! entry point: the validator must never panic, and its report must be consistent.
#![no_main]

use card_validate::{PayloadKind, validate_payload_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in [PayloadKind::Card, PayloadKind::Text, PayloadKind::Post, PayloadKind::ChatButton] {
        let report = validate_payload_str(kind, text);
        for d in report.diagnostics() {
            assert!(d.path.starts_with("ROOT"));
            if let (Some(l), Some(c)) = (d.line, d.column) {
                assert!(l >= 1 && c >= 1);
            }
        }
    }
    // The validator's own parser accepts exactly what serde_json accepts.
    let parsed = serde_json::from_str::<serde_json::Value>(text);
    let ours_rejects = card_validate::validate_str(text)
        .diagnostics()
        .first()
        .is_some_and(|d| d.message.starts_with("parse card json err"));
    assert_eq!(ours_rejects, parsed.is_err(), "parsers disagree on {text:?}");
    if let Ok(v) = parsed {
        // Both entry points find the same things, aside from what only the text shows: the size
        // (measured on the text given) and repeated keys (a Value has already dropped them).
        let key = |r: &card_validate::Report| {
            let mut k: Vec<_> = r.diagnostics().iter().filter(|d| d.code != 230025 && !d.message.contains("is repeated in this object")).map(|d| (d.code, d.sub_code, d.path.clone(), d.pointer.clone())).collect();
            k.sort();
            k
        };
        assert_eq!(key(&card_validate::validate(&v)), key(&card_validate::validate_str(text)));
    }
});
