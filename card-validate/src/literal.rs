//! Rule functions for single values: enums, dimensions, lengths, colors, sizes, keys, ids, URLs,
//! dates. The validator calls them for every string and number it walks, and the `card!` macro
//! calls them for every literal, so the two never disagree about a value.

use crate::rules::{self, Rule};
use crate::spec::{self, Dim, Enum, Format, Severity, Ty};

/// What a rule function found: the rule, a message and an optional help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule that fired.
    pub rule: &'static Rule,
    /// What is wrong, naming the value.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    fn new(rule: &'static Rule, message: String, help: Option<String>) -> Self {
        Finding {
            rule,
            message,
            help,
        }
    }
}

/// Names a card declares in `config.style`, which colors and text sizes may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles<'a> {
    /// Keys of `config.style.color`.
    pub colors: &'a [&'a str],
    /// Keys of `config.style.text_size`.
    pub text_sizes: &'a [&'a str],
}

/// Checks a string value of spec type `ty`. `what` names it in the message (`` `width` ``).
///
/// Returns `None` for types that are not string-shaped, and for values that pass.
pub fn check_str(ty: &Ty, s: &str, what: &str, styles: &Styles<'_>) -> Option<Finding> {
    match ty {
        Ty::StrMax(max) => {
            let n = s.chars().count();
            (n > *max).then(|| {
                Finding::new(
                    &rules::OUT_OF_RANGE,
                    format!("{what} has {n} characters; at most {max} are shown"),
                    None,
                )
            })
        }
        Ty::Fmt(f) => check_format(s, *f, what),
        Ty::Enum(e) => check_enum(s, e, what),
        Ty::Dim(d) => check_dim(s, d, what),
        Ty::Box(min, max) => check_box(s, *min, *max, what),
        Ty::Spacing => check_spacing(s, what),
        Ty::Color(extra) => check_color(s, extra, what, styles),
        Ty::TextSize => check_text_size(s, what, styles),
        Ty::Const(c) if s != *c => Some(Finding::new(
            &rules::INVALID_ENUM,
            format!("{what} must be \"{c}\" here, found \"{s}\""),
            None,
        )),
        _ => None,
    }
}

/// Checks an integer against its documented range.
pub fn check_int(n: i64, min: i64, max: i64, what: &str) -> Option<Finding> {
    (n < min || n > max).then(|| {
        let range = if max == i64::MAX {
            format!("≥ {min}")
        } else {
            format!("[{min}, {max}]")
        };
        Finding::new(
            &rules::OUT_OF_RANGE,
            format!("{what} is {n}, outside the documented range {range}"),
            None,
        )
    })
}

/// Checks a number against its documented range.
pub fn check_num(n: f64, min: f64, max: f64, what: &str) -> Option<Finding> {
    (n < min || n > max).then(|| {
        Finding::new(
            &rules::OUT_OF_RANGE,
            format!("{what} is {n}, outside the documented range [{min}, {max}]"),
            None,
        )
    })
}

