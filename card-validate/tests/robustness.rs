//! Property tests over mutated corpus cards and arbitrary text: the validator never panics, its
//! two entry points agree, and every finding points at something that exists.
//!
//! CI runs a few thousand cases; `card-validate/fuzz/run.sh` runs libFuzzer for a million more.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Value, json};

fn corpus() -> &'static [Value] {
    static CARDS: OnceLock<Vec<Value>> = OnceLock::new();
    CARDS.get_or_init(|| {
        // Without ../shared (a bare clone) the properties still run, seeded by this crate's
        // example cards; under CI=true `skip` fails instead.
        let root = match card_test_support::shared_dir().join("corpus/cards") {
            dir if dir.is_dir() => dir,
            dir => {
                card_test_support::skip(
                    &format!(
                        "the shared corpus {} (seeding from examples/cards)",
                        dir.display()
                    ),
                    "shared/ beside the checkout, as CI has it, or CARD_DSL_SHARED",
                );
                Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cards")
            }
        };
        let mut out = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for f in std::fs::read_dir(dir).unwrap() {
                let path = f.unwrap().path();
                if path.is_dir() {
                    dirs.push(path); // cards/wild/{v1,v2,rejected}
                } else if path.extension().is_some_and(|e| e == "json") {
                    out.push(
                        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap(),
                    );
                }
            }
        }
        out
    })
}

