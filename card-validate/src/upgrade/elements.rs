//! Components: the `action` module unwrapped, `note` into grey notation text, `div.extra` beside
//! its div, 1.0 button keys into `behaviors`, `img.mode`, markdown `href` links into `<link>`,
//! text `i18n` into `i18n_content`; containers recursively; everything else kept.

use serde_json::{Map, Value, json};

use super::{NoteKind, Upgrader, item_path, key_path, obj};
use crate::spec;

impl Upgrader {
    /// An element list: each 1.0 element becomes zero, one or several 2.0 elements.
    pub(super) fn list(&mut self, list: &[Value], path: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for (i, e) in list.iter().enumerate() {
            let at = item_path(path, i, e);
            out.extend(self.element(e, &at));
        }
        out
    }

    fn element(&mut self, e: &Value, path: &str) -> Vec<Value> {
        let Some(m) = e.as_object() else {
            self.note(
                path,
                NoteKind::NotConverted,
                "not a component object; kept as is",
            );
            return vec![e.clone()];
        };
        if m.is_empty() {
            self.note(
                path,
                NoteKind::Converted,
                "an empty `{}` placeholder; removed",
            );
            return Vec::new();
        }
        let tag = m.get("tag").and_then(Value::as_str).unwrap_or("");
        match tag {
            "action" => self.action(m, path),
            "note" => vec![self.note_element(m, path)],
            "div" if m.contains_key("extra") => self.div_extra(m, path),
            "div" if m.contains_key("fields") => self.div_rows(m, path),
            _ => vec![self.component(m, path)],
        }
    }

