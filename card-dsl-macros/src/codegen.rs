//! IR → tokens: builder calls on the model through the `$crate` path the macro was given. No
//! spec lookups and no errors here; `check` has resolved and checked everything.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::ir::{Body, Card, Item, Object, Objects, Row, Value};

/// Generates code against one root path (`::card_dsl`, or the renamed crate's `$crate`).
pub(crate) struct Codegen {
    root: TokenStream,
}

/// A local of the generated code: mixed-site hygiene, so the user's `{expr}` can neither see nor
/// shadow it.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

impl Codegen {
    pub(crate) fn new(root: TokenStream) -> Self {
        Codegen { root }
    }

    /// The whole card: a block of type `Card`.
    pub(crate) fn card(&self, card: &Card) -> TokenStream {
        let root = &self.root;
        let card_v = local("__card");
        let list_v = local("__list");
        let parts = card.parts.iter().map(|(setter, object)| {
            let v = self.value(object);
            quote!(#card_v = #card_v.#setter(#v);)
        });
        let body = match &card.body {
            Body::Absent => quote!(),
            Body::Object(o) => {
                let v = self.value(o);
                quote!(#card_v = #card_v.body(#v);)
            }
            Body::Elements(items) => {
                let element = quote!(#root::Element);
                let items = items.iter().map(|i| self.item(i, &element));
                quote! {
                    let mut #list_v: ::std::vec::Vec<#root::Element> = ::std::vec::Vec::new();
                    #(#items)*
                    #card_v = #card_v.body(#root::Body::new().elements(#list_v));
                }
            }
        };
        quote! {{
            #[allow(deprecated, unused_mut, clippy::vec_init_then_push)]
            let #card_v = {
                let mut #card_v = #root::Card::new();
                #(#parts)*
                #body
                #card_v
            };
            #card_v
        }}
    }

    /// Compile-time warnings at their spans. Stable Rust has no warning API for proc macros, so
    /// each is the use of a deprecated item whose note is the finding (rustc prints it as a
    /// `deprecated` warning at the span, and the build goes on).
    pub(crate) fn warnings(&self, warnings: &[(Span, String)]) -> TokenStream {
        warnings
            .iter()
            .map(|(span, message)| {
                let item = Ident::new("card_dsl_warning", Span::mixed_site().located_at(*span));
                quote! {
                    {
                        #[deprecated(note = #message)]
                        #[allow(non_camel_case_types)]
                        struct #item;
                        let _ = #item;
                    }
                }
            })
            .collect()
    }

    /// One component on its own (`element!`): a block of its struct's type.
    pub(crate) fn element(&self, value: &Value) -> TokenStream {
        if let Value::Missing = value {
            return quote!(::core::unreachable!());
        }
        let element_v = local("__element");
        let v = self.value(value);
        quote! {{
            #[allow(deprecated, unused_mut, clippy::vec_init_then_push)]
            let #element_v = #v;
            #element_v
        }}
    }

    fn object(&self, o: &Object) -> TokenStream {
        let root = &self.root;
        let ty = &o.ty;
        let args = o.args.iter().map(|a| self.value(a));
        let setters = o.setters.iter().map(|s| {
            let (name, v) = (&s.name, self.value(&s.value));
            quote_spanned!(s.span=> .#name(#v))
        });
        let extra = o.extra.iter().map(|(key, v)| {
            let v = self.value(v);
            quote!(.extra(#key, #v))
        });
        quote!(#root::#ty::new(#(#args),*) #(#setters)* #(#extra)*)
    }

    /// One entry of a list whose items are `ty` (named, so a wrong `{expr}` is reported against
    /// the list's item type).
    fn item(&self, item: &Item, ty: &TokenStream) -> TokenStream {
        let root = &self.root;
        let list_v = local("__list");
        match item {
            Item::Push { value, element } => {
                let v = self.value(value);
                if *element {
                    quote!(#list_v.push(#root::Element::from(#v));)
                } else {
                    quote!(#list_v.push(#v);)
                }
            }
            Item::Splice(e) => {
                quote!(#root::__private::IntoItems::<#ty>::push_into(#e, &mut #list_v);)
            }
        }
    }

    fn value(&self, v: &Value) -> TokenStream {
        let root = &self.root;
        match v {
            Value::Expr(e) => e.clone(),
            Value::Serialized(e) => quote!(#root::__private::to_json(&(#e))),
            Value::Action(e) => {
                // Spanned at the user's expression, so a type that is not an action is
                // reported there.
                let span = e
                    .clone()
                    .into_iter()
                    .next()
                    .map_or(proc_macro2::Span::call_site(), |t| t.span());
                quote_spanned!(span=> #root::__private::action_value(&(#e)))
            }
            Value::Lit(l) => quote!(#l),
            Value::I64(n) => quote!(#n),
            Value::U8(n) => quote!(#n),
            Value::Variant { ty, variant } => quote!(#root::#ty::#variant),
            Value::Call { ty, func, args } => {
                let args = args.iter().map(|a| self.value(a));
                quote!(#root::#ty::#func(#(#args),*))
            }
            Value::String(s) => quote!(::std::string::String::from(#s)),
            Value::Json(v) => {
                let v = self.value(v);
                quote!(#root::__private::serde_json::Value::from(#v))
            }
            Value::Object(o) => self.object(o),
            Value::Elements { item, items } => {
                let list_v = local("__list");
                let ty = quote!(#root::#item);
                let items = items.iter().map(|i| self.item(i, &ty));
                quote! {{
                    let mut #list_v: ::std::vec::Vec<#root::#item> = ::std::vec::Vec::new();
                    #(#items)*
                    #list_v
                }}
            }
            Value::Objects { item, items } => {
                let items_v = local("__items");
                let items = items.iter().map(|i| match i {
                    Objects::Push(v) => {
                        let v = self.value(v);
                        quote!(#items_v.push(#v);)
                    }
                    Objects::Extend(e) => {
                        quote!(#root::__private::IntoItems::<#root::#item>::push_into(#e, &mut #items_v);)
                    }
                });
                quote! {{
                    let mut #items_v: ::std::vec::Vec<#root::#item> = ::std::vec::Vec::new();
                    #(#items)*
                    #items_v
                }}
            }
            Value::Rows(rows) => {
                let rows_v = local("__rows");
                let rows = rows.iter().map(|r| match r {
                    Row::Expr(e) => quote!(#root::__private::push_rows(#e, &mut #rows_v);),
                    Row::Cells(cells) => {
                        let cells = cells.iter().map(|(k, v)| {
                            let v = self.value(v);
                            quote!(#k: #v)
                        });
                        quote!(#rows_v.push(#root::__private::serde_json::json!({ #(#cells),* }));)
                    }
                });
                quote! {{
                    let mut #rows_v: ::std::vec::Vec<#root::__private::serde_json::Value> =
                        ::std::vec::Vec::new();
                    #(#rows)*
                    #rows_v
                }}
            }
            Value::EmptyList => quote!(::std::vec::Vec::new()),
            Value::Missing => quote!(#root::__private::unreachable_value()),
        }
    }
}
