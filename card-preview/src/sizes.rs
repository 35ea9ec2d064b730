//! Custom text sizes: a `text_size` that names an entry of `config.style.text_size` (`cus-0`)
//! is replaced by that entry's size for the device (`pc` or `mobile`, else its `default`) before anything is
//! drawn, as the rich-text page describes ("为移动端和桌面端定义不同的字号").

use serde_json::{Map, Value};

/// The card's custom sizes, when it defines any.
pub(crate) fn custom(card: &Value) -> Option<&Map<String, Value>> {
    card.pointer("/config/style/text_size")?
        .as_object()
        .filter(|m| !m.is_empty())
}

/// Replaces every `text_size` naming one of `sizes` in `v` by its keyword for the device.
pub(crate) fn resolve(v: &mut Value, sizes: &Map<String, Value>, mobile: bool) {
    let device = if mobile { "mobile" } else { "pc" };
    match v {
        Value::Object(m) => {
            let chosen = m
                .get("text_size")
                .and_then(Value::as_str)
                .and_then(|name| sizes.get(name))
                .and_then(|entry| {
                    [device, "default"]
                        .iter()
                        .find_map(|k| entry.get(k).and_then(Value::as_str))
                })
                .map(str::to_owned);
            if let Some(keyword) = chosen {
                m.insert("text_size".to_owned(), Value::String(keyword));
            }
            for (k, child) in m.iter_mut() {
                if k != "config" {
                    resolve(child, sizes, mobile);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| resolve(i, sizes, mobile)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn custom_names_become_their_desktop_size() {
        let mut card = json!({
            "config": {"style": {"text_size": {
                "cus-0": {"default": "medium", "pc": "x-large", "mobile": "large"},
                "cus-1": {"default": "small"}}}},
            "body": {"elements": [
                {"tag": "markdown", "content": "a", "text_size": "cus-0"},
                {"tag": "div", "text": {"tag": "plain_text", "content": "b", "text_size": "cus-1"}},
                {"tag": "markdown", "content": "c", "text_size": "heading"},
                {"tag": "markdown", "content": "d", "text_size": "cus-9"}]}});
        let sizes = custom(&card).unwrap().clone();
        let mut phone = card.clone();
        resolve(&mut phone, &sizes, true);
        assert_eq!(phone["body"]["elements"][0]["text_size"], "large");
        assert_eq!(phone["body"]["elements"][1]["text"]["text_size"], "small");
        resolve(&mut card, &sizes, false);
        let e = &card["body"]["elements"];
        assert_eq!(e[0]["text_size"], "x-large");
        assert_eq!(e[1]["text"]["text_size"], "small");
        assert_eq!(e[2]["text_size"], "heading");
        assert_eq!(e[3]["text_size"], "cus-9");
        // The definitions themselves are left alone.
        assert_eq!(
            card["config"]["style"]["text_size"]["cus-0"]["pc"],
            "x-large"
        );
        assert!(custom(&json!({"config": {"style": {"text_size": {}}}})).is_none());
    }
}