    /// A component whose own keys change, with its nested lists upgraded.
    fn component(&mut self, m: &Map<String, Value>, path: &str) -> Value {
        let tag = m.get("tag").and_then(Value::as_str).unwrap_or("");
        let mut out = Map::new();
        for (k, v) in m {
            let at = key_path(path, k);
            match (k.as_str(), v) {
                ("elements", Value::Array(list)) => {
                    out.insert(k.clone(), Value::Array(self.list(list, &at)));
                }
                ("columns", Value::Array(cols)) if tag == "column_set" => {
                    let cols = cols
                        .iter()
                        .enumerate()
                        .map(|(i, c)| match c.as_object() {
                            Some(c) => {
                                self.component(c, &item_path(&at, i, &Value::Object(c.clone())))
                            }
                            None => c.clone(),
                        })
                        .collect();
                    out.insert(k.clone(), Value::Array(cols));
                }
                ("text", Value::Object(t)) => {
                    out.insert(k.clone(), self.text(t, &at));
                }
                ("options", Value::Array(opts)) if tag == "overflow" => {
                    out.insert(k.clone(), Value::Array(self.overflow_options(opts, &at)));
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        match tag {
            "button" => self.button(&mut out, path),
            "img" => self.img(&mut out, path),
            "markdown" => self.markdown(&mut out, path),
            _ => self.callback_value(tag, &mut out, path),
        }
        self.native(tag, &mut out, path);
        Value::Object(out)
    }

    /// A text object: 1.0 `i18n` into `i18n_content`.
    fn text(&mut self, t: &Map<String, Value>, path: &str) -> Value {
        let mut t = t.clone();
        if let Some(i18n) = t.remove("i18n") {
            t.insert("i18n_content".into(), i18n);
            self.note(path, NoteKind::Converted, "text `i18n` into `i18n_content`");
        }
        Value::Object(t)
    }

    /// `{tag: action, actions: […], layout}`: the actions themselves, side by side in a
    /// column_set when there are several (the release notes' replacement).
    fn action(&mut self, m: &Map<String, Value>, path: &str) -> Vec<Value> {
        let actions: Vec<Value> = match m.get("actions") {
            Some(Value::Array(list)) => self.list(list, &key_path(path, "actions")),
            _ => Vec::new(),
        };
        match actions.len() {
            0 => {
                self.note(
                    path,
                    NoteKind::Converted,
                    "an empty `action` module; removed",
                );
                Vec::new()
            }
            1 => {
                self.note(
                    path,
                    NoteKind::Converted,
                    "`action` module unwrapped into its one action",
                );
                actions
            }
            n => {
                let layout = m.get("layout").and_then(Value::as_str).unwrap_or("flow");
                let (flex, width) = match layout {
                    "bisected" => ("bisect", "weighted"),
                    "trisection" => ("trisect", "weighted"),
                    _ => ("flow", "auto"),
                };
                let columns: Vec<Value> = actions
                    .into_iter()
                    .map(|a| {
                        let mut c = obj([
                            ("tag", json!("column")),
                            ("width", json!(width)),
                            ("elements", json!([a])),
                        ]);
                        if width == "weighted" {
                            c["weight"] = json!(1);
                        }
                        c
                    })
                    .collect();
                self.note(
                    path,
                    NoteKind::Converted,
                    format!(
                        "`action` module with {n} actions into a column_set (flex_mode {flex})"
                    ),
                );
                vec![obj([
                    ("tag", json!("column_set")),
                    ("flex_mode", json!(flex)),
                    ("horizontal_spacing", json!("small")),
                    ("columns", Value::Array(columns)),
                ])]
            }
        }
    }

    /// `note`: its texts joined into one notation-size grey text, its first image as the icon
    /// (the release notes' replacement: a div with text_size notation, grey, and an icon).
    fn note_element(&mut self, m: &Map<String, Value>, path: &str) -> Value {
        let mut texts = Vec::new();
        let mut lark_md = false;
        let mut icon = None;
        let items = m.get("elements").and_then(Value::as_array);
        for (i, e) in items.into_iter().flatten().enumerate() {
            match e.get("tag").and_then(Value::as_str) {
                Some(t @ ("plain_text" | "lark_md")) => {
                    lark_md |= t == "lark_md";
                    if let Some(c) = e.get("content").and_then(Value::as_str) {
                        texts.push(c.to_owned());
                    }
                }
                Some("img") if icon.is_none() => {
                    icon = e.get("img_key").cloned();
                    let alt = e.pointer("/alt/content").and_then(Value::as_str);
                    if let Some(alt) = alt.filter(|a| !a.trim().is_empty()) {
                        self.note(
                            &item_path(&key_path(path, "elements"), i, e),
                            NoteKind::NotConverted,
                            format!(
                                "the image's alt text {alt:?} was dropped: a 2.0 icon has none"
                            ),
                        );
                    }
                }
                _ => self.note(
                    &item_path(&key_path(path, "elements"), i, e),
                    NoteKind::NotConverted,
                    "a note holds one icon in 2.0; this element was dropped",
                ),
            }
        }
        let mut div = obj([
            ("tag", json!("div")),
            (
                "text",
                obj([
                    ("tag", json!(if lark_md { "lark_md" } else { "plain_text" })),
                    ("content", json!(texts.join(" "))),
                    ("text_size", json!("notation")),
                    ("text_color", json!("grey")),
                ]),
            ),
        ]);
        if let Some(key) = icon {
            div["icon"] = obj([("tag", json!("custom_icon")), ("img_key", key)]);
        }
        self.note(
            path,
            NoteKind::Converted,
            "`note` into a grey notation-size div",
        );
        div
    }

    /// `div` with an `extra` side element: the two side by side in a column_set.
    fn div_extra(&mut self, m: &Map<String, Value>, path: &str) -> Vec<Value> {
        let mut div = m.clone();
        let extra = div.remove("extra").unwrap_or(Value::Null);
        let div = self.div_rows(&div, path);
        let side = self.element(&extra, &key_path(path, "extra"));
        self.note(
            path,
            NoteKind::Converted,
            "`div.extra` into a column_set: the div, then its side element",
        );
        vec![obj([
            ("tag", json!("column_set")),
            (
                "columns",
                json!([
                    {"tag": "column", "width": "weighted", "weight": 1, "elements": div},
                    {"tag": "column", "width": "auto", "vertical_align": "center", "elements": side},
                ]),
            ),
        ])]
    }

    /// A div, its 1.0 `fields` as rows of their own.
    fn div_rows(&mut self, m: &Map<String, Value>, path: &str) -> Vec<Value> {
        match self.component(m, path) {
            Value::Object(div) => self.div_fields(div, path),
            other => vec![other],
        }
    }

    /// Button keys 1.0 had: `url`, `multi_url`, `value` into `behaviors`; `action_type` into
    /// `form_action_type`; `complex_interaction` and `required` dropped.
    fn button(&mut self, b: &mut Map<String, Value>, path: &str) {
        // A 2.0 button's text is plain_text only.
        if let Some(t) = b.get_mut("text").and_then(Value::as_object_mut)
            && t.get("tag").and_then(Value::as_str) == Some("lark_md")
        {
            t.insert("tag".into(), json!("plain_text"));
            self.note(
                &key_path(path, "text"),
                NoteKind::Converted,
                "a lark_md button text into plain_text (2.0 button texts are plain; markdown marks show as typed)",
            );
        }
        let mut behaviors: Vec<Value> = match b.remove("behaviors") {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        if let Some(Value::Object(urls)) = b.remove("multi_url") {
            behaviors.push(open_url(&urls));
            self.note(
                &key_path(path, "multi_url"),
                NoteKind::Converted,
                "into an open_url behavior",
            );
        } else if let Some(url) = b.remove("url") {
            behaviors.push(obj([("type", json!("open_url")), ("default_url", url)]));
            self.note(
                &key_path(path, "url"),
                NoteKind::Converted,
                "into an open_url behavior",
            );
        }
        b.remove("url");
        if let Some(value) = b.remove("value") {
            behaviors.push(obj([("type", json!("callback")), ("value", value)]));
            self.note(
                &key_path(path, "value"),
                NoteKind::Converted,
                "into a callback behavior",
            );
        }
        if !behaviors.is_empty() {
            b.insert("behaviors".into(), Value::Array(behaviors));
        }
        if let Some(t) = b.remove("action_type") {
            let new = match t.as_str() {
                Some("form_submit") => Some("submit"),
                Some("form_reset") => Some("reset"),
                _ => None,
            };
            match new {
                Some(n) => {
                    b.insert("form_action_type".into(), json!(n));
                    self.note(
                        &key_path(path, "action_type"),
                        NoteKind::Converted,
                        format!("into `form_action_type: {n}`"),
                    );
                }
                None => self.note(
                    &key_path(path, "action_type"),
                    NoteKind::Converted,
                    "`action_type` (link/request/multi) has no 2.0 key; dropped",
                ),
            }
        }
        for k in ["complex_interaction", "required"] {
            if b.remove(k).is_some() {
                self.note(
                    &key_path(path, k),
                    NoteKind::Converted,
                    format!("`{k}` is not a 2.0 button key; dropped"),
                );
            }
        }
    }

    /// The 1.0 `value` (callback data) of an interactive component into a callback behavior,
    /// where the 2.0 component takes `behaviors`.
    fn callback_value(&mut self, tag: &str, c: &mut Map<String, Value>, path: &str) {
        let takes_behaviors = spec::component(tag).is_some_and(|comp| {
            comp.all_attrs().any(|a| a.name == "behaviors")
                && !comp
                    .all_attrs()
                    .any(|a| a.name == "value" && a.status == spec::Status::Current)
        });
        if !takes_behaviors {
            return;
        }
        if let Some(value) = c.remove("value") {
            let mut list = match c.remove("behaviors") {
                Some(Value::Array(l)) => l,
                _ => Vec::new(),
            };
            list.push(obj([("type", json!("callback")), ("value", value)]));
            c.insert("behaviors".into(), Value::Array(list));
            self.note(
                &key_path(path, "value"),
                NoteKind::Converted,
                "into a callback behavior",
            );
        }
    }

    /// Overflow options: a 1.0 `url` into `multi_url`.
    fn overflow_options(&mut self, opts: &[Value], path: &str) -> Vec<Value> {
        opts.iter()
            .enumerate()
            .map(|(i, o)| {
                let mut o = o.clone();
                if let Some(m) = o.as_object_mut()
                    && !m.contains_key("multi_url")
                    && let Some(url) = m.remove("url")
                {
                    m.insert("multi_url".into(), obj([("url", url)]));
                    self.note(
                        &format!("{path} -> [{i}] -> url"),
                        NoteKind::Converted,
                        "into `multi_url`",
                    );
                }
                o
            })
            .collect()
    }

    /// `img.mode` into `scale_type` / `size`; `stretch_without_padding` into `stretch` with the
    /// negative margin the img page gives.
    fn img(&mut self, m: &mut Map<String, Value>, path: &str) {
        if let Some(mode) = m.remove("mode") {
            let at = key_path(path, "mode");
            match mode.as_str() {
                Some(s @ ("crop_center" | "fit_horizontal")) => {
                    m.insert("scale_type".into(), json!(s));
                    self.note(&at, NoteKind::Converted, format!("into `scale_type: {s}`"));
                }
                Some(s @ ("stretch" | "large" | "medium" | "small" | "tiny")) => {
                    m.insert("size".into(), json!(s));
                    self.note(&at, NoteKind::Converted, format!("into `size: {s}`"));
                }
                _ => {
                    m.insert("mode".into(), mode);
                    self.note(&at, NoteKind::NotConverted, "an unknown `mode`; kept");
                }
            }
        }
        if m.get("size").and_then(Value::as_str) == Some("stretch_without_padding") {
            m.insert("size".into(), json!("stretch"));
            m.entry("margin").or_insert_with(|| json!("4px -12px"));
            self.note(
                &key_path(path, "size"),
                NoteKind::Converted,
                "`stretch_without_padding` into `stretch` with margin \"4px -12px\"",
            );
        }
    }

    /// markdown `href.urlVal` with `[text]($urlVal)` into `<link url='…'>text</link>`.
    fn markdown(&mut self, m: &mut Map<String, Value>, path: &str) {
        let Some(Value::Object(href)) = m.remove("href") else {
            return;
        };
        let mut content = m
            .get("content")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        for (name, urls) in &href {
            let Some(urls) = urls.as_object() else {
                continue;
            };
            let attrs: String = [
                ("url", "url"),
                ("pc_url", "pc_url"),
                ("ios_url", "ios_url"),
                ("android_url", "android_url"),
            ]
            .iter()
            .filter_map(|(k, attr)| {
                let v = urls.get(*k)?.as_str().filter(|s| !s.is_empty())?;
                Some(format!(" {attr}='{v}'"))
            })
            .collect();
            let needle = format!("(${name})");
            let mut out = String::new();
            let mut rest = content.as_str();
            while let Some(at) = rest.find(&needle) {
                // The link text is the `[…]` just before `($name)`.
                let before = &rest[..at];
                match before.rfind('[') {
                    Some(open) if before.ends_with(']') => {
                        out.push_str(&before[..open]);
                        let text = &before[open + 1..before.len() - 1];
                        out.push_str(&format!("<link{attrs}>{text}</link>"));
                    }
                    _ => {
                        out.push_str(before);
                        out.push_str(&needle);
                    }
                }
                rest = &rest[at + needle.len()..];
            }
            out.push_str(rest);
            content = out;
        }
        m.insert("content".into(), json!(content));
        self.note(
            &key_path(path, "href"),
            NoteKind::Converted,
            "`[text]($urlVal)` links into `<link …>text</link>`",
        );
    }
}

/// A 1.0 `multi_url` as an open_url behavior (empty platform URLs left out).
fn open_url(urls: &Map<String, Value>) -> Value {
    let mut b = obj([("type", json!("open_url"))]);
    for (from, to) in [
        ("url", "default_url"),
        ("pc_url", "pc_url"),
        ("ios_url", "ios_url"),
        ("android_url", "android_url"),
    ] {
        if let Some(v) = urls.get(from).filter(|v| v.as_str() != Some("")) {
            b[to] = v.clone();
        }
    }
    b
}
