//! The typed model and the spec agree: for every component, an instance with every attribute the
//! spec lists (recursively, in every shared object) reads into the model and writes back
//! unchanged, and lands in a typed field (no key is kept in `extra`). Every key of the corpus's and
//! production's cards lands in a typed field too, except exactly those the validator calls unknown.

use card_dsl::Element;
use card_validate::spec::{self, Format, Object, Slot, Status, Ty};
use serde_json::{Map, Value, json};

fn sample(t: &Ty, depth: usize) -> Value {
    match t {
        Ty::Bool => json!(true),
        Ty::Int(lo, _) => json!(*lo.max(&0)),
        Ty::Num(..) => json!(1),
        Ty::Str | Ty::StrMax(_) => json!("x"),
        Ty::Fmt(f) => json!(match f {
            Format::ImgKey => "img_v3_sample",
            Format::FileKey => "file_v3_sample",
            Format::OpenId => "ou_sample",
            Format::UserId => "ou_sample",
            Format::ElementId => "sample_id",
            Format::Url | Format::HttpsUrl => "https://example.com",
            Format::Date => "2026-01-31",
            Format::Time => "09:30",
            Format::DateTime => "2026-01-31 09:30",
            Format::Rgba => "rgba(1,2,3,1)",
            Format::Locale => "zh_cn",
            Format::IconToken => "info_outlined",
            Format::IconSize => "10px 10px",
            Format::Radius => "8px",
        }),
        Ty::Enum(e) => json!(e.values[0]),
        Ty::Dim(d) => json!(d.keywords.first().copied().unwrap_or("100px")),
        Ty::Box(..) => json!("4px 8px"),
        Ty::Spacing => json!("small"),
        Ty::Color(_) => json!("blue"),
        Ty::TextSize => json!("normal"),
        Ty::Obj(o) => full_object(o, depth + 1),
        Ty::Arr(i, _) => json!([sample(i, depth + 1)]),
        Ty::Locales(i) => json!({ "zh_cn": sample(i, depth + 1) }),
        Ty::Named(i) => json!({ "name": sample(i, depth + 1) }),
        Ty::Elements(Slot::Columns) => json!([{"tag": "column", "elements": []}]),
        Ty::Elements(Slot::Buttons) => json!([{"tag": "button"}]),
        Ty::Elements(_) => json!([{"tag": "markdown", "content": "x"}]),
        Ty::Any => json!({"k": 1}),
        Ty::OneOf(ts) => sample(&ts[0], depth),
        Ty::Const(v) => json!(v),
    }
}

fn full_attrs<'a>(attrs: impl Iterator<Item = &'a spec::Attr>, depth: usize) -> Map<String, Value> {
    let mut m = Map::new();
    for a in attrs {
        if matches!(a.status, Status::Removed(_)) || m.contains_key(a.name) {
            continue;
        }
        m.insert(a.name.to_owned(), sample(&a.ty, depth));
    }
    m
}

fn full_object(o: &Object, depth: usize) -> Value {
    Value::Object(full_attrs(o.attrs.iter(), depth))
}

#[test]
fn every_spec_attribute_of_every_component_round_trips() {
    let mut attributes = 0;
    for c in spec::COMPONENTS.iter().filter(|c| c.tag != "column") {
        let mut m = full_attrs(c.attrs.iter().chain(spec::COMMON_ATTRS.iter()), 0);
        m.insert("tag".into(), json!(c.tag));
        attributes += m.len();
        let input = Value::Object(m);
        let element: Element = serde_json::from_value(input.clone())
            .unwrap_or_else(|e| panic!("{}: {e}\n{input:#}", c.tag));
        assert_eq!(element.tag(), c.tag);
        assert_eq!(
            serde_json::to_value(&element).unwrap(),
            input,
            "{} does not write back what it read",
            c.tag
        );
        let untyped = in_card(element).untyped_keys();
        assert!(
            untyped.is_empty(),
            "{}: documented keys with no typed field: {untyped:?}",
            c.tag
        );
    }
    println!("{attributes} top-level attributes set across the components");
    assert!(attributes > 300, "{attributes}");
}

