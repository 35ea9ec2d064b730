//! Unit tests of the upgrade, one per conversion.

use serde_json::json;

use super::*;

fn up(v: serde_json::Value) -> Upgraded {
    upgrade(&v).unwrap()
}

#[test]
fn root_elements_move_into_the_body_and_config_keys_change() {
    let u = up(json!({
        "config": {"wide_screen_mode": true, "enable_forward": true, "update_multi": true},
        "header": {"title": {"tag": "plain_text", "content": "Hi"}, "template": "blue"},
        "elements": [{"tag": "markdown", "content": "x"}]
    }));
    assert_eq!(u.card["schema"], "2.0");
    assert_eq!(u.card["config"], json!({"enable_forward": true}));
    assert_eq!(u.card["body"]["elements"][0]["content"], "x");
    assert!(u.not_converted().next().is_none(), "{:?}", u.notes);
    let narrow = up(json!({"config": {"wide_screen_mode": false}, "elements": []}));
    assert_eq!(narrow.card["config"]["width_mode"], "compact");
}

#[test]
fn an_action_module_is_unwrapped_into_buttons_side_by_side() {
    let u = up(
        json!({"elements": [{"tag": "action", "layout": "bisected", "actions": [
            {"tag": "button", "text": {"tag": "plain_text", "content": "A"}, "url": "https://a.example"},
            {"tag": "button", "text": {"tag": "plain_text", "content": "B"}, "value": {"k": 1},
             "multi_url": {"url": "https://b.example", "pc_url": "", "ios_url": "", "android_url": ""}}
        ]}]}),
    );
    let set = &u.card["body"]["elements"][0];
    assert_eq!(set["tag"], "column_set");
    assert_eq!(set["flex_mode"], "bisect");
    let a = &set["columns"][0]["elements"][0];
    assert_eq!(
        a["behaviors"],
        json!([{"type": "open_url", "default_url": "https://a.example"}])
    );
    let b = &set["columns"][1]["elements"][0];
    assert_eq!(
        b["behaviors"],
        json!([{"type": "open_url", "default_url": "https://b.example"}, {"type": "callback", "value": {"k": 1}}])
    );
    let one = up(
        json!({"elements": [{"tag": "action", "actions": [{"tag": "button", "text": {"tag": "plain_text", "content": "A"}}]}]}),
    );
    assert_eq!(one.card["body"]["elements"][0]["tag"], "button");
}

#[test]
fn a_note_becomes_grey_notation_text_with_its_icon() {
    let u = up(json!({"elements": [{"tag": "note", "elements": [
        {"tag": "img", "img_key": "img_v3_x", "alt": {"tag": "plain_text", "content": ""}},
        {"tag": "lark_md", "content": "by **ci**"},
        {"tag": "plain_text", "content": "today"}
    ]}]}));
    let div = &u.card["body"]["elements"][0];
    assert_eq!(div["tag"], "div");
    assert_eq!(
        div["text"],
        json!({"tag": "lark_md", "content": "by **ci** today", "text_size": "notation", "text_color": "grey"})
    );
    assert_eq!(
        div["icon"],
        json!({"tag": "custom_icon", "img_key": "img_v3_x"})
    );
}

#[test]
fn markdown_urlval_links_become_link_tags() {
    let u = up(
        json!({"elements": [{"tag": "markdown", "content": "see [docs]($urlVal) now",
        "href": {"urlVal": {"url": "https://d.example", "pc_url": "", "ios_url": "", "android_url": ""}}}]}),
    );
    let md = &u.card["body"]["elements"][0];
    assert_eq!(
        md["content"],
        "see <link url='https://d.example'>docs</link> now"
    );
    assert!(md.get("href").is_none());
}

