//! The `Element` enum (every component that may sit in an element list, plus `Raw`) and the
//! zero-sized types of constant tag values.

use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{self, Component, Req, Slot, Ty, abi};
use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, field, ident};

/// Whether a component has an `element_id` field.
fn has_element_id(c: &Component) -> bool {
    abi::component_attrs(c)
        .iter()
        .any(|a| a.name == "element_id" && abi::is_field(a))
}

/// Statements pushing the element lists of component `x` (a `&`/`&mut` binding) onto `out`,
/// descending through a column set's columns.
fn children(c: &Component, x: &TokenStream, mutable: bool) -> TokenStream {
    let iter = if mutable {
        quote!(iter_mut)
    } else {
        quote!(iter)
    };
    let borrow = if mutable { quote!(&mut) } else { quote!(&) };
    abi::component_attrs(c)
        .into_iter()
        .filter(|a| abi::is_field(a))
        .filter_map(|a| match a.ty {
            Ty::Elements(slot) => Some((a, slot)),
            _ => None,
        })
        .map(|(a, slot)| {
            let f = field(a.name);
            let each = match slot {
                // Buttons in a button list are not `Element`s; they are reached through their
                // parent.
                Slot::Buttons => return quote!(),
                Slot::Columns => {
                    let column = spec::component("column").expect("the spec has <column>");
                    let inner = children(column, &quote!(col), mutable);
                    quote!(for col in list.#iter() { #inner })
                }
                _ => quote!(out.extend(list.#iter());),
            };
            if a.req == Req::Yes {
                quote!({ let list = #borrow #x.#f; #each })
            } else {
                quote!(if let Some(list) = #borrow #x.#f { #each })
            }
        })
        .collect()
}

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
    let id_arms = comps.iter().filter(|c| has_element_id(c)).map(|c| {
        let n = ident(&type_name(c.tag));
        quote!(Self::#n(x) => x.element_id.as_ref().map(|id| id.as_str()),)
    });
    let x = quote!(x);
    let arms = |mutable: bool| -> Vec<TokenStream> {
        comps
            .iter()
            .filter_map(|c| {
                let body = children(c, &x, mutable);
                let n = ident(&type_name(c.tag));
                (!body.is_empty()).then(|| quote!(Self::#n(x) => { #body }))
            })
            .collect()
    };
    let children_arms = arms(false);
    let children_mut_arms = arms(true);
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

        impl Element {
            /// The component's `element_id`, if it has one.
            pub fn element_id(&self) -> Option<&str> {
                match self {
                    #(#id_arms)*
                    Self::Raw(v) => v.get("element_id").and_then(serde_json::Value::as_str),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            /// The elements directly inside this one (a container's lists, a column set's
            /// columns' lists).
            pub fn children(&self) -> Vec<&Element> {
                let mut out = Vec::new();
                match self {
                    #(#children_arms)*
                    _ => {}
                }
                out
            }

            /// [`Element::children`], mutable.
            pub fn children_mut(&mut self) -> Vec<&mut Element> {
                let mut out = Vec::new();
                match self {
                    #(#children_mut_arms)*
                    _ => {}
                }
                out
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

            impl From<#names> for crate::ElementPatch {
                fn from(x: #names) -> Self {
                    crate::ElementPatch::from_element(x)
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

            impl crate::FromElement for #names {
                fn from_element(e: &Element) -> Option<&Self> {
                    match e {
                        Element::#names(x) => Some(x),
                        _ => None,
                    }
                }
                fn from_element_mut(e: &mut Element) -> Option<&mut Self> {
                    match e {
                        Element::#names(x) => Some(x),
                        _ => None,
                    }
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
