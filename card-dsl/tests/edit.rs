//! Editing a loaded card: typed lookup by `element_id` at any depth, one-line edits through the
//! builder methods, clear errors for a missing id or another component, `From<&str>` for text
//! objects and `FromStr` for enumerated values.

use card_dsl::{Button, Card, EditError, Markdown, TextAlign};

const LOADED: &str = r#"{"schema":"2.0","body":{"elements":[
  {"tag":"markdown","element_id":"top","content":"hello"},
  {"tag":"column_set","columns":[{"tag":"column","elements":[
    {"tag":"markdown","element_id":"answer","content":"thinking…"}]}]},
  {"tag":"form","name":"f","elements":[
    {"tag":"button","element_id":"go","text":{"tag":"plain_text","content":"Go"},
     "form_action_type":"submit","name":"go"}]}
]}}"#;

#[test]
fn find_a_component_by_element_id_at_any_depth_and_edit_it() {
    let mut card = Card::from_json(LOADED).unwrap();
    assert_eq!(
        card.elements().len(),
        5,
        "3 at the top, a column's markdown, a form's button"
    );
    card.get_mut::<Markdown>("answer").unwrap().content = "42".into();
    card.edit("go", |b: Button| b.text("Done").disabled(true))
        .unwrap();
    let v = card.to_value();
    assert_eq!(
        v["body"]["elements"][1]["columns"][0]["elements"][0]["content"],
        "42"
    );
    let button = &v["body"]["elements"][2]["elements"][0];
    assert_eq!(button["text"]["content"], "Done");
    assert_eq!(button["text"]["tag"], "plain_text");
    assert_eq!(button["disabled"], true);
    assert_eq!(card.get::<Markdown>("top").unwrap().content, "hello");
    assert!(card.validate().is_ok());
}

#[test]
fn a_missing_id_or_another_component_is_a_clear_error_and_changes_nothing() {
    let mut card = Card::from_json(LOADED).unwrap();
    let before = card.to_value();
    let e = card.edit("nope", |m: Markdown| m).unwrap_err();
    assert_eq!(
        e,
        EditError::NotFound {
            element_id: "nope".into()
        }
    );
    let e = card.edit("go", |m: Markdown| m).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"element_id "go" is a `button`, not a `Markdown`"#
    );
    assert!(card.get::<Markdown>("go").is_none());
    assert_eq!(card.to_value(), before);
}

#[test]
fn enumerated_values_parse_with_from_str() {
    assert_eq!("center".parse::<TextAlign>().unwrap(), TextAlign::Center);
    // An open enum keeps an undocumented value rather than refusing it.
    assert_eq!(
        "justify".parse::<TextAlign>().unwrap(),
        TextAlign::Other("justify".into())
    );
    let width: card_dsl::ColumnWidth = "120px".parse().unwrap();
    assert_eq!(width.to_string(), "120px");
}
