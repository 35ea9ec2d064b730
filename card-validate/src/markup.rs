//! A card as `card!` markup: tags and attributes are the JSON names, scalars with a typed literal
//! are literals, objects and lists are child elements, and a value with no typed literal (a
//! locale map, a chart spec, a value the macro's checks would refuse, a key the spec does not
//! list) becomes a `{…}` expression that builds the same JSON. The printed markup uses
//! `serde_json` for those expressions.

use serde_json::Value;

use crate::literal::{Styles, check_int, check_str};
use crate::spec::{self, Attr, Object, Req, Slot, Ty, abi};

/// Printed markup, and what it cannot carry.
#[derive(Debug, Clone)]
pub struct Markup {
    /// `<card>…</card>`, for `card_dsl::card! { … }`.
    pub text: String,
    /// Parts of the JSON the markup does not reproduce (a `null`, a root key), with their path.
    pub lossy: Vec<String>,
}

/// Why a card could not be printed as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkupError {
    /// The text is not JSON (line and column).
    Json(usize, usize, String),
    /// Not a card object, or a template card (markup builds cards, not template references).
    NotACard(String),
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MarkupError::Json(l, c, m) => write!(f, "not JSON at line {l}, column {c}: {m}"),
            MarkupError::NotACard(why) => write!(f, "not a card: {why}"),
        }
    }
}

impl std::error::Error for MarkupError {}

/// Card JSON text as markup (see [`to_markup`]).
///
/// # Errors
///
/// [`MarkupError::Json`] for malformed JSON; otherwise as [`to_markup`].
pub fn to_markup_str(text: &str) -> Result<Markup, MarkupError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| MarkupError::Json(e.line(), e.column(), e.to_string()))?;
    to_markup(&v)
}

/// A card (2.0, or 1.0 after [`crate::upgrade::upgrade`]) as `card!` markup.
///
/// # Errors
///
/// [`MarkupError::NotACard`] for a value that is not a card object or is a template card.
pub fn to_markup(card: &Value) -> Result<Markup, MarkupError> {
    let upgraded;
    let card = if card.get("schema").and_then(Value::as_str) == Some("2.0") {
        card
    } else {
        upgraded = crate::upgrade::upgrade(card)
            .map_err(|e| MarkupError::NotACard(e.to_string()))?
            .card;
        &upgraded
    };
    let Some(m) = card.as_object() else {
        return Err(MarkupError::NotACard("a card is a JSON object".into()));
    };
    let mut p = Printer::default();
    match m.get("i18n_header") {
        // The historical root `i18n_header` is the card's one attribute.
        Some(h) if !h.is_null() => {
            let expr = json_expr("card_dsl::I18n<card_dsl::Header>", h);
            p.line(0, &format!("<card i18n_header={{{expr}}}>"));
        }
        _ => p.line(0, "<card>"),
    }
    // The card's parts first, then its body, whatever the JSON's key order.
    let order = |k: &str| {
        ["schema", "config", "header", "card_link", "body"]
            .iter()
            .position(|x| *x == k)
    };
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort_by_key(|k| order(k).unwrap_or(usize::MAX));
    for k in keys {
        let v = &m[k];
        match k.as_str() {
            "schema" | "i18n_header" => {}
            // card-dsl writes `update_multi: true` itself: a config holding only that is left out.
            "config"
                if v.as_object()
                    .is_some_and(|c| c.keys().all(|k| k == "update_multi")) => {}
            "config" => p.object(1, "config", &spec::CONFIG, v, "ROOT -> config"),
            "header" => p.object(1, "header", &spec::HEADER, v, "ROOT -> header"),
            "card_link" => p.object(1, "card_link", &spec::CARD_LINK, v, "ROOT -> card_link"),
            "body" => p.body(v),
            _ => p
                .lossy
                .push(format!("ROOT -> {k}: a root key card! does not set")),
        }
    }
    p.line(0, "</card>");
    Ok(Markup {
        text: p.out,
        lossy: p.lossy,
    })
}

#[derive(Default)]
struct Printer {
    out: String,
    lossy: Vec<String>,
}

