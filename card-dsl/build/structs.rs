//! One struct per shared object and per component: fields in spec order with serde, the direct
//! JSON writer (same keys, same order), `new` with the required attributes, a setter per optional
//! one, and `extra` for keys the spec does not list.

use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{Attr, Component, Object, Req, Status, Ty, abi};
use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, doc_lines, docs, field, ident, rust_type};

/// The struct of a shared object (`config`, `header`, a text object …).
pub fn object(o: &Object) -> TokenStream {
    let page = match o.name {
        "header" => {
            "https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/title"
        }
        _ => "https://open.feishu.cn/document/feishu-cards/card-json-v2-structure",
    };
    let mut lines = vec![
        format!("`{}` object.", o.name),
        String::new(),
        format!("Feishu docs: <{page}>"),
        String::new(),
    ];
    lines.extend(docs::table(o.attrs.iter()));
    let shape = Shape {
        name: &type_name(o.name),
        attrs: o.attrs.to_vec(),
        tag: struct_tag(o.attrs),
        open: o.open,
        is_config: o.name == "config",
    };
    shape.generate(&lines)
}

/// The struct of a component, tagged with its `tag`.
pub fn component(c: &Component) -> TokenStream {
    let placement = card_validate::structure::placement_doc(c.placement);
    let mut lines = vec![
        format!("{} — `\"tag\": \"{}\"`.", c.title, c.tag),
        String::new(),
        format!("Feishu docs: <{}>", c.doc_url),
        String::new(),
        format!(
            "May appear {placement}.{}",
            if c.form_field {
                " Inside a form it needs a `name`."
            } else {
                ""
            }
        ),
        String::new(),
    ];
    // A component's own attribute shadows a common one of the same name (audio's `fallback`).
    let attrs: Vec<Attr> = abi::component_attrs(c).into_iter().copied().collect();
    lines.extend(docs::table(attrs.iter()));
    let shape = Shape {
        name: &type_name(c.tag),
        attrs,
        tag: Some(("tag", c.tag)),
        open: false,
        is_config: false,
    };
    shape.generate(&lines)
}

/// The constant key a struct carries as its tag: (key, value).
fn struct_tag(attrs: &[Attr]) -> Option<(&'static str, &'static str)> {
    attrs.iter().find_map(|a| match a.ty {
        Ty::Const(v) => Some((a.name, v)),
        _ => None,
    })
}

/// What a generated struct is made of.
struct Shape<'a> {
    name: &'a str,
    attrs: Vec<Attr>,
    tag: Option<(&'static str, &'static str)>,
    /// The docs leave its keys open (`extra` is documented so).
    open: bool,
    /// `config`: `update_multi` is the fixed `UpdateMulti`.
    is_config: bool,
}

