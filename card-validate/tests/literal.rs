//! The value rule functions at their edges: each range's ends pass and one past them fails, each
//! documented form passes and its near misses fail, with the rule the server's answer needs.

use card_validate::literal::{
    Styles, check_box, check_color, check_format, check_int, check_num, check_spacing, check_str,
    check_text_size, pair, percent, px,
};
use card_validate::rules::{self, Rule};
use card_validate::spec::{Format, Ty};

#[track_caller]
fn fires(found: Option<card_validate::literal::Finding>, rule: &Rule) -> String {
    let f = found.unwrap_or_else(|| panic!("{} did not fire", rule.id));
    assert_eq!(f.rule, rule, "{}", f.message);
    f.message
}

#[test]
fn integer_and_number_ranges_include_their_ends() {
    assert!(check_int(5, 5, 10, "n").is_none());
    assert!(check_int(10, 5, 10, "n").is_none());
    let m = fires(check_int(4, 5, 10, "`n`"), &rules::OUT_OF_RANGE);
    assert_eq!(m, "`n` is 4, outside the documented range [5, 10]");
    fires(check_int(11, 5, 10, "n"), &rules::OUT_OF_RANGE);
    let m = fires(check_int(-1, 0, i64::MAX, "n"), &rules::OUT_OF_RANGE);
    assert!(m.ends_with("range ≥ 0"), "{m}");
    assert!(check_num(1.0, 1.0, 2.0, "x").is_none());
    assert!(check_num(2.0, 1.0, 2.0, "x").is_none());
    fires(check_num(0.9, 1.0, 2.0, "x"), &rules::OUT_OF_RANGE);
    let m = fires(check_num(2.5, 1.0, 2.0, "x"), &rules::OUT_OF_RANGE);
    assert_eq!(m, "x is 2.5, outside the documented range [1, 2]");
}

#[test]
fn lengths_and_constants() {
    let none = Styles::default();
    assert!(check_str(&Ty::StrMax(3), "abc", "t", &none).is_none());
    let m = fires(
        check_str(&Ty::StrMax(3), "abcd", "t", &none),
        &rules::OUT_OF_RANGE,
    );
    assert!(m.contains("4 characters; at most 3"), "{m}");
    // Characters, not bytes.
    assert!(check_str(&Ty::StrMax(3), "配置项", "t", &none).is_none());
    assert!(check_str(&Ty::Const("2.0"), "2.0", "schema", &none).is_none());
    fires(
        check_str(&Ty::Const("2.0"), "1.0", "schema", &none),
        &rules::INVALID_ENUM,
    );
    assert!(check_str(&Ty::Bool, "anything", "b", &none).is_none());
}

