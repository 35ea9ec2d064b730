//! The `card-preview` command: a page written where asked, the locale, theme and phone options, and clear
//! errors for a missing file and for text that is not JSON (with its line and column).

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_card-preview"))
}

#[test]
fn writes_the_page_in_the_asked_locale() {
    let dir = std::env::temp_dir().join(format!("card-preview-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let card = dir.join("card.json");
    std::fs::write(
        &card,
        r#"{"schema":"2.0","body":{"elements":[{"tag":"markdown","content":"你好","i18n_content":{"en_us":"hello"}}]}}"#,
    )
    .unwrap();
    let page = dir.join("card.html");
    let out = bin()
        .arg(&card)
        .arg("-o")
        .arg(&page)
        .args(["--locale", "en_us", "--dark", "--mobile"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<div>hello</div>"), "{html}");
    assert!(
        html.contains("background:#1b1b1b"),
        "the dark theme: {html}"
    );
    assert!(html.contains("<html lang=\"en-US\">"), "{html}");
    assert!(html.contains("width:343px"), "the phone's width: {html}");
    let base = bin().arg(&card).output().unwrap();
    assert!(String::from_utf8_lossy(&base.stdout).contains("<div>你好</div>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_named() {
    let missing = bin().arg("/nonexistent/card.json").output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/card.json")
    );

    let mut child = bin()
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        child.stdin.as_mut().unwrap(),
        b"{\n  \"schema\": \"2.0\",\n  oops\n}",
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not JSON at line 3, column 3"), "{err}");
}

#[test]
fn writes_a_picture_cut_to_the_card() {
    let dir = std::env::temp_dir().join(format!("card-preview-png-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("card.png");
    let card = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../card-validate/examples/cards/deploy-finished.json"
    );
    let missing = bin()
        .arg(card)
        .arg("--png")
        .arg(dir.join("x.png"))
        .args(["--chromium", "/nonexistent/chromium"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot run /nonexistent/chromium"));

    let chromium = card_test_support::need!(card_test_support::chromium());
    let out = bin()
        .arg(card)
        .arg("--png")
        .arg(&png)
        .args(["--chromium", &chromium])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // The IHDR chunk: width and height, big-endian, after the 8-byte signature and 8 bytes.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!(width, 1400);
    assert!((100..600).contains(&height), "cut to the card: {height}");
    let _ = std::fs::remove_dir_all(&dir);
}
