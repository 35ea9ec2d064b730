//! The attribute table in each struct's rustdoc: name, type, required, default, notes.

use card_validate::spec::naming::type_name;
use card_validate::spec::{Attr, Req, Slot, Status, Ty};

/// How a spec type reads in a doc table.
pub fn doc_type(t: &Ty) -> String {
    match t {
        Ty::Int(lo, hi) if *hi == i64::MAX => format!("integer ≥ {lo}"),
        Ty::Int(lo, hi) => format!("integer {lo}..={hi}"),
        Ty::StrMax(n) => format!("string (≤ {n} chars shown)"),
        Ty::Box(lo, hi) => format!("lengths, each in [{lo},{hi}]px"),
        Ty::Enum(e) => format!("[`{}`]", type_name(e.name)),
        Ty::Dim(d) => format!("[`{}`]", type_name(d.name)),
        Ty::Obj(o) => format!("[`{}`]", type_name(o.name)),
        Ty::Arr(i, Some(n)) => format!("array of {} (≤ {n} used)", doc_type(i)),
        Ty::Arr(i, None) => format!("array of {}", doc_type(i)),
        Ty::Locales(i) => format!("{{locale: {}}}", doc_type(i)),
        Ty::Elements(Slot::Columns) => "array of [`Column`]".into(),
        Ty::Elements(Slot::Buttons) => "array of [`Button`]".into(),
        Ty::Elements(_) => "array of [`Element`](crate::Element)".into(),
        Ty::Any | Ty::OneOf(_) => "any JSON".into(),
        other => format!(
            "`{}`",
            card_validate::spec::abi::rust_type(other).trim_start_matches("crate::")
        ),
    }
}

/// The markdown table of a struct's attributes (constant keys left out), one line per row.
pub fn table<'a>(attrs: impl Iterator<Item = &'a Attr>) -> Vec<String> {
    let mut lines = vec![
        "| attribute | type | required | default | notes |".to_owned(),
        "|---|---|---|---|---|".to_owned(),
    ];
    for a in attrs {
        if matches!(a.ty, Ty::Const(_)) {
            continue;
        }
        let req = match a.req {
            Req::Yes => "yes",
            Req::DocTableOnly => "per the table",
            Req::InForm => "in a form",
            Req::No => "",
        };
        let mut notes = a.doc.to_owned();
        match a.status {
            Status::Historical(why) => notes = format!("historical: {why}. {notes}"),
            Status::Removed(instead) => notes = format!("**removed in 2.0**: {instead}"),
            Status::Current => {}
        }
        lines.push(format!(
            "| `{}` | {} | {req} | {} | {} |",
            a.name,
            doc_type(&a.ty),
            a.default.map(|d| format!("`{d}`")).unwrap_or_default(),
            notes.trim().replace('|', "\\|")
        ));
    }
    lines
}
