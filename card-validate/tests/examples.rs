//! The example cards that the README's main job shows keep their verdicts.

use std::path::Path;

fn sub_codes(file: &str) -> Vec<Option<u32>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/cards")
        .join(file);
    let report = card_validate::validate_str(&std::fs::read_to_string(path).unwrap());
    report.errors().map(|d| d.sub_code).collect()
}

#[test]
fn good_examples_pass() {
    for f in [
        "deploy-finished.json",
        "approval-form.json",
        "template.json",
        "legacy-v1.json",
    ] {
        assert_eq!(sub_codes(f), [], "{f}");
    }
}

#[test]
fn broken_examples_fail_with_the_server_sub_codes() {
    assert_eq!(
        sub_codes("v1-leftovers.json"),
        [Some(300302), Some(200621), Some(200861), Some(200861)]
    );
    assert_eq!(
        sub_codes("sales-table.json"),
        [Some(200914), Some(200915), Some(200550)]
    );
    assert_eq!(
        sub_codes("bad-keys.json"),
        [
            Some(200570),
            Some(200570),
            Some(300301),
            Some(100290),
            Some(11310),
            Some(11310)
        ]
    );
}
