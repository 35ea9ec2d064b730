//! The card's own styles (`config.style`): a `text_size` naming an entry of
//! `config.style.text_size` (`cus-0`) becomes that entry's size for the device (`pc` or
//! `mobile`, else its `default`), and a colour naming an entry of `config.style.color` becomes
//! its `light_mode` or `dark_mode` value — in component keys and in markdown tags' colour
//! attributes — before anything is drawn (the structure page's `config.style`; the rich-text
//! page's "为移动端和桌面端定义不同的字号").

use std::collections::HashSet;
use std::sync::OnceLock;

use card_validate::spec::{self, Attr, Ty};
use serde_json::{Map, Value};

/// The keys whose value the spec types as a colour (`text_color`, `background_style`,
/// `border_color`…), gathered once from the card and every component.
fn colour_keys() -> &'static HashSet<&'static str> {
    static KEYS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        fn walk(
            attrs: &[Attr],
            keys: &mut HashSet<&'static str>,
            seen: &mut HashSet<&'static str>,
        ) {
            for a in attrs {
                ty(a.name, &a.ty, keys, seen);
            }
        }
        fn ty(
            name: &'static str,
            t: &Ty,
            keys: &mut HashSet<&'static str>,
            seen: &mut HashSet<&'static str>,
        ) {
            match t {
                Ty::Color(_) => {
                    keys.insert(name);
                }
                Ty::Obj(o) if seen.insert(o.name) => walk(o.attrs, keys, seen),
                Ty::Arr(inner, _) | Ty::Locales(inner) | Ty::Named(inner) => {
                    ty(name, inner, keys, seen)
                }
                Ty::OneOf(options) => options.iter().for_each(|o| ty(name, o, keys, seen)),
                _ => {}
            }
        }
        let (mut keys, mut seen) = (HashSet::new(), HashSet::new());
        walk(spec::CARD.attrs, &mut keys, &mut seen);
        for c in spec::COMPONENTS {
            walk(c.attrs, &mut keys, &mut seen);
        }
        walk(&spec::COMMON_ATTRS, &mut keys, &mut seen);
        keys
    })
}

/// The markdown tag attributes that take a colour (`<font color>`, `<number_tag font_color>`…);
/// the spec does not model markdown tags' attributes.
const COLOUR_ATTRS: &[&str] = &["color", "font_color", "background_color", "fill_color"];

/// The card's custom sizes and colours, with the device and theme they are drawn for.
pub(crate) struct Styles {
    sizes: Map<String, Value>,
    colours: Map<String, Value>,
    mobile: bool,
    dark: bool,
}

impl Styles {
    /// The card's custom styles, when it defines any.
    pub(crate) fn of(card: &Value, mobile: bool, dark: bool) -> Option<Styles> {
        let table = |key: &str| {
            card.pointer(&format!("/config/style/{key}"))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let styles = Styles {
            sizes: table("text_size"),
            colours: table("color"),
            mobile,
            dark,
        };
        (!styles.sizes.is_empty() || !styles.colours.is_empty()).then_some(styles)
    }

    /// A custom size's keyword for the device.
    fn size(&self, name: &str) -> Option<&str> {
        let entry = self.sizes.get(name)?;
        let device = if self.mobile { "mobile" } else { "pc" };
        [device, "default"]
            .iter()
            .find_map(|k| entry.get(k).and_then(Value::as_str))
    }

    /// A custom colour's value in the theme.
    fn colour(&self, name: &str) -> Option<&str> {
        let mode = if self.dark { "dark_mode" } else { "light_mode" };
        self.colours.get(name)?.get(mode)?.as_str()
    }

    /// Rewrites `v` (not its `config`) with the custom styles resolved.
    pub(crate) fn apply(&self, v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, child) in m.iter_mut() {
                    match child {
                        Value::String(s) if k == "text_size" => {
                            if let Some(keyword) = self.size(s) {
                                *s = keyword.to_owned();
                            }
                        }
                        Value::String(s) if colour_keys().contains(k.as_str()) => {
                            if let Some(c) = self.colour(s) {
                                *s = c.to_owned();
                            }
                        }
                        Value::String(s) if k == "content" && !self.colours.is_empty() => {
                            *s = self.markdown_colours(s);
                        }
                        _ if k == "config" => {}
                        _ => self.apply(child),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.apply(i)),
            _ => {}
        }
    }

