//! Each error rule fires on a minimal card, and rests on the evidence it names (a doc page with
//! a quote, or an observed server reply). A new error rule without a case here fails the test.

use card_validate::rules::{self, Evidence, Rule};
use card_validate::{PayloadKind, Severity, validate_payload_str, validate_str};

fn card(elements: &str) -> String {
    format!(r#"{{"schema":"2.0","body":{{"elements":[{elements}]}}}}"#)
}

/// (rule, payload kind, content, a word the evidence must contain).
fn cases() -> Vec<(&'static Rule, PayloadKind, String, &'static str)> {
    use PayloadKind::{Card, ChatButton, Text};
    let big = "x".repeat(31 * 1024);
    vec![
        (&rules::JSON_SYNTAX, Card, "{".into(), "200621"),
        (&rules::NOT_AN_OBJECT, Card, "[]".into(), "200621"),
        (&rules::NOT_A_CARD, Card, r#"{"card":{"schema":"2.0"}}"#.into(), "unknown property"),
        (&rules::CONTENT_TYPE, Card, r#"{"type":"cards"}"#.into(), "200621"),
        (&rules::SCHEMA_VALUE, Card, r#"{"schema":"3.0"}"#.into(), "200621"),
        (
            &rules::CONTENT_TOO_LARGE,
            Card,
            card(&format!(r#"{{"tag":"markdown","content":"{big}"}}"#)),
            "230025",
        ),
        (&rules::UNKNOWN_ROOT_PROPERTY, Card, r#"{"schema":"2.0","colour":1}"#.into(), "path: []"),
        (&rules::REMOVED_PROPERTY, Card, r#"{"schema":"2.0","fallback":{}}"#.into(), "fallback"),
        (&rules::WRONG_TYPE, Card, card(r#"{"tag":"markdown","content":5}"#), "200621"),
        (&rules::MISSING_REQUIRED, Card, card(r#"{"tag":"img"}"#), "img_key"),
        (
            &rules::REMOVED_VALUE,
            Card,
            card(r#"{"tag":"img","img_key":"img_v3_a","size":"stretch_without_padding"}"#),
            "stretch_without_padding",
        ),
        (
            &rules::INVALID_ENUM,
            Card,
            card(r#"{"tag":"div","text":{"tag":"html","content":"x"}}"#),
            "200621",
        ),
        (&rules::BOX_SYNTAX, Card, card(r#"{"tag":"markdown","content":"x","margin":"8"}"#), "padding"),
        (&rules::IMAGE_KEY, Card, card(r#"{"tag":"img","img_key":"xxx"}"#), "200570"),
        (
            &rules::FILE_KEY,
            Card,
            r#"{"schema":"2.0","config":{"enable_forward":false},"body":{"elements":[{"tag":"audio","file_key":"x"}]}}"#.into(),
            "300240",
        ),
        (
            &rules::USER_ID,
            Card,
            card(r#"{"tag":"select_person","options":[{"value":"u_1"}]}"#),
            "100290",
        ),
        (&rules::ELEMENT_ID_FORMAT, Card, card(r#"{"tag":"hr","element_id":"a-b"}"#), "elementID format error"),
        (
            &rules::ELEMENT_ID_DUPLICATE,
            Card,
            card(r#"{"tag":"hr","element_id":"a"},{"tag":"hr","element_id":"a"}"#),
            "300301",
        ),
        (
            &rules::UPDATE_MULTI_FALSE,
            Card,
            r#"{"schema":"2.0","config":{"update_multi":false}}"#.into(),
            "update_multi",
        ),
        (&rules::UNSUPPORTED_V1_TAG, Card, card(r#"{"tag":"note","elements":[]}"#), "note"),
        (&rules::UNKNOWN_TAG, Card, card(r#"{"tag":"divider"}"#), "unsupported type of block"),
        (&rules::MISSING_TAG, Card, card(r#"{"content":"x"}"#), "200621"),
        (
            &rules::PLACEMENT,
            Card,
            card(r#"{"tag":"interactive_container","elements":[{"tag":"form","name":"f","elements":[]}]}"#),
            "表单容器",
        ),
        (
            &rules::FORM_ONLY_PROPERTY,
            Card,
            card(r#"{"tag":"select_img","multi_select":true,"options":[]}"#),
            "报错",
        ),
        (
            &rules::NESTING_DEPTH,
            Card,
            card(&format!(
                "{}{{\"tag\":\"markdown\",\"content\":\"x\"}}{}",
                r#"{"tag":"interactive_container","elements":["#.repeat(6),
                "]}".repeat(6)
            )),
            "五层",
        ),
        (
            &rules::ELEMENT_LIMIT,
            Card,
            card(&vec![r#"{"tag":"hr"}"#; 201].join(",")),
            "element exceeds the limit",
        ),
        (
            &rules::TABLE_LIMIT,
            Card,
            card(&[r#"{"tag":"table","columns":[],"rows":[]}"#; 6].join(",")),
            "table number over limit",
        ),
        (
            &rules::FORM_NAME,
            Card,
            card(r#"{"tag":"form","name":"","elements":[{"tag":"button","name":"b","form_action_type":"submit"}]}"#),
            "form's name is required",
        ),
        (
            &rules::NAME_DUPLICATE,
            Card,
            card(r#"{"tag":"form","name":"f","elements":[{"tag":"input","name":"f"},{"tag":"button","name":"b","form_action_type":"submit"}]}"#),
            "卡片全局内唯一",
        ),
        (
            &rules::AUDIO_FORWARD,
            Card,
            card(r#"{"tag":"audio","file_key":"file_v3_a"}"#),
            "300220",
        ),
        (
            &rules::AUDIO_ID_DUPLICATE,
            Card,
            r#"{"schema":"2.0","config":{"enable_forward":false},"body":{"elements":[{"tag":"audio","file_key":"file_v3_a","audio_id":"x"},{"tag":"audio","file_key":"file_v3_a","audio_id":"x"}]}}"#.into(),
            "300230",
        ),
        (
            &rules::TABLE_CELL,
            Card,
            card(r#"{"tag":"table","columns":[{"name":"n","data_type":"number"}],"rows":[{"n":"abc"}]}"#),
            "200914",
        ),
        (
            &rules::TABLE_ROW_KEY,
            Card,
            card(r#"{"tag":"table","columns":[{"name":"n","data_type":"text"}],"rows":[{"m":"x"}]}"#),
            "200915",
        ),
        (
            &rules::CHART_SPEC,
            Card,
            card(r#"{"tag":"chart","chart_spec":{"data":{"values":[]}}}"#),
            "200550",
        ),
        (&rules::MESSAGE_BODY, Text, r#"{"text":5}"#.into(), "230001"),
        (&rules::CHAT_BUTTON_BODY, ChatButton, r#"{"chat_id":"oc_1","user_ids":[]}"#.into(), "230001"),
        (
            &rules::MESSAGE_TOO_LARGE,
            Text,
            format!(r#"{{"text":"{}"}}"#, "y".repeat(151 * 1024)),
            "230025",
        ),
    ]
}

fn evidence_text(r: &Rule) -> String {
    match r.evidence {
        Evidence::Doc { page, quote } => format!("{page} {quote}"),
        Evidence::Observed { source, reply } => format!("{source} {reply}"),
        Evidence::Judgement(why) => why.to_owned(),
    }
}

#[test]
fn every_error_rule_fires_and_names_its_evidence() {
    let cases = cases();
    for (rule, kind, content, word) in &cases {
        assert_eq!(rule.severity, Severity::Error, "{}", rule.id);
        let report = match kind {
            PayloadKind::Card => validate_str(content),
            other => validate_payload_str(*other, content),
        };
        assert!(
            report.errors().any(|d| d.rule == *rule),
            "{} did not fire on {}…:\n{report}",
            rule.id,
            content.chars().take(120).collect::<String>()
        );
        let evidence = evidence_text(rule);
        assert!(
            evidence.contains(word),
            "{}: its evidence should mention {word:?}: {evidence}",
            rule.id
        );
        assert!(
            !matches!(rule.evidence, Evidence::Judgement(_)),
            "{}",
            rule.id
        );
    }
    // Every error rule has a case.
    for r in rules::RULES
        .iter()
        .filter(|r| r.severity == Severity::Error)
    {
        assert!(
            cases.iter().any(|(c, ..)| c == r),
            "error rule {} has no case in tests/evidence.rs",
            r.id
        );
    }
}

/// The platform codes an evidence text quotes: numbers after `ErrCode`, `code=` or
/// `feishu_code`, and the code column of a docs table row (`200621 | …`).
fn quoted_codes(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let digits = |rest: &str| -> Option<u32> {
        let n: String = rest
            .trim_start_matches([' ', ':', '='])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        n.parse().ok()
    };
    for marker in ["ErrCode", "code=", "feishu_code"] {
        for (at, _) in text.match_indices(marker) {
            out.extend(digits(&text[at + marker.len()..]));
        }
    }
    // A docs table row: `| 230025 | The length …` or `400 | 230001 | param is invalid`.
    for cell in text.split('|') {
        let words: Vec<&str> = cell.split_whitespace().collect();
        for word in [words.first(), words.last()].into_iter().flatten() {
            if let Ok(n) = word.parse::<u32>()
                && n >= 10_000
            {
                out.push(n);
            }
        }
    }
    out
}

/// Where a rule's evidence quotes a code, the rule reports that code: its sub-code when it has
/// one, else its outer code. The rules whose evidence quotes no code (a docs sentence that the
/// server refuses, without the reply) are listed: their sub-code is the family the docs' table
/// gives for such content (200621 for a parse, 11310 for a content rule), and the list changes
/// only on purpose.
#[test]
fn every_error_rules_code_is_the_code_its_evidence_quotes() {
    let mut unquoted = Vec::new();
    for r in rules::RULES
        .iter()
        .filter(|r| r.severity == Severity::Error)
    {
        let quoted = quoted_codes(&evidence_text(r));
        if quoted.is_empty() {
            unquoted.push(r.id);
            continue;
        }
        let reported = r.sub_code.unwrap_or(r.code);
        assert!(
            quoted.contains(&reported),
            "{} reports {}/{reported} but its evidence quotes {quoted:?}: {}",
            r.id,
            r.code,
            evidence_text(r)
        );
    }
    assert_eq!(
        unquoted,
        [
            "removed-property",
            "removed-value",
            "element-id-format",
            "update-multi-false",
            "unsupported-v1-tag",
            "placement",
            "form-only-property",
            "nesting-depth",
            "name-duplicate",
        ]
    );
    // The check can fail: a code its evidence does not quote.
    assert_eq!(quoted_codes("ErrCode: 11310; ErrMsg: img element"), [11310]);
    assert!(!quoted_codes(&evidence_text(&rules::MISSING_REQUIRED)).contains(&200621));
}

#[test]
fn warnings_are_warnings_until_strict() {
    let text = card(r#"{"tag":"markdown","content":"x","text_algin":"left"}"#);
    let d = validate_str(&text).warnings().next().cloned().unwrap();
    assert_eq!(d.rule, &rules::UNKNOWN_PROPERTY);
    assert_eq!(d.help.as_deref(), Some("did you mean `text_align`?"));
    let strict =
        card_validate::validate_str_with(&text, card_validate::Options::default().strict(true));
    assert_eq!(
        strict.first_error().map(|d| d.rule),
        Some(&rules::UNKNOWN_PROPERTY)
    );
}
