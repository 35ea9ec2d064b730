//! Value checks: JSON types against spec types, and every string or number through the rule
//! functions of [`crate::literal`] (shared with the `card!` macro).

use super::Checker;
use crate::json::{Node, V};
use crate::literal::{self, Styles};
use crate::path::Seg;
use crate::rules;
use crate::spec::{Format, Ty};

impl<'a> Checker<'a> {
    pub(super) fn type_error(&mut self, expected: &str, v: &Node<'_>) {
        let what = self.here();
        if v.is_null() {
            // A decoder reads null as an absent value; nothing on record says the server refuses it.
            self.report(
                &rules::NULL_VALUE,
                format!("{what} is null; it is read as absent"),
                Some("leave the key out instead of sending null".to_owned()),
            );
            return;
        }
        self.report(
            &rules::WRONG_TYPE,
            format!("{what} must be {expected}, found {}", json_kind(v)),
            None,
        );
    }

    pub(crate) fn check_value(&mut self, v: &'a Node<'a>, ty: &Ty) {
        match ty {
            Ty::Bool => {
                if !v.is_boolean() {
                    self.type_error("a boolean", v);
                }
            }
            Ty::Int(min, max) => match v
                .as_i64()
                .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            {
                Some(n) => {
                    if literal::check_int(n, *min, *max, "").is_some() {
                        let what = self.here();
                        if let Some(f) = literal::check_int(n, *min, *max, &what) {
                            self.report_finding(f);
                        }
                    }
                }
                None => self.type_error("an integer", v),
            },
            Ty::Num(min, max) => match v.as_f64() {
                Some(n) => {
                    if literal::check_num(n, *min, *max, "").is_some() {
                        let what = self.here();
                        if let Some(f) = literal::check_num(n, *min, *max, &what) {
                            self.report_finding(f);
                        }
                    }
                }
                None => self.type_error("a number", v),
            },
            Ty::Str => {
                if !v.is_string() {
                    self.type_error("a string", v);
                }
            }
            Ty::StrMax(_)
            | Ty::Fmt(_)
            | Ty::Enum(_)
            | Ty::Dim(_)
            | Ty::Spacing
            | Ty::Color(_)
            | Ty::TextSize
            | Ty::Box(..)
            | Ty::Const(_) => match v.as_str() {
                Some(s) => self.check_str(s, ty),
                None => match ty {
                    Ty::Box(..) => self.type_error("a string such as \"8px\" or \"4px 12px\"", v),
                    Ty::Const(c) => self.type_error(&format!("the string \"{c}\""), v),
                    _ => self.type_error("a string", v),
                },
            },
            Ty::Obj(o) => match v.as_object() {
                Some(m) => self.check_object(m, o),
                None => self.type_error("an object", v),
            },
            Ty::Arr(item, max) => match v.as_array() {
                Some(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.with(Seg::Index(i), x.at(), |c| c.check_value(x, item));
                    }
                    if let Some(max) = max
                        && items.len() > *max
                    {
                        let what = self.here();
                        self.report(
                            &rules::OUT_OF_RANGE,
                            format!("{what} has {} items; only {max} are used", items.len()),
                            None,
                        );
                    }
                }
                None => self.type_error("an array", v),
            },
            Ty::Locales(t) => match v.as_object() {
                Some(m) => {
                    for (k, x, at) in m {
                        self.with(Seg::Key(k), at, |c| {
                            if !crate::spec::LOCALES.contains(&k) {
                                c.report_key(
                                    &rules::UNDOCUMENTED_VALUE,
                                    format!("`{k}` is not one of the 16 documented locales"),
                                    Some(format!("locales: {}", crate::spec::LOCALES.join(", "))),
                                );
                            }
                            c.check_value(x, t);
                        });
                    }
                }
                None => self.type_error("an object keyed by locale (zh_cn, en_us, …)", v),
            },
            Ty::Named(t) => match v.as_object() {
                Some(m) => {
                    for (k, x, at) in m {
                        self.with(Seg::Key(k), at, |c| c.check_value(x, t));
                    }
                }
                None => self.type_error("an object", v),
            },
            Ty::Elements(slot) => match v.as_array() {
                Some(items) => self.check_elements(items, *slot),
                None => self.type_error("an array of components", v),
            },
            Ty::Any => {}
            Ty::OneOf(tys) => match tys.iter().find(|t| fits(t, v)) {
                Some(t) => self.check_value(v, t),
                None => self.type_error(&one_of_names(tys), v),
            },
        }
    }

    /// Checks a string value of a string-shaped type.
    pub(super) fn check_str(&mut self, s: &'a str, ty: &Ty) {
        let styles = Styles {
            colors: &self.custom_colors,
            text_sizes: &self.custom_sizes,
        };
        // Name the value only when something is wrong: most values pass, and naming allocates.
        match literal::check_str(ty, s, "", &styles) {
            Some(_) => {
                let what = self.here();
                let styles = Styles {
                    colors: &self.custom_colors,
                    text_sizes: &self.custom_sizes,
                };
                if let Some(f) = literal::check_str(ty, s, &what, &styles) {
                    self.report_finding(f);
                }
            }
            None => {
                if matches!(ty, Ty::Fmt(Format::ElementId)) {
                    let at = self.mark();
                    self.element_ids.note(s, at);
                }
            }
        }
    }
}