/// Checks a string with a documented shape.
pub fn check_format(s: &str, f: Format, what: &str) -> Option<Finding> {
    use spec::shape::{is_card_url, is_element_id, is_file_key, is_img_key, is_open_id};
    let pattern = |expected: &str, ok: bool| {
        (!ok).then(|| {
            Finding::new(
                &rules::UNDOCUMENTED_VALUE,
                format!("{what} {s:?} does not have the documented form {expected}"),
                None,
            )
        })
    };
    match f {
        Format::ImgKey => (!is_img_key(s)).then(|| {
            Finding::new(
                &rules::IMAGE_KEY,
                format!("image key {s:?} is not an uploaded image key"),
                Some(IMG_HELP.to_owned()),
            )
        }),
        Format::FileKey => (!is_file_key(s)).then(|| {
            Finding::new(
                &rules::FILE_KEY,
                format!("file key {s:?} is not an uploaded file key (file_v3_…, from the file upload API)"),
                None,
            )
        }),
        Format::OpenId => (!is_open_id(s)).then(|| {
            Finding::new(
                &rules::USER_ID,
                format!("invalid user resource {s:?}: user pickers take open_ids only (ou_…)"),
                None,
            )
        }),
        Format::UserId => s.trim().is_empty().then(|| {
            Finding::new(
                &rules::USER_ID,
                "invalid user resource: empty user id".to_owned(),
                None,
            )
        }),
        Format::ElementId => (!is_element_id(s)).then(|| {
            Finding::new(
                &rules::ELEMENT_ID_FORMAT,
                format!("element_id {s:?}: only letters, digits and `_`, starting with a letter, at most 20 characters"),
                None,
            )
        }),
        Format::Url if s.is_empty() => Some(Finding::new(
            &rules::URL_FORMAT,
            format!("{what} is an empty URL"),
            None,
        )),
        Format::Url => (!is_card_url(s)).then(|| {
            Finding::new(
                &rules::URL_FORMAT,
                format!("{what} {s:?} is not an http(s) URL"),
                Some("cards allow http and https links (and lark:// app links)".to_owned()),
            )
        }),
        Format::HttpsUrl if !s.starts_with("https://") => Some(Finding::new(
            &rules::CHAT_BUTTON_BODY,
            format!("{what} {s:?} must be an https:// URL"),
            None,
        )),
        Format::HttpsUrl => (s.chars().count() > 700).then(|| {
            Finding::new(
                &rules::CHAT_BUTTON_BODY,
                format!("{what} is longer than 700 characters"),
                None,
            )
        }),
        Format::Date => pattern("yyyy-MM-dd", is_date(s)),
        Format::Time => pattern("HH:mm", is_time(s)),
        Format::DateTime => pattern(
            "yyyy-MM-dd HH:mm",
            s.split_once(' ')
                .is_some_and(|(d, t)| is_date(d) && is_time(t)),
        ),
        Format::Rgba => pattern("rgba(r,g,b,a)", is_rgba(s)),
        Format::Locale => (!spec::LOCALES.contains(&s)).then(|| {
            Finding::new(
                &rules::UNDOCUMENTED_VALUE,
                format!("{what} {s:?} is not a documented locale"),
                None,
            )
        }),
        Format::IconToken => {
            let ok = s.ends_with("_outlined") || s.ends_with("_filled") || s.ends_with("_colorful");
            (!ok).then(|| {
                Finding::new(
                    &rules::UNDOCUMENTED_VALUE,
                    format!("icon token {s:?} is not in the icon library (tokens end in _outlined, _filled or _colorful)"),
                    Some("an unknown token can make the server reject the whole card".to_owned()),
                )
            })
        }
        Format::IconSize => pattern(
            "\"<w>px <h>px\" with each in [1,999]",
            s.split_once(' ').is_some_and(|(w, h)| {
                px(w).is_some_and(|n| (1..=999).contains(&n))
                    && px(h).is_some_and(|n| (1..=999).contains(&n))
            }),
        ),
        Format::Radius => pattern(
            "\"<n>px\" or \"<n>%\" (0–100)",
            px(s).is_some_and(|n| n >= 0)
                || s.strip_suffix('%')
                    .and_then(|n| n.parse::<i64>().ok())
                    .is_some_and(|n| (0..=100).contains(&n)),
        ),
    }
}

const IMG_HELP: &str = "upload the image with POST /open-apis/im/v1/images (card_send: `Client::upload_image`) and use the returned image_key (img_v3_…)";

/// A value 2.0 removed, with what to use instead.
fn removed(s: &str, list: &[(&str, &str)], what: &str) -> Option<Finding> {
    let (_, instead) = list.iter().find(|(v, _)| *v == s)?;
    Some(Finding::new(
        &rules::REMOVED_VALUE,
        format!("{what} {s:?} is not supported in 2.0"),
        Some((*instead).to_owned()),
    ))
}

/// Checks an enumerated value.
pub fn check_enum(s: &str, e: &Enum, what: &str) -> Option<Finding> {
    if e.values.contains(&s) {
        return None;
    }
    if let Some(f) = removed(s, e.removed, what) {
        return Some(f);
    }
    let help = match crate::suggest(s, e.values.iter().copied()) {
        Some(c) => format!("did you mean {c:?}? allowed: {}", e.values.join(", ")),
        None => format!("allowed: {}", e.values.join(", ")),
    };
    Some(match e.unknown {
        Severity::Warning => Finding::new(
            &rules::UNDOCUMENTED_VALUE,
            format!("{what} {s:?} is not a documented value; it is rendered as the default"),
            Some(help),
        ),
        Severity::Error => Finding::new(
            &rules::INVALID_ENUM,
            format!("{what} {s:?} is not a valid value"),
            Some(help),
        ),
    })
}