#[test]
fn i18n_elements_become_i18n_content() {
    let u = up(json!({"i18n_elements": {
        "zh_cn": [{"tag": "markdown", "content": "你好"}],
        "en_us": [{"tag": "markdown", "content": "Hello"}]
    }}));
    let md = &u.card["body"]["elements"][0];
    assert_eq!(md["content"], "你好");
    assert_eq!(
        md["i18n_content"],
        json!({"zh_cn": "你好", "en_us": "Hello"})
    );
    let uneven = up(json!({"i18n_elements": {
        "zh_cn": [{"tag": "markdown", "content": "你好"}],
        "en_us": [{"tag": "markdown", "content": "Hello"}, {"tag": "hr"}]
    }}));
    let lost: Vec<_> = uneven.not_converted().collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(lost[0].path.contains("en_us"), "{}", lost[0]);
}

#[test]
fn div_extra_stands_beside_its_div_and_img_mode_maps() {
    let u = up(json!({"elements": [
        {"tag": "div", "text": {"tag": "plain_text", "content": "t"},
         "extra": {"tag": "button", "text": {"tag": "plain_text", "content": "Go"}}},
        {"tag": "img", "img_key": "img_v3_y", "mode": "fit_horizontal", "alt": {"tag": "plain_text", "content": ""}}
    ]}));
    let set = &u.card["body"]["elements"][0];
    assert_eq!(set["columns"][1]["elements"][0]["tag"], "button");
    assert_eq!(
        u.card["body"]["elements"][1]["scale_type"],
        "fit_horizontal"
    );
}

#[test]
fn a_2_0_card_is_unchanged_and_bad_input_is_a_clear_error() {
    let v2 = json!({"schema": "2.0", "body": {"elements": []}});
    assert_eq!(up(v2.clone()).card, v2);
    let e = upgrade_str("{\n  \"elements\": [,]\n}").unwrap_err();
    assert!(matches!(e, UpgradeError::Json { line: 2, .. }), "{e}");
    assert!(matches!(
        upgrade(&json!([1])),
        Err(UpgradeError::NotACard(_))
    ));
}

#[test]
fn div_fields_become_rows_of_columns_and_1_0_spellings_the_documented_ones() {
    let t = |s: &str| json!({"tag": "lark_md", "content": s});
    let u = up(json!({
        "card_link": {"url": "", "pc_url": "", "ios_url": "", "android_url": ""},
        "elements": [
        {"tag": "div", "element_id": "info", "fields": [
            {"is_short": true, "text": t("a")}, {"is_short": true, "text": t("b")},
            {"is_short": false, "text": t("c")}, {"is_short": true, "text": t("d")}]},
        {"tag": "column_set", "horizontal_spacing": "default", "columns": []},
        {"tag": "date_picker", "initial_date": "2002-2-22"},
        {"tag": "img", "img_key": "img_v3_x", "fallback": {"tag": "fallback_text"}}
    ]}));
    let els = u.card["body"]["elements"].as_array().unwrap();
    // a | b side by side, c full width, d alone at half width; the div's id on its first row.
    assert_eq!(els[0]["tag"], "column_set");
    assert_eq!(els[0]["element_id"], "info");
    assert_eq!(
        els[0]["columns"][0]["elements"][0],
        json!({"tag": "div", "text": t("a")})
    );
    assert_eq!(els[0]["columns"][1]["elements"][0]["text"], t("b"));
    assert_eq!(els[1], json!({"tag": "div", "text": t("c")}));
    assert_eq!(els[2]["columns"][0]["elements"][0]["text"], t("d"));
    assert_eq!(els[2]["columns"][1]["elements"], json!([]));
    assert_eq!(els[3]["horizontal_spacing"], "medium");
    assert_eq!(els[4]["initial_date"], "2002-02-22");
    assert!(els[5].get("fallback").is_none());
    assert_eq!(els[5]["alt"]["content"], "");
    assert!(u.card.get("card_link").is_none(), "{}", u.card);
    let strict = crate::Options::default().strict(true);
    let report = crate::validate_payload_with(crate::PayloadKind::Card, &u.card, strict);
    assert!(
        report.is_ok() && report.warnings().next().is_none(),
        "{report}"
    );
}
