//! The `card-validate` binary: formats and exit statuses.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_card-validate"))
}

fn example(name: &str) -> String {
    format!("{}/examples/cards/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn exit_0_when_only_warnings() {
    let out = bin()
        .args([example("deploy-finished.json"), example("legacy-v1.json")])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning[230099 v1-card]: this is a JSON 1.0 card"));
    assert!(
        text.ends_with("2 file(s) checked: 0 error(s), 6 warning(s)\n"),
        "{text}"
    );
}

#[test]
fn exit_1_on_errors_with_rustc_like_output() {
    let out = bin().arg(example("v1-leftovers.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let file = example("v1-leftovers.json");
    assert!(
        text.contains("error[230099/200861 unsupported-v1-tag]: unsupported tag note"),
        "{text}"
    );
    assert!(text.contains(&format!("--> {file}:9:7")), "{text}");
    assert!(
        text.contains("= path: ROOT -> body -> elements -> [2](tag: note)"),
        "{text}"
    );
    assert!(text.contains("= help: use a `div`"), "{text}");
}

#[test]
fn json_format_has_the_documented_keys() {
    let out = bin()
        .args(["--format", "json", &example("sales-table.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 3);
    for key in [
        "file", "severity", "code", "sub_code", "path", "pointer", "line", "column", "message",
    ] {
        assert!(items[0].get(key).is_some(), "missing {key} in {}", items[0]);
    }
    assert_eq!(items[0]["sub_code"], 200914);
    assert_eq!(items[0]["pointer"], "/body/elements/0/rows/1/revenue");
    assert_eq!(items[0]["severity"], "error");
}

#[test]
fn reads_stdin_and_other_kinds() {
    let mut child = bin()
        .args(["--kind", "chat-button", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"chat_id":"oc_1","user_ids":[]}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["code"], 230001);
    assert_eq!(v[0]["file"], "-");
}

#[test]
fn exit_2_on_usage_or_io_errors() {
    assert_eq!(bin().output().unwrap().status.code(), Some(2));
    assert_eq!(
        bin()
            .args(["--format", "xml", "x.json"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let out = bin().arg("/no/such/card.json").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/card.json"));
}

#[test]
fn strict_makes_undocumented_keys_errors() {
    let dir = std::env::temp_dir().join(format!("card-validate-strict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("card.json");
    std::fs::write(
        &file,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"x","text_algin":"left"}]}}"#,
    )
    .unwrap();
    let out = bin().arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("warning[230099/200621 unknown-property]"),
        "{text}"
    );
    assert!(text.contains("did you mean `text_align`?"), "{text}");
    let out = bin().arg("--strict").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[230099/200621 unknown-property]"),
        "{text}"
    );
}

#[test]
fn upgrade_prints_a_clean_2_0_card_and_what_it_converted() {
    let out = bin()
        .args(["upgrade", &example("legacy-v1.json")])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(card["schema"], "2.0");
    assert!(card_validate::validate(&card).is_ok());
    let notes = String::from_utf8(out.stderr).unwrap();
    assert!(notes.contains("converted:"), "{notes}");

    // --in-place rewrites the file; what cannot be converted is an exit status of 1.
    let dir = std::env::temp_dir().join(format!("card-validate-upgrade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("card.json");
    std::fs::write(
        &file,
        r#"{"fallback": {"trigger_conditions": []}, "elements": [{"tag": "markdown", "content": "x"}]}"#,
    )
    .unwrap();
    let out = bin()
        .args(["upgrade", "--in-place", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOT converted"));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["body"]["elements"][0]["content"], "x");
    std::fs::remove_dir_all(&dir).unwrap();

    // Malformed JSON names the place.
    let mut child = bin()
        .args(["upgrade", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\n \"elements\": [,]\n}")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 2, column"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn to_markup_prints_card_markup() {
    let out = bin()
        .args(["to-markup", &example("deploy-finished.json")])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("<card>\n"), "{text}");
    assert!(text.trim_end().ends_with("</card>"), "{text}");
    assert!(text.contains("<header"), "{text}");
    let out = bin()
        .args(["to-markup", "/nonexistent.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
