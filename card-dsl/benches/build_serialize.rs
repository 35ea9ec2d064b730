//! Build a realistic card (header, 20 elements including a table and buttons) and serialize it:
//! the typed model against `serde_json::json!`, same card, same run. Goal: the model ≥ 2× faster.
//! Also the `card!` issue's second example, built with `card!` and with `json!`. Goal ≥ 2×.

use std::hint::black_box;
use std::path::Path;

use card_dsl::table::{TableBuilder, cell};
use card_dsl::*;
use criterion::Criterion;
use serde_json::json;

const ROWS: [(&str, f64); 4] = [
    ("North", 1250.5),
    ("South", 980.0),
    ("East", 1432.25),
    ("West", 700.0),
];

fn with_model(service: &str) -> String {
    let mut t = TableBuilder::new();
    let region = t.column::<cell::Text>("region", "Region");
    let revenue = t.column::<cell::Number>("revenue", "Revenue");
    for (r, v) in ROWS {
        t.row().set(&region, r).set(&revenue, v);
    }
    let mut elements: Vec<Element> = Vec::with_capacity(20);
    elements.push(Markdown::new(format!("**{service}** is live")).into());
    elements.push(Hr::new().into());
    elements.push(t.build().expect("columns and rows match").into());
    for i in 0..14 {
        elements.push(
            Markdown::new(format!("step {i}: done"))
                .text_size(TextSize::Notation)
                .into(),
        );
    }
    for (label, kind) in [
        ("Open dashboard", ButtonType::Primary),
        ("Roll back", ButtonType::Danger),
        ("Details", ButtonType::Default),
    ] {
        elements.push(
            Button::new()
                .r#type(kind)
                .text(PlainText100::new().content(label))
                .behaviors(vec![
                    Behavior::new(BehaviorType::OpenUrl).default_url("https://example.com/d"),
                ])
                .into(),
        );
    }
    let card = Card::new()
        .config(Config::new().width_mode(WidthMode::Fill))
        .header(
            Header::new()
                .title(Text::new(TextObjectTag::PlainText).content("Deploy finished"))
                .subtitle(Text::new(TextObjectTag::PlainText).content(format!("service {service}")))
                .template(HeaderTemplate::Green),
        )
        .body(Body::new().elements(elements));
    card.to_content()
}

fn with_json_macro(service: &str) -> String {
    let rows: Vec<_> = ROWS
        .iter()
        .map(|(r, v)| json!({"region": r, "revenue": v}))
        .collect();
    let mut elements = vec![
        json!({"tag": "markdown", "content": format!("**{service}** is live")}),
        json!({"tag": "hr"}),
        json!({"tag": "table", "columns": [
            {"name": "region", "display_name": "Region", "data_type": "text"},
            {"name": "revenue", "display_name": "Revenue", "data_type": "number"}
        ], "rows": rows}),
    ];
    for i in 0..14 {
        elements.push(json!({"tag": "markdown", "content": format!("step {i}: done"), "text_size": "notation"}));
    }
    for (label, kind) in [
        ("Open dashboard", "primary"),
        ("Roll back", "danger"),
        ("Details", "default"),
    ] {
        elements.push(
            json!({"tag": "button", "type": kind, "text": {"tag": "plain_text", "content": label},
            "behaviors": [{"type": "open_url", "default_url": "https://example.com/d"}]}),
        );
    }
    let card = json!({
        "schema": "2.0",
        "config": {"update_multi": true, "width_mode": "fill"},
        "header": {
            "title": {"tag": "plain_text", "content": "Deploy finished"},
            "subtitle": {"tag": "plain_text", "content": format!("service {service}")},
            "template": "green"
        },
        "body": {"elements": elements}
    });
    serde_json::to_string(&card).expect("a value serializes")
}

/// The `card!` issue's second acceptance example.
fn with_card_macro(service: &str) -> String {
    let card = card_dsl::card! {
        <card>
            <config width_mode="fill"/>
            <header template="green">
                <title>"Deploy finished"</title>
                <subtitle>{format!("service {service}")}</subtitle>
            </header>
            <markdown>{format!("**{service}** is live")}</markdown>
            <hr/>
            <button type="primary">
                <text>"Open dashboard"</text>
                <behaviors><open_url default_url="https://example.com/d"/></behaviors>
            </button>
        </card>
    };
    card.to_content()
}

fn same_with_json_macro(service: &str) -> String {
    let card = json!({"schema":"2.0","config":{"update_multi":true,"width_mode":"fill"},
        "header":{"title":{"tag":"plain_text","content":"Deploy finished"},
                  "subtitle":{"tag":"plain_text","content":format!("service {service}")},"template":"green"},
        "body":{"elements":[{"tag":"markdown","content":format!("**{service}** is live")},{"tag":"hr"},
          {"tag":"button","type":"primary","text":{"tag":"plain_text","content":"Open dashboard"},
           "behaviors":[{"type":"open_url","default_url":"https://example.com/d"}]}]}});
    serde_json::to_string(&card).expect("a value serializes")
}

fn estimate_ns(group: &str, id: &str) -> Option<f64> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

fn main() {
    // Same card both ways (as values).
    let a: serde_json::Value = serde_json::from_str(&with_model("billing")).unwrap();
    let b: serde_json::Value = serde_json::from_str(&with_json_macro("billing")).unwrap();
    assert_eq!(a, b, "the two builders must produce the same card");
    assert_eq!(a["body"]["elements"].as_array().unwrap().len(), 20);
    let a: serde_json::Value = serde_json::from_str(&with_card_macro("billing")).unwrap();
    let b: serde_json::Value = serde_json::from_str(&same_with_json_macro("billing")).unwrap();
    assert_eq!(a, b, "card! and json! must produce the same card");

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("build_and_serialize");
    g.bench_function("card_dsl_model", |bch| {
        bch.iter(|| with_model(black_box("billing")))
    });
    g.bench_function("serde_json_json_macro", |bch| {
        bch.iter(|| with_json_macro(black_box("billing")))
    });
    g.finish();
    let mut g = c.benchmark_group("card_macro_example");
    g.bench_function("card_macro", |bch| {
        bch.iter(|| with_card_macro(black_box("billing")))
    });
    g.bench_function("serde_json_json_macro", |bch| {
        bch.iter(|| same_with_json_macro(black_box("billing")))
    });
    g.finish();
    c.final_summary();
    if let (Some(ours), Some(theirs)) = (
        estimate_ns("card_macro_example", "card_macro"),
        estimate_ns("card_macro_example", "serde_json_json_macro"),
    ) {
        println!(
            "\ncard! acceptance example, build + serialize: card! {:.2} µs, json! {:.2} µs; json!/card! = {:.2}× (goal ≥ 2×)",
            ours / 1e3,
            theirs / 1e3,
            theirs / ours
        );
    }
    if let (Some(model), Some(macro_)) = (
        estimate_ns("build_and_serialize", "card_dsl_model"),
        estimate_ns("build_and_serialize", "serde_json_json_macro"),
    ) {
        println!(
            "\nbuild + serialize a 20-element card: model {:.2} µs, json! {:.2} µs; json!/model = {:.2}× (goal ≥ 2×)",
            model / 1e3,
            macro_ / 1e3,
            macro_ / model
        );
    }
}