impl Shape<'_> {
    fn fields(&self) -> Vec<&Attr> {
        let fields: Vec<&Attr> = self.attrs.iter().filter(|a| abi::is_field(a)).collect();
        // Every struct keeps the keys the spec does not list (`extra`), so a card the server
        // takes loads and writes back unchanged (card_validate::rules::UNKNOWN_PROPERTY).
        assert!(
            !fields.iter().any(|a| a.name == "extra"),
            "{}: a current attribute named `extra` would clash with the kept unknown keys",
            self.name
        );
        fields
    }

    fn is_update_multi(&self, a: &Attr) -> bool {
        self.is_config && a.name == "update_multi"
    }

    fn generate(&self, doc_text: &[String]) -> TokenStream {
        let docs = doc_lines(doc_text.iter().map(String::as_str));
        let name = ident(self.name);
        let decl = self.declaration();
        let writer = self.writer();
        let methods = self.methods();
        let default = abi::ctor_params(self.fields()).is_empty().then(|| {
            quote! {
                impl Default for #name {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        });
        quote! {
            #docs
            #decl
            #writer
            #methods
            #default
        }
    }

    fn declaration(&self) -> TokenStream {
        let name = ident(self.name);
        let tag = self.tag.map(|(key, value)| {
            let f = field(key);
            let v = ident(&variant_name(value));
            let d = format!(" Always `{value:?}`.");
            quote!(#[doc = #d] #[serde(rename = #key)] pub #f: tags::#v,)
        });
        let fields = self.fields().into_iter().map(|a| {
            let f = field(a.name);
            let key = a.name;
            let rename = (f != key && !f.to_string().starts_with("r#"))
                .then(|| quote!(#[serde(rename = #key)]));
            let docs = if a.doc.is_empty() {
                doc(&format!("`{}`", a.name))
            } else {
                doc(a.doc)
            };
            if self.is_update_multi(a) {
                return quote! {
                    /// Always `true` in 2.0 (shared card; PATCH needs it). It has one value.
                    #[serde(default)]
                    pub update_multi: crate::UpdateMulti,
                };
            }
            // Nested objects are boxed: a builder moves its struct at every setter, and inline
            // objects made components over a kilobyte each.
            let ty = rust_type(&a.ty);
            let ty = if abi::is_boxed(&a.ty) {
                quote!(::std::boxed::Box<#ty>)
            } else {
                ty
            };
            if a.req == Req::Yes {
                quote!(#docs #rename pub #f: #ty,)
            } else {
                quote! {
                    #docs
                    #[serde(default, skip_serializing_if = "::core::option::Option::is_none")]
                    #rename
                    pub #f: ::core::option::Option<#ty>,
                }
            }
        });
        let extra_doc = if self.open {
            " Keys the docs leave open."
        } else {
            " Keys the 2.0 docs do not list here, kept as written (the validator warns about them)."
        };
        quote! {
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            pub struct #name {
                #tag
                #(#fields)*
                #[doc = #extra_doc]
                #[serde(flatten)]
                pub extra: serde_json::Map<String, serde_json::Value>,
            }
        }
    }

    /// The direct writer: same keys, same order as the serde derive.
    fn writer(&self) -> TokenStream {
        let name = ident(self.name);
        let tag = self.tag.map(|(key, value)| {
            let text = format!("\"{key}\":\"{value}\"");
            quote! {
                out.push_str(#text);
                first = false;
            }
        });
        let fields = self.fields().into_iter().map(|a| {
            let f = field(a.name);
            let key = format!("\"{}\":", a.name);
            if a.req == Req::Yes || self.is_update_multi(a) {
                quote! {
                    if !first { out.push(','); }
                    first = false;
                    out.push_str(#key);
                    crate::write::WriteJson::write_json(&self.#f, out);
                }
            } else {
                quote! {
                    if let Some(v) = &self.#f {
                        if !first { out.push(','); }
                        first = false;
                        out.push_str(#key);
                        crate::write::WriteJson::write_json(v, out);
                    }
                }
            }
        });
        quote! {
            impl crate::write::WriteJson for #name {
                #[allow(unused_assignments, unused_mut)]
                fn write_json(&self, out: &mut String) {
                    out.push('{');
                    let mut first = true;
                    #tag
                    #(#fields)*
                    if crate::write::writing_extra() {
                        for (k, v) in &self.extra {
                            if !first { out.push(','); }
                            first = false;
                            crate::write::write_str(k, out);
                            out.push(':');
                            crate::write::WriteJson::write_json(v, out);
                        }
                    }
                    out.push('}');
                }
            }
        }
    }

    /// `new` with the required attributes (the model ABI's constructor parameters), `extra`, and
    /// a setter per optional attribute.
    fn methods(&self) -> TokenStream {
        let name = ident(self.name);
        let fields = self.fields();
        let params = abi::ctor_params(fields.iter().copied())
            .into_iter()
            .map(|a| {
                let (f, ty) = (field(a.name), rust_type(&a.ty));
                quote!(#f: impl Into<#ty>)
            });
        let tag = self.tag.map(|(key, value)| {
            let (f, v) = (field(key), ident(&variant_name(value)));
            quote!(#f: tags::#v,)
        });
        let inits = fields.iter().map(|a| {
            let f = field(a.name);
            if self.is_update_multi(a) {
                quote!(update_multi: crate::UpdateMulti,)
            } else if a.req == Req::Yes && abi::is_boxed(&a.ty) {
                quote!(#f: ::std::boxed::Box::new(#f.into()),)
            } else if a.req == Req::Yes {
                quote!(#f: #f.into(),)
            } else {
                quote!(#f: None,)
            }
        });
        // Every attribute has a setter; the required ones too (`new` takes them, and a card built
        // by closures changes them as it does the others).
        let setters = fields.iter().filter(|a| !self.is_update_multi(a)).map(|a| {
            let (f, ty) = (field(a.name), rust_type(&a.ty));
            let mut value = if abi::is_boxed(&a.ty) {
                quote!(::std::boxed::Box::new(value.into()))
            } else {
                quote!(value.into())
            };
            let mut d = format!(" Sets `{}`.", a.name);
            if a.req == Req::Yes {
                d = format!(" Sets `{}` (required: [`Self::new`] takes it too).", a.name);
            } else {
                value = quote!(Some(#value));
            }
            let deprecated = match a.status {
                Status::Historical(why) => {
                    let note = format!("historical in 2.0: {why}");
                    quote!(#[deprecated(note = #note)])
                }
                _ => quote!(),
            };
            quote! {
                #[doc = #d]
                #deprecated
                pub fn #f(mut self, value: impl Into<#ty>) -> Self {
                    self.#f = #value;
                    self
                }
            }
        });
        let new_doc = format!(
            " A `{}` with its required attributes; set the others with the builder methods.",
            self.name
        );
        quote! {
            impl #name {
                #[doc = #new_doc]
                pub fn new(#(#params),*) -> Self {
                    Self {
                        #tag
                        #(#inits)*
                        extra: serde_json::Map::new(),
                    }
                }

                /// Sets a key the 2.0 docs do not list here (the escape hatch for what the spec lacks;
                /// `card!` writes it `raw:key=…`). The validator's policy applies: a warning, an error in strict mode.
                pub fn extra(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
                    self.extra.insert(key.into(), value.into());
                    self
                }

                #(#setters)*
            }
        }
    }
}