#[test]
fn formats_take_their_documented_forms_only() {
    let ok = |s: &str, f: Format| assert!(check_format(s, f, "v").is_none(), "{s:?} refused");
    let bad = |s: &str, f: Format, r: &Rule| {
        fires(check_format(s, f, "v"), r);
    };
    ok("img_v3_0238_073f1823-df2b", Format::ImgKey);
    let f = check_format("https://x/a.png", Format::ImgKey, "v").unwrap();
    assert_eq!(f.rule, &rules::IMAGE_KEY);
    assert!(f.help.unwrap().contains("upload_image"));
    ok("file_v3_abc", Format::FileKey);
    bad("x.mp3", Format::FileKey, &rules::FILE_KEY);
    ok("ou_123", Format::OpenId);
    bad("u_123", Format::OpenId, &rules::USER_ID);
    ok("u_123", Format::UserId);
    bad(" ", Format::UserId, &rules::USER_ID);
    ok("footer_sep", Format::ElementId);
    bad("footer-sep", Format::ElementId, &rules::ELEMENT_ID_FORMAT);
    ok("https://example.com", Format::Url);
    ok("lark://app", Format::Url);
    assert!(fires(check_format("", Format::Url, "v"), &rules::URL_FORMAT).contains("empty"));
    bad("ftp://x", Format::Url, &rules::URL_FORMAT);
    ok("https://x.com", Format::HttpsUrl);
    bad("http://x.com", Format::HttpsUrl, &rules::CHAT_BUTTON_BODY);
    let url = |n: usize| format!("https://{}", "a".repeat(n - "https://".len()));
    ok(&url(700), Format::HttpsUrl);
    bad(&url(701), Format::HttpsUrl, &rules::CHAT_BUTTON_BODY);
    for d in ["2024-01-01", "2024-12-31", "1999-02-29"] {
        ok(d, Format::Date);
    }
    for d in [
        "2024-13-01",
        "2024-00-10",
        "2024-01-32",
        "2024-01-00",
        "2024-1-01",
        "24-01-01",
        "2024-01-01-01",
        "2024/01/01",
    ] {
        bad(d, Format::Date, &rules::UNDOCUMENTED_VALUE);
    }
    for t in ["00:00", "23:59", "09:30"] {
        ok(t, Format::Time);
    }
    for t in ["24:00", "12:60", "9:30", "09:3", "0930"] {
        bad(t, Format::Time, &rules::UNDOCUMENTED_VALUE);
    }
    ok("2024-01-01 09:30", Format::DateTime);
    bad(
        "2024-01-01T09:30",
        Format::DateTime,
        &rules::UNDOCUMENTED_VALUE,
    );
    bad(
        "2024-01-01 24:30",
        Format::DateTime,
        &rules::UNDOCUMENTED_VALUE,
    );
    bad(
        "2024-01-41 09:30",
        Format::DateTime,
        &rules::UNDOCUMENTED_VALUE,
    );
    ok("rgba(0,0,0,0)", Format::Rgba);
    ok("rgba(255, 255, 255, 1)", Format::Rgba);
    for c in [
        "rgba(256,0,0,1)",
        "rgba(0,0,0,1.1)",
        "rgba(0,0,0,-0.1)",
        "rgba(0,0,0)",
        "rgb(0,0,0,1)",
        "rgba(0,0,0,1",
    ] {
        bad(c, Format::Rgba, &rules::UNDOCUMENTED_VALUE);
    }
    ok("zh_cn", Format::Locale);
    bad("zh-CN", Format::Locale, &rules::UNDOCUMENTED_VALUE);
    for t in ["info_outlined", "info_filled", "info_colorful"] {
        ok(t, Format::IconToken);
    }
    bad("info", Format::IconToken, &rules::UNDOCUMENTED_VALUE);
    ok("1px 999px", Format::IconSize);
    for s in [
        "0px 1px",
        "1px 1000px",
        "1000px 1px",
        "1px 0px",
        "1px",
        "1 1",
    ] {
        bad(s, Format::IconSize, &rules::UNDOCUMENTED_VALUE);
    }
    for r in ["0px", "8px", "0%", "100%"] {
        ok(r, Format::Radius);
    }
    for r in ["-1px", "101%", "-1%", "8"] {
        bad(r, Format::Radius, &rules::UNDOCUMENTED_VALUE);
    }
}

#[test]
fn boxes_take_one_two_or_four_lengths_in_range() {
    for s in ["0", "8px", "4px 12px", "4px 12px 4px 12px", "-99px", "99px"] {
        assert!(check_box(s, -99, 99, "padding").is_none(), "{s}");
    }
    fires(check_box("100px", -99, 99, "padding"), &rules::OUT_OF_RANGE);
    fires(
        check_box("-100px", -99, 99, "padding"),
        &rules::OUT_OF_RANGE,
    );
    for s in ["4px 12px 4px", "8", "8px 8px 8px 8px 8px", ""] {
        fires(check_box(s, -99, 99, "padding"), &rules::BOX_SYNTAX);
    }
}

#[test]
fn spacing_colors_and_sizes() {
    for s in ["small", "extra_large", "0px", "99px"] {
        assert!(check_spacing(s, "gap").is_none(), "{s}");
    }
    for s in ["100px", "-1px", "huge"] {
        fires(check_spacing(s, "gap"), &rules::UNDOCUMENTED_VALUE);
    }
    let styles = Styles {
        colors: &["brand"],
        text_sizes: &["cus-0"],
    };
    for c in ["blue", "grey-600", "brand", "default"] {
        assert!(
            check_color(c, &["default"], "color", &styles).is_none(),
            "{c}"
        );
    }
    for c in ["brand", "bleu", "grey-601"] {
        fires(
            check_color(c, &[], "color", &Styles::default()),
            &rules::UNDOCUMENTED_VALUE,
        );
    }
    assert!(check_text_size("cus-0", "size", &styles).is_none());
    assert!(check_text_size("heading", "size", &Styles::default()).is_none());
    fires(
        check_text_size("cus-0", "size", &Styles::default()),
        &rules::UNDOCUMENTED_VALUE,
    );
}

