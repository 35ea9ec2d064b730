//! One test per rule family: each asserts the server's code, sub-code and ErrPath.

use card_validate::{
    ContentKind, Diagnostic, PayloadKind, Severity, validate_payload_str, validate_str,
};

fn card(elements: &str) -> String {
    format!(r#"{{"schema":"2.0","body":{{"elements":[{elements}]}}}}"#)
}

fn errors(json: &str) -> Vec<Diagnostic> {
    validate_str(json).errors().cloned().collect()
}

fn warnings(json: &str) -> Vec<Diagnostic> {
    validate_str(json).warnings().cloned().collect()
}

#[track_caller]
fn assert_error(json: &str, sub: u32, path: &str) -> Diagnostic {
    let errs = errors(json);
    errs.iter()
        .find(|d| d.code == 230099 && d.sub_code == Some(sub) && d.path == path)
        .cloned()
        .unwrap_or_else(|| panic!("expected 230099/{sub} at {path}, got {errs:#?}"))
}

/// A finding the default mode reports as a warning and strict mode as an error.
#[track_caller]
fn assert_strict_error(json: &str, sub: u32, path: &str) -> Diagnostic {
    let warned = warnings(json)
        .into_iter()
        .find(|d| d.sub_code == Some(sub) && d.path == path)
        .unwrap_or_else(|| panic!("expected a warning 230099/{sub} at {path}"));
    let strict =
        card_validate::validate_str_with(json, card_validate::Options::default().strict(true));
    assert!(
        strict
            .errors()
            .any(|d| d.sub_code == Some(sub) && d.path == path && d.rule == warned.rule),
        "strict mode should make it an error: {strict}"
    );
    warned
}

#[track_caller]
fn assert_clean(json: &str) {
    let errs = errors(json);
    assert!(errs.is_empty(), "expected no errors, got {errs:#?}");
}

const MD: &str = r#"{"tag":"markdown","content":"hi"}"#;

#[test]
fn a_minimal_card_is_clean() {
    assert_clean(&card(MD));
    assert_eq!(validate_str(&card(MD)).kind(), ContentKind::CardV2);
    assert!(validate_str(&card(MD)).diagnostics().is_empty());
}

#[test]
fn v1_tags_are_200861_with_the_replacement_in_help() {
    let json = card(&format!(r#"{MD},{{"tag":"action","actions":[]}}"#));
    let d = assert_error(
        &json,
        200861,
        "ROOT -> body -> elements -> [1](tag: action)",
    );
    assert!(d.message.contains("unsupported tag action"));
    assert!(d.help.unwrap().contains("button"));
    let d = assert_error(
        &card(r#"{"tag":"note","elements":[]}"#),
        200861,
        "ROOT -> body -> elements -> [0](tag: note)",
    );
    assert!(d.help.unwrap().contains("notation"));
}

#[test]
fn nested_paths_follow_the_server_format() {
    let json = card(
        r#"{"tag":"column_set","columns":[{"tag":"column","elements":[]},{"tag":"column","elements":[{"tag":"img","img_key":"https://x.com/a.png","alt":{"tag":"plain_text","content":""}}]}]}"#,
    );
    let d = assert_error(
        &json,
        200570,
        "ROOT -> body -> elements -> [0](tag: column_set) -> columns -> [1](tag: column) -> elements -> [0](tag: img)",
    );
    assert_eq!(d.pointer, "/body/elements/0/columns/1/elements/0/img_key");
    assert_eq!(d.line, Some(1));
}

#[test]
fn structure_errors_are_200621() {
    // An undocumented key inside a component: a warning (the server may take it), an error
    // in strict mode (rules::UNKNOWN_PROPERTY).
    assert_strict_error(
        &card(r#"{"tag":"markdown","content":"x","colour":"red"}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: markdown)",
    );
    assert_error(
        &card(r#"{"tag":"markdown","content":5}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: markdown)",
    );
    assert_error(
        &card(r#"{"tag":"markdown"}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: markdown)",
    );
    assert_error(
        &card(r#"{"tag":"markdown","content":"[a]($u)","href":{"urlVal":{}}}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: markdown)",
    );
    assert_error(
        &card(r#"{"tag":"img","img_key":"img_v3_a","size":"stretch_without_padding"}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: img)",
    );
    // A key finding names the object holding the key, as the server's `path: []` does.
    assert_error(r#"{"schema":"2.0","elements":[]}"#, 200621, "ROOT");
    assert_error(r#"{"schema":"2.0","i18n_elements":{}}"#, 200621, "ROOT");
    assert_error(r#"{"schema":"2.0","bogus":1}"#, 200621, "ROOT");
    assert_strict_error(
        r#"{"schema":"2.0","config":{"width_mode":"fill","bogus":1}}"#,
        200621,
        "ROOT -> config",
    );
    assert_error(
        r#"{"schema":"2.0","header":{"title":{"tag":"plain_text","content":"t"},"ud_icon":{}}}"#,
        200621,
        "ROOT -> header",
    );
}

#[test]
fn unknown_keys_suggest_the_closest_name() {
    let d = assert_strict_error(
        &card(r#"{"tag":"button","textt":{"tag":"plain_text","content":"x"}}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: button)",
    );
    assert_eq!(d.rule.id, "unknown-property");
    assert_eq!(d.help.as_deref(), Some("did you mean `text`?"));
    assert_eq!(d.pointer, "/body/elements/0/textt");
}

#[test]
fn malformed_json_is_200621_with_line_and_column() {
    let r = validate_str("{\n  \"schema\": \"2.0\",\n  \"body\": {,}\n}");
    let d = &r.diagnostics()[0];
    assert_eq!(
        (d.code, d.sub_code, d.line, d.column),
        (230099, Some(200621), Some(3), Some(12))
    );
    assert_eq!(r.kind(), ContentKind::Unknown);
}

#[test]
fn unknown_tag_is_11310_with_did_you_mean() {
    let d = assert_error(
        &card(r#"{"tag":"divider"}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: divider)",
    );
    assert!(d.message.contains("unsupported type of block"));
    let d = assert_error(
        &card(r#"{"tag":"markdwn","content":"x"}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: markdwn)",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `markdown`?"));
}

fn table(columns: &str, rows: &str) -> String {
    card(&format!(
        r#"{{"tag":"table","columns":[{columns}],"rows":[{rows}]}}"#
    ))
}

#[test]
fn table_cells_must_fit_their_column_200914() {
    let cols = r#"{"name":"n","data_type":"number"},{"name":"d","data_type":"date"},{"name":"o","data_type":"options"},{"name":"p","data_type":"persons"},{"name":"t","data_type":"text"}"#;
    assert_clean(&table(
        cols,
        r#"{"n":1.5,"d":1700000000000,"o":[{"text":"a","color":"red"}],"p":["ou_a"],"t":"x"}"#,
    ));
    let path = "ROOT -> body -> elements -> [0](tag: table)";
    let d = assert_error(&table(cols, r#"{"n":"12"}"#), 200914, path);
    assert_eq!(d.pointer, "/body/elements/0/rows/0/n");
    assert!(d.message.contains("row 0, column 0"));
    assert_error(&table(cols, r#"{"d":"2024-01-01"}"#), 200914, path);
    assert_error(&table(cols, r#"{"o":[{"label":"a"}]}"#), 200914, path);
    assert_error(&table(cols, r#"{"p":{"id":"x"}}"#), 200914, path);
    assert_error(&table(cols, r#"[1,2]"#), 200914, path);
}

#[test]
fn table_row_keys_must_be_columns_200915() {
    let d = assert_error(
        &table(r#"{"name":"a"}"#, r#"{"a":"x","b":"y"}"#),
        200915,
        "ROOT -> body -> elements -> [0](tag: table)",
    );
    assert_eq!(d.pointer, "/body/elements/0/rows/0/b");
    assert_eq!(d.help.as_deref(), Some("columns: a"));
}

#[test]
fn chart_spec_sanity_200550() {
    let path = "ROOT -> body -> elements -> [0](tag: chart)";
    let ok = r#"{"tag":"chart","chart_spec":{"type":"line","data":{"values":[{"x":1,"y":2}]},"xField":"x","yField":"y"}}"#;
    assert_clean(&card(ok));
    let d = assert_error(
        &card(
            r#"{"tag":"chart","chart_spec":{"type":"line","data":{"values":[]},"axes":null,"xField":"x","yField":"y"}}"#,
        ),
        200550,
        path,
    );
    assert_eq!(
        d.message,
        "axes: Invalid type. Expected: array, given: null"
    );
    assert_error(
        &card(r#"{"tag":"chart","chart_spec":{"type":"pyramid","data":{"values":[]}}}"#),
        200550,
        path,
    );
    assert_error(
        &card(r#"{"tag":"chart","chart_spec":{"type":"bar"}}"#),
        200550,
        path,
    );
    assert_error(&card(r#"{"tag":"chart","chart_spec":null}"#), 200550, path);
}

#[test]
fn image_keys_200570_also_in_markdown() {
    let path = "ROOT -> body -> elements -> [0](tag: markdown)";
    let d = assert_error(
        &card(r#"{"tag":"markdown","content":"see ![x](./shot.png)"}"#),
        200570,
        path,
    );
    assert!(d.message.contains("./shot.png"));
    assert_clean(&card(
        r#"{"tag":"markdown","content":"see ![x](img_v3_0abc)"}"#,
    ));
    assert_error(
        &card(r#"{"tag":"img","img_key":""}"#),
        200570,
        "ROOT -> body -> elements -> [0](tag: img)",
    );
    assert_error(
        &card(
            r#"{"tag":"img_combination","combination_mode":"double","img_list":[{"img_key":"img_v2_a"},{"img_key":"xxx"}]}"#,
        ),
        200570,
        "ROOT -> body -> elements -> [0](tag: img_combination)",
    );
    // An img without img_key at all is the 11310 the server gives.
    let d = assert_error(
        &card(r#"{"tag":"img","image_key":"img_v3_a"}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: img)",
    );
    assert_eq!(d.message, "img element must contain img_key");
}

#[test]
fn user_ids_100290() {
    assert_error(
        &card(r#"{"tag":"select_person","options":[{"value":"u_123"}]}"#),
        100290,
        "ROOT -> body -> elements -> [0](tag: select_person)",
    );
    assert_error(
        &card(r#"{"tag":"person","user_id":""}"#),
        100290,
        "ROOT -> body -> elements -> [0](tag: person)",
    );
    assert_clean(&card(r#"{"tag":"person","user_id":"6f1a23"}"#));
}

#[test]
fn limits_11310() {
    let many = vec![MD; 201].join(",");
    let d = assert_error(&card(&many), 11310, "ROOT");
    assert!(d.message.contains("element exceeds the limit"));
    assert_clean(&card(&vec![MD; 200].join(",")));

    let t = r#"{"tag":"table","columns":[{"name":"a"}],"rows":[]}"#;
    assert_clean(&card(&[t; 5].join(",")));
    let d = assert_error(&card(&[t; 6].join(",")), 11310, "ROOT");
    assert!(d.message.contains("table number over limit"));
    // Markdown tables count toward the same limit.
    let md_table = r#"{"tag":"markdown","content":"|a|b|\n|-|-|\n|1|2|"}"#;
    assert_error(
        &card(&format!("{},{md_table}", [t; 5].join(","))),
        11310,
        "ROOT",
    );

    let mut nested = MD.to_owned();
    for _ in 0..6 {
        nested = format!(
            r#"{{"tag":"interactive_container","behaviors":[{{"type":"callback","value":{{}}}}],"elements":[{nested}]}}"#
        );
    }
    let errs = errors(&card(&nested));
    assert!(
        errs.iter()
            .any(|d| d.sub_code == Some(11310) && d.message.contains("nest 6 levels")),
        "{errs:#?}"
    );
}

#[test]
fn column_set_and_its_columns_count_as_one_level() {
    let mut nested = MD.to_owned();
    for _ in 0..5 {
        nested = format!(
            r#"{{"tag":"column_set","columns":[{{"tag":"column","elements":[{nested}]}}]}}"#
        );
    }
    assert_clean(&card(&nested));
}

#[test]
fn forms_need_names_11310() {
    let submit = r#"{"tag":"button","name":"ok","form_action_type":"submit","text":{"tag":"plain_text","content":"OK"}}"#;
    let path = "ROOT -> body -> elements -> [0](tag: form)";
    assert_clean(&card(&format!(
        r#"{{"tag":"form","name":"f","elements":[{{"tag":"input","name":"a"}},{submit}]}}"#
    )));
    let d = assert_error(
        &card(&format!(r#"{{"tag":"form","elements":[{submit}]}}"#)),
        11310,
        path,
    );
    assert!(d.message.contains("missing the required `name`"));
    let d = assert_error(
        &card(&format!(
            r#"{{"tag":"form","name":"","elements":[{submit}]}}"#
        )),
        11310,
        path,
    );
    assert_eq!(
        d.message,
        "form's name is required and can not be empty string"
    );
    assert_error(
        &card(&format!(
            r#"{{"tag":"form","name":"f","elements":[{{"tag":"input","name":"a"}},{{"tag":"input","name":"a"}},{submit}]}}"#
        )),
        11310,
        "ROOT -> body -> elements -> [0](tag: form) -> elements -> [1](tag: input)",
    );
    assert_error(
        &card(&format!(
            r#"{{"tag":"form","name":"f","elements":[{{"tag":"input"}},{submit}]}}"#
        )),
        11310,
        "ROOT -> body -> elements -> [0](tag: form) -> elements -> [0](tag: input)",
    );
    // No submit button: a warning, not an error.
    let w = warnings(&card(
        r#"{"tag":"form","name":"f","elements":[{"tag":"input","name":"a"}]}"#,
    ));
    assert!(
        w.iter().any(|d| d.message.contains("no submit button")),
        "{w:#?}"
    );
}

#[test]
fn form_only_components_and_placement() {
    assert_error(
        &card(r#"{"tag":"multi_select_static","name":"m"}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: multi_select_static)",
    );
    assert_error(
        &card(r#"{"tag":"select_img","multi_select":true,"options":[{"img_key":"img_v3_a"}]}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: select_img)",
    );
    assert_error(
        &card(
            r#"{"tag":"interactive_container","behaviors":[],"elements":[{"tag":"table","columns":[],"rows":[]}]}"#,
        ),
        11310,
        "ROOT -> body -> elements -> [0](tag: interactive_container) -> elements -> [0](tag: table)",
    );
    assert_error(
        &card(r#"{"tag":"column","elements":[]}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: column)",
    );
    assert_error(
        &card(r#"{"tag":"column_set","columns":[{"tag":"markdown","content":"x"}]}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: column_set) -> columns -> [0](tag: markdown)",
    );
}

#[test]
fn update_multi_false_is_300302() {
    let d = assert_error(
        r#"{"schema":"2.0","config":{"update_multi":false}}"#,
        300302,
        "ROOT -> config",
    );
    assert_eq!(d.pointer, "/config/update_multi");
    assert_clean(r#"{"schema":"2.0","config":{"update_multi":true}}"#);
}

#[test]
fn element_ids_have_a_format_and_are_unique() {
    let d = assert_error(
        &card(r#"{"tag":"hr","element_id":"footer-sep"}"#),
        300301,
        "ROOT -> body -> elements -> [0](tag: hr)",
    );
    assert!(d.message.contains("letters, digits"));
    let twice = card(r#"{"tag":"hr","element_id":"a"},{"tag":"hr","element_id":"a"}"#);
    let d = assert_error(&twice, 300301, "ROOT -> body -> elements -> [1](tag: hr)");
    assert!(d.message.contains("used twice"), "{d}");
    // Every occurrence is reported, so the findings do not depend on the walk order.
    assert_error(&twice, 300301, "ROOT -> body -> elements -> [0](tag: hr)");
    assert_error(
        &card(r#"{"tag":"hr","element_id":"abcdefghijklmnopqrstu"}"#),
        300301,
        "ROOT -> body -> elements -> [0](tag: hr)",
    );
    assert_clean(&card(r#"{"tag":"hr","element_id":"abcdefghijklmnopqrst"}"#));
}

#[test]
fn audio_needs_enable_forward_false() {
    let audio = r#"{"tag":"audio","file_key":"file_v3_abc"}"#;
    assert_error(
        &card(audio),
        300220,
        "ROOT -> body -> elements -> [0](tag: audio)",
    );
    assert_clean(&format!(
        r#"{{"schema":"2.0","config":{{"enable_forward":false}},"body":{{"elements":[{audio}]}}}}"#
    ));
    assert_error(
        r#"{"schema":"2.0","config":{"enable_forward":false},"body":{"elements":[{"tag":"audio","file_key":"file_v3_a","audio_id":"x"},{"tag":"audio","file_key":"file_v3_a","audio_id":"x"}]}}"#,
        300230,
        "ROOT -> body -> elements -> [1](tag: audio)",
    );
}

#[test]
fn content_over_30_kb_is_230025() {
    let big = format!(
        r#"{{"tag":"markdown","content":"{}"}}"#,
        "x".repeat(31 * 1024)
    );
    let r = validate_str(&card(&big));
    let d = r.errors().find(|d| d.code == 230025).expect("230025");
    assert_eq!((d.sub_code, d.path.as_str()), (None, "ROOT"));
    // Measured on what is sent: the same card pretty-printed may be larger than compact.
    let value: serde_json::Value = serde_json::from_str(&card(&big)).unwrap();
    assert!(!card_validate::validate(&value).is_ok());
    let near = format!(
        r#"{{"tag":"markdown","content":"{}"}}"#,
        "x".repeat(28 * 1024)
    );
    let r = validate_str(&card(&near));
    assert!(r.is_ok() && r.warnings().any(|d| d.code == 230025));
}

#[test]
fn undocumented_enum_values_are_warnings() {
    let json = card(
        r#"{"tag":"markdown","content":"x","text_size":"huge"},{"tag":"button","type":"shiny","text":{"tag":"plain_text","content":"b"}}"#,
    );
    assert_clean(&json);
    let w = warnings(&json);
    assert!(
        w.iter()
            .any(|d| d.message.contains("\"huge\"") && d.severity == Severity::Warning)
    );
    assert!(
        w.iter()
            .any(|d| d.message.contains("\"shiny\"")
                && d.help.as_deref().unwrap().contains("primary"))
    );
}

#[test]
fn historical_keys_are_warnings() {
    let json = r#"{"schema":"2.0","config":{"wide_screen_mode":true},"i18n_header":{"zh_cn":{"title":{"tag":"plain_text","content":"t"}}},
        "body":{"elements":[{"tag":"button","text":{"tag":"plain_text","content":"b"},"value":{"k":1},"url":"https://x"},{"tag":"img","img_key":"img_v3_a"}]}}"#;
    assert_clean(json);
    let w = warnings(json);
    for key in ["wide_screen_mode", "i18n_header", "`value`", "`url`"] {
        assert!(
            w.iter().any(|d| d.message.contains(key)),
            "no warning for {key}: {w:#?}"
        );
    }
    assert!(w.iter().any(|d| d.message.contains("`img` has no `alt`")));
}

#[test]
fn custom_colors_and_sizes_from_config_style_are_accepted() {
    let json = r#"{"schema":"2.0","config":{"style":{"color":{"brand":{"light_mode":"rgba(1,2,3,1)","dark_mode":"rgba(1,2,3,1)"}},"text_size":{"big":{"default":"heading"}}}},
        "body":{"elements":[{"tag":"div","text":{"tag":"plain_text","content":"x","text_color":"brand","text_size":"big"}}]}}"#;
    assert!(
        validate_str(json).diagnostics().is_empty(),
        "{}",
        validate_str(json)
    );
}

#[test]
fn a_v1_card_is_recognised_not_failed() {
    let json = r#"{"config":{"wide_screen_mode":true},"elements":[{"tag":"div","text":{"tag":"lark_md","content":"x"}},{"tag":"note","elements":[]}]}"#;
    let r = validate_str(json);
    assert!(r.is_ok());
    assert_eq!(r.kind(), ContentKind::CardV1);
    let d = &r.diagnostics()[0];
    assert!(d.message.contains("JSON 1.0 card"), "{d}");
    assert!(
        r.warnings()
            .any(|d| d.sub_code == Some(200861) && d.path == "ROOT -> elements -> [1](tag: note)")
    );
    assert!(
        r.warnings()
            .any(|d| d.path == "ROOT -> elements" && d.message.contains("body.elements"))
    );
    // An object with none of a card's keys is not a card at all (rules::NOT_A_CARD).
    assert_eq!(validate_str("{}").kind(), ContentKind::Unknown);
    assert!(!validate_str("{}").is_ok());
}

#[test]
fn template_and_card_entity_forms() {
    let ok = r#"{"type":"template","data":{"template_id":"AAqigYkzabcef","template_version_name":"1.0.0","template_variable":{"k":"v"}}}"#;
    let r = validate_str(ok);
    assert!(r.is_ok() && r.diagnostics().is_empty());
    assert_eq!(r.kind(), ContentKind::Template);
    assert_error(r#"{"type":"template","data":{}}"#, 200621, "ROOT -> data");
    assert_strict_error(
        r#"{"type":"template","data":{"template_id":"A","extra":1}}"#,
        200621,
        "ROOT -> data",
    );
    assert_eq!(
        validate_str(r#"{"type":"card","data":{"card_id":"7371713483664506900"}}"#).kind(),
        ContentKind::CardEntity
    );
    assert!(!validate_str(r#"{"type":"cards","data":{}}"#).is_ok());
}

#[test]
fn line_and_column_point_at_the_key_or_value() {
    let json = "{\n  \"schema\": \"2.0\",\n  \"body\": {\n    \"elements\": [\n      {\"tag\": \"markdown\", \"content\": \"x\", \"bogus\": 1}\n    ]\n  }\n}";
    let d = &warnings(json)[0];
    assert_eq!((d.line, d.column), (Some(5), Some(43)));
}

#[test]
fn text_and_post_edits_seed_001() {
    let ok = validate_payload_str(PayloadKind::Text, r#"{"text":"hello"}"#);
    assert!(ok.is_ok() && ok.diagnostics().is_empty());
    let bad = validate_payload_str(PayloadKind::Text, r#"{"txt":"hello"}"#);
    assert_eq!(
        bad.errors().map(|d| d.code).collect::<Vec<_>>(),
        [230001, 230001]
    );
    let big = format!(r#"{{"text":"{}"}}"#, "x".repeat(151 * 1024));
    assert!(
        validate_payload_str(PayloadKind::Text, &big)
            .errors()
            .any(|d| d.code == 230025)
    );
    let fine = format!(r#"{{"text":"{}"}}"#, "x".repeat(100 * 1024));
    assert!(validate_payload_str(PayloadKind::Text, &fine).is_ok());

    let post = r#"{"zh_cn":{"title":"t","content":[[{"tag":"text","text":"a","style":["bold"]},{"tag":"a","text":"l","href":"https://x.cn"},{"tag":"at","user_id":"ou_1"}],[{"tag":"img","image_key":"img_v3_a"}],[{"tag":"hr"}],[{"tag":"code_block","language":"GO","text":"x"}],[{"tag":"md","text":"**b**"}]]}}"#;
    let r = validate_payload_str(PayloadKind::Post, post);
    assert!(r.diagnostics().is_empty(), "{r}");
    let bad = r#"{"zh_cn":{"content":[[{"tag":"text","text":"a"},{"tag":"img","image_key":"img_v3_a"}],[{"tag":"video"}]]}}"#;
    let errs: Vec<String> = validate_payload_str(PayloadKind::Post, bad)
        .errors()
        .map(|d| d.message.clone())
        .collect();
    assert!(
        errs.iter().any(|m| m.contains("alone in its paragraph")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|m| m.contains("unknown post tag `video`")),
        "{errs:?}"
    );
    let big = format!(
        r#"{{"zh_cn":{{"content":[[{{"tag":"text","text":"{}"}}]]}}}}"#,
        "x".repeat(31 * 1024)
    );
    assert!(
        validate_payload_str(PayloadKind::Post, &big)
            .errors()
            .any(|d| d.code == 230025)
    );
}

#[test]
fn chat_button_seed_002() {
    let ok = r#"{"user_ids":["ou_1"],"chat_id":"oc_1","buttons":{"buttons":[{"multi_url":{"url":"https://www.feishu.cn/"},"action_type":"url_page","text":{"text":"文本"},"button_type":"default","action_map":{"foo":"bar"}}]}}"#;
    let r = validate_payload_str(PayloadKind::ChatButton, ok);
    assert!(r.diagnostics().is_empty(), "{r}");
    let b = r#"{"action_type":"webhook","text":{"text":"ok"}}"#;
    let three = format!(r#"{{"chat_id":"oc_1","buttons":{{"buttons":[{b},{b},{b}]}}}}"#);
    let cases = [
        (three.as_str(), "at most 2 buttons"),
        (r#"{"chat_id":"oc_1","user_ids":[]}"#, "1 to 20"),
        (
            r#"{"chat_id":"oc_1","buttons":{"buttons":[{"action_type":"webhook","text":{"text":""}}]}}"#,
            "1 to 30",
        ),
        (
            r#"{"chat_id":"oc_1","buttons":{"buttons":[{"action_type":"url_page","text":{"text":"a"},"multi_url":{"url":"http://x.cn"}}]}}"#,
            "https://",
        ),
        (
            r#"{"chat_id":"oc_1","buttons":{"buttons":[{"action_type":"jump","text":{"text":"a"}}]}}"#,
            "not a valid value",
        ),
        (r#"{"buttons":{"buttons":[]}}"#, "chat_id"),
    ];
    for (json, needle) in cases {
        let r = validate_payload_str(PayloadKind::ChatButton, json);
        assert!(
            r.errors()
                .any(|d| d.code == 230001 && d.message.contains(needle)),
            "{json}: {r}"
        );
    }
    let long = format!(
        r#"{{"chat_id":"oc_1","buttons":{{"buttons":[{{"action_type":"url_page","text":{{"text":"a"}},"multi_url":{{"url":"https://x.cn/{}"}}}}]}}}}"#,
        "a".repeat(700)
    );
    assert!(
        validate_payload_str(PayloadKind::ChatButton, &long)
            .errors()
            .any(|d| d.message.contains("700"))
    );
}

#[test]
fn empty_and_truncated_input_have_1_based_positions() {
    for text in ["", " ", "{", "{\"schema\":", "[]", "null", "\"x\""] {
        let r = validate_str(text);
        assert!(!r.is_ok(), "{text:?}");
        for d in r.diagnostics() {
            assert!(
                d.line.unwrap_or(1) >= 1 && d.column.unwrap_or(1) >= 1,
                "{text:?}: {d}"
            );
        }
    }
}

#[test]
fn editor_schema_key_is_a_warning_that_says_to_strip_it() {
    let json = r#"{"$schema":"./card-v2.schema.json","schema":"2.0","body":{"elements":[]}}"#;
    assert_clean(json);
    let w = warnings(json);
    assert!(
        w.iter()
            .any(|d| d.message.contains("strip it before sending")),
        "{w:#?}"
    );
}

#[test]
fn repeated_keys_keep_the_last_value_and_warn() {
    let json = "{\n\"schema\": \"1.0\",\n\"schema\": \"2.0\",\n\"body\": {\"elements\": []}}";
    let r = validate_str(json);
    assert_eq!(r.kind(), ContentKind::CardV2);
    assert!(r.is_ok(), "{r}");
    let w: Vec<_> = r.warnings().collect();
    assert_eq!(w.len(), 1, "{r}");
    assert!(w[0].message.contains("`schema` is repeated"));
    assert_eq!((w[0].line, w[0].column), (Some(2), Some(1)));
}

#[test]
fn urls_with_multibyte_characters_near_the_scheme_do_not_panic() {
    // Found by the fuzzer: a character straddling byte 8 ("https:/ֈ…").
    for url in ["https:/ֈww.windows.com", "ֈ", "httpsֈ://x", "lark:/é"] {
        let json = format!(r#"{{"schema":"2.0","card_link":{{"url":"{url}"}}}}"#);
        let r = validate_str(&json);
        assert!(r.is_ok(), "{url}: {r}");
        assert!(
            r.warnings()
                .any(|d| d.message.contains("not an http(s) URL")),
            "{url}: {r}"
        );
    }
}

#[test]
fn a_per_locale_value_stands_in_for_a_required_one() {
    assert_clean(&card(
        r#"{"tag":"markdown","i18n_content":{"zh_cn":"你好","en_us":"hi"}}"#,
    ));
    assert_error(
        &card(r#"{"tag":"markdown"}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: markdown)",
    );
}

#[test]
fn null_is_absent_a_warning_unless_the_key_is_required() {
    let optional = card(r#"{"tag":"markdown","content":"x","margin":null}"#);
    assert_clean(&optional);
    assert_eq!(warnings(&optional)[0].rule.id, "null-value");
    // A required key that is null is missing (and the model could not hold it either).
    assert_error(
        &card(r#"{"tag":"markdown","content":null}"#),
        200621,
        "ROOT -> body -> elements -> [0](tag: markdown)",
    );
}

#[test]
fn a_missing_attribute_carries_its_own_sub_code() {
    let d = assert_error(
        &card(r#"{"tag":"img"}"#),
        11310,
        "ROOT -> body -> elements -> [0](tag: img)",
    );
    assert_eq!(d.rule.id, "missing-required");
    assert_eq!(d.message, "img element must contain img_key");
}

#[test]
fn a_submit_button_outside_a_form_is_a_warning_on_the_button() {
    let outside = card(
        r#"{"tag":"button","text":{"tag":"plain_text","content":"Go"},"form_action_type":"submit","name":"go"}"#,
    );
    assert!(errors(&outside).is_empty(), "not a rejection on record");
    let w = warnings(&outside);
    let d = w
        .iter()
        .find(|d| d.rule().id == "form-action-outside-form")
        .unwrap_or_else(|| panic!("{w:?}"));
    assert_eq!(
        d.path.to_string(),
        "ROOT -> body -> elements -> [0](tag: button)"
    );
    let inside = card(
        r#"{"tag":"form","name":"f","elements":[{"tag":"button","text":{"tag":"plain_text","content":"Go"},"form_action_type":"submit","name":"go"}]}"#,
    );
    assert!(
        !warnings(&inside)
            .iter()
            .any(|d| d.rule().id == "form-action-outside-form")
    );
}

/// The rule table: each rule is found by its id and shows as it; rules are told apart by id.
#[test]
fn rules_are_found_by_id_and_told_apart() {
    use card_validate::rules::{self, RULES};
    for r in RULES {
        let found = rules::by_id(r.id).unwrap_or_else(|| panic!("{} is not found", r.id));
        assert!(std::ptr::eq(found, *r), "{}", r.id);
        assert_eq!(r.to_string(), r.id);
    }
    assert!(rules::by_id("no-such-rule").is_none());
    assert_eq!(rules::JSON_SYNTAX, rules::JSON_SYNTAX);
    assert_ne!(rules::JSON_SYNTAX, rules::NOT_AN_OBJECT);
    // Ids are unique, so finding by id is unambiguous.
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
}
