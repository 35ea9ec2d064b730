//! Checks of string-shaped values: keys, ids, URLs, sizes, colors (spec §1.5, §1.7, §6).

use super::Checker;
use super::suggest;
use crate::codes;
use crate::spec::{self, Dim, Enum, Format, Severity};

impl<'a> Checker<'a> {
    pub(super) fn check_format(&mut self, s: &'a str, f: Format) {
        match f {
            Format::ImgKey => {
                if !is_img_key(s) {
                    self.error(
                        codes::IMAGE_KEY,
                        format!("image key {s:?} is not an uploaded image key"),
                    );
                    self.segs_help_img();
                }
            }
            Format::FileKey => {
                if !is_file_key(s) {
                    self.error(
                        codes::FILE_KEY,
                        format!("file key {s:?} is not an uploaded file key (file_v3_…, from the file upload API)"),
                    );
                }
            }
            Format::OpenId => {
                if !is_open_id(s) {
                    self.error(
                        codes::INVALID_USER,
                        format!(
                            "invalid user resource {s:?}: user pickers take open_ids only (ou_…)"
                        ),
                    );
                }
            }
            Format::UserId => {
                if s.trim().is_empty() {
                    self.error(
                        codes::INVALID_USER,
                        "invalid user resource: empty user id".to_owned(),
                    );
                }
            }
            Format::ElementId => {
                if !is_element_id(s) {
                    self.emit(
                        Severity::Error,
                        codes::ELEMENT_ID,
                        format!("element_id {s:?}: only letters, digits and `_`, starting with a letter, at most 20 characters"),
                        None,
                    );
                } else {
                    let at = self.segs.clone();
                    self.element_ids.note(s, at);
                }
            }
            Format::Url => {
                if s.is_empty() {
                    let what = self.here();
                    self.warn(codes::INVALID_VALUE, format!("{what} is an empty URL"));
                } else if !crate::spec::shape::is_card_url(s) {
                    let what = self.here();
                    self.emit(
                        Severity::Warning,
                        codes::INVALID_VALUE,
                        format!("{what} {s:?} is not an http(s) URL"),
                        Some("cards allow http and https links (and lark:// app links); other schemes are rejected".to_owned()),
                    );
                }
            }
            Format::HttpsUrl => {
                let what = self.here();
                if !s.starts_with("https://") {
                    self.error(
                        codes::INVALID_VALUE,
                        format!("{what} {s:?} must be an https:// URL"),
                    );
                } else if s.chars().count() > 700 {
                    self.error(
                        codes::INVALID_VALUE,
                        format!("{what} is longer than 700 characters"),
                    );
                }
            }
            Format::Date => self.pattern(s, "yyyy-MM-dd", is_date(s)),
            Format::Time => self.pattern(s, "HH:mm", is_time(s)),
            Format::DateTime => self.pattern(
                s,
                "yyyy-MM-dd HH:mm",
                s.split_once(' ')
                    .is_some_and(|(d, t)| is_date(d) && is_time(t)),
            ),
            Format::Rgba => self.pattern(s, "rgba(r,g,b,a)", is_rgba(s)),
            Format::Locale => {
                if !spec::LOCALES.contains(&s) {
                    let what = self.here();
                    self.warn(
                        codes::INVALID_VALUE,
                        format!("{what} {s:?} is not a documented locale"),
                    );
                }
            }
            Format::IconToken => {
                if !(s.ends_with("_outlined") || s.ends_with("_filled") || s.ends_with("_colorful"))
                {
                    self.emit(
                        Severity::Warning,
                        codes::INVALID_VALUE,
                        format!("icon token {s:?} is not in the icon library (tokens end in _outlined, _filled or _colorful)"),
                        Some("an unknown token can make the server reject the whole card".to_owned()),
                    );
                }
            }
            Format::IconSize => {
                let ok = s.split_once(' ').is_some_and(|(w, h)| {
                    px(w).is_some_and(|n| (1..=999).contains(&n))
                        && px(h).is_some_and(|n| (1..=999).contains(&n))
                });
                self.pattern(s, "\"<w>px <h>px\" with each in [1,999]", ok);
            }
            Format::Radius => {
                let ok = px(s).is_some_and(|n| n >= 0)
                    || s.strip_suffix('%')
                        .and_then(|n| n.parse::<i64>().ok())
                        .is_some_and(|n| (0..=100).contains(&n));
                self.pattern(s, "\"<n>px\" or \"<n>%\" (0–100)", ok);
            }
        }
    }

    fn segs_help_img(&mut self) {
        if let Some(d) = self.diags.last_mut() {
            d.help = Some("upload the image with POST /open-apis/im/v1/images and use the returned image_key (img_v3_…)".to_owned());
        }
    }

    fn pattern(&mut self, s: &str, expected: &str, ok: bool) {
        if !ok {
            let what = self.here();
            self.warn(
                codes::INVALID_VALUE,
                format!("{what} {s:?} does not have the documented form {expected}"),
            );
        }
    }

