//! Enumerated values: one Rust enum per spec enum (closed, or open with `Other`), and one per
//! dimension (keywords, `Px`, `Percent`, `Size`, `Other`), each with its JSON text and parser.

use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{Dim, Enum, Severity};
use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident};

/// An enum of string values, its `as_str`/`parse`, serde and the direct writer.
pub fn string_enum(e: &Enum) -> TokenStream {
    let name = ident(&type_name(e.name));
    let ename = e.name;
    let open = e.unknown == Severity::Warning;
    let docs = doc(&format!(
        "`{}` values{}.",
        e.name,
        if open {
            "; `Other` keeps a value the docs do not list (rendered as the default)"
        } else {
            ""
        }
    ));
    let variants: Vec<_> = e.values.iter().map(|v| ident(&variant_name(v))).collect();
    let variant_docs = e.values.iter().map(|v| doc(&format!("`\"{v}\"`")));
    let values = e.values;
    let (other, other_str, other_parse) = if open {
        (
            quote!(
                #[doc = " A value the docs do not list."]
                Other(String),
            ),
            quote!(Self::Other(s) => s,),
            quote!(other => Self::Other(other.to_owned()),),
        )
    } else {
        (
            quote!(),
            quote!(),
            quote!(other => return Err(crate::UnknownValue::new(#ename, other, &[#(#values),*])),),
        )
    };
    let removed = e.removed.iter().map(|(v, instead)| {
        quote!(#v => return Err(crate::UnknownValue::removed(#ename, #v, #instead)),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            #other
        }

        impl #name {
            /// The JSON value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    #other_str
                }
            }

            /// Parses a JSON value.
            ///
            /// # Errors
            ///
            /// [`crate::UnknownValue`] for a value the docs do not list (or that 2.0 removed).
            pub fn parse(s: &str) -> Result<Self, crate::UnknownValue> {
                Ok(match s {
                    #(#values => Self::#variants,)*
                    #(#removed)*
                    #other_parse
                })
            }
        }

        crate::__string_enum_serde!(#name);

        impl std::str::FromStr for #name {
            type Err = crate::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl crate::write::WriteJson for #name {
            fn write_json(&self, out: &mut String) {
                crate::write::write_str(self.as_str(), out);
            }
        }
    }
}

/// A dimension: keywords, the numeric forms the spec allows, and `Other` for the rest.
pub fn dim(d: &Dim) -> TokenStream {
    let name = ident(&type_name(d.name));
    let dname = d.name;
    let docs = doc(&format!(
        "`{}`: a keyword{}{}{}, or `Other` for a value the docs do not list.",
        d.name,
        if d.px.is_some() { ", `\"<n>px\"`" } else { "" },
        if d.percent { ", `\"<n>%\"`" } else { "" },
        if d.pair { ", `\"<w>px <h>px\"`" } else { "" }
    ));
    let keywords = d.keywords;
    let variants: Vec<_> = keywords.iter().map(|k| ident(&variant_name(k))).collect();
    let keyword_docs = keywords.iter().map(|k| doc(&format!("`\"{k}\"`")));
    // The numeric forms, in order: `Px`, `Percent`, `Size`.
    let mut forms = TokenStream::new();
    let mut to_json = TokenStream::new();
    if let Some((lo, hi)) = d.px {
        let hi = if hi == i64::MAX {
            "∞".to_owned()
        } else {
            hi.to_string()
        };
        let px_doc = doc(&format!("`\"<n>px\"` (documented range [{lo}, {hi}])"));
        forms.extend(quote!(#px_doc Px(i64),));
        to_json.extend(quote!(Self::Px(n) => format!("{n}px"),));
    }
    if d.percent {
        forms.extend(quote!(
            #[doc = " `\"<n>%\"` (1–100)"]
            Percent(u8),
        ));
        to_json.extend(quote!(Self::Percent(n) => format!("{n}%"),));
    }
    if d.pair {
        forms.extend(quote!(
            #[doc = " `\"<w>px <h>px\"`"]
            Size(i64, i64),
        ));
        to_json.extend(quote!(Self::Size(w, h) => format!("{w}px {h}px"),));
    }
    // The parse chain, built from the last alternative outwards so `Px` is tried first.
    let mut chain = quote!({ Self::Other(other.to_owned()) });
    if d.pair {
        chain = quote! {
            if let Some((w, h)) = card_validate::literal::pair(other) { Self::Size(w, h) } else #chain
        };
    }
    if d.percent {
        chain = quote! {
            if let Some(n) = card_validate::literal::percent(other) { Self::Percent(n) } else #chain
        };
    }
    if d.px.is_some() {
        chain = quote! {
            if let Some(n) = card_validate::literal::px(other) { Self::Px(n) } else #chain
        };
    }
    let removed = d.removed.iter().map(|(v, instead)| {
        quote!(#v => return Err(crate::UnknownValue::removed(#dname, #v, #instead)),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#keyword_docs #variants,)*
            #forms
            /// A value the docs do not list (kept as written).
            Other(String),
        }

        impl #name {
            /// The JSON value.
            pub fn to_json_string(&self) -> String {
                match self {
                    #(Self::#variants => #keywords.to_owned(),)*
                    #to_json
                    Self::Other(s) => s.clone(),
                }
            }

            /// Parses a JSON value (a non-canonical spelling is kept as `Other`).
            ///
            /// # Errors
            ///
            /// [`crate::UnknownValue`] for a value 2.0 removed.
            pub fn parse(s: &str) -> Result<Self, crate::UnknownValue> {
                let v = match s {
                    #(#keywords => Self::#variants,)*
                    #(#removed)*
                    other => #chain
                };
                // Keep spellings that would not print back the same ("08px").
                Ok(if v.to_json_string() == s { v } else { Self::Other(s.to_owned()) })
            }
        }

        crate::__dim_serde!(#name);

        impl std::str::FromStr for #name {
            type Err = crate::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl crate::write::WriteJson for #name {
            fn write_json(&self, out: &mut String) {
                crate::write::write_str(&self.to_json_string(), out);
            }
        }
    }
}