/// Checks a dimension (`fill`, `"120px"`, `"50%"`, `"40px 40px"` …).
pub fn check_dim(s: &str, d: &Dim, what: &str) -> Option<Finding> {
    if d.keywords.contains(&s) {
        return None;
    }
    if let Some(f) = removed(s, d.removed, what) {
        return Some(f);
    }
    let in_px = |n: i64| d.px.is_some_and(|(lo, hi)| n >= lo && n <= hi);
    let ok = dim_px(s, d).is_some()
        || (d.percent && percent(s).is_some())
        || (d.pair && pair(s).is_some_and(|(w, h)| in_px(w) && in_px(h)));
    if ok {
        return None;
    }
    let mut forms: Vec<String> = d.keywords.iter().map(|k| format!("{k:?}")).collect();
    if let Some((lo, hi)) = d.px {
        let hi = if hi == i64::MAX {
            "∞".to_owned()
        } else {
            hi.to_string()
        };
        forms.push(format!("\"<n>px\" with n in [{lo},{hi}]"));
        if d.pair {
            forms.push("\"<w>px <h>px\"".to_owned());
        }
    }
    if d.percent {
        forms.push("\"<n>%\" (1–100)".to_owned());
    }
    let hint = crate::suggest(s, d.keywords.iter().copied())
        .map(|k| format!("did you mean {k:?}? "))
        .unwrap_or_default();
    Some(Finding::new(
        &rules::UNDOCUMENTED_VALUE,
        format!("{what} {s:?} is not a documented value"),
        Some(format!("{hint}allowed: {}", forms.join(", "))),
    ))
}

/// Checks margin/padding: 1, 2 or 4 px lengths within `[min, max]`.
pub fn check_box(s: &str, min: i64, max: i64, what: &str) -> Option<Finding> {
    let lengths: Option<Vec<i64>> = s
        .split_whitespace()
        .map(|p| if p == "0" { Some(0) } else { px(p) })
        .collect();
    match lengths {
        Some(ls) if matches!(ls.len(), 1 | 2 | 4) => {
            ls.iter().find(|n| **n < min || **n > max).map(|bad| {
                Finding::new(
                    &rules::OUT_OF_RANGE,
                    format!("{what} {s:?}: {bad}px is outside [{min},{max}]px"),
                    None,
                )
            })
        }
        _ => Some(Finding::new(
            &rules::BOX_SYNTAX,
            format!("invalid {what} {s:?}"),
            Some("write 1, 2 or 4 lengths in px, CSS order: \"8px\", \"4px 12px\", \"4px 12px 4px 12px\"".to_owned()),
        )),
    }
}

/// Checks a spacing (`small` … or `"<n>px"` in 0..=99).
pub fn check_spacing(s: &str, what: &str) -> Option<Finding> {
    let ok =
        spec::SPACING.values.contains(&s) || px(s).is_some_and(|n| spec::SPACING_PX.contains(&n));
    (!ok).then(|| {
        Finding::new(
            &rules::UNDOCUMENTED_VALUE,
            format!("{what} {s:?} is not a documented spacing"),
            Some(format!(
                "{}, or \"<n>px\" with n in [{},{}]",
                spec::SPACING_PIXELS
                    .iter()
                    .map(|(k, px)| format!("{k} ({px}px)"))
                    .collect::<Vec<_>>()
                    .join(", "),
                spec::SPACING_PX.start(),
                spec::SPACING_PX.end()
            )),
        )
    })
}

/// Checks a color: the color enum, a custom color from `config.style.color`, or an extra keyword.
pub fn check_color(s: &str, extra: &[&str], what: &str, styles: &Styles<'_>) -> Option<Finding> {
    let ok = extra.contains(&s) || spec::is_color(s) || styles.colors.contains(&s);
    (!ok).then(|| {
        Finding::new(
            &rules::UNDOCUMENTED_VALUE,
            format!("{what} {s:?} is not a color enum value or a custom color from config.style.color"),
            Some("colors: blue, grey-600, … (see the color enum) or a name declared in config.style.color".to_owned()),
        )
    })
}

