//! JSON Schema (draft 2020-12) for card JSON 2.0, generated from [`crate::spec`].
//!
//! The schema holds what the validator treats as errors: unknown keys, wrong types, missing
//! required keys, strict enums, tag placement (form-only components, body-only form/table) and key
//! shapes. Warnings (historical keys, undocumented enum values, documented ranges) are annotations
//! (`deprecated`, `examples`, `description`) so that editors complete and flag without failing cards
//! the server accepts. Rules across the card (counts, uniqueness, table rows) stay in the validator.
//!
//! Unknown keys follow the validator's policy ([`crate::rules::UNKNOWN_PROPERTY`]): the default
//! schema refuses them only at the card's root, where the server was seen refusing them;
//! [`json_schema_strict`] refuses them everywhere, as `--strict` does.
//!
//! The committed copies are `schema/card-v2.schema.json` and `schema/card-v2.strict.schema.json`;
//! a test fails when they differ from this.

use serde_json::{Map, Value, json};

use crate::spec::{self, Attr, Component, Format, Object, Req, Severity, Slot, Status, Ty};

/// Where the generated schema says it lives.
pub const SCHEMA_ID: &str = "https://card-dsl.invalid/schema/card-v2.schema.json";

/// The JSON Schema of card `content`: 2.0 cards in full, template and card-entity envelopes,
/// and 1.0 cards recognised but not checked.
pub fn json_schema() -> Value {
    schema(false)
}

/// [`json_schema`] in strict mode: keys the 2.0 docs do not list are refused everywhere.
pub fn json_schema_strict() -> Value {
    schema(true)
}

fn schema(strict: bool) -> Value {
    let mut defs = Map::new();
    for o in spec::all_objects() {
        defs.insert(o.name.to_owned(), object_schema(o));
    }
    for c in spec::COMPONENTS.iter() {
        defs.insert(def_name(c, false), component_schema(c, false));
        if has_container_slot(c) {
            defs.insert(def_name(c, true), component_schema(c, true));
        }
    }
    for (name, slot, in_form) in [
        ("elements_body", Slot::Body, false),
        ("elements_container", Slot::Container, false),
        ("elements_form", Slot::Container, true),
        ("elements_columns", Slot::Columns, false),
        ("elements_columns_in_form", Slot::Columns, true),
        ("elements_buttons", Slot::Buttons, false),
    ] {
        defs.insert(name.to_owned(), element_schema(slot, in_form));
    }
    if !strict {
        // Precision first: below the root an unknown key is a warning, which a schema cannot
        // express, so it is allowed.
        for (name, def) in defs.iter_mut() {
            if name != "card"
                && let Some(m) = def.as_object_mut()
                && m.get("additionalProperties") == Some(&Value::Bool(false))
            {
                m.remove("additionalProperties");
            }
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Feishu/Lark card content (card JSON 2.0)",
        "description": "Generated from card_validate::spec. Put \"$schema\" beside \"schema\": \"2.0\" in a card file to get completion and checks in an editor.",
        "type": "object",
        "if": {"required": ["type"]},
        "then": {"anyOf": [{"$ref": "#/$defs/template_content"}, {"$ref": "#/$defs/card_entity_content"}]},
        "else": {
            "if": {"required": ["schema"], "properties": {"schema": {"const": "2.0"}}},
            "then": {"$ref": "#/$defs/card"},
            "else": {
                "description": "A JSON 1.0 card (no \"schema\": \"2.0\"): accepted by the server as 1.0, not checked here.",
                "properties": {"schema": {"const": "1.0"}}
            }
        },
        "$defs": Value::Object(defs),
    })
}

fn def_name(c: &Component, in_form: bool) -> String {
    if in_form {
        format!("component_{}_in_form", c.tag)
    } else {
        format!("component_{}", c.tag)
    }
}

