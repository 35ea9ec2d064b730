//! The card checks at their edges and in each branch: sizes at the limit, 1.0 cards, shared
//! objects' own rules, form fields and buttons, option values, charts, and the codes a message
//! body's findings carry.

use card_validate::rules::{self, Rule};
use card_validate::{ContentKind, PayloadKind, validate_payload_str, validate_str};

fn card(elements: &str) -> String {
    format!(r#"{{"schema":"2.0","body":{{"elements":[{elements}]}}}}"#)
}

/// The (rule, ErrPath) of every finding.
fn found(json: &str) -> Vec<(&'static str, String)> {
    validate_str(json)
        .diagnostics()
        .iter()
        .map(|d| (d.rule.id, d.path.clone()))
        .collect()
}

#[track_caller]
fn has(json: &str, rule: &Rule) {
    assert!(
        found(json).iter().any(|(r, _)| *r == rule.id),
        "{} not found in {:?}",
        rule.id,
        found(json)
    );
}

#[track_caller]
fn lacks(json: &str, rule: &Rule) {
    assert!(
        !found(json).iter().any(|(r, _)| *r == rule.id),
        "{} found in {:?}",
        rule.id,
        found(json)
    );
}

/// A card of exactly `len` bytes.
fn card_of_len(len: usize) -> String {
    let empty = card(r#"{"tag":"markdown","content":""}"#);
    card(&format!(
        r#"{{"tag":"markdown","content":"{}"}}"#,
        "x".repeat(len - empty.len())
    ))
}

#[test]
fn the_size_limit_and_its_warning_start_one_byte_past_their_mark() {
    let max = 30 * 1024;
    assert_eq!(card_of_len(max).len(), max);
    lacks(&card_of_len(max), &rules::CONTENT_TOO_LARGE);
    has(&card_of_len(max + 1), &rules::CONTENT_TOO_LARGE);
    let near = max * 9 / 10;
    lacks(&card_of_len(near), &rules::CONTENT_NEAR_LIMIT);
    has(&card_of_len(near + 1), &rules::CONTENT_NEAR_LIMIT);
    lacks(&card_of_len(max + 1), &rules::CONTENT_NEAR_LIMIT);
}

#[test]
fn a_1_0_card_is_known_by_its_schema_or_its_keys() {
    let kind = |j: &str| validate_str(j).kind();
    assert_eq!(
        kind(r#"{"schema":"1.0","elements":[]}"#),
        ContentKind::CardV1
    );
    // Its `schema: "1.0"` is not a finding of its own.
    assert!(
        !found(r#"{"schema":"1.0","elements":[]}"#)
            .iter()
            .any(|(_, p)| p.contains("schema"))
    );
    assert_eq!(kind(r#"{"elements":[]}"#), ContentKind::CardV1);
    assert_eq!(
        kind(r#"{"header":{"title":{"tag":"plain_text","content":"x"}}}"#),
        ContentKind::CardV1
    );
    // A 2.0 key without `schema` is a card too (the server takes it as 1.0).
    assert_eq!(kind(r#"{"body":{"elements":[]}}"#), ContentKind::CardV1);
    assert_eq!(kind(r#"{"colour":"red"}"#), ContentKind::Unknown);
    // Its i18n_elements are checked too, as 2.0 would see them.
    let i18n = r#"{"i18n_elements":{"zh_cn":[{"tag":"divider"}]}}"#;
    has(i18n, &rules::REMOVED_PROPERTY);
    assert!(
        found(i18n)
            .iter()
            .any(|(r, p)| *r == rules::UNKNOWN_TAG.id && p.contains("zh_cn")),
        "{:?}",
        found(i18n)
    );
}

#[test]
fn behaviors_need_their_target() {
    let button = |behavior: &str| {
        card(&format!(
            r#"{{"tag":"button","text":{{"tag":"plain_text","content":"b"}},"behaviors":[{behavior}]}}"#
        ))
    };
    has(&button(r#"{"type":"open_url"}"#), &rules::MISSING_REQUIRED);
    lacks(
        &button(r#"{"type":"open_url","default_url":"https://x.com"}"#),
        &rules::MISSING_REQUIRED,
    );
    has(&button(r#"{"type":"callback"}"#), &rules::MISSING_REQUIRED);
    lacks(
        &button(r#"{"type":"callback","value":{"k":1}}"#),
        &rules::MISSING_REQUIRED,
    );
}

#[test]
fn a_card_link_needs_url_or_every_platform() {
    let linked =
        |link: &str| format!(r#"{{"schema":"2.0","card_link":{link},"body":{{"elements":[]}}}}"#);
    lacks(
        &linked(r#"{"url":"https://x.com"}"#),
        &rules::CONTENT_ADVICE,
    );
    lacks(
        &linked(
            r#"{"pc_url":"https://x.com","ios_url":"https://x.com","android_url":"https://x.com"}"#,
        ),
        &rules::CONTENT_ADVICE,
    );
    has(
        &linked(r#"{"pc_url":"https://x.com","ios_url":"https://x.com"}"#),
        &rules::CONTENT_ADVICE,
    );
    lacks(&linked("{}"), &rules::CONTENT_ADVICE);
}

fn form(inner: &str) -> String {
    card(&format!(
        r#"{{"tag":"form","name":"f","elements":[{inner}]}}"#
    ))
}

const SUBMIT: &str = r#"{"tag":"button","name":"s","text":{"tag":"plain_text","content":"s"},"form_action_type":"submit"}"#;

#[test]
fn buttons_in_a_form_say_what_they_do() {
    let b = |extra: &str| {
        format!(
            r#"{{"tag":"button","name":"b","text":{{"tag":"plain_text","content":"b"}}{extra}}}"#
        )
    };
    lacks(
        &form(&b(r#","form_action_type":"submit""#)),
        &rules::FORM_ADVICE,
    );
    lacks(
        &form(&format!("{},{SUBMIT}", b(r#","form_action_type":"reset""#))),
        &rules::FORM_ADVICE,
    );
    lacks(
        &form(&b(r#","action_type":"form_submit""#)),
        &rules::FORM_ADVICE,
    );
    lacks(
        &form(&format!("{},{SUBMIT}", b(r#","action_type":"form_reset""#))),
        &rules::FORM_ADVICE,
    );
    has(&form(&format!("{},{SUBMIT}", b(""))), &rules::FORM_ADVICE);
    // Outside a form, a submit button submits nothing.
    has(
        &card(&b(r#","form_action_type":"submit""#)),
        &rules::FORM_ACTION_OUTSIDE_FORM,
    );
    lacks(&card(&b("")), &rules::FORM_ACTION_OUTSIDE_FORM);
}

#[test]
fn form_fields_are_named_and_required_only_in_forms() {
    let input = |name: &str| format!(r#"{{"tag":"input","name":"{name}"}}"#);
    has(
        &form(&format!("{},{SUBMIT}", input("  "))),
        &rules::FORM_NAME,
    );
    lacks(
        &form(&format!("{},{SUBMIT}", input("a"))),
        &rules::FORM_NAME,
    );
    has(
        &form(&format!("{},{},{SUBMIT}", input("a"), input("a"))),
        &rules::NAME_DUPLICATE,
    );
    lacks(
        &form(&format!("{},{},{SUBMIT}", input("a"), input("b"))),
        &rules::NAME_DUPLICATE,
    );
    has(
        &card(r#"{"tag":"input","name":"a","required":true}"#),
        &rules::REQUIRED_OUTSIDE_FORM,
    );
    lacks(
        &card(r#"{"tag":"input","name":"a","required":false}"#),
        &rules::REQUIRED_OUTSIDE_FORM,
    );
    lacks(
        &card(r#"{"tag":"multi_select_static","name":"a","required":true,"options":[]}"#),
        &rules::REQUIRED_OUTSIDE_FORM,
    );
}

#[test]
fn option_values_are_unique() {
    for tag in ["select_static", "multi_select_static"] {
        let select = |values: &[&str]| {
            let options: Vec<String> = values
                .iter()
                .map(|v| {
                    format!(r#"{{"text":{{"tag":"plain_text","content":"{v}"}},"value":"{v}"}}"#)
                })
                .collect();
            form(&format!(
                r#"{{"tag":"{tag}","name":"s1","options":[{}]}},{SUBMIT}"#,
                options.join(",")
            ))
        };
        let twice = select(&["a", "b", "a"]);
        let pointers: Vec<String> = validate_str(&twice)
            .diagnostics()
            .iter()
            .filter(|d| d.rule == &rules::CONTENT_ADVICE)
            .map(|d| d.pointer.clone())
            .collect();
        assert_eq!(
            pointers,
            ["/body/elements/0/elements/0/options/2"],
            "{tag}: the repeat is named"
        );
        lacks(&select(&["a", "b", "c"]), &rules::CONTENT_ADVICE);
    }
}

fn chart(spec: &str) -> String {
    card(&format!(r#"{{"tag":"chart","chart_spec":{spec}}}"#))
}

#[test]
fn chart_types_data_and_fields() {
    // A VChart type the card docs do not list: advice, not an error.
    has(
        &chart(r#"{"type":"rose","data":{"values":[]}}"#),
        &rules::CHART_ADVICE,
    );
    lacks(
        &chart(r#"{"type":"rose","data":{"values":[]}}"#),
        &rules::CHART_SPEC,
    );
    has(
        &chart(r#"{"type":"rosy","data":{"values":[]}}"#),
        &rules::CHART_SPEC,
    );
    // Keys VChart wants as arrays or objects.
    for bad in [
        r#""axes":null"#,
        r#""axes":{}"#,
        r#""axes":5"#,
        r#""title":"t""#,
    ] {
        has(
            &chart(&format!(
                r#"{{"type":"bar","xField":"x","yField":"y","data":{{"values":[]}},{bad}}}"#
            )),
            &rules::CHART_SPEC,
        );
    }
    // Object keys take arrays too.
    for good in [
        r#""axes":[]"#,
        r#""title":{}"#,
        r#""title":[1]"#,
        r#""title":null"#,
    ] {
        let j = chart(&format!(
            r#"{{"type":"bar","xField":"x","yField":"y","data":{{"values":[]}},{good}}}"#
        ));
        if good.contains("null") {
            // `title: null` is a wrong type (object expected), like the docs' `axes: null`.
            has(&j, &rules::CHART_SPEC);
        } else {
            lacks(&j, &rules::CHART_SPEC);
        }
    }
    // Data: an object with values or an id, a non-empty array, or series that carry their own.
    for ok in [
        r#""data":{"values":[]}"#,
        r#""data":{"id":"d"}"#,
        r#""data":[{"values":[]}]"#,
        r#""series":[{"data":{"values":[]}}]"#,
        r#""series":[{"dataIndex":0}]"#,
        r#""series":[{"dataId":"d"}]"#,
    ] {
        lacks(
            &chart(&format!(
                r#"{{"type":"bar","xField":"x","yField":"y",{ok}}}"#
            )),
            &rules::CHART_SPEC,
        );
    }
    for none in [
        r#""data":[]"#,
        r#""data":{}"#,
        r#""series":[]"#,
        r#""series":[{}]"#,
        r#""series":[{"data":{}},{}]"#,
    ] {
        let j = chart(&format!(
            r#"{{"type":"bar","xField":"x","yField":"y",{none}}}"#
        ));
        assert!(
            found(&j).iter().any(|(r, _)| *r == rules::CHART_SPEC.id),
            "{none}: {:?}",
            found(&j)
        );
    }
    // Each documented type's field mappings.
    for (t, field) in [
        ("line", "xField"),
        ("scatter", "yField"),
        ("pie", "categoryField"),
        ("radar", "valueField"),
        ("wordCloud", "nameField"),
        ("common", "series"),
    ] {
        let j = chart(&format!(r#"{{"type":"{t}","data":{{"values":[]}}}}"#));
        let advice: Vec<String> = validate_str(&j)
            .diagnostics()
            .iter()
            .filter(|d| d.rule == &rules::CHART_ADVICE)
            .map(|d| d.message.clone())
            .collect();
        assert!(
            advice.iter().any(|m| m.contains(&format!("`{field}`"))),
            "{t}: {advice:?}"
        );
    }
}

#[test]
fn a_message_bodys_findings_carry_the_message_codes() {
    let big = validate_payload_str(
        PayloadKind::Text,
        &format!(r#"{{"text":"{}"}}"#, "y".repeat(151 * 1024)),
    );
    let d = big.first_error().unwrap();
    assert_eq!((d.code, d.sub_code), (230025, None));
    let bad = validate_payload_str(PayloadKind::Text, r#"{"text":5}"#);
    let d = bad.first_error().unwrap();
    assert_eq!((d.code, d.sub_code), (230001, None));
}

/// `n` markdown tables in one text.
fn tables(n: usize) -> String {
    "| a | b |\\n|---|---|\\n| 1 | 2 |\\n\\ntext\\n\\n".repeat(n)
}

#[test]
fn markdown_tables_count_per_locale_across_components() {
    let md = |content: &str| format!(r#"{{"tag":"markdown","content":"{content}"}}"#);
    // 2 + 3 = 5 tables: at the limit; 3 + 3 = 6: over it.
    lacks(
        &card(&format!("{},{}", md(&tables(2)), md(&tables(3)))),
        &rules::TABLE_LIMIT,
    );
    has(
        &card(&format!("{},{}", md(&tables(3)), md(&tables(3)))),
        &rules::TABLE_LIMIT,
    );
    // Each locale is a card of its own.
    let i18n = |a: usize, b: usize| {
        format!(
            r#"{{"tag":"markdown","i18n_content":{{"zh_cn":"{}","en_us":"{}"}}}}"#,
            tables(a),
            tables(b)
        )
    };
    lacks(
        &card(&format!("{},{}", i18n(3, 2), i18n(2, 3))),
        &rules::TABLE_LIMIT,
    );
    has(
        &card(&format!("{},{}", i18n(3, 3), i18n(3, 0))),
        &rules::TABLE_LIMIT,
    );
    // One text with more than 4 tables gets the docs' advice.
    let advice = |n: usize| {
        validate_str(&card(&md(&tables(n))))
            .diagnostics()
            .iter()
            .any(|d| d.rule == &rules::MARKDOWN_ADVICE && d.message.contains("tables"))
    };
    assert!(!advice(4));
    assert!(advice(5));
}

#[test]
fn messages_name_the_value_they_are_about() {
    let j = card(r#"{"tag":"column_set","columns":[{"tag":"column","width":"99999px"}]}"#);
    let d = validate_str(&j);
    let d = d
        .diagnostics()
        .iter()
        .find(|d| d.rule == &rules::UNDOCUMENTED_VALUE)
        .expect("a finding");
    assert_eq!(d.message, "`width` \"99999px\" is not a documented value");
}

#[test]
fn message_and_chat_button_limits_start_past_their_mark() {
    let text = |len: usize| {
        let empty = r#"{"text":""}"#;
        format!(r#"{{"text":"{}"}}"#, "y".repeat(len - empty.len()))
    };
    let max = 150 * 1024;
    assert_eq!(text(max).len(), max);
    assert!(validate_payload_str(PayloadKind::Text, &text(max)).is_ok());
    assert!(!validate_payload_str(PayloadKind::Text, &text(max + 1)).is_ok());
    let buttons = |n: usize| {
        let b = r#"{"action_type":"url_page","text":{"text":"go"},"multi_url":{"url":"https://x.com"}}"#;
        format!(
            r#"{{"chat_id":"oc_1","user_ids":["ou_1"],"buttons":{{"buttons":[{}]}}}}"#,
            vec![b; n].join(",")
        )
    };
    let report = validate_payload_str(PayloadKind::ChatButton, &buttons(2));
    assert!(report.is_ok(), "{report}");
    let report = validate_payload_str(PayloadKind::ChatButton, &buttons(3));
    assert!(
        report
            .errors()
            .any(|d| d.message == "at most 2 buttons, found 3"),
        "{report}"
    );
}

fn table(columns: &str, rows: &str) -> String {
    card(&format!(
        r#"{{"tag":"table","columns":[{columns}],"rows":[{rows}]}}"#
    ))
}

/// The messages of a table's findings of `rule`.
fn table_messages(columns: &str, rows: &str, rule: &Rule) -> Vec<String> {
    validate_str(&table(columns, rows))
        .diagnostics()
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn table_columns_cells_and_their_messages() {
    // Column names: empty or repeated.
    assert_eq!(
        table_messages(r#"{"name":"a"},{"name":"a"}"#, "", &rules::TABLE_ADVICE),
        [r#"column name "a" is empty or repeated"#]
    );
    assert_eq!(
        table_messages(r#"{"name":""}"#, "", &rules::TABLE_ADVICE).len(),
        1
    );
    assert!(table_messages(r#"{"name":"a"},{"name":"b"}"#, "", &rules::TABLE_ADVICE).is_empty());
    // Each data type names what it takes.
    for (ty, cell, want) in [
        ("number", r#""abc""#, "a JSON number"),
        (
            "date",
            r#""x""#,
            "a Unix timestamp in milliseconds (a JSON integer)",
        ),
        ("options", "5", "a string or an array of {text, color?}"),
        ("persons", "5", "a user id or an array of user ids"),
    ] {
        let m = table_messages(
            &format!(r#"{{"name":"c","data_type":"{ty}"}}"#),
            &format!(r#"{{"c":{cell}}}"#),
            &rules::TABLE_CELL,
        );
        assert_eq!(m.len(), 1, "{ty}: {m:?}");
        assert!(m[0].ends_with(&format!("must be {want}")), "{ty}: {}", m[0]);
    }
    let options = r#"{"name":"c","data_type":"options"}"#;
    for ok in [
        r#""a""#,
        r#"[{"text":"a"}]"#,
        r#"[{"text":"a","color":"blue"}]"#,
    ] {
        assert!(
            table_messages(options, &format!(r#"{{"c":{ok}}}"#), &rules::TABLE_CELL).is_empty(),
            "{ok}"
        );
    }
    for bad in [
        r#"[{"text":5}]"#,
        r#"[{"text":"a","colour":"blue"}]"#,
        r#"[{"text":"a","color":5}]"#,
        r#"[{"color":"blue"}]"#,
    ] {
        assert_eq!(
            table_messages(options, &format!(r#"{{"c":{bad}}}"#), &rules::TABLE_CELL).len(),
            1,
            "{bad}"
        );
    }
    assert_eq!(
        table_messages(
            options,
            r#"{"c":[{"text":"a","color":"chartreuse"}]}"#,
            &rules::UNDOCUMENTED_VALUE
        ),
        [r#"option color "chartreuse" is not a tag color; blue is used"#]
    );
    let persons = r#"{"name":"c","data_type":"persons"}"#;
    assert!(table_messages(persons, r#"{"c":["ou_1","ou_2"]}"#, &rules::TABLE_CELL).is_empty());
    assert_eq!(
        table_messages(persons, r#"{"c":["ou_1",5]}"#, &rules::TABLE_CELL).len(),
        1
    );
    // Markdown cells: image keys are checked; objects in text cells show as raw JSON.
    let md = r#"{"name":"c","data_type":"markdown"}"#;
    assert_eq!(
        table_messages(
            md,
            r#"{"c":"![x](https://e.com/a.png)"}"#,
            &rules::IMAGE_KEY
        )
        .len(),
        1
    );
    assert!(table_messages(md, r#"{"c":"![x](img_v3_abc)"}"#, &rules::IMAGE_KEY).is_empty());
    for ty in ["text", "lark_md", "markdown"] {
        let col = format!(r#"{{"name":"c","data_type":"{ty}"}}"#);
        for cell in [r#"{"a":1}"#, "[1]"] {
            let advice = table_messages(&col, &format!(r#"{{"c":{cell}}}"#), &rules::TABLE_ADVICE);
            let errors = table_messages(&col, &format!(r#"{{"c":{cell}}}"#), &rules::TABLE_CELL);
            assert_eq!(
                advice.len() + errors.len(),
                1,
                "{ty} {cell}: {advice:?} {errors:?}"
            );
        }
    }
}

#[test]
fn wrong_types_name_what_was_expected_and_found() {
    let message = |el: &str| {
        validate_str(&card(el))
            .errors()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        message(r#"{"tag":"markdown","content":5}"#),
        ["`content` must be a string, found a number"]
    );
    assert_eq!(
        message(r#"{"tag":"markdown","content":"x","margin":8}"#),
        [r#"`margin` must be a string such as "8px" or "4px 12px", found a number"#]
    );
    assert_eq!(
        message(r#"{"tag":"column_set","columns":[{"tag":"column","weight":1.5}]}"#),
        ["`weight` must be an integer, found a number"]
    );
}

/// Every tagged object counts toward the 200 of a card: text objects, 1.0 tags and unknown tags
/// too, not only the components the spec knows.
#[test]
fn the_element_limit_counts_text_objects_1_0_tags_and_unknown_tags() {
    let hrs = |n: usize| vec![r#"{"tag":"hr"}"#; n].join(",");
    // Each extra adds exactly this many tagged objects.
    let extras = [
        (r#"{"tag":"note","elements":[]}"#, 1),
        (r#"{"tag":"no_such_tag"}"#, 1),
        (
            r#"{"tag":"div","text":{"tag":"plain_text","content":"a"}}"#,
            2,
        ),
    ];
    for (extra, counts) in extras {
        let at_limit = card(&format!("{},{extra}", hrs(200 - counts)));
        lacks(&at_limit, &rules::ELEMENT_LIMIT);
        let over = card(&format!("{},{extra}", hrs(201 - counts)));
        has(&over, &rules::ELEMENT_LIMIT);
        assert!(
            validate_str(&over)
                .diagnostics()
                .iter()
                .any(|d| d.rule.id == rules::ELEMENT_LIMIT.id
                    && d.message.contains("has 201 components")),
            "{extra}: {:?}",
            found(&over)
        );
    }
}

/// A checker shows at most 3 buttons: 3 pass, 4 are flagged.
#[test]
fn a_checker_takes_three_buttons() {
    let checker = |n: usize| {
        let buttons = vec![r#"{"tag":"button","text":{"tag":"plain_text","content":"b"}}"#; n];
        card(&format!(
            r#"{{"tag":"checker","text":{{"tag":"plain_text","content":"t"}},"button_area":{{"buttons":[{}]}}}}"#,
            buttons.join(",")
        ))
    };
    lacks(&checker(3), &rules::OUT_OF_RANGE);
    has(&checker(4), &rules::OUT_OF_RANGE);
}

/// The value checks at their edges: a constant given as another type names the constant; an
/// array at its documented maximum passes and one more item is flagged; locale keys are checked
/// against the 16 documented ones.
#[test]
fn constants_array_maxima_and_locale_keys() {
    let r = validate_str(r#"{"schema":2,"body":{"elements":[]}}"#);
    assert!(
        r.diagnostics()
            .iter()
            .any(|d| d.message.contains(r#"the string "2.0""#)),
        "{:?}",
        found(r#"{"schema":2,"body":{"elements":[]}}"#)
    );
    let tag = r#"{"tag":"text_tag","text":{"tag":"plain_text","content":"t"}}"#;
    let header = |n: usize| {
        format!(
            r#"{{"schema":"2.0","header":{{"title":{{"tag":"plain_text","content":"h"}},"text_tag_list":[{}]}},"body":{{"elements":[]}}}}"#,
            vec![tag; n].join(",")
        )
    };
    lacks(&header(3), &rules::OUT_OF_RANGE);
    has(&header(4), &rules::OUT_OF_RANGE);
    let locales = |loc: &str| {
        format!(
            r#"{{"schema":"2.0","header":{{"title":{{"tag":"plain_text","content":"h"}},"i18n_text_tag_list":{{"{loc}":[{tag}]}}}},"body":{{"elements":[]}}}}"#
        )
    };
    lacks(&locales("en_us"), &rules::UNDOCUMENTED_VALUE);
    has(&locales("xx_yy"), &rules::UNDOCUMENTED_VALUE);
}
