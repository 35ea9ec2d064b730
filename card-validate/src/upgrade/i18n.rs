//! Root `i18n_elements` (card-wide i18n, gone in 2.0) into per-component `i18n_content`: the
//! primary locale's elements are kept, and every other locale's texts at the same place become
//! that text's `i18n_content`. A locale whose structure differs is reported where it differs.

use serde_json::{Map, Value, json};

use super::{NoteKind, Upgrader, item_path, key_path};

impl Upgrader {
    pub(super) fn i18n_elements(&mut self, locales: &Map<String, Value>) -> Vec<Value> {
        let primary = ["zh_cn", "en_us"]
            .into_iter()
            .find(|l| locales.contains_key(*l))
            .map(str::to_owned)
            .or_else(|| locales.keys().next().cloned());
        let Some(primary) = primary else {
            return Vec::new();
        };
        let root = "ROOT -> i18n_elements";
        let list = |l: &str| {
            locales
                .get(l)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let mut base = self.list(&list(&primary), &key_path(root, &primary));
        for locale in locales.keys().filter(|l| **l != primary) {
            // The other locales are upgraded the same way; their notes repeat the primary's.
            let other = Upgrader::default().list(&list(locale), "");
            let at = key_path(root, locale);
            if base.len() != other.len() {
                self.note(
                    &at,
                    NoteKind::NotConverted,
                    format!(
                        "{} elements, not {} as in {primary}: its texts were dropped",
                        other.len(),
                        base.len()
                    ),
                );
                continue;
            }
            for (i, (b, o)) in base.iter_mut().zip(&other).enumerate() {
                merge(self, b, o, &primary, locale, &item_path(&at, i, o));
            }
        }
        self.note(
            root,
            NoteKind::Converted,
            format!("card-wide i18n into per-text `i18n_content` ({} locales, {primary} as the default)", locales.len()),
        );
        base
    }
}

/// Puts `other`'s texts into `base`'s `i18n_content` under `locale`, walking both in step.
fn merge(
    u: &mut Upgrader,
    base: &mut Value,
    other: &Value,
    primary: &str,
    locale: &str,
    path: &str,
) {
    match (base, other) {
        (Value::Object(b), Value::Object(o)) => {
            if b.get("tag") != o.get("tag") {
                u.note(
                    path,
                    NoteKind::NotConverted,
                    format!("{locale} has another component here; its texts were dropped"),
                );
                return;
            }
            if let (Some(Value::String(bc)), Some(Value::String(oc))) =
                (b.get("content").cloned(), o.get("content"))
            {
                let i18n = b.entry("i18n_content").or_insert_with(|| json!({}));
                if let Some(i) = i18n.as_object_mut() {
                    i.entry(primary.to_owned()).or_insert(Value::String(bc));
                    i.insert(locale.to_owned(), Value::String(oc.clone()));
                }
            }
            for (k, ov) in o {
                if matches!(k.as_str(), "content" | "i18n_content") {
                    continue;
                }
                match b.get_mut(k) {
                    Some(bv) => merge(u, bv, ov, primary, locale, &key_path(path, k)),
                    None => u.note(
                        &key_path(path, k),
                        NoteKind::NotConverted,
                        format!("only in {locale}; dropped"),
                    ),
                }
            }
        }
        (Value::Array(b), Value::Array(o)) if b.len() == o.len() => {
            for (i, (bv, ov)) in b.iter_mut().zip(o).enumerate() {
                merge(u, bv, ov, primary, locale, &item_path(path, i, ov));
            }
        }
        (b, o) if b == o => {}
        (Value::Array(_), Value::Array(_)) => {
            u.note(
                path,
                NoteKind::NotConverted,
                format!("{locale} has another number of items here; its texts were dropped"),
            );
        }
        _ => u.note(
            path,
            NoteKind::NotConverted,
            format!("{locale}'s value differs here; the {primary} value is kept"),
        ),
    }
}