    pub(super) fn check_enum(&mut self, s: &str, e: &Enum) {
        if e.values.contains(&s) {
            return;
        }
        let what = self.here();
        if let Some((_, instead)) = e.removed.iter().find(|(v, _)| *v == s) {
            self.emit(
                Severity::Error,
                codes::PARSE,
                format!("{what} {s:?} is not supported in 2.0"),
                Some((*instead).to_owned()),
            );
            return;
        }
        let help = match suggest::closest(s, e.values.iter().copied()) {
            Some(c) => format!("did you mean {c:?}? allowed: {}", e.values.join(", ")),
            None => format!("allowed: {}", e.values.join(", ")),
        };
        let msg = match e.unknown {
            Severity::Warning => {
                format!("{what} {s:?} is not a documented value; it is rendered as the default")
            }
            Severity::Error => format!("{what} {s:?} is not a valid value"),
        };
        let sub = if e.unknown == Severity::Error {
            codes::PARSE
        } else {
            codes::INVALID_VALUE
        };
        self.emit(e.unknown, sub, msg, Some(help));
    }

    pub(super) fn check_dim(&mut self, s: &str, d: &Dim) {
        if d.keywords.contains(&s) {
            return;
        }
        if let Some((_, instead)) = d.removed.iter().find(|(v, _)| *v == s) {
            let what = self.here();
            self.emit(
                Severity::Error,
                codes::PARSE,
                format!("{what} {s:?} is not supported in 2.0"),
                Some((*instead).to_owned()),
            );
            return;
        }
        let in_px = |n: i64| d.px.is_some_and(|(lo, hi)| n >= lo && n <= hi);
        let ok = px(s).is_some_and(in_px)
            || (d.percent
                && s.strip_suffix('%')
                    .and_then(|n| n.parse::<i64>().ok())
                    .is_some_and(|n| (1..=100).contains(&n)))
            || (d.pair
                && s.split_once(' ')
                    .is_some_and(|(w, h)| px(w).is_some_and(in_px) && px(h).is_some_and(in_px)));
        if !ok {
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
            let what = self.here();
            self.emit(
                Severity::Warning,
                codes::INVALID_VALUE,
                format!("{what} {s:?} is not a documented value"),
                Some(format!("allowed: {}", forms.join(", "))),
            );
        }
    }

    pub(super) fn check_box(&mut self, s: &str, min: i64, max: i64) {
        let parts: Vec<&str> = s.split_whitespace().collect();
        let lengths: Option<Vec<i64>> = parts
            .iter()
            .map(|p| if *p == "0" { Some(0) } else { px(p) })
            .collect();
        let what = self.here();
        match lengths {
            Some(ls) if matches!(ls.len(), 1 | 2 | 4) => {
                if let Some(bad) = ls.iter().find(|n| **n < min || **n > max) {
                    self.warn(codes::INVALID_VALUE, format!("{what} {s:?}: {bad}px is outside [{min},{max}]px"));
                }
            }
            _ => self.emit(
                Severity::Error,
                codes::INVALID_VALUE,
                format!("invalid {what} {s:?}"),
                Some("write 1, 2 or 4 lengths in px, CSS order: \"8px\", \"4px 12px\", \"4px 12px 4px 12px\"".to_owned()),
            ),
        }
    }

    pub(super) fn check_spacing(&mut self, s: &str) {
        if spec::SPACING.values.contains(&s) || px(s).is_some_and(|n| spec::SPACING_PX.contains(&n))
        {
            return;
        }
        let what = self.here();
        self.emit(
            Severity::Warning,
            codes::INVALID_VALUE,
            format!("{what} {s:?} is not a documented spacing"),
            Some("small (4px), medium (8px), large (12px), extra_large (16px), or \"<n>px\" with n in [0,99]".to_owned()),
        );
    }

    pub(super) fn check_color(&mut self, s: &str, extra: &[&str]) {
        if extra.contains(&s) || spec::is_color(s) || self.custom_colors.contains(&s) {
            return;
        }
        let what = self.here();
        self.emit(
            Severity::Warning,
            codes::INVALID_VALUE,
            format!("{what} {s:?} is not a color enum value or a custom color from config.style.color"),
            Some("colors: blue, grey-600, … (see the color enum) or a name declared in config.style.color".to_owned()),
        );
    }

    pub(super) fn check_text_size(&mut self, s: &str) {
        if spec::TEXT_SIZE.values.contains(&s) || self.custom_sizes.contains(&s) {
            return;
        }
        let what = self.here();
        self.emit(
            Severity::Warning,
            codes::INVALID_VALUE,
            format!("{what} {s:?} is not a documented text size; it is rendered as normal"),
            Some(format!(
                "sizes: {}, or a name from config.style.text_size",
                spec::TEXT_SIZE.values.join(", ")
            )),
        );
    }
}

/// `"<n>px"` → n.
pub(crate) fn px(s: &str) -> Option<i64> {
    s.strip_suffix("px")?.parse().ok()
}

pub(crate) use crate::spec::shape::{is_element_id, is_file_key, is_img_key, is_open_id};

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
}