fn fits(t: &Ty, v: &Node<'_>) -> bool {
    match t {
        Ty::Bool => v.is_boolean(),
        Ty::Int(..) => v.is_integer(),
        Ty::Num(..) => v.is_number(),
        Ty::Obj(_) | Ty::Locales(_) | Ty::Named(_) => v.is_object(),
        Ty::Arr(..) | Ty::Elements(_) => v.is_array(),
        Ty::Any => true,
        Ty::OneOf(ts) => ts.iter().any(|t| fits(t, v)),
        _ => v.is_string(),
    }
}

fn one_of_names(tys: &[Ty]) -> String {
    let names: Vec<&str> = tys
        .iter()
        .map(|t| match t {
            Ty::Bool => "a boolean",
            Ty::Int(..) => "an integer",
            Ty::Num(..) => "a number",
            Ty::Obj(_) | Ty::Locales(_) | Ty::Named(_) => "an object",
            Ty::Arr(..) | Ty::Elements(_) => "an array",
            Ty::Any => "any value",
            _ => "a string",
        })
        .collect();
    names.join(" or ")
}

pub(crate) fn json_kind(v: &Node<'_>) -> &'static str {
    match v.v {
        V::Null => "null",
        V::Bool(_) => "a boolean",
        V::Int(_) | V::UInt(_) | V::Float(_) => "a number",
        V::Str(_) => "a string",
        V::Arr(_) => "an array",
        V::Obj(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static OBJ: crate::spec::Object = crate::spec::Object {
        name: "o",
        attrs: &[],
        open: false,
    };

    #[test]
    fn json_kinds_are_named() {
        for (v, kind) in [
            (json!(null), "null"),
            (json!(true), "a boolean"),
            (json!(1), "a number"),
            (json!(u64::MAX), "a number"),
            (json!(1.5), "a number"),
            (json!("s"), "a string"),
            (json!([]), "an array"),
            (json!({}), "an object"),
        ] {
            assert_eq!(json_kind(&Node::from_value(&v)), kind, "{v}");
        }
    }

    #[test]
    fn one_of_fits_each_member_type_and_names_them_all() {
        let tys = [
            Ty::Bool,
            Ty::Int(0, 9),
            Ty::Num(0.0, 9.0),
            Ty::Obj(&OBJ),
            Ty::Arr(&Ty::Str, None),
            Ty::Str,
        ];
        assert_eq!(
            one_of_names(&tys),
            "a boolean or an integer or a number or an object or an array or a string"
        );
        assert_eq!(one_of_names(&[Ty::Any]), "any value");
        let fit = |t: &Ty, v: serde_json::Value| fits(t, &Node::from_value(&v));
        assert!(fit(&Ty::Bool, json!(true)) && !fit(&Ty::Bool, json!(1)));
        assert!(fit(&Ty::Int(0, 9), json!(1)) && !fit(&Ty::Int(0, 9), json!(1.5)));
        assert!(fit(&Ty::Num(0.0, 9.0), json!(1.5)) && !fit(&Ty::Num(0.0, 9.0), json!("1")));
        assert!(fit(&Ty::Obj(&OBJ), json!({})) && !fit(&Ty::Obj(&OBJ), json!([])));
        assert!(
            fit(&Ty::Arr(&Ty::Str, None), json!([])) && !fit(&Ty::Arr(&Ty::Str, None), json!({}))
        );
        assert!(fit(&Ty::Any, json!(null)));
        assert!(fit(&Ty::Str, json!("s")) && !fit(&Ty::Str, json!(1)));
        let nested = Ty::OneOf(&[Ty::Bool, Ty::Str]);
        assert!(fit(&nested, json!(true)) && fit(&nested, json!("s")) && !fit(&nested, json!(1)));
    }
}
