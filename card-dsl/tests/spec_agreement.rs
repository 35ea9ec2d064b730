//! The typed model and the spec agree: for every component, an instance with every attribute the
//! spec lists (recursively, in every shared object) reads into the model and writes back
//! unchanged. So every spec attribute is reachable from the model, and (as the model rejects
//! unknown keys and writes only what it read) the model has nothing the spec lacks.

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
}

#[test]
fn the_model_rejects_what_the_spec_does_not_have() {
    // Keys the spec does not list are kept, not refused (card_validate::rules::UNKNOWN_PROPERTY);
    // Card::from_json refuses removed ones by rule before serde sees them.
    let el =
        serde_json::from_value::<Element>(json!({"tag": "markdown", "content": "x", "future": 1}))
            .unwrap();
    let Element::Markdown(md) = &el else {
        panic!("{el:?}")
    };
    assert_eq!(md.extra.get("future"), Some(&json!(1)));
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