impl Printer {
    fn line(&mut self, depth: usize, s: &str) {
        self.out.push_str(&"    ".repeat(depth));
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// The body: its components directly in `<card>` when it has nothing else (an empty list is
    /// written `<body><elements></elements></body>`, so it stays in the JSON).
    fn body(&mut self, v: &Value) {
        let Some(b) = v.as_object() else {
            return;
        };
        let nonempty = b
            .get("elements")
            .and_then(Value::as_array)
            .is_some_and(|l| !l.is_empty());
        if nonempty && b.keys().all(|k| k == "elements") {
            if let Some(Value::Array(list)) = b.get("elements") {
                for (i, e) in list.iter().enumerate() {
                    self.component(
                        1,
                        e,
                        Slot::Body,
                        &format!("ROOT -> body -> elements -> [{i}]"),
                    );
                }
            }
        } else {
            self.object(1, "body", &spec::BODY, v, "ROOT -> body");
        }
    }

    /// A component by its `tag`; a tag the spec does not know is passed through as raw JSON.
    fn component(&mut self, depth: usize, e: &Value, slot: Slot, path: &str) {
        let comp = e
            .get("tag")
            .and_then(Value::as_str)
            .and_then(spec::component);
        match comp {
            Some(c) => {
                let attrs = abi::component_attrs(c);
                self.element(depth, c.tag, &attrs, e, path);
            }
            None if matches!(slot, Slot::Body | Slot::Container) => {
                let json = json_expr("serde_json::Value", e);
                self.line(depth, &format!("{{card_dsl::Element::Raw({json})}}"));
            }
            None => {
                let ty = format!("card_dsl::{}", abi::list_item(slot));
                self.line(depth, &format!("{{{}}}", json_expr(&ty, e)));
            }
        }
    }

    /// An object set by a child element named `name`.
    fn object(&mut self, depth: usize, name: &str, o: &'static Object, v: &Value, path: &str) {
        let attrs: Vec<&'static Attr> = o.attrs.iter().collect();
        self.element(depth, name, &attrs, v, path);
    }

    /// An item of a list of objects: named by its `type` when the object is told apart by one
    /// (`<open_url default_url=…/>` in `<behaviors>`), else by the object's name.
    fn list_object(&mut self, depth: usize, o: &'static Object, v: &Value, path: &str) {
        let kind = o
            .attrs
            .iter()
            .find(|a| a.name == "type" && matches!(a.ty, Ty::Enum(_)))
            .and_then(|d| match (d.ty, v.get(d.name).and_then(Value::as_str)) {
                (Ty::Enum(e), Some(t)) => e.values.iter().find(|x| **x == t).map(|t| (d, *t)),
                _ => None,
            });
        match kind {
            Some((d, t)) => {
                let attrs: Vec<&'static Attr> =
                    o.attrs.iter().filter(|a| !std::ptr::eq(*a, d)).collect();
                let mut item = v.clone();
                if let Some(m) = item.as_object_mut() {
                    m.remove(d.name);
                }
                self.element(depth, t, &attrs, &item, path);
            }
            None => self.object(depth, spec::naming::item_tag(o.name), o, v, path),
        }
    }

    /// `<name attr=… …>children</name>` for a JSON object with these spec attributes.
    fn element(
        &mut self,
        depth: usize,
        name: &str,
        attrs: &[&'static Attr],
        v: &Value,
        path: &str,
    ) {
        let Some(m) = v.as_object() else {
            return;
        };
        let mut inline = Vec::new();
        let mut children: Vec<(&'static Attr, &Value)> = Vec::new();
        // The text a string child fills, as the macro reads it: `content` (markdown, titles).
        let text_attr = attrs
            .iter()
            .copied()
            .find(|a| a.name == "content" && matches!(a.ty, Ty::Str | Ty::StrMax(_)));
        let mut text = None;
        for (k, val) in m {
            let at = format!("{path} -> {k}");
            if val.is_null() {
                self.lossy
                    .push(format!("{at}: null (the model leaves the key out)"));
                continue;
            }
            let Some(a) = attrs.iter().copied().find(|a| a.name == k) else {
                if k != "tag" {
                    inline.push(format!(
                        "raw:{k}={{{}}}",
                        json_expr("serde_json::Value", val)
                    ));
                }
                continue;
            };
            if name == "config" && k == "update_multi" {
                continue; // always true in card-dsl
            }
            match (&a.ty, val) {
                (Ty::Const(_), _) => {}
                (Ty::Obj(_), Value::Object(_)) | (Ty::Elements(_), Value::Array(_)) => {
                    children.push((a, val));
                }
                (Ty::Arr(item, _), Value::Array(items))
                    if matches!(item, Ty::Obj(_)) && items.iter().all(Value::is_object) =>
                {
                    children.push((a, val));
                }
                (_, Value::String(_)) if text_attr.is_some_and(|t| std::ptr::eq(t, a)) => {
                    match literal(a, val) {
                        Some(l) => text = Some(l),
                        None => inline.push(attribute(a, val)),
                    }
                }
                _ => inline.push(attribute(a, val)),
            }
        }
        // A text object's required `tag` defaults to plain_text when its text is a child.
        if text.is_some() {
            let default_tag = attrs.iter().any(|a| {
                a.name == "tag"
                    && a.req == Req::Yes
                    && matches!(a.ty, Ty::Enum(e) if e.values.contains(&"plain_text"))
            });
            if default_tag && m.get("tag").and_then(Value::as_str) == Some("plain_text") {
                inline.retain(|i| i != r#"tag="plain_text""#);
            }
        }
        // The macro fills the first component list from loose children (`<column_set><column>`),
        // unless a child's tag names one of this element's attributes.
        let list_attr = attrs
            .iter()
            .copied()
            .find(|a| matches!(a.ty, Ty::Elements(_)));
        let loose = |a: &Attr, list: &[Value]| {
            list_attr.is_some_and(|l| std::ptr::eq(l, a))
                && !list.is_empty()
                && list.iter().all(|e| {
                    let tag = e.get("tag").and_then(Value::as_str).unwrap_or_default();
                    !attrs
                        .iter()
                        .any(|x| x.name == tag && !matches!(x.ty, Ty::Const(_)))
                })
        };
        let open = if inline.is_empty() {
            format!("<{name}")
        } else {
            format!("<{name} {}", inline.join(" "))
        };
        if children.is_empty() {
            match text {
                Some(t) => self.line(depth, &format!("{open}>{t}</{name}>")),
                None => self.line(depth, &format!("{open}/>")),
            }
            return;
        }
        self.line(depth, &format!("{open}>"));
        if let Some(t) = text {
            self.line(depth + 1, &t);
        }
        for (a, val) in children {
            let at = format!("{path} -> {}", a.name);
            match (&a.ty, val) {
                (Ty::Obj(o), _) => self.object(depth + 1, a.name, o, val, &at),
                (Ty::Elements(slot), Value::Array(list)) if loose(a, list) => {
                    for (i, e) in list.iter().enumerate() {
                        self.component(depth + 1, e, *slot, &format!("{at} -> [{i}]"));
                    }
                }
                (Ty::Elements(slot), Value::Array(list)) => {
                    self.line(depth + 1, &format!("<{}>", a.name));
                    for (i, e) in list.iter().enumerate() {
                        self.component(depth + 2, e, *slot, &format!("{at} -> [{i}]"));
                    }
                    self.line(depth + 1, &format!("</{}>", a.name));
                }
                (Ty::Arr(Ty::Obj(o), _), Value::Array(list)) => {
                    self.line(depth + 1, &format!("<{}>", a.name));
                    for (i, item) in list.iter().enumerate() {
                        self.list_object(depth + 2, o, item, &format!("{at} -> [{i}]"));
                    }
                    self.line(depth + 1, &format!("</{}>", a.name));
                }
                _ => {}
            }
        }
        self.line(depth, &format!("</{name}>"));
    }
}

/// `name=literal` when the macro takes the value as a literal, else `name={expression}`.
fn attribute(a: &Attr, v: &Value) -> String {
    match literal(a, v) {
        Some(l) => format!("{}={l}", a.name),
        None => {
            let ty = qualified(&abi::rust_type(&a.ty));
            format!("{}={{{}}}", a.name, json_expr(&ty, v))
        }
    }
}

/// The value as a literal the macro takes for this attribute, if it has one.
fn literal(a: &Attr, v: &Value) -> Option<String> {
    let what = format!("`{}`", a.name);
    match (&a.ty, v) {
        (Ty::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Ty::Int(lo, hi), Value::Number(n)) => n
            .as_i64()
            .filter(|n| *n >= 0 && check_int(*n, *lo, *hi, &what).is_none())
            .map(|n| n.to_string()),
        (Ty::Num(..), Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => Some(u.to_string()),
            (None, Some(f)) if f >= 0.0 && f.is_finite() => Some(format!("{f:?}")),
            _ => None,
        },
        (Ty::Color(_) | Ty::TextSize, Value::String(s)) => Some(format!("{s:?}")),
        (
            Ty::Str
            | Ty::StrMax(_)
            | Ty::Fmt(_)
            | Ty::Enum(_)
            | Ty::Dim(_)
            | Ty::Box(..)
            | Ty::Spacing,
            Value::String(s),
        ) => check_str(&a.ty, s, &what, &Styles::default())
            .is_none()
            .then(|| format!("{s:?}")),
        _ => None,
    }
}

/// A model ABI type path as user code writes it: card-dsl's types under `card_dsl::`.
fn qualified(ty: &str) -> String {
    let ty = ty.replace("crate::", "card_dsl::");
    let mut out = String::new();
    let mut rest = ty.as_str();
    while let Some(c) = rest.chars().next() {
        let word_len = rest
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .unwrap_or(rest.len())
            .max(c.len_utf8());
        let (word, tail) = rest.split_at(word_len);
        let qualified_already = out.ends_with("::");
        if c.is_ascii_uppercase() && !qualified_already && !matches!(word, "Vec" | "String") {
            out.push_str("card_dsl::");
        }
        out.push_str(word);
        rest = tail;
    }
    out
}

/// An expression building `v` as Rust type `ty`: `serde_json::json!` for a short value (strings
/// as Rust literals), `serde_json::from_str` on a raw string for a long one (json! recursion
/// grows with size).
fn json_expr(ty: &str, v: &Value) -> String {
    let tokens = json_tokens(v);
    let value = ty == "serde_json::Value";
    if tokens.len() <= 120 {
        return if value {
            format!("serde_json::json!({tokens})")
        } else {
            format!("serde_json::from_value::<{ty}>(serde_json::json!({tokens})).unwrap()")
        };
    }
    let text = v.to_string();
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("serde_json::from_str::<{ty}>(r{hashes}\"{text}\"{hashes}).unwrap()")
}

/// JSON as `serde_json::json!` input, with strings as Rust literals (so every escape is valid).
fn json_tokens(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(json_tokens).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{k:?}: {}", json_tokens(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_are_literals_objects_children_and_the_rest_expressions() {
        let card = json!({"schema": "2.0", "config": {"update_multi": true, "width_mode": "fill"},
        "header": {"title": {"tag": "plain_text", "content": "Hi \"there\""}, "template": "blue"},
        "body": {"elements": [
            {"tag": "markdown", "content": "**x**", "text_align": "center", "future": 1},
            {"tag": "column_set", "columns": [{"tag": "column", "weight": 2, "elements": [{"tag": "hr"}]}]},
            {"tag": "chart", "chart_spec": {"type": "line"}}
        ]}});
        let m = to_markup(&card).unwrap();
        let want = r#"<card>
    <config width_mode="fill"/>
    <header template="blue">
        <title>"Hi \"there\""</title>
    </header>
    <markdown raw:future={serde_json::json!(1)} text_align="center">"**x**"</markdown>
    <column_set>
        <column weight=2>
            <hr/>
        </column>
    </column_set>
    <chart chart_spec={serde_json::json!({"type": "line"})}/>
</card>
"#;
        assert_eq!(m.text, want);
        assert!(m.lossy.is_empty());
    }

    /// The style the markup docs teach: text as a child (plain_text implied), behaviors named by
    /// type, no empty `<config/>`, a lark_md title keeps its tag.
    #[test]
    fn prints_the_idiomatic_markup() {
        let card = json!({"schema": "2.0", "config": {"update_multi": true},
        "header": {"title": {"tag": "lark_md", "content": "**T**"}},
        "body": {"elements": [
            {"tag": "button", "text": {"tag": "plain_text", "content": "Go"},
             "behaviors": [{"type": "open_url", "default_url": "https://example.com"},
                           {"type": "callback", "value": {"k": 1}}]},
            {"tag": "collapsible_panel", "header": {"title": {"tag": "plain_text", "content": "More"}},
             "elements": [{"tag": "markdown", "content": "inside"}]}
        ]}});
        let m = to_markup(&card).unwrap();
        assert!(!m.text.contains("<config"), "{}", m.text);
        assert!(
            m.text.contains(r#"<title tag="lark_md">"**T**"</title>"#),
            "{}",
            m.text
        );
        assert!(m.text.contains(r#"<text>"Go"</text>"#), "{}", m.text);
        assert!(
            m.text
                .contains(r#"<open_url default_url="https://example.com"/>"#),
            "{}",
            m.text
        );
        assert!(
            m.text
                .contains(r#"<callback value={serde_json::json!({"k": 1})}/>"#),
            "{}",
            m.text
        );
        assert!(
            !m.text.contains("<behavior ") && !m.text.contains("<elements>"),
            "{}",
            m.text
        );
        assert!(
            m.text.contains("<markdown>\"inside\"</markdown>"),
            "{}",
            m.text
        );
    }

    #[test]
    fn types_are_qualified_for_user_code() {
        assert_eq!(qualified("crate::I18n<String>"), "card_dsl::I18n<String>");
        assert_eq!(qualified("Vec<TextTag>"), "Vec<card_dsl::TextTag>");
        assert_eq!(qualified("serde_json::Value"), "serde_json::Value");
        assert_eq!(
            qualified("std::collections::BTreeMap<String, Text>"),
            "std::collections::BTreeMap<String, card_dsl::Text>"
        );
    }
}
