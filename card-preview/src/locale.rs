//! The card in one language: each `i18n_*` key (the docs' per-component table: `content`,
//! `default_value`, `img_key`, `file_key`, the header's `text_tag_list`) replaces its base key
//! when it has the reader's locale, before anything is drawn.

use serde_json::Value;

/// Base keys and their per-locale twins.
const PAIRS: [(&str, &str); 5] = [
    ("content", "i18n_content"),
    ("default_value", "i18n_default_value"),
    ("img_key", "i18n_img_key"),
    ("file_key", "i18n_file_key"),
    ("text_tag_list", "i18n_text_tag_list"),
];

/// Whether `card` has any per-locale key (most cards have none, and are drawn as they are).
pub(crate) fn has_i18n(card: &Value) -> bool {
    match card {
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| PAIRS.iter().any(|(_, i18n)| k == i18n) || has_i18n(v)),
        Value::Array(items) => items.iter().any(has_i18n),
        _ => false,
    }
}

/// Rewrites `card` for `locale` (e.g. `en_us`). With no locale, a base key the card leaves
/// out is taken from its `zh_cn` twin, or the first locale given.
pub(crate) fn localize(card: &mut Value, locale: Option<&str>) {
    match card {
        Value::Object(m) => {
            for (base, i18n) in PAIRS {
                let Some(Value::Object(by_locale)) = m.get(i18n) else {
                    continue;
                };
                let chosen = match locale {
                    Some(l) => by_locale.get(l),
                    None if !m.contains_key(base) => {
                        by_locale.get("zh_cn").or_else(|| by_locale.values().next())
                    }
                    None => None,
                };
                if let Some(v) = chosen.cloned() {
                    m.insert(base.to_owned(), v);
                }
            }
            for v in m.values_mut() {
                localize(v, locale);
            }
        }
        Value::Array(items) => {
            for v in items {
                localize(v, locale);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_locale_wins_and_a_missing_base_is_filled() {
        let mut card = json!({"body": {"elements": [
            {"tag": "markdown", "content": "你好", "i18n_content": {"zh_cn": "你好", "en_us": "hello"}},
            {"tag": "markdown", "i18n_content": {"ja_jp": "こんにちは"}}
        ]}});
        let mut en = card.clone();
        localize(&mut en, Some("en_us"));
        assert_eq!(en["body"]["elements"][0]["content"], "hello");
        assert_eq!(en["body"]["elements"][1].get("content"), None);
        localize(&mut card, None);
        assert_eq!(card["body"]["elements"][0]["content"], "你好");
        assert_eq!(card["body"]["elements"][1]["content"], "こんにちは");
    }
}
