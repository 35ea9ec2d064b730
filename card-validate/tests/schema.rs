//! The committed JSON Schema is what the spec generates, and it agrees with the corpus labels.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn committed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/card-v2.schema.json")
}

fn committed_strict_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/card-v2.strict.schema.json")
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// `UPDATE_SCHEMA=1 cargo test -p card-validate --test schema` rewrites the committed files.
#[test]
fn committed_schema_is_generated_from_the_spec() {
    for (path, schema) in [
        (committed_path(), card_validate::schema::json_schema()),
        (
            committed_strict_path(),
            card_validate::schema::json_schema_strict(),
        ),
    ] {
        let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} differs from what card_validate::spec generates; run `UPDATE_SCHEMA=1 cargo test -p card-validate --test schema`",
            path.display()
        );
    }
}

fn compile(path: PathBuf) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{} does not compile: {e}", path.display()))
}

fn strict_validator() -> jsonschema::Validator {
    compile(committed_strict_path())
}

#[test]
fn unknown_keys_follow_the_validator_policy() {
    let (v, strict) = (validator(), strict_validator());
    let inside =
        serde_json::json!({"schema":"2.0","body":{"elements":[{"tag":"button","colour":"red"}]}});
    assert!(v.is_valid(&inside) && card_validate::validate(&inside).is_ok());
    assert!(!strict.is_valid(&inside));
    let root = serde_json::json!({"schema":"2.0","colour":"red"});
    assert!(!v.is_valid(&root) && !card_validate::validate(&root).is_ok());
}

fn validator() -> jsonschema::Validator {
    compile(committed_path())
}

#[test]
fn corpus_cards_labelled_valid_pass_the_schema() {
    card_test_support::need!(card_test_support::corpus());
    let v = validator();
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("expected.json")).unwrap())
            .unwrap();
    let mut passed = 0;
    for (file, label) in labels.as_object().unwrap() {
        if label["valid"] != Value::Bool(true) {
            continue;
        }
        let card: Value = serde_json::from_str(
            &std::fs::read_to_string(corpus().join("cards").join(file)).unwrap(),
        )
        .unwrap();
        let errors: Vec<String> = v
            .iter_errors(&card)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{file} is labelled valid but fails the schema: {errors:#?}"
        );
        passed += 1;
    }
    assert!(
        passed >= 120,
        "only {passed} valid cards found; is ../shared/corpus beside the checkout?"
    );
}

#[test]
fn schema_rejects_what_the_validator_rejects_structurally() {
    let v = validator();
    let bad = [
        r#"{"schema":"2.0","body":{"elements":[{"tag":"note","elements":[]}]}}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"action","actions":[]}]}}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"x","href":{}}]}}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"img_v3_x","size":"stretch_without_padding"}]}}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"img","img_key":"https://x/y.png"}]}}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"multi_select_static","name":"a"}]}}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"column_set","columns":[{"tag":"column","elements":[{"tag":"table","columns":[],"rows":[]}]}]}]}}"#,
        r#"{"schema":"2.0","elements":[]}"#,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"div","element_id":"1-bad"}]}}"#,
    ];
    for card in bad {
        let value: Value = serde_json::from_str(card).unwrap();
        assert!(!v.is_valid(&value), "schema accepted {card}");
        assert!(
            !card_validate::validate(&value).is_ok(),
            "validator accepted {card}"
        );
    }
    let in_form = r#"{"schema":"2.0","body":{"elements":[{"tag":"form","name":"f","elements":[
        {"tag":"column_set","columns":[{"tag":"column","elements":[{"tag":"multi_select_static","name":"a"}]}]},
        {"tag":"button","name":"b","form_action_type":"submit"}]}]}}"#;
    let value: Value = serde_json::from_str(in_form).unwrap();
    assert!(
        v.is_valid(&value),
        "a form-only component nested in a form's column is allowed"
    );
    assert!(
        card_validate::validate(&value).is_ok(),
        "{}",
        card_validate::validate(&value)
    );
}