fn has_container_slot(c: &Component) -> bool {
    c.attrs
        .iter()
        .any(|a| matches!(a.ty, Ty::Elements(Slot::Container | Slot::Columns)))
}

fn element_schema(slot: Slot, in_form: bool) -> Value {
    let allowed: Vec<&Component> = spec::COMPONENTS
        .iter()
        .copied()
        .filter(|c| crate::structure::placement(c, slot, in_form).is_none())
        .collect();
    let tags: Vec<&str> = allowed.iter().map(|c| c.tag).collect();
    let branches: Vec<Value> = allowed
        .iter()
        .map(|c| {
            let target = if c.tag == "form" {
                true
            } else {
                in_form && has_container_slot(c)
            };
            json!({
                "if": {"properties": {"tag": {"const": c.tag}}},
                "then": {"$ref": format!("#/$defs/{}", def_name(c, target))}
            })
        })
        .collect();
    let v1: Vec<&str> = spec::V1_ONLY_TAGS.iter().map(|(t, _)| *t).collect();
    json!({
        "type": "array",
        "items": {
            "type": "object",
            "required": ["tag"],
            "properties": {"tag": {
                "enum": tags,
                "description": format!("Component tag. 1.0-only tags ({}) are rejected with 200861.", v1.join(", "))
            }},
            "allOf": branches
        }
    })
}

fn component_schema(c: &Component, in_form: bool) -> Value {
    let mut props = Map::new();
    props.insert("tag".to_owned(), json!({"const": c.tag}));
    let mut required = vec!["tag"];
    for a in c.all_attrs() {
        if let Some((name, schema)) = attr_schema(a, in_form || c.tag == "form") {
            props.insert(name.to_owned(), schema);
        }
        if a.req == Req::Yes {
            required.push(a.name);
        }
    }
    json!({
        "type": "object",
        "title": c.title,
        "description": format!("`{}` — {}", c.tag, c.doc_url),
        "properties": props,
        "required": required,
        "additionalProperties": false
    })
}

fn object_schema(o: &Object) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for a in o.attrs {
        if let Some((name, schema)) = attr_schema(a, false) {
            props.insert(name.to_owned(), schema);
        }
        if a.req == Req::Yes {
            required.push(a.name);
        }
    }
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": o.open
    })
}

fn attr_schema(a: &Attr, in_form: bool) -> Option<(&'static str, Value)> {
    let mut s = match a.status {
        Status::Removed(instead) => {
            return Some((
                a.name,
                json!({"not": {}, "description": format!("Not supported in 2.0: {instead}")}),
            ));
        }
        _ => ty_schema(&a.ty, in_form),
    };
    let mut desc = a.doc.to_owned();
    if let Some(d) = a.default {
        desc = format!("{desc} Default: {d}.").trim().to_owned();
    }
    if let Status::Historical(why) = a.status {
        s["deprecated"] = Value::Bool(true);
        desc = format!("{desc} Historical: {why}.").trim().to_owned();
    }
    if a.req == Req::DocTableOnly {
        desc = format!("{desc} The docs' table marks it required.")
            .trim()
            .to_owned();
    }
    if !desc.is_empty()
        && let Some(m) = s.as_object_mut()
    {
        m.entry("description").or_insert(Value::String(desc));
    }
    Some((a.name, s))
}

