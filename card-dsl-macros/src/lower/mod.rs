//! Checks the markup against `card_validate::spec` and turns it into card-dsl builder calls:
//! the card and its element lists here, one element's attributes and children in [`fields`],
//! literal values in [`literals`], small helpers in [`support`].
//!
//! Every problem becomes a `syn::Error` at the smallest responsible span (tag name, attribute
//! name, literal); all of them are reported in one build, and the expansion still has the right
//! type (an empty `Card`) so no follow-on errors appear.

mod fields;
mod literals;
mod support;

use card_validate::rules::{self, Rule};
use card_validate::spec::abi;
use card_validate::spec::naming::type_name;
use card_validate::spec::{self, Attr, Component, Object, Slot};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::ast::{Child, Element};
use support::*;

/// Where an element sits: inside a form, how deep, and (inside a table) the table's literal
/// columns, which its literal rows are checked against.
#[derive(Clone, Copy, Default)]
pub(super) struct Ctx<'t> {
    in_form: bool,
    depth: usize,
    columns: Option<&'t [(String, String)]>,
}

pub(crate) struct Lower {
    root: TokenStream,
    pub(crate) errors: Vec<syn::Error>,
    element_ids: Vec<String>,
    elements: usize,
    tables: usize,
}

impl Lower {
    pub(crate) fn new(root: TokenStream) -> Self {
        Lower {
            root,
            errors: Vec::new(),
            element_ids: Vec::new(),
            elements: 0,
            tables: 0,
        }
    }

    fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    /// A finding of the rule layer, in the validator's words (one renderer for all).
    fn finding(&mut self, span: Span, f: &card_validate::literal::Finding) {
        let mut msg = f.render();
        if std::ptr::eq(f.rule, &rules::UNDOCUMENTED_VALUE) {
            msg.push_str("\nhelp: for a value the docs do not list, write `{…::Other(…)}`");
        }
        self.error(span, msg);
    }

    /// A finding of `rule` made here.
    fn rule(&mut self, span: Span, rule: &'static Rule, message: String, help: Option<String>) {
        let f = card_validate::literal::Finding {
            rule,
            message,
            help,
        };
        self.finding(span, &f);
    }

