//! Literal values: each goes through the validator's rule functions, then resolves to the
//! model's value (enum variant, dimension, newtype …); literal table rows are checked against
//! the table's literal columns.

use card_validate::found::{Found, Unique};
use card_validate::spec::abi;
use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{self, Attr, Dim, Format, Ty};
use proc_macro2::Span;
use syn::{Ident, Lit, LitStr};

use super::Checker;
use super::support::*;
use crate::ast::{self, Child, Element};
use crate::ir::{Row, Value};

/// `Type::func(args…)` in the IR.
fn call(ty: &str, func: &str, span: Span, args: Vec<Value>) -> Value {
    Value::Call {
        ty: Ident::new(ty, span),
        func: Ident::new(func, span),
        args,
    }
}

impl Checker {
    /// A literal for an attribute of type `a.ty`, checked at compile time.
    pub(super) fn lit_value(&mut self, a: &'static Attr, lit: &Lit, span: Span) -> Option<Value> {
        let name = a.name;
        // One rule layer: every literal goes through the validator's rule functions. A finding
        // is a compile error here, warnings included (a typo in source is cheap to fix).
        // Colors and text sizes may name `config.style` entries the macro does not track.
        let what = format!("`{name}`");
        let finding = match (&a.ty, lit) {
            (Ty::Color(_) | Ty::TextSize, _) => None,
            (Ty::Int(lo, hi), Lit::Int(i)) => i
                .base10_parse::<i64>()
                .ok()
                .and_then(|n| card_validate::literal::check_int(n, *lo, *hi, &what)),
            (ty, Lit::Str(ls)) => card_validate::literal::check_str(
                ty,
                &ls.value(),
                &what,
                &card_validate::literal::Styles::default(),
            ),
            _ => None,
        };
        if let Some(f) = finding {
            self.finding(lit_span(lit), &f);
            return None;
        }
        match (&a.ty, lit) {
            (Ty::Bool, Lit::Bool(_)) | (Ty::Int(..), Lit::Int(_)) => Some(Value::Lit(lit.clone())),
            (Ty::Num(..), Lit::Int(_)) => {
                Some(call("Num", "Int", span, vec![Value::Lit(lit.clone())]))
            }
            (Ty::Num(..), Lit::Float(_)) => {
                Some(call("Num", "Float", span, vec![Value::Lit(lit.clone())]))
            }
            (Ty::Str | Ty::StrMax(_), Lit::Str(_)) => Some(Value::Lit(lit.clone())),
            (Ty::Fmt(f), Lit::Str(lit_s)) => {
                let v = lit_s.value();
                if *f == Format::ElementId {
                    self.unique(Unique::ElementId, &v, lit_s.span());
                    self.element_ids.push(v.clone());
                }
                Some(match abi::newtype(*f) {
                    Some(t) => call(t, "new_unchecked", span, vec![Value::Lit(lit.clone())]),
                    None => Value::Lit(lit.clone()),
                })
            }
            (Ty::Enum(e), Lit::Str(lit_s)) => {
                // check_str above refused every value outside `e.values`.
                Some(Value::Variant {
                    ty: Ident::new(&type_name(e.name), span),
                    variant: Ident::new(&variant_name(&lit_s.value()), lit_s.span()),
                })
            }
            (Ty::Dim(d), Lit::Str(lit_s)) => Some(dim(d, lit_s)),
            (Ty::Box(..), Lit::Str(_)) => {
                Some(call("Lengths", "from", span, vec![Value::Lit(lit.clone())]))
            }
            (Ty::Spacing, Lit::Str(lit_s)) => {
                // check_str above refused every value outside the keywords and px range.
                let v = lit_s.value();
                Some(match card_validate::literal::px(&v) {
                    Some(n) => call("Spacing", "Px", span, vec![Value::I64(n)]),
                    None => Value::Variant {
                        ty: Ident::new("Spacing", span),
                        variant: Ident::new(&variant_name(&v), lit_s.span()),
                    },
                })
            }
            (Ty::Color(_), Lit::Str(_)) => {
                Some(call("Color", "new", span, vec![Value::Lit(lit.clone())]))
            }
            (Ty::TextSize, Lit::Str(lit_s)) => {
                let v = lit_s.value();
                Some(if spec::TEXT_SIZE.values.contains(&v.as_str()) {
                    Value::Variant {
                        ty: Ident::new("TextSize", span),
                        variant: Ident::new(&variant_name(&v), lit_s.span()),
                    }
                } else {
                    // A custom size declared in config.style.text_size.
                    call(
                        "TextSize",
                        "Other",
                        span,
                        vec![Value::String(lit_s.clone())],
                    )
                })
            }
            (Ty::Any | Ty::OneOf(_), _) => Some(Value::Json(Box::new(Value::Lit(lit.clone())))),
            (Ty::Obj(_) | Ty::Arr(..) | Ty::Elements(_) | Ty::Locales(_) | Ty::Named(_), _) => {
                self.error(span, format!("set `{name}` with a child element `<{name}>…</{name}>` or `{name}={{expr}}`"));
                None
            }
            _ => {
                self.error(
                    lit_span(lit),
                    format!("wrong literal for `{name}`: expected {}", expected(&a.ty)),
                );
                None
            }
        }
    }