    /// Markdown text with each colour attribute naming a custom colour (`color='brand'`,
    /// `color="brand"`, `color=brand`) replaced by its value.
    fn markdown_colours(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(eq) = rest.find('=') {
            let (before, after) = rest.split_at(eq);
            out.push_str(before);
            out.push('=');
            let after = &after[1..];
            let is_colour_attr = COLOUR_ATTRS.iter().any(|a| {
                before.ends_with(a)
                    && before[..before.len() - a.len()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_whitespace)
            });
            let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"');
            let start = quote.map_or(0, char::len_utf8);
            let len = after[start..]
                .find(|c: char| {
                    Some(c) == quote || (quote.is_none() && (c.is_whitespace() || c == '>'))
                })
                .unwrap_or(after.len() - start);
            let value = &after[start..start + len];
            match self.colour(value).filter(|_| is_colour_attr) {
                Some(c) => {
                    out.push_str(&after[..start]);
                    out.push_str(c);
                    rest = &after[start + len..];
                }
                None => rest = after,
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn card() -> Value {
        json!({
            "config": {"style": {
                "text_size": {
                    "cus-0": {"default": "medium", "pc": "x-large", "mobile": "large"},
                    "cus-1": {"default": "small"}},
                "color": {"brand": {"light_mode": "rgba(1,2,3,1)", "dark_mode": "rgba(4,5,6,1)"}}}},
            "body": {"elements": [
                {"tag": "markdown", "content": "a <font color='brand'>b</font> <font color=brand>c</font> <text_tag color=\"brand\">d</text_tag> x=brand", "text_size": "cus-0"},
                {"tag": "div", "text": {"tag": "plain_text", "content": "b", "text_size": "cus-1", "text_color": "brand"}},
                {"tag": "markdown", "content": "c", "text_size": "heading"},
                {"tag": "markdown", "content": "d", "text_size": "cus-9"}]}})
    }

    #[test]
    fn custom_sizes_take_the_devices_size() {
        let mut desktop = card();
        Styles::of(&desktop, false, false)
            .unwrap()
            .apply(&mut desktop);
        let e = &desktop["body"]["elements"];
        assert_eq!(e[0]["text_size"], "x-large");
        assert_eq!(e[1]["text"]["text_size"], "small");
        assert_eq!(e[2]["text_size"], "heading");
        assert_eq!(e[3]["text_size"], "cus-9");
        // The definitions themselves are left alone.
        assert_eq!(
            desktop["config"]["style"]["text_size"]["cus-0"]["pc"],
            "x-large"
        );
        let mut phone = card();
        Styles::of(&phone, true, false).unwrap().apply(&mut phone);
        assert_eq!(phone["body"]["elements"][0]["text_size"], "large");
        assert!(
            Styles::of(
                &json!({"config": {"style": {"text_size": {}}}}),
                false,
                false
            )
            .is_none()
        );
    }

    #[test]
    fn the_colour_keys_come_from_the_spec() {
        for k in [
            "text_color",
            "color",
            "background_color",
            "background_style",
            "border_color",
            "fill_color",
        ] {
            assert!(colour_keys().contains(k), "{k}");
        }
        assert!(!colour_keys().contains("content") && !colour_keys().contains("text_size"));
    }

    #[test]
    fn custom_colours_take_the_themes_value_in_keys_and_markdown() {
        let mut light = card();
        Styles::of(&light, false, false).unwrap().apply(&mut light);
        let e = &light["body"]["elements"];
        assert_eq!(e[1]["text"]["text_color"], "rgba(1,2,3,1)");
        assert_eq!(
            e[0]["content"],
            "a <font color='rgba(1,2,3,1)'>b</font> <font color=rgba(1,2,3,1)>c</font> <text_tag color=\"rgba(1,2,3,1)\">d</text_tag> x=brand"
        );
        let mut dark = card();
        Styles::of(&dark, false, true).unwrap().apply(&mut dark);
        assert_eq!(
            dark["body"]["elements"][1]["text"]["text_color"],
            "rgba(4,5,6,1)"
        );
    }
}