    /// The whole `<card>…</card>`.
    pub(crate) fn card(&mut self, el: &Element) -> TokenStream {
        let card_v = local("__card");
        let list_v = local("__list");
        let root = self.root.clone();
        if el.name != "card" {
            self.error(
                el.name.span(),
                format!("`card!` markup starts with `<card>`, found `<{}>`", el.name),
            );
        }
        for a in &el.attrs {
            self.error(a.name.span(), "`<card>` takes no attributes: set them on `<config>`, `<header>`, `<card_link>` or `<body>`");
        }
        let mut stmts = Vec::new();
        let mut items = Vec::new();
        let mut explicit_body = None;
        let ctx = Ctx::default();
        for child in &el.children {
            match child {
                Child::Element(c) => match c.name.to_string().as_str() {
                    "config" => {
                        let v = self.object(&spec::CONFIG, c, ctx);
                        stmts.push(quote!(#card_v = #card_v.config(#v);));
                    }
                    "header" => {
                        let v = self.object(&spec::HEADER, c, ctx);
                        stmts.push(quote!(#card_v = #card_v.header(#v);));
                    }
                    "card_link" => {
                        let v = self.object(&spec::CARD_LINK, c, ctx);
                        stmts.push(quote!(#card_v = #card_v.card_link(#v);));
                    }
                    "body" => explicit_body = Some(self.object(&spec::BODY, c, ctx)),
                    _ => items.push(self.list_item(c, Slot::Body, ctx)),
                },
                Child::Text(t) => self.error(
                    t.span(),
                    "text must be inside a component, e.g. `<markdown>\"…\"</markdown>`",
                ),
                Child::Expr(g) => {
                    let g = expr(g);
                    items.push(quote!(#root::__private::IntoElements::push_into(#g, &mut #list_v);))
                }
            }
        }
        if self.elements > card_validate::codes::MAX_ELEMENTS {
            let message = format!(
                "element exceeds the limit: the card has {} components and text elements; at most {} are allowed",
                self.elements,
                card_validate::codes::MAX_ELEMENTS
            );
            self.rule(el.name.span(), &rules::ELEMENT_LIMIT, message, None);
        }
        if self.tables > card_validate::codes::MAX_TABLES {
            let message = format!(
                "card table number over limit: the card has {} tables; at most {} are allowed",
                self.tables,
                card_validate::codes::MAX_TABLES
            );
            self.rule(el.name.span(), &rules::TABLE_LIMIT, message, None);
        }
        let body = match (explicit_body, items.is_empty()) {
            (Some(body), true) => quote!(#card_v = #card_v.body(#body);),
            (Some(_), false) => {
                self.error(
                    el.name.span(),
                    "put components either in `<body>` or directly in `<card>`, not both",
                );
                quote!()
            }
            (None, true) => quote!(),
            (None, false) => quote! {
                let mut #list_v: ::std::vec::Vec<#root::Element> = ::std::vec::Vec::new();
                #(#items)*
                #card_v = #card_v.body(#root::Body::new().elements(#list_v));
            },
        };
        quote! {{
            #[allow(deprecated, unused_mut, clippy::vec_init_then_push)]
            let #card_v = {
                let mut #card_v = #root::Card::new();
                #(#stmts)*
                #body
                #card_v
            };
            #card_v
        }}
    }

    /// One component on its own (`element!`): its struct, e.g. `card_dsl::Markdown`.
    pub(crate) fn element(&mut self, el: &Element) -> TokenStream {
        let element_v = local("__element");
        let tag = el.name.to_string();
        if let Some(help) = spec::v1_only_tag(&tag) {
            self.rule(el.name.span(), &rules::UNSUPPORTED_V1_TAG, format!("unsupported tag {tag}: `<{tag}>` is a 1.0 component that JSON 2.0 no longer supports"), Some(help.to_owned()));
            return quote!(::core::unreachable!());
        }
        let Some(comp) = spec::component(&tag) else {
            let hint = suggest(&tag, spec::component_tags())
                .map(|s| format!("; did you mean `<{s}>`?"))
                .unwrap_or_default();
            self.error(el.name.span(), format!("unknown component `<{tag}>`{hint}"));
            return quote!(::core::unreachable!());
        };
        let value = self.component(comp, el, Ctx::default());
        quote! {{
            #[allow(deprecated, unused_mut, clippy::vec_init_then_push)]
            let #element_v = #value;
            #element_v
        }}
    }

    /// A child in an element list: its statement pushing onto `__list`.
    fn list_item(&mut self, c: &Element, slot: Slot, ctx: Ctx<'_>) -> TokenStream {
        let list_v = local("__list");
        let root = self.root.clone();
        let tag = c.name.to_string();
        let span = c.name.span();
        if let Some(help) = spec::v1_only_tag(&tag) {
            self.rule(span, &rules::UNSUPPORTED_V1_TAG, format!("unsupported tag {tag}: `<{tag}>` is a 1.0 component that JSON 2.0 no longer supports"), Some(help.to_owned()));
            return quote!();
        }
        let Some(comp) = spec::component(&tag) else {
            let hint = suggest(&tag, spec::component_tags())
                .map(|s| format!("; did you mean `<{s}>`?"))
                .unwrap_or_default();
            self.error(span, format!("unknown component `<{tag}>`{hint}"));
            return quote!();
        };
        if let Some(f) = card_validate::structure::placement(comp, slot, ctx.in_form) {
            self.finding(span, &f);
        }
        let value = self.component(comp, c, ctx);
        match slot {
            Slot::Columns | Slot::Buttons => quote!(#list_v.push(#value);),
            _ => quote!(#list_v.push(#root::Element::from(#value));),
        }
    }

    fn component(&mut self, comp: &'static Component, el: &Element, ctx: Ctx<'_>) -> TokenStream {
        self.elements += 1;
        let columns = (comp.tag == "table").then(|| literal_columns(el));
        if columns.is_some() {
            self.tables += 1;
        }
        let mut inner = ctx;
        if let Some(c) = &columns {
            inner.columns = Some(c);
        }
        if comp.nests {
            inner.depth += 1;
            if inner.depth == card_validate::codes::MAX_DEPTH + 1 {
                let message = format!(
                    "containers nest {} levels deep here; at most {} are allowed",
                    inner.depth,
                    card_validate::codes::MAX_DEPTH
                );
                self.rule(el.name.span(), &rules::NESTING_DEPTH, message, None);
            }
        }
        if comp.tag == "form" {
            inner.in_form = true;
        }
        let attrs: Vec<&'static Attr> = abi::component_attrs(comp);
        self.fields(
            &type_name(comp.tag),
            comp.tag,
            &attrs,
            el,
            inner,
            ctx.in_form && comp.form_field,
            Vec::new(),
        )
    }

    fn object(&mut self, o: &'static Object, el: &Element, ctx: Ctx<'_>) -> TokenStream {
        // The server counts every object with a `tag` (text objects, tags, icons) toward its 200.
        if o.attr("tag").is_some() {
            self.elements += 1;
        }
        let attrs: Vec<&'static Attr> = o.attrs.iter().collect();
        self.fields(
            &type_name(o.name),
            &el.name.to_string(),
            &attrs,
            el,
            ctx,
            false,
            Vec::new(),
        )
    }
}