/// Small arbitrary JSON values, biased towards what cards contain.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-z_]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "note",
            "action",
            "column_set",
            "column",
            "form",
            "table",
            "chart",
            "img",
            "markdown",
            "plain_text",
            "img_v3_x",
            "ou_x",
            "2.0",
            "1.0",
            "submit",
            "stretch_without_padding",
            "",
            "![a](b)",
            "|a|\n|-|",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "tag",
                    "elements",
                    "columns",
                    "rows",
                    "name",
                    "content",
                    "img_key",
                    "schema",
                    "body",
                    "config",
                    "chart_spec",
                    "type",
                    "data",
                    "behaviors",
                    "value",
                    "text",
                    "element_id",
                    "update_multi",
                ])
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every node of a value, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(xs) => {
            for (i, x) in xs.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A corpus card with one node replaced, removed or duplicated.
fn mutated_card() -> impl Strategy<Value = Value> {
    (
        0..corpus().len(),
        any::<prop::sample::Index>(),
        arb_json(),
        0..3u8,
    )
        .prop_map(|(i, at, new, op)| {
            let mut card = corpus()[i].clone();
            let mut ps = Vec::new();
            pointers(&card, String::new(), &mut ps);
            let target = ps[at.index(ps.len())].clone();
            match op {
                0 => {
                    if target.is_empty() {
                        card = new;
                    } else if let Some(slot) = card.pointer_mut(&target) {
                        *slot = new;
                    }
                }
                1 => {
                    if let Some((parent, key)) = target.rsplit_once('/')
                        && let Some(p) = card.pointer_mut(parent)
                    {
                        match p {
                            Value::Object(m) => {
                                m.remove(&key.replace("~1", "/").replace("~0", "~"));
                            }
                            Value::Array(xs) => {
                                if let Ok(i) = key.parse::<usize>()
                                    && i < xs.len()
                                {
                                    xs.remove(i);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {
                    if let Some(Value::Array(xs)) = card.pointer_mut(&target)
                        && let Some(first) = xs.first().cloned()
                    {
                        xs.extend(std::iter::repeat_n(first, 3));
                    }
                }
            }
            card
        })
}

fn key(
    d: &card_validate::Diagnostic,
) -> (card_validate::Severity, u32, Option<u32>, String, String) {
    (
        d.severity,
        d.code,
        d.sub_code,
        d.path.clone(),
        d.pointer.clone(),
    )
}

/// Compact JSON with every object's keys in reverse order.
fn reversed_keys(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .rev()
                .map(|(k, x)| format!("{}:{}", serde_json::to_string(k).unwrap(), reversed_keys(x)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(xs) => format!(
            "[{}]",
            xs.iter().map(reversed_keys).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_cards_are_reported_consistently(card in mutated_card()) {
        let text = serde_json::to_string(&card).unwrap();
        let from_text = card_validate::validate_str(&text);
        let from_value = card_validate::validate(&card);
        let mut a: Vec<_> = from_text.diagnostics().iter().map(key).collect();
        let mut b: Vec<_> = from_value.diagnostics().iter().map(key).collect();
        a.sort();
        b.sort();
        prop_assert_eq!(a, b);
        for d in from_text.diagnostics() {
            prop_assert!(d.path.starts_with("ROOT"));
            prop_assert!(card.pointer(&d.pointer).is_some(), "pointer {} does not resolve: {}", d.pointer, d);
            if !d.pointer.is_empty() {
                prop_assert!(d.line.is_some() && d.column.is_some(), "no position for {}", d);
            }
        }
    }

    /// Findings do not depend on key order (text keeps the writer's order; a `Value` sorts keys).
    #[test]
    fn key_order_does_not_change_findings(card in mutated_card()) {
        let sorted = card_validate::validate_str(&serde_json::to_string(&card).unwrap());
        let reversed = card_validate::validate_str(&reversed_keys(&card));
        let strip = |r: &card_validate::Report| {
            let mut v: Vec<_> = r.diagnostics().iter().filter(|d| d.code != 230025).map(key).collect();
            v.sort();
            v
        };
        prop_assert_eq!(strip(&sorted), strip(&reversed));
    }

    #[test]
    fn pretty_and_compact_text_find_the_same_things(card in mutated_card()) {
        let compact = card_validate::validate_str(&serde_json::to_string(&card).unwrap());
        let pretty = card_validate::validate_str(&serde_json::to_string_pretty(&card).unwrap());
        // Size findings differ by design (the size is measured on the text given).
        let strip = |r: &card_validate::Report| {
            let mut v: Vec<_> = r.diagnostics().iter().filter(|d| d.code != 230025).map(key).collect();
            v.sort();
            v
        };
        prop_assert_eq!(strip(&compact), strip(&pretty));
    }

    /// Our parser accepts exactly what serde_json accepts (corpus text with one edit).
    #[test]
    fn parser_agrees_with_serde_json(i in 0..1000usize, at in any::<prop::sample::Index>(),
                                      edit in prop::sample::select(vec!["", ",", "]", "}", "\"", "\\", ":", "0", "-", "e", "{", "[", "\\u", "\u{1}", "é", " ", "tru"]),
                                      cut in any::<bool>()) {
        let cards = corpus();
        let text = serde_json::to_string_pretty(&cards[i % cards.len()]).unwrap();
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = at;
        if cut { end = (at + 1..=text.len()).find(|e| text.is_char_boundary(*e)).unwrap_or(at); }
        let edited = format!("{}{}{}", &text[..at], edit, &text[end..]);
        let theirs = serde_json::from_str::<Value>(&edited).is_err();
        let ours = card_validate::validate_str(&edited)
            .diagnostics()
            .first()
            .is_some_and(|d| d.message.starts_with("parse card json err"));
        prop_assert_eq!(ours, theirs, "{:?}", &edited[at.saturating_sub(20)..(at + 20).min(edited.len())]);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let theirs = serde_json::from_str::<Value>(&text).is_err();
        let ours = card_validate::validate_str(&text).diagnostics().first().is_some_and(|d| d.message.starts_with("parse card json err"));
        prop_assert_eq!(ours, theirs);
        for kind in [card_validate::PayloadKind::Card, card_validate::PayloadKind::Post, card_validate::PayloadKind::ChatButton] {
            let r = card_validate::validate_payload_str(kind, &text);
            for d in r.diagnostics() {
                prop_assert!(d.column.unwrap_or(1) >= 1);
            }
        }
    }
}