#[test]
fn lengths_parse_exactly() {
    assert_eq!(px("12px"), Some(12));
    assert_eq!(px("12"), None);
    assert_eq!(percent("1%"), Some(1));
    assert_eq!(percent("100%"), Some(100));
    assert_eq!(percent("0%"), None);
    assert_eq!(percent("101%"), None);
    assert_eq!(pair("10px 20px"), Some((10, 20)));
    assert_eq!(pair("10px"), None);
    assert_eq!(pair("10px 20"), None);
}

#[test]
fn dimensions_take_keywords_px_in_range_percent_and_pairs() {
    use card_validate::literal::check_dim;
    use card_validate::spec::Dim;
    let d = Dim {
        name: "size",
        keywords: &["fill", "auto"],
        px: Some((16, 999)),
        percent: true,
        pair: true,
        removed: &[("stretch_without_padding", "use `stretch`")],
    };
    for s in [
        "fill",
        "auto",
        "16px",
        "999px",
        "1%",
        "100%",
        "16px 999px",
        "999px 16px",
    ] {
        assert!(check_dim(s, &d, "size").is_none(), "{s}");
    }
    for s in [
        "15px",
        "1000px",
        "0%",
        "101%",
        "15px 20px",
        "20px 1000px",
        "fil",
        "20px 20",
    ] {
        let f = check_dim(s, &d, "size").unwrap_or_else(|| panic!("{s} passed"));
        assert_eq!(f.rule, &rules::UNDOCUMENTED_VALUE, "{s}");
        let help = f.help.unwrap();
        assert!(
            help.contains("\"<n>px\" with n in [16,999]")
                && help.contains("\"<w>px <h>px\"")
                && help.contains("\"<n>%\" (1–100)"),
            "{help}"
        );
    }
    assert!(
        check_dim("fil", &d, "size")
            .unwrap()
            .help
            .unwrap()
            .starts_with("did you mean \"fill\"?")
    );
    let removed = check_dim("stretch_without_padding", &d, "size").unwrap();
    assert_eq!(removed.rule, &rules::REMOVED_VALUE);
    assert_eq!(removed.help.as_deref(), Some("use `stretch`"));
    // No upper bound, no percent, no pair.
    let open = Dim {
        name: "height",
        keywords: &[],
        px: Some((1, i64::MAX)),
        percent: false,
        pair: false,
        removed: &[],
    };
    assert!(check_dim("100000px", &open, "height").is_none());
    for s in ["0px", "50%", "10px 10px"] {
        let f = check_dim(s, &open, "height").unwrap_or_else(|| panic!("{s} passed"));
        assert_eq!(
            f.help.as_deref(),
            Some("allowed: \"<n>px\" with n in [1,∞]"),
            "{s}"
        );
    }
}

#[test]
fn check_str_dispatches_every_string_type() {
    let none = Styles::default();
    let bad = |ty: &Ty, s: &str| {
        check_str(ty, s, "v", &none).unwrap_or_else(|| panic!("{s} passed as {ty:?}"))
    };
    assert_eq!(bad(&Ty::Spacing, "huge").rule, &rules::UNDOCUMENTED_VALUE);
    assert!(check_str(&Ty::Spacing, "small", "v", &none).is_none());
    assert_eq!(
        bad(&Ty::Color(&[]), "bleu").rule,
        &rules::UNDOCUMENTED_VALUE
    );
    assert!(check_str(&Ty::Color(&[]), "blue", "v", &none).is_none());
    assert_eq!(bad(&Ty::TextSize, "huge").rule, &rules::UNDOCUMENTED_VALUE);
    assert_eq!(bad(&Ty::Box(-99, 99), "8").rule, &rules::BOX_SYNTAX);
    assert_eq!(bad(&Ty::Fmt(Format::ImgKey), "x").rule, &rules::IMAGE_KEY);
}
