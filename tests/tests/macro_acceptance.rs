//! The `card!` acceptance examples of the macro issue: they compile and give exactly this JSON.

use card_dsl::card;
use serde_json::json;

#[test]
fn hello() {
    let card = card! { <card><markdown>"**Hello** from card-dsl"</markdown></card> };
    assert_eq!(
        card.to_value(),
        json!({"schema":"2.0","config":{"update_multi":true},"body":{"elements":[
            {"tag":"markdown","content":"**Hello** from card-dsl"}]}})
    );
}

#[test]
fn deploy_finished() {
    let service = "billing";
    let card = card! {
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
    assert_eq!(
        card.to_value(),
        json!({"schema":"2.0","config":{"update_multi":true,"width_mode":"fill"},
            "header":{"title":{"tag":"plain_text","content":"Deploy finished"},
                      "subtitle":{"tag":"plain_text","content":"service billing"},"template":"green"},
            "body":{"elements":[{"tag":"markdown","content":"**billing** is live"},{"tag":"hr"},
              {"tag":"button","type":"primary","text":{"tag":"plain_text","content":"Open dashboard"},
               "behaviors":[{"type":"open_url","default_url":"https://example.com/d"}]}]}})
    );
}

#[test]
fn loops_options_and_nested_containers() {
    let steps = ["build", "test", "deploy"];
    let note: Option<&str> = Some("all green");
    let card = card! {
        <card>
            <column_set flex_mode="bisect">
                <column width="weighted" weight=1>
                    {steps.iter().map(|s| format!("✅ {s}")).map(card_dsl::Markdown::new)}
                </column>
                <column>
                    {note.map(card_dsl::Markdown::new)}
                    <img img_key="img_v3_0238_073f1823" alt={card_dsl::PlainText::new().content("logo")}/>
                </column>
            </column_set>
            <form name="f">
                <input name="reason" required=true/>
                <multi_select_static name="labels">
                    <options><option value="bug"><text>"Bug"</text></option></options>
                </multi_select_static>
                <button name="ok" form_action_type="submit"><text>"Submit"</text></button>
            </form>
        </card>
    };
    let v = card.to_value();
    let cols = &v["body"]["elements"][0]["columns"];
    assert_eq!(cols[0]["elements"].as_array().unwrap().len(), 3);
    assert_eq!(cols[0]["weight"], 1);
    assert_eq!(cols[1]["elements"][0]["content"], "all green");
    assert_eq!(cols[1]["elements"][1]["img_key"], "img_v3_0238_073f1823");
    assert_eq!(
        v["body"]["elements"][1]["elements"][1]["options"][0]["value"],
        "bug"
    );
    let report = card.validate();
    assert!(report.is_ok(), "{report}");
}

/// insta snapshot of what `card!` generates (the exact text, pretty-printed).
#[test]
fn snapshot_of_generated_json() {
    let service = "billing";
    let card = card! {
        <card>
            <header template="green"><title>"Deploy finished"</title></header>
            <column_set flex_mode="bisect">
                <column><markdown>{format!("**{service}** is live")}</markdown></column>
                <column>
                    <button type="danger" element_id="rollback">
                        <text>"Roll back"</text>
                        <confirm><title>"Roll back?"</title><text>"billing returns to the last release"</text></confirm>
                        <behaviors><callback value={json!({"action": "rollback"})}/></behaviors>
                    </button>
                </column>
            </column_set>
        </card>
    };
    insta::assert_snapshot!(
        "card_macro_deploy",
        serde_json::to_string_pretty(&card).unwrap()
    );
}

/// The macro counts what the server counts: every object with a `tag`, text objects included.
/// 99 buttons with text are 198 tagged objects (allowed); the validator agrees.
#[test]
fn element_count_matches_the_validator() {
    let buttons: Vec<card_dsl::Button> = (0..99)
        .map(|i| card_dsl::element! { <button><text>{format!("b{i}")}</text></button> })
        .collect();
    let card = card! { <card>{buttons}</card> };
    assert!(card.validate().is_ok());
}

/// Literal rows are checked against the literal columns at compile time (see ui/fail for errors).
#[test]
fn literal_table_rows() {
    let owner = "ou_1";
    let card = card! {
        <card>
            <table page_size=5>
                <columns>
                    <column name="region" data_type="text"/>
                    <column name="revenue" data_type="number"/>
                    <column name="closed" data_type="date"/>
                    <column name="owner" data_type="persons"/>
                </columns>
                <rows>
                    <row region="North" revenue=1250.5 closed=1763683200000 owner={owner}/>
                    <row region="South" revenue=980/>
                </rows>
            </table>
        </card>
    };
    assert_eq!(
        card.to_value()["body"]["elements"][0]["rows"],
        json!([{"region": "North", "revenue": 1250.5, "closed": 1763683200000_i64, "owner": "ou_1"}, {"region": "South", "revenue": 980}])
    );
    assert!(card.validate().is_ok(), "{}", card.validate());
}

/// The official Lark plugin's panel header (shared/corpus/cards/wild, streaming-tool-steps):
/// a grey, notation-size title and a sized icon are expressible, with the same JSON.
#[test]
fn the_official_plugins_panel_header_compiles() {
    let card = card! {
        <card>
            <collapsible_panel expanded={true}>
                <header vertical_align="center" icon_position="right">
                    <title tag="plain_text" text_color="grey" text_size="notation">"Tool use · 2 steps"</title>
                    <icon tag="standard_icon" token="down-small-ccm_outlined" color="grey" size="16px 16px"/>
                </header>
                <markdown>"done"</markdown>
            </collapsible_panel>
        </card>
    };
    let panel = &card.to_value()["body"]["elements"][0];
    assert_eq!(
        panel["header"]["title"],
        json!({"tag":"plain_text","content":"Tool use · 2 steps","text_color":"grey","text_size":"notation"})
    );
    assert_eq!(panel["header"]["icon"]["size"], json!("16px 16px"));
    assert!(
        card.validate().diagnostics().is_empty(),
        "{}",
        card.validate()
    );
}

/// `raw:key=value` writes a key the spec does not list into that object; the validator's policy
/// applies to it (a warning, an error in strict mode).
#[test]
fn raw_attributes_are_the_escape_hatch() {
    let level = 3;
    let card = card! {
        <card>
            <markdown raw:future_style="dense" raw:level={level}>"hi"</markdown>
        </card>
    };
    assert_eq!(
        card.to_value()["body"]["elements"][0],
        json!({"tag":"markdown","content":"hi","future_style":"dense","level":3})
    );
    let report = card.validate();
    assert!(report.is_ok());
    assert_eq!(report.warnings().count(), 2);
    assert!(
        report
            .warnings()
            .all(|d| d.rule == &card_validate::rules::UNKNOWN_PROPERTY)
    );
    let strict = card_validate::validate_str_with(
        &card.to_content(),
        card_validate::Options::default().strict(true),
    );
    assert!(!strict.is_ok());
}

/// The generated locals are mixed-site: a user variable with the same name is the user's.
#[test]
fn generated_locals_do_not_capture_user_names() {
    let __card = "user text";
    let __list = vec![card_dsl::element! { <hr/> }];
    let card = card! {
        <card>
            <markdown>{__card}</markdown>
            {__list}
        </card>
    };
    assert_eq!(
        card.to_value()["body"]["elements"],
        json!([{"tag":"markdown","content":"user text"},{"tag":"hr"}])
    );
}
