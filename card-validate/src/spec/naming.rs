//! Rust names for spec names, shared by the typed model's generator and the `card!` macro so
//! that both name a component, field or enum value the same way.

/// `column_set` → `ColumnSet`, `plain_text_100` → `PlainText100`.
pub fn type_name(spec_name: &str) -> String {
    spec_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(capitalize)
        .collect()
}

/// An enum value → its variant: `primary_text` → `PrimaryText`, `heading-0` → `Heading0`,
/// `16:9` → `Ratio16x9`.
pub fn variant_name(value: &str) -> String {
    if value.contains(':') {
        let parts: Vec<&str> = value.split(':').collect();
        return format!("Ratio{}", parts.join("x"));
    }
    let name = type_name(value);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// A JSON key → a Rust field name (`type` → `r#type`).
pub fn field_name(key: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "super", "trait", "true",
        "type", "unsafe", "use", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&key) {
        format!("r#{key}")
    } else {
        key.to_owned()
    }
}

/// The markup tag of an item in a list of objects, as `card!` and `to-markup` write it:
/// `<option>` for every kind of option, `<img>` in an image list, `<person>`, a table's
/// `<column>`, a div's `<field>`; other objects by their own name.
pub fn item_tag(object: &str) -> &str {
    match object {
        o if o.ends_with("_option") => "option",
        "img_list_item" => "img",
        "person_item" => "person",
        "table_column" => "column",
        "div_field" => "field",
        o => o,
    }
}

fn capitalize(part: &str) -> String {
    let mut c = part.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("column_set"), "ColumnSet");
        assert_eq!(type_name("plain_text_100"), "PlainText100");
        assert_eq!(variant_name("primary_text"), "PrimaryText");
        assert_eq!(variant_name("heading-0"), "Heading0");
        assert_eq!(variant_name("xxxx-large"), "XxxxLarge");
        assert_eq!(variant_name("16:9"), "Ratio16x9");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("img_key"), "img_key");
    }

    /// Every enum's values map to distinct variants.
    #[test]
    fn variants_are_distinct() {
        for e in crate::spec::all_enums() {
            let mut names: Vec<String> = e.values.iter().map(|v| variant_name(v)).collect();
            names.sort();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n, "{}", e.name);
        }
    }
}