#[test]
fn column_and_shared_objects_round_trip() {
    let mut m = full_attrs(
        spec::COLUMN.attrs.iter().chain(spec::COMMON_ATTRS.iter()),
        0,
    );
    m.insert("tag".into(), json!("column"));
    let input = Value::Object(m);
    let column: card_dsl::Column = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(serde_json::to_value(&column).unwrap(), input);

    let config = full_object(&spec::CONFIG, 0);
    let header = full_object(&spec::HEADER, 0);
    let card = json!({"schema": "2.0", "config": config, "header": header,
                      "card_link": full_object(&spec::CARD_LINK, 0), "body": full_object(&spec::BODY, 0)});
    let parsed: card_dsl::Card = serde_json::from_value(card.clone()).unwrap();
    assert_eq!(parsed.to_value(), card);
    assert_eq!(parsed.untyped_keys(), Vec::<String>::new());
    let in_set =
        json!({"schema": "2.0", "body": {"elements": [{"tag": "column_set", "columns": [input]}]}});
    let untyped = serde_json::from_value::<card_dsl::Card>(in_set)
        .unwrap()
        .untyped_keys();
    assert!(untyped.is_empty(), "column: {untyped:?}");
}

fn in_card(element: Element) -> card_dsl::Card {
    card_dsl::Card::new().body(card_dsl::Body::new().elements(vec![element]))
}

/// Every key of every valid 2.0 card in the corpus and from production lands in a typed field,
/// except the keys the validator reports as unknown (`unknown-property`), which land in `extra`.
#[test]
fn corpus_keys_land_in_typed_fields_except_the_unknown_ones() {
    let corpus = card_test_support::need!(card_test_support::corpus_cards());
    let (mut cards, mut kept) = (0, 0);
    for dir in ["v2", "wild/v2"] {
        let mut files: Vec<_> = std::fs::read_dir(corpus.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(card) = card_dsl::Card::from_json(&text) else {
                continue;
            };
            let mut unknown: Vec<String> = card
                .validate()
                .warnings()
                .filter(|d| d.rule == &card_validate::rules::UNKNOWN_PROPERTY)
                .map(|d| d.pointer.clone())
                .collect();
            unknown.sort();
            let mut untyped = card.untyped_keys();
            untyped.sort();
            assert_eq!(untyped, unknown, "{}", path.display());
            cards += 1;
            kept += untyped.len();
        }
    }
    println!("{cards} cards; {kept} unknown keys kept in `extra`, every other key typed");
    assert!(cards >= 80, "{cards}");
}

#[test]
fn the_model_keeps_unknown_keys_apart_and_refuses_removed_ones() {
    // Keys the spec does not list are kept in `extra`, not refused
    // (card_validate::rules::UNKNOWN_PROPERTY), and only they: `content` is typed.
    // Card::from_json refuses removed ones by rule before serde sees them.
    let el =
        serde_json::from_value::<Element>(json!({"tag": "markdown", "content": "x", "future": 1}))
            .unwrap();
    let Element::Markdown(md) = &el else {
        panic!("{el:?}")
    };
    assert_eq!(md.extra.get("future"), Some(&json!(1)));
    assert_eq!(md.extra.len(), 1);
    assert_eq!(in_card(el).untyped_keys(), ["/body/elements/0/future"]);
    assert!(
        card_dsl::Card::from_json(
            r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"x","href":{}}]}}"#
        )
        .is_err()
    );
    let err = serde_json::from_value::<Element>(json!({"tag": "note"})).unwrap_err();
    assert!(
        err.to_string().contains("unknown component tag `note`"),
        "{err}"
    );
    let err = serde_json::from_value::<Element>(
        json!({"tag": "img", "img_key": "img_v3_a", "size": "stretch_without_padding"}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("stretch_without_padding"), "{err}");
}