    /// `<rows><row col=value …/>…</rows>`: when the columns are known (all literal), each key
    /// must be a column (200915) and each literal must fit its column's `data_type` (200914);
    /// `{expr}` cells and rows are serialized as they are.
    pub(super) fn table_rows(
        &mut self,
        c: &Element,
        columns: Option<&[(String, Option<String>)]>,
    ) -> Value {
        let mut rows = Vec::new();
        for (r, child) in c.children.iter().enumerate() {
            let row = match child {
                Child::Element(row) if row.name == "row" => row,
                Child::Element(other) => {
                    self.error(
                        other.name.span(),
                        format!("`<rows>` holds `<row …/>` elements, not `<{}>`", other.name),
                    );
                    continue;
                }
                Child::Expr(g) => {
                    rows.push(Row::Expr(expr(g)));
                    continue;
                }
                Child::Text(t) => {
                    self.error(t.span(), "`<rows>` holds `<row …/>` elements, not text");
                    continue;
                }
            };
            let mut cells = Vec::new();
            for cell in &row.attrs {
                let key = cell.name.to_string();
                // (index, data_type) of the cell's column; (None, None) when columns are unknown.
                let (col, data_type) = match columns {
                    None => (None, None),
                    Some(columns) => match columns.iter().position(|(n, _)| *n == key) {
                        Some(i) => (Some(i), columns[i].1.as_deref()),
                        None => {
                            let found = Found::RowKey {
                                row: r,
                                key: &key,
                                columns: columns.iter().map(|(n, _)| n.as_str()).collect(),
                            };
                            self.finding(cell.name.span(), &found.finding());
                            continue;
                        }
                    },
                };
                let value = match &cell.value {
                    ast::Value::Expr(g) => Value::Expr(expr(g)),
                    ast::Value::Lit(lit) => {
                        let kind = match lit {
                            Lit::Int(_) => spec::CellKind::Integer,
                            Lit::Float(_) => spec::CellKind::Float,
                            Lit::Str(_) => spec::CellKind::String,
                            Lit::Bool(_) => spec::CellKind::Bool,
                            _ => spec::CellKind::Null,
                        };
                        if let (Some(col), Some(data_type)) = (col, data_type)
                            && !spec::table_cell_fits(data_type, kind)
                        {
                            let found = Found::Cell {
                                row: r,
                                col,
                                name: &key,
                                data_type,
                            };
                            self.finding(lit.span(), &found.finding());
                            continue;
                        }
                        match lit {
                            // json! would type an unsuffixed integer as i32; timestamps need i64.
                            Lit::Int(i) if i.suffix().is_empty() => Value::Lit(Lit::Int(
                                syn::LitInt::new(&format!("{}_i64", i.base10_digits()), i.span()),
                            )),
                            _ => Value::Lit(lit.clone()),
                        }
                    }
                };
                cells.push((LitStr::new(&key, cell.name.span()), value));
            }
            rows.push(Row::Cells(cells));
        }
        Value::Rows(rows)
    }
}

/// The model value of a dimension literal that `check_str` accepted.
fn dim(d: &Dim, lit: &LitStr) -> Value {
    use card_validate::literal::{pair, percent, px};
    let v = lit.value();
    let ty = type_name(d.name);
    let span = lit.span();
    if d.keywords.contains(&v.as_str()) {
        return Value::Variant {
            ty: Ident::new(&ty, span),
            variant: Ident::new(&variant_name(&v), span),
        };
    }
    if let (Some(n), Some(_)) = (px(&v), d.px) {
        return call(&ty, "Px", span, vec![Value::I64(n)]);
    }
    if d.percent
        && let Some(n) = percent(&v)
    {
        return call(&ty, "Percent", span, vec![Value::U8(n)]);
    }
    if d.pair
        && let Some((w, h)) = pair(&v)
    {
        return call(&ty, "Size", span, vec![Value::I64(w), Value::I64(h)]);
    }
    call(&ty, "Other", span, vec![Value::String(lit.clone())])
}
