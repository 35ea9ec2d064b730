//! The markup printed for each card builds the same JSON (`update_multi: true` aside, and the
//! `null`s the model leaves out).

use serde_json::Value;

/// Drops what the model cannot or need not carry: `config.update_multi` (always true) and
/// `null` values; an emptied `config` goes too.
fn normalize(v: &mut Value) {
    if let Some(m) = v.as_object_mut() {
        m.retain(|_, x| !x.is_null());
        for x in m.values_mut() {
            normalize(x);
        }
    } else if let Some(a) = v.as_array_mut() {
        a.iter_mut().for_each(normalize);
    }
}

fn without_update_multi(v: &mut Value) {
    if let Some(c) = v.get_mut("config").and_then(Value::as_object_mut) {
        c.remove("update_multi");
        if c.is_empty() {
            v.as_object_mut().unwrap().remove("config");
        }
    }
}

#[test]
fn every_card_round_trips_through_markup() {
    card_test_support::need!(card_test_support::corpus());
    let mut failures = Vec::new();
    for (name, text, build) in card_dsl_markup_roundtrip::CARDS {
        let mut original: Value = serde_json::from_str(text).unwrap();
        let mut built = build().to_value();
        for v in [&mut original, &mut built] {
            normalize(v);
            without_update_multi(v);
        }
        if original != built {
            failures.push(format!(
                "{name}:\n  original {original}\n  built    {built}"
            ));
        }
    }
    let total = card_dsl_markup_roundtrip::CARDS.len();
    println!(
        "markup round trips: {}/{total} identical; left out: {:?}",
        total - failures.len(),
        card_dsl_markup_roundtrip::REFUSED
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Exact: a corpus card that stops printing, or stops validating, fails here.
    assert_eq!(total, 152, "the corpus and wild cards printed as markup");
}
