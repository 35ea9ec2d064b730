//! insta snapshots of cards built with the typed model: the exact JSON each produces.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always` to accept).

use card_dsl::table::{TableBuilder, cell};
use card_dsl::*;

fn deploy_card(service: &str) -> Card {
    let header = Header::new()
        .title(Text::new(TextObjectTag::PlainText).content("Deploy finished"))
        .subtitle(Text::new(TextObjectTag::PlainText).content(format!("service {service}")))
        .template(HeaderTemplate::Green);
    let open = Behavior::new(BehaviorType::OpenUrl).default_url("https://example.com/d");
    let rollback = Behavior::new(BehaviorType::Callback)
        .value(serde_json::json!({"action": "rollback", "service": service}));
    let buttons = ColumnSet::new()
        .horizontal_spacing(Spacing::Small)
        .columns(vec![
            Column::new().width(ColumnWidth::Auto).elements(vec![
                Button::new()
                    .r#type(ButtonType::Primary)
                    .text(PlainText100::new().content("Open dashboard"))
                    .behaviors(vec![open])
                    .into(),
            ]),
            Column::new().width(ColumnWidth::Auto).elements(vec![
                Button::new()
                    .r#type(ButtonType::Danger)
                    .element_id(ElementId::new("rollback").unwrap())
                    .text(PlainText100::new().content("Roll back"))
                    .confirm(
                        Confirm::new(
                            PlainText::new().content("billing returns to the last release"),
                        )
                        .title(PlainText::new().content("Roll back?")),
                    )
                    .behaviors(vec![rollback])
                    .into(),
            ]),
        ]);
    Card::new()
        .config(Config::new().width_mode(WidthMode::Fill))
        .header(header)
        .body(Body::new().elements(vec![
            Markdown::new(format!("**{service}** is live")).into(),
            Hr::new().into(),
            buttons.into(),
        ]))
}

fn approval_form() -> Card {
    let form = Form::new(
        "expense",
        vec![
            Input::new()
                .name("amount")
                .required(true)
                .placeholder(PlainText100::new().content("Amount"))
                .into(),
            SelectStatic::new()
                .name("category")
                .options(vec![
                    SelectOption::new(PlainText100::new().content("Travel"), "travel"),
                    SelectOption::new(PlainText100::new().content("Meals"), "meals"),
                ])
                .into(),
            DatePicker::new()
                .name("spent_on")
                .initial_date("2026-11-20")
                .into(),
            Button::new()
                .name("submit")
                .form_action_type(FormActionType::Submit)
                .r#type(ButtonType::Primary)
                .text(PlainText100::new().content("Submit"))
                .into(),
        ],
    );
    Card::new()
        .header(
            Header::new()
                .title(Text::new(TextObjectTag::PlainText).content("Expense approval"))
                .template(HeaderTemplate::Blue),
        )
        .body(Body::new().elements(vec![form.into()]))
}

fn sales_table() -> Card {
    let mut t = TableBuilder::new();
    let region = t.column::<cell::Text>("region", "Region");
    let revenue = t.column::<cell::Number>("revenue", "Revenue");
    t.row().set(&region, "North").set(&revenue, 1250.5);
    t.row().set(&region, "South").set(&revenue, 980);
    let table = t.build().unwrap().page_size(5);
    Card::new().body(Body::new().elements(vec![
        table.into(),
        Chart::new(serde_json::json!({"type": "bar", "data": {"values": [{"region": "North", "revenue": 1250.5}]}, "xField": "region", "yField": "revenue"}))
            .aspect_ratio(ChartAspectRatio::Ratio16x9)
            .into(),
    ]))
}

#[test]
fn snapshots() {
    for (name, card) in [
        ("deploy_card", deploy_card("billing")),
        ("approval_form", approval_form()),
        ("sales_table", sales_table()),
    ] {
        let report = card.validate();
        assert!(report.diagnostics().is_empty(), "{name}: {report}");
        // The exact text the card writes (field order included), pretty-printed for review.
        insta::assert_snapshot!(name, serde_json::to_string_pretty(&card).unwrap());
    }
}
