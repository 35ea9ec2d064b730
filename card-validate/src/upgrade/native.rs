//! 1.0 forms that 2.0 still tolerates but does not document, rewritten the 2.0 way so an
//! upgraded card is clean under `--strict`: `div.fields` into rows of columns, 1.0's
//! `horizontal_spacing: "default"`, unpadded dates, empty URLs, component `fallback`s, an `img`
//! without `alt`.

use serde_json::{Map, Value, json};

use super::{NoteKind, Upgrader, key_path, obj};

/// 1.0's column spacings by name: `default` 8px, `small` 4px, `large` 12px (the 1.0 column set
/// page); 2.0 names 8px `medium` (the 2.0 column set page).
const SPACING_DEFAULT: &str = "medium";

/// A link key whose empty value means "none": the spec's per-platform URLs (`url`, `pc_url` …;
/// not `default_url`, which an open_url behavior needs).
fn is_platform_url(key: &str) -> bool {
    crate::spec::PLATFORM_URLS.iter().any(|a| a.name == key)
}

/// Colour keys whose empty value means the default.
const COLOR_KEYS: [&str; 5] = [
    "color",
    "background_color",
    "border_color",
    "background_style",
    "text_color",
];

impl Upgrader {
    /// A div's 1.0 `fields`: its own text (if any) as a div, then the fields in rows — two
    /// `is_short` fields side by side in a two-column column_set, the others full width.
    pub(super) fn div_fields(&mut self, div: Map<String, Value>, path: &str) -> Vec<Value> {
        let mut div = div;
        let Some(Value::Array(fields)) = div.remove("fields") else {
            return vec![Value::Object(div)];
        };
        let mut out = Vec::new();
        if div.contains_key("text") {
            out.push(Value::Object(div.clone()));
        }
        let cell = |f: &Value| match f.get("text") {
            Some(t) => vec![obj([("tag", json!("div")), ("text", t.clone())])],
            None => Vec::new(),
        };
        let column = |elements: Vec<Value>| json!({"tag": "column", "width": "weighted", "weight": 1, "elements": elements});
        let short = |f: &Value| f.get("is_short").and_then(Value::as_bool) == Some(true);
        let mut i = 0;
        while i < fields.len() {
            let f = &fields[i];
            if short(f) {
                let pair = fields.get(i + 1).filter(|g| short(g));
                let second = pair.map(cell).unwrap_or_default();
                out.push(
                    json!({"tag": "column_set", "horizontal_spacing": SPACING_DEFAULT,
                    "columns": [column(cell(f)), column(second)]}),
                );
                i += if pair.is_some() { 2 } else { 1 };
            } else {
                out.extend(cell(f));
                i += 1;
            }
        }
        // The div's own keys (element_id, margin …) stay with its first row.
        if !div.contains_key("text")
            && let Some(Value::Object(first)) = out.first_mut()
        {
            for (k, v) in div.into_iter().filter(|(k, _)| k != "tag") {
                first.entry(k).or_insert(v);
            }
        }
        self.note(
            path,
            NoteKind::Converted,
            "`div.fields` into rows: short fields side by side in two-column column_sets",
        );
        out
    }

    /// Per-component tidying after the 1.0 keys are converted.
    pub(super) fn native(&mut self, tag: &str, m: &mut Map<String, Value>, path: &str) {
        if tag == "column_set" && m.get("horizontal_spacing") == Some(&json!("default")) {
            m.insert("horizontal_spacing".into(), json!(SPACING_DEFAULT));
            self.note(
                &key_path(path, "horizontal_spacing"),
                NoteKind::Converted,
                "1.0 `default` (8px) into `medium`",
            );
        }
        for key in ["initial_date", "initial_datetime"] {
            if let Some(Value::String(d)) = m.get(key)
                && let Some(padded) = pad_date(d)
            {
                self.note(
                    &key_path(path, key),
                    NoteKind::Converted,
                    format!("{d:?} into the documented {padded:?}"),
                );
                m.insert(key.into(), json!(padded));
            }
        }
        if tag != "audio"
            && let Some(was) = m.remove("fallback")
        {
            self.note(
                &key_path(path, "fallback"),
                NoteKind::Converted,
                format!("dropped: for clients older than card JSON 2.0 needs (2.0 documents it for audio only); it was {was}"),
            );
        }
        if tag == "img" && !m.contains_key("alt") {
            m.insert("alt".into(), json!({"tag": "plain_text", "content": ""}));
            self.note(
                path,
                NoteKind::Converted,
                "an empty `alt` added (the img table marks it required)",
            );
        }
        self.empty_urls(m, path);
    }

    /// Drops `""` URLs and colours (1.0 examples write `""` for "none" and "the default"),
    /// here and in nested objects (not in callback values, which are the bot's data).
    pub(super) fn empty_urls(&mut self, m: &mut Map<String, Value>, path: &str) {
        let before = m.len();
        m.retain(|k, v| {
            !((is_platform_url(k) || COLOR_KEYS.contains(&k.as_str())) && v.as_str() == Some(""))
        });
        if m.len() < before {
            self.note(path, NoteKind::Converted, "empty URLs or colours dropped");
        }
        for (k, v) in m.iter_mut() {
            match v {
                Value::Object(inner) if k != "value" => self.empty_urls(inner, &key_path(path, k)),
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        if let Value::Object(inner) = item {
                            self.empty_urls(inner, &format!("{path} -> {k} -> [{i}]"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// `2002-2-22` → `2002-02-22`, `2002-2-22 9:05` → `2002-02-22 09:05`; `None` when already padded
/// or not a date.
fn pad_date(s: &str) -> Option<String> {
    let (date, time) = match s.split_once(' ') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let pad = |part: &str, sep: char, widths: &[usize]| -> Option<String> {
        let parts: Vec<&str> = part.split(sep).collect();
        if parts.len() != widths.len()
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        Some(
            parts
                .iter()
                .zip(widths)
                .map(|(p, w)| format!("{p:0>w$}"))
                .collect::<Vec<_>>()
                .join(&sep.to_string()),
        )
    };
    let mut out = pad(date, '-', &[4, 2, 2])?;
    if let Some(t) = time {
        out.push(' ');
        out.push_str(&pad(t, ':', &[2, 2])?);
    }
    (out != s).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::pad_date;

    #[test]
    fn dates_are_padded_to_the_documented_form() {
        assert_eq!(pad_date("2002-2-22").as_deref(), Some("2002-02-22"));
        assert_eq!(
            pad_date("2002-2-22 9:05").as_deref(),
            Some("2002-02-22 09:05")
        );
        assert_eq!(pad_date("2002-02-22"), None);
        assert_eq!(pad_date("tomorrow"), None);
        assert_eq!(pad_date("2002-2"), None);
    }
}
