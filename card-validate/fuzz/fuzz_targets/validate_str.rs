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
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = card_validate::validate(&v);
    }
});