/// Checks a text size: the size enum or a custom size from `config.style.text_size`.
pub fn check_text_size(s: &str, what: &str, styles: &Styles<'_>) -> Option<Finding> {
    let ok = spec::TEXT_SIZE.values.contains(&s) || styles.text_sizes.contains(&s);
    (!ok).then(|| {
        Finding::new(
            &rules::UNDOCUMENTED_VALUE,
            format!("{what} {s:?} is not a documented text size; it is rendered as normal"),
            Some(format!(
                "sizes: {}, or a name from config.style.text_size",
                spec::TEXT_SIZE.values.join(", ")
            )),
        )
    })
}

/// `"<n>px"` → n.
pub fn px(s: &str) -> Option<i64> {
    s.strip_suffix("px")?.parse().ok()
}

/// `"<n>px"` → n, when `d` takes px values and n is in its range.
pub fn dim_px(s: &str, d: &Dim) -> Option<i64> {
    let (lo, hi) = d.px?;
    px(s).filter(|n| (lo..=hi).contains(n))
}

/// `"<n>%"` → n, for n in 1..=100.
pub fn percent(s: &str) -> Option<u8> {
    s.strip_suffix('%')?
        .parse()
        .ok()
        .filter(|n| (1..=100).contains(n))
}

/// `"<w>px <h>px"` → (w, h).
pub fn pair(s: &str) -> Option<(i64, i64)> {
    let (w, h) = s.split_once(' ')?;
    Some((px(w)?, px(h)?))
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn is_date(s: &str) -> bool {
    let mut it = s.split('-');
    matches!(
        (
            it.next().and_then(|y| digits(y, 4)),
            it.next().and_then(|m| digits(m, 2)),
            it.next().and_then(|d| digits(d, 2)),
            it.next()
        ),
        (Some(_), Some(1..=12), Some(1..=31), None)
    )
}

fn is_time(s: &str) -> bool {
    matches!(s.split_once(':'), Some((h, m)) if digits(h, 2).is_some_and(|h| h < 24) && digits(m, 2).is_some_and(|m| m < 60))
}

fn is_rgba(s: &str) -> bool {
    let Some(inner) = s
        .trim()
        .strip_prefix("rgba(")
        .and_then(|r| r.strip_suffix(')'))
    else {
        return false;
    };
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    parts.len() == 4
        && parts[..3]
            .iter()
            .all(|p| p.parse::<u16>().is_ok_and(|n| n <= 255))
        && parts[3]
            .parse::<f64>()
            .is_ok_and(|a| (0.0..=1.0).contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::shape::{is_element_id, is_img_key};

    #[test]
    fn shapes() {
        assert!(is_img_key(
            "img_v3_0238_073f1823-df2b-4377-86c6-e293f183622j"
        ));
        assert!(!is_img_key("xxx"));
        assert!(!is_img_key("https://example.com/a.png"));
        assert!(!is_img_key("img_"));
        assert!(is_element_id("footer_sep"));
        assert!(!is_element_id("footer-sep"));
        assert!(!is_element_id("1abc"));
        assert!(!is_element_id("a23456789012345678901"));
        assert!(is_date("2024-02-29") && !is_date("2024-2-29"));
        assert!(is_time("23:59") && !is_time("24:00"));
        assert!(is_rgba("rgba(255,255,255,0.5)") && !is_rgba("rgb(1,2,3)"));
        assert_eq!(px("12px"), Some(12));
        assert_eq!(px("-12px"), Some(-12));
    }

    #[test]
    fn a_dimension_out_of_range_is_the_same_finding_for_every_caller() {
        let width = crate::spec::component("column")
            .and_then(|c| c.attr("width"))
            .expect("column width");
        let f = check_str(&width.ty, "99999px", "`width`", &Styles::default()).expect("finding");
        assert_eq!(f.rule, &rules::UNDOCUMENTED_VALUE);
        assert!(check_str(&width.ty, "120px", "`width`", &Styles::default()).is_none());
    }
}
