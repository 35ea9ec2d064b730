//! The card root: `schema`, `config` (`wide_screen_mode`, `compact_width`, `update_multi`),
//! `header` (icons, `i18n` titles, root `i18n_header`), `elements` / `i18n_elements` into
//! `body.elements`, and root keys 2.0 does not take.

use serde_json::{Map, Value, json};

use super::{NoteKind, Upgrader, key_path, obj};
use crate::spec;

impl Upgrader {
    pub(super) fn root(&mut self, m: &Map<String, Value>) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("schema".into(), json!("2.0"));
        for (k, v) in m {
            match k.as_str() {
                "schema" | "elements" | "i18n_elements" | "i18n_header" | "header" => {}
                "config" => {
                    if let Some(c) = v.as_object() {
                        out.insert("config".into(), Value::Object(self.config(c)));
                    }
                }
                "card_link" => {
                    let mut link = v.as_object().cloned().unwrap_or_default();
                    self.empty_urls(&mut link, "ROOT -> card_link");
                    if link.is_empty() {
                        self.note(
                            "ROOT -> card_link",
                            NoteKind::Converted,
                            "a card_link with no URL; dropped",
                        );
                    } else {
                        out.insert(k.clone(), Value::Object(link));
                    }
                }
                "fallback" => self.note(
                    "ROOT -> fallback",
                    NoteKind::NotConverted,
                    "the root `fallback` is not supported in 2.0; dropped",
                ),
                // 2.0 refuses root keys it does not know (rules::UNKNOWN_ROOT_PROPERTY).
                _ if !spec::CARD.attrs.iter().any(|a| a.name == k) => self.note(
                    &key_path("ROOT", k),
                    NoteKind::NotConverted,
                    format!("`{k}` is not a 2.0 root key; dropped (it was {v})"),
                ),
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if let Some(header) = self.header(m) {
            out.insert("header".into(), header);
        }
        let elements = match (m.get("elements"), m.get("i18n_elements")) {
            (Some(Value::Array(list)), None) => self.list(list, "ROOT -> elements"),
            (None, Some(Value::Object(locales))) => self.i18n_elements(locales),
            (Some(Value::Array(list)), Some(Value::Object(_))) => {
                self.note(
                    "ROOT -> i18n_elements",
                    NoteKind::NotConverted,
                    "both `elements` and `i18n_elements`: 2.0 has no card-wide i18n; kept `elements`, dropped `i18n_elements`",
                );
                self.list(list, "ROOT -> elements")
            }
            _ => Vec::new(),
        };
        let mut body = Map::new();
        body.insert("elements".into(), Value::Array(elements));
        out.insert("body".into(), Value::Object(body));
        out
    }

    fn config(&mut self, c: &Map<String, Value>) -> Map<String, Value> {
        let mut out = Map::new();
        for (k, v) in c {
            let path = key_path("ROOT -> config", k);
            match (k.as_str(), v) {
                ("wide_screen_mode", Value::Bool(true)) => self.note(
                    &path,
                    NoteKind::Converted,
                    "`wide_screen_mode: true` is 2.0's default width; dropped",
                ),
                ("wide_screen_mode", Value::Bool(false)) | ("compact_width", Value::Bool(true)) => {
                    out.insert("width_mode".into(), json!("compact"));
                    self.note(
                        &path,
                        NoteKind::Converted,
                        format!("`{k}` into `width_mode: compact`"),
                    );
                }
                ("wide_screen_mode" | "compact_width", _) => self.note(
                    &path,
                    NoteKind::Converted,
                    format!("`{k}` is not a 2.0 setting; dropped"),
                ),
                ("update_multi", _) => self.note(
                    &path,
                    NoteKind::Converted,
                    "`update_multi` is always true in 2.0; dropped",
                ),
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }

    /// The header, with the root `i18n_header` folded into per-locale `i18n_content`.
    fn header(&mut self, m: &Map<String, Value>) -> Option<Value> {
        let mut header = match m.get("header") {
            Some(Value::Object(h)) => h.clone(),
            _ => Map::new(),
        };
        if let Some(Value::Object(locales)) = m.get("i18n_header") {
            for (locale, h) in locales {
                for part in ["title", "subtitle"] {
                    let Some(text) = h
                        .pointer(&format!("/{part}/content"))
                        .and_then(Value::as_str)
                    else {
                        continue;
                    };
                    let slot = header
                        .entry(part)
                        .or_insert_with(|| obj([("tag", json!("plain_text"))]));
                    if let Some(s) = slot.as_object_mut() {
                        s.entry("content").or_insert_with(|| json!(text));
                        let i18n = s.entry("i18n_content").or_insert_with(|| json!({}));
                        if let Some(i) = i18n.as_object_mut() {
                            i.insert(locale.clone(), json!(text));
                        }
                    }
                }
                if let Some(t) = h.get("template") {
                    header.entry("template").or_insert_with(|| t.clone());
                }
            }
            self.note(
                "ROOT -> i18n_header",
                NoteKind::Converted,
                "the per-locale headers into the title's and subtitle's `i18n_content`",
            );
        }
        // The docs' skeletons carry `{}` placeholders in `i18n_text_tag_list`; 2.0 refuses an
        // empty tag, so they go (a locale left with no tag goes too).
        if let Some(Value::Object(locales)) = header.get_mut("i18n_text_tag_list") {
            let before: usize = locales
                .values()
                .filter_map(Value::as_array)
                .map(Vec::len)
                .sum();
            for list in locales.values_mut().filter_map(Value::as_array_mut) {
                list.retain(|t| t.as_object().is_none_or(|o| !o.is_empty()));
            }
            locales.retain(|_, l| l.as_array().is_none_or(|a| !a.is_empty()));
            let after: usize = locales
                .values()
                .filter_map(Value::as_array)
                .map(Vec::len)
                .sum();
            if after < before {
                self.note(
                    "ROOT -> header -> i18n_text_tag_list",
                    NoteKind::Converted,
                    format!("{} empty `{{}}` tag placeholder(s) removed", before - after),
                );
            }
            if locales.is_empty() {
                header.remove("i18n_text_tag_list");
            }
        }
        if header.is_empty() {
            return None;
        }
        for part in ["title", "subtitle"] {
            if let Some(i18n) = header
                .get_mut(part)
                .and_then(Value::as_object_mut)
                .and_then(|t| t.remove("i18n"))
            {
                let t = header.get_mut(part).and_then(Value::as_object_mut)?;
                t.insert("i18n_content".into(), i18n);
                self.note(
                    &format!("ROOT -> header -> {part} -> i18n"),
                    NoteKind::Converted,
                    "`i18n` into `i18n_content`",
                );
            }
        }
        // 1.0 `icon: {img_key}` and `ud_icon: {token, style: {color}}` into the 2.0 icon object.
        if let Some(Value::Object(icon)) = header.remove("ud_icon") {
            let mut new = obj([("tag", json!("standard_icon"))]);
            if let Some(t) = icon.get("token") {
                new["token"] = t.clone();
            }
            if let Some(c) = icon.get("style").and_then(|s| s.get("color")) {
                new["color"] = c.clone();
            }
            header.insert("icon".into(), new);
            self.note(
                "ROOT -> header -> ud_icon",
                NoteKind::Converted,
                "`ud_icon` into `icon` (standard_icon)",
            );
        } else if let Some(Value::Object(icon)) = header.get_mut("icon")
            && !icon.contains_key("tag")
        {
            icon.insert("tag".into(), json!("custom_icon"));
            self.note(
                "ROOT -> header -> icon",
                NoteKind::Converted,
                "the 1.0 `icon: {img_key}` into `icon: {tag: custom_icon, img_key}`",
            );
        }
        Some(Value::Object(header))
    }
}
