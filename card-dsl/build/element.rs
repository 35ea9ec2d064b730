//! The `Element` enum (every component that may sit in an element list, plus `Raw`) and the
//! zero-sized types of constant tag values.

use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{self, Component, Ty};
use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident};

/// `Element`: its variants, `tag()`, serde by `tag`, the direct writer and the conversions.
pub fn element() -> TokenStream {
    let comps: Vec<&Component> = spec::COMPONENTS
        .iter()
        .copied()
        .filter(|c| c.placement != spec::Placement::Columns)
        .collect();
    let names: Vec<_> = comps.iter().map(|c| ident(&type_name(c.tag))).collect();
    let tags: Vec<&str> = comps.iter().map(|c| c.tag).collect();
    let variant_docs = tags.iter().map(|t| doc(&format!("`{t}`")));
    quote! {
        /// A component in an element list (`body.elements`, a container's `elements`).
        ///
        /// Serialized with its `"tag"`. `Raw` carries JSON for a component this model does not know yet.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Element {
            #(#variant_docs #names(#names),)*
            /// Any other JSON object (not checked by the model; `validate()` still sees it).
            Raw(serde_json::Value),
        }

        impl Element {
            /// The `tag` of this element.
            pub fn tag(&self) -> &str {
                match self {
                    #(Self::#names(_) => #tags,)*
                    Self::Raw(v) => v.get("tag").and_then(serde_json::Value::as_str).unwrap_or(""),
                }
            }
        }

        impl serde::Serialize for Element {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#names(x) => x.serialize(s),)*
                    Self::Raw(v) => v.serialize(s),
                }
            }
        }

        impl crate::write::WriteJson for Element {
            fn write_json(&self, out: &mut String) {
                match self {
                    #(Self::#names(x) => crate::write::WriteJson::write_json(x, out),)*
                    Self::Raw(v) => crate::write::WriteJson::write_json(v, out),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for Element {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use serde::de::Error;
                let v = serde_json::Value::deserialize(d)?;
                let tag = v
                    .get("tag")
                    .and_then(serde_json::Value::as_str)
                    .ok_or_else(|| D::Error::custom("component has no string `tag`"))?;
                match tag {
                    #(#tags => serde_json::from_value(v).map(Self::#names).map_err(D::Error::custom),)*
                    other => Err(D::Error::custom(format!("unknown component tag `{other}`"))),
                }
            }
        }

        #(
            impl From<#names> for Element {
                fn from(x: #names) -> Self {
                    Self::#names(x)
                }
            }

            impl crate::__private::IntoItems<Element> for #names {
                fn push_into(self, out: &mut Vec<Element>) {
                    out.push(Element::#names(self));
                }
            }

            impl crate::__private::ItemOf<Element> for #names {
                fn into_item(self) -> Element {
                    Element::#names(self)
                }
            }
        )*
    }
}

/// Zero-sized types for constant keys (`"tag": "markdown"`, `"type": "template"`): each writes
/// its one value and accepts only that, so the structs can carry their tag.
pub fn tags() -> TokenStream {
    let mut values: Vec<&str> = spec::COMPONENTS.iter().map(|c| c.tag).collect();
    let objects = spec::all_objects()
        .into_iter()
        .chain([&spec::TEXT_CONTENT, &spec::CHAT_BUTTON_REQUEST]);
    for o in objects {
        for a in o.attrs {
            if let Ty::Const(v) = a.ty {
                values.push(v);
            }
        }
    }
    values.sort_unstable();
    values.dedup();
    let types = values.iter().map(|v| {
        let name = ident(&variant_name(v));
        let d = doc(&format!("Always `{v:?}`."));
        quote! {
            #d
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct #name;
            crate::__const_tag!(#name, #v);
        }
    });
    quote! {
        /// Constant tag values, one zero-sized type each.
        pub mod tags {
            #(#types)*
        }
    }
}
