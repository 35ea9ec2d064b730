//! Literal values: each goes through the validator's rule functions, then becomes the model's
//! value (enum variant, dimension, newtype …); literal table rows are checked against the
//! table's literal columns.

use card_validate::spec::abi;
use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{self, Attr, Dim, Format, Ty};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Ident, Lit, LitStr};

use super::Lower;
use super::support::*;
use crate::ast::{Child, Element, Value};

impl Lower {
    /// A literal for an attribute of type `a.ty`, checked at compile time.
    pub(super) fn lit_value(
        &mut self,
        a: &'static Attr,
        lit: &Lit,
        span: Span,
    ) -> Option<TokenStream> {
        let root = self.root.clone();
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
            (Ty::Bool, Lit::Bool(b)) => Some(quote!(#b)),
            (Ty::Int(..), Lit::Int(i)) => Some(quote!(#i)),
            (Ty::Num(..), Lit::Int(i)) => Some(quote!(#root::Num::Int(#i))),
            (Ty::Num(..), Lit::Float(f)) => Some(quote!(#root::Num::Float(#f))),
            (Ty::Str | Ty::StrMax(_), Lit::Str(s)) => Some(quote!(#s)),
            (Ty::Fmt(f), Lit::Str(lit_s)) => {
                let v = lit_s.value();
                if *f == Format::ElementId {
                    if self.element_ids.contains(&v) {
                        let f = card_validate::literal::Finding {
                            rule: &card_validate::rules::ELEMENT_ID_DUPLICATE,
                            message: format!(
                                "element_id {v:?} is used twice; it must be unique in the card"
                            ),
                            help: None,
                        };
                        self.finding(lit_s.span(), &f);
                    }
                    self.element_ids.push(v.clone());
                }
                let ty = abi::newtype(*f);
                Some(match ty {
                    Some(t) => {
                        let t = Ident::new(t, span);
                        quote!(#root::#t::new_unchecked(#lit_s))
                    }
                    None => quote!(#lit_s),
                })
            }
            (Ty::Enum(e), Lit::Str(lit_s)) => {
                // check_str above refused every value outside `e.values`.
                let enum_ty = Ident::new(&type_name(e.name), span);
                let variant = Ident::new(&variant_name(&lit_s.value()), lit_s.span());
                Some(quote!(#root::#enum_ty::#variant))
            }
            (Ty::Dim(d), Lit::Str(lit_s)) => Some(self.dim(d, lit_s)),
            (Ty::Box(..), Lit::Str(s)) => Some(quote!(#root::Lengths::from(#s))),
            (Ty::Spacing, Lit::Str(lit_s)) => {
                // check_str above refused every value outside the keywords and px range.
                let v = lit_s.value();
                Some(match card_validate::literal::px(&v) {
                    Some(n) => quote!(#root::Spacing::Px(#n)),
                    None => {
                        let variant = Ident::new(&variant_name(&v), lit_s.span());
                        quote!(#root::Spacing::#variant)
                    }
                })
            }
            (Ty::Color(_), Lit::Str(s)) => Some(quote!(#root::Color::new(#s))),
            (Ty::TextSize, Lit::Str(lit_s)) => {
                let v = lit_s.value();
                Some(if spec::TEXT_SIZE.values.contains(&v.as_str()) {
                    let variant = Ident::new(&variant_name(&v), lit_s.span());
                    quote!(#root::TextSize::#variant)
                } else {
                    // A custom size declared in config.style.text_size.
                    quote!(#root::TextSize::Other(::std::string::String::from(#lit_s)))
                })
            }
            (Ty::Any | Ty::OneOf(_), _) => {
                Some(quote!(#root::__private::serde_json::Value::from(#lit)))
            }
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

    /// `<rows><row col=value …/>…</rows>`: each key must be a column (200915) and each literal
    /// must fit its column's `data_type` (200914); `{expr}` cells are serialized as they are.
    pub(super) fn table_rows(&mut self, c: &Element, columns: &[(String, String)]) -> TokenStream {
        let root = self.root.clone();
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
                    let g = expr(g);
                    rows.push(
                        quote!(#root::__private::serde_json::to_value(#g).unwrap_or_default()),
                    );
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
                let Some((col, (_, data_type))) =
                    columns.iter().enumerate().find(|(_, (n, _))| *n == key)
                else {
                    let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
                    let hint = suggest(&key, names.iter().copied())
                        .map(|s| format!("did you mean `{s}`? "))
                        .unwrap_or_default();
                    self.error(cell.name.span(), format!("row {r}: `{key}` is not a column of this table (230099/200915 table rows name is invalid); {hint}columns: {}", names.join(", ")));
                    continue;
                };
                let value = match &cell.value {
                    Value::Expr(g) => expr(g),
                    Value::Lit(lit) => {
                        let kind = match lit {
                            Lit::Int(_) => spec::CellKind::Integer,
                            Lit::Float(_) => spec::CellKind::Float,
                            Lit::Str(_) => spec::CellKind::String,
                            Lit::Bool(_) => spec::CellKind::Bool,
                            _ => spec::CellKind::Null,
                        };
                        let fits = spec::table_cell_fits(data_type, kind);
                        if !fits {
                            let want = match data_type.as_str() {
                                "number" => "a number",
                                "date" => "a Unix timestamp in milliseconds (an integer)",
                                _ => "a string",
                            };
                            self.error(lit.span(), format!("row {r}, column {col} (`{key}`, data_type {data_type}) must be {want} (230099/200914 table rows is invalid)"));
                            continue;
                        }
                        match lit {
                            // json! would type an unsuffixed integer as i32; timestamps need i64.
                            Lit::Int(i) if i.suffix().is_empty() => {
                                let i = syn::LitInt::new(
                                    &format!("{}_i64", i.base10_digits()),
                                    i.span(),
                                );
                                quote!(#i)
                            }
                            _ => quote!(#lit),
                        }
                    }
                };
                let key_lit = LitStr::new(&key, cell.name.span());
                cells.push(quote!(#key_lit: #value));
            }
            rows.push(quote!(#root::__private::serde_json::json!({ #(#cells),* })));
        }
        quote!(::std::vec![#(#rows),*])
    }

    /// The tokens of a dimension literal that `check_str` accepted.
    pub(super) fn dim(&self, d: &Dim, lit: &LitStr) -> TokenStream {
        let root = self.root.clone();
        let v = lit.value();
        let ty = Ident::new(&type_name(d.name), lit.span());
        if d.keywords.contains(&v.as_str()) {
            let variant = Ident::new(&variant_name(&v), lit.span());
            return quote!(#root::#ty::#variant);
        }
        use card_validate::literal::{pair, percent, px};
        if let (Some(n), Some(_)) = (px(&v), d.px) {
            return quote!(#root::#ty::Px(#n));
        }
        if d.percent
            && let Some(n) = percent(&v)
        {
            return quote!(#root::#ty::Percent(#n));
        }
        if d.pair
            && let Some((w, h)) = pair(&v)
        {
            return quote!(#root::#ty::Size(#w, #h));
        }
        quote!(#root::#ty::Other(::std::string::String::from(#lit)))
    }
}