fn ty_schema(t: &Ty, in_form: bool) -> Value {
    match t {
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Int(lo, hi) => json!({"type": "integer", "description": range_desc(*lo, *hi)}),
        Ty::Num(..) => json!({"type": "number"}),
        Ty::Str | Ty::StrMax(_) => json!({"type": "string"}),
        Ty::Fmt(f) => format_schema(*f),
        Ty::Enum(e) => {
            let mut s = if e.unknown == Severity::Error {
                json!({"enum": e.values})
            } else {
                json!({"type": "string", "anyOf": [{"enum": e.values}, {"type": "string"}]})
            };
            if !e.removed.is_empty() {
                let removed: Vec<&str> = e.removed.iter().map(|(v, _)| *v).collect();
                s["not"] = json!({"enum": removed});
            }
            s
        }
        Ty::Dim(d) => {
            let mut s = json!({"type": "string", "examples": d.keywords});
            if !d.removed.is_empty() {
                let removed: Vec<&str> = d.removed.iter().map(|(v, _)| *v).collect();
                s["not"] = json!({"enum": removed});
            }
            s
        }
        Ty::Box(..) => {
            json!({"type": "string", "examples": ["8px", "4px 12px", "4px 12px 4px 12px"]})
        }
        Ty::Spacing => json!({"type": "string", "examples": spec::SPACING.values}),
        Ty::Color(extra) => {
            json!({"type": "string", "examples": extra.iter().chain(["blue", "grey-600"].iter()).collect::<Vec<_>>()})
        }
        Ty::TextSize => json!({"type": "string", "examples": spec::TEXT_SIZE.values}),
        Ty::Obj(o) => json!({"$ref": format!("#/$defs/{}", o.name)}),
        Ty::Arr(item, _) => json!({"type": "array", "items": ty_schema(item, in_form)}),
        Ty::Locales(t) => json!({
            "type": "object",
            "propertyNames": {"examples": spec::LOCALES},
            "additionalProperties": ty_schema(t, in_form)
        }),
        Ty::Named(t) => json!({"type": "object", "additionalProperties": ty_schema(t, in_form)}),
        Ty::Elements(slot) => {
            let name = match (slot, in_form) {
                (Slot::Body, _) => "elements_body",
                (Slot::Container, false) => "elements_container",
                (Slot::Container, true) => "elements_form",
                (Slot::Columns, false) => "elements_columns",
                (Slot::Columns, true) => "elements_columns_in_form",
                (Slot::Buttons, _) => "elements_buttons",
            };
            json!({"$ref": format!("#/$defs/{name}")})
        }
        Ty::Any => json!({}),
        Ty::OneOf(ts) => {
            json!({"anyOf": ts.iter().map(|t| ty_schema(t, in_form)).collect::<Vec<_>>()})
        }
        Ty::Const(s) => json!({"const": s}),
    }
}

fn format_schema(f: Format) -> Value {
    match f {
        Format::ImgKey => {
            json!({"type": "string", "pattern": "^img_[A-Za-z0-9_-]+$", "description": "An uploaded image key (img_v3_…); anything else is 200570."})
        }
        Format::FileKey => json!({"type": "string", "pattern": "^file_[A-Za-z0-9_-]+$"}),
        Format::OpenId => {
            json!({"type": "string", "pattern": "^ou_.+", "description": "An open_id; anything else is 100290."})
        }
        Format::UserId => json!({"type": "string", "minLength": 1}),
        Format::ElementId => json!({"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]{0,19}$"}),
        Format::Url | Format::HttpsUrl => json!({"type": "string", "examples": ["https://"]}),
        Format::Date => json!({"type": "string", "examples": ["2024-01-31"]}),
        Format::Time => json!({"type": "string", "examples": ["09:30"]}),
        Format::DateTime => json!({"type": "string", "examples": ["2024-01-31 09:30"]}),
        Format::Rgba => json!({"type": "string", "examples": ["rgba(255,255,255,1)"]}),
        Format::Locale => json!({"type": "string", "examples": spec::LOCALES}),
        Format::IconToken => json!({"type": "string", "examples": ["info_outlined"]}),
        Format::IconSize => json!({"type": "string", "examples": ["10px 10px"]}),
        Format::Radius => json!({"type": "string", "examples": ["8px", "50%"]}),
    }
}

fn range_desc(lo: i64, hi: i64) -> String {
    if hi == i64::MAX {
        format!("Documented range: ≥ {lo}.")
    } else {
        format!("Documented range: {lo}..={hi}.")
    }
}
