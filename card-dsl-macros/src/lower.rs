//! Checks the markup against `card_validate::spec` and turns it into card-dsl builder calls.
//!
//! Every problem becomes a `syn::Error` at the smallest responsible span (tag name, attribute
//! name, literal); all of them are reported in one build, and the expansion still has the right
//! type (an empty `Card`) so no follow-on errors appear.

use card_validate::rules::{self, Rule};
use card_validate::spec::abi;
use card_validate::spec::naming::{field_name, type_name, variant_name};
use card_validate::spec::{self, Attr, Component, Dim, Format, Object, Req, Slot, Status, Ty};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{Ident, Lit, LitStr};

use crate::ast::{Attribute, Child, Element, Value};

/// The item type of an element list (the model ABI's).
fn list_item_ty(root: &TokenStream, slot: Slot) -> TokenStream {
    let ty = Ident::new(abi::list_item(slot), Span::call_site());
    quote!(#root::#ty)
}

/// A local of the generated code: mixed-site hygiene, so the user's `{expr}` can neither see nor
/// shadow it.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// Where an element sits: inside a form, how deep, and (inside a table) the table's literal
/// columns, which its literal rows are checked against.
#[derive(Clone, Copy, Default)]
struct Ctx<'t> {
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

    /// Builds `Type::new(required…).setter(…)…` from attributes and children.
    ///
    /// `preset` holds values decided by the caller (an object's discriminator, taken from the
    /// child's tag name); they take their place in spec order like the others.
    #[allow(clippy::too_many_arguments)]
    fn fields(
        &mut self,
        type_name: &str,
        tag: &str,
        attrs: &[&'static Attr],
        el: &Element,
        ctx: Ctx<'_>,
        needs_name: bool,
        preset: Vec<(&'static Attr, TokenStream, Span)>,
    ) -> TokenStream {
        let list_v = local("__list");
        let root = self.root.clone();
        let ty = Ident::new(type_name, el.name.span());
        let mut values: Vec<(&'static Attr, TokenStream, Span)> = preset;
        // Attributes written in the markup, valid or not (an invalid one was already reported).
        let given: Vec<String> = el
            .attrs
            .iter()
            .map(|a| a.name.to_string())
            .chain(el.children.iter().filter_map(|c| match c {
                Child::Element(e) => Some(e.name.to_string()),
                _ => None,
            }))
            .collect();

        let mut raw_setters = Vec::new();
        for a in &el.attrs {
            let name = a.name.to_string();
            if let Some(raw) = &a.raw {
                raw_setters.extend(self.raw_attr(raw, a, tag, attrs));
                continue;
            }
            let Some(spec_attr) = attrs.iter().copied().find(|x| x.name == name) else {
                self.unknown_attr(a, tag, attrs);
                continue;
            };
            if let Some(v) = self.attr_value(spec_attr, a, tag) {
                self.set(&mut values, spec_attr, v, a.name.span());
            }
        }
        let text_attr = attrs
            .iter()
            .copied()
            .find(|a| a.name == "content" && matches!(a.ty, Ty::Str | Ty::StrMax(_)))
            .or_else(|| {
                attrs
                    .iter()
                    .copied()
                    .find(|a| a.name == "text" && matches!(a.ty, Ty::Obj(_)))
            });
        let list_attr = attrs
            .iter()
            .copied()
            .find(|a| matches!(a.ty, Ty::Elements(_)));
        let mut list_items = Vec::new();
        for child in &el.children {
            match child {
                Child::Element(c) => {
                    let cname = c.name.to_string();
                    if let Some(a) = attrs
                        .iter()
                        .copied()
                        .find(|a| a.name == cname && !matches!(a.ty, Ty::Const(_)))
                    {
                        if let Some(v) = self.child_value(a, c, ctx) {
                            self.set(&mut values, a, v, c.name.span());
                        }
                    } else if let Some(list) = list_attr {
                        let Ty::Elements(slot) = list.ty else {
                            unreachable!()
                        };
                        list_items.push(self.list_item(c, slot, ctx));
                    } else {
                        let names: Vec<&str> = attrs
                            .iter()
                            .filter(|a| matches!(a.ty, Ty::Obj(_) | Ty::Arr(..)))
                            .map(|a| a.name)
                            .collect();
                        let hint = suggest(&cname, names.iter().copied())
                            .map(|s| format!("; did you mean `<{s}>`?"))
                            .unwrap_or_default();
                        self.error(
                            c.name.span(),
                            format!("`<{cname}>` is not allowed inside `<{tag}>`{hint}"),
                        );
                    }
                }
                Child::Text(t) => match text_attr {
                    Some(a) => {
                        let v = match a.ty {
                            Ty::Obj(o) => self.text_object(o, quote!(#t)),
                            _ => quote!(#t),
                        };
                        self.set(&mut values, a, v, t.span());
                    }
                    None => self.error(t.span(), format!("`<{tag}>` takes no text")),
                },
                Child::Expr(group) => {
                    let g = &expr(group);
                    if list_attr.is_some() {
                        list_items.push(
                            quote!(#root::__private::IntoElements::push_into(#g, &mut #list_v);),
                        );
                    } else if let Some(a) = text_attr {
                        let v = match a.ty {
                            Ty::Obj(o) => self.text_object(o, quote!(#g)),
                            _ => quote!(#g),
                        };
                        self.set(&mut values, a, v, el.name.span());
                    } else {
                        self.error(
                            group.span(),
                            format!(
                                "`<{tag}>` takes no text or elements: set its attributes instead"
                            ),
                        );
                    }
                }
            }
        }
        if let Some(list) = list_attr
            && !list_items.is_empty()
        {
            let item_ty = match list.ty {
                Ty::Elements(slot) => list_item_ty(&root, slot),
                _ => list_item_ty(&root, Slot::Body),
            };
            let v = quote! {{
                let mut #list_v: ::std::vec::Vec<#item_ty> = ::std::vec::Vec::new();
                #(#list_items)*
                #list_v
            }};
            self.set(&mut values, list, v, el.name.span());
        }

        // Required attributes are constructor arguments, in spec order.
        let mut args = Vec::new();
        for a in attrs
            .iter()
            .copied()
            .filter(|a| a.req == Req::Yes && !matches!(a.ty, Ty::Const(_)))
        {
            match values.iter().position(|(x, _, _)| std::ptr::eq(*x, a)) {
                Some(i) => args.push(values.remove(i).1),
                None if given.iter().any(|g| g == a.name) => {
                    args.push(quote!(#root::__private::unreachable_value()))
                }
                None => match default_for(a) {
                    Some(v) => args.push(self.lit_value(a, &v, el.name.span()).unwrap_or_default()),
                    None => {
                        self.error(
                            el.name.span(),
                            format!("`<{tag}>` needs `{}`{}", a.name, how_to_set(a)),
                        );
                        return quote!(#root::__private::unreachable_value());
                    }
                },
            }
        }
        if needs_name && !values.iter().any(|(a, _, _)| a.name == "name") {
            self.error(
                el.name.span(),
                format!("`<{tag}>` inside a `<form>` needs a `name` (11310)"),
            );
        }
        let setters = values.iter().map(|(a, v, span)| {
            let f = setter_ident(a.name, *span);
            quote_spanned!(*span=> .#f(#v))
        });
        quote!(#root::#ty::new(#(#args),*) #(#setters)* #(#raw_setters)*)
    }

    /// `raw:key=value`: a key the spec does not list, written as is into the object's `extra`
    /// (the validator's policy then applies: a warning, an error in strict mode). A documented
    /// key must be written the typed way.
    fn raw_attr(
        &mut self,
        raw: &Ident,
        a: &Attribute,
        tag: &str,
        attrs: &[&'static Attr],
    ) -> Option<TokenStream> {
        let root = self.root.clone();
        let name = a.name.to_string();
        if attrs.iter().any(|x| x.name == name) {
            self.error(
                raw.span(),
                format!("`{name}` is a documented attribute of `<{tag}>`: write `{name}=…` without `raw:`, so it is checked"),
            );
            return None;
        }
        let value = match &a.value {
            Value::Lit(lit) => quote!(#root::__private::serde_json::Value::from(#lit)),
            Value::Expr(g) => {
                let e = expr(g);
                quote!(#root::__private::serde_json::Value::from(#e))
            }
        };
        Some(quote!(.extra(#name, #value)))
    }

    fn set(
        &mut self,
        values: &mut Vec<(&'static Attr, TokenStream, Span)>,
        a: &'static Attr,
        v: TokenStream,
        span: Span,
    ) {
        if values.iter().any(|(x, _, _)| std::ptr::eq(*x, a)) {
            self.error(span, format!("`{}` is set twice", a.name));
            return;
        }
        values.push((a, v, span));
    }

    /// A text object (title, button text …) holding `content`.
    fn text_object(&mut self, o: &'static Object, content: TokenStream) -> TokenStream {
        self.elements += 1;
        let root = self.root.clone();
        let ty = Ident::new(&type_name(o.name), Span::call_site());
        let tag_required = o
            .attrs
            .iter()
            .any(|a| a.name == "tag" && a.req == Req::Yes && matches!(a.ty, Ty::Enum(_)));
        let tag_arg = if tag_required {
            let Some(Ty::Enum(e)) = o.attr("tag").map(|a| a.ty) else {
                unreachable!()
            };
            let enum_ty = Ident::new(&type_name(e.name), Span::call_site());
            let variant = Ident::new(&variant_name(e.values[0]), Span::call_site());
            quote!(#root::#enum_ty::#variant)
        } else {
            quote!()
        };
        quote!(#root::#ty::new(#tag_arg).content(#content))
    }

    fn unknown_attr(&mut self, a: &Attribute, tag: &str, attrs: &[&'static Attr]) {
        let name = a.name.to_string();
        let known: Vec<&str> = attrs
            .iter()
            .filter(|x| !matches!(x.status, Status::Removed(_)))
            .map(|x| x.name)
            .collect();
        let msg = match suggest(&name, known.iter().copied()) {
            Some(s) => format!("unknown attribute `{name}` on `<{tag}>`; did you mean `{s}`?"),
            None => format!(
                "unknown attribute `{name}` on `<{tag}>`; it accepts: {}\nhelp: for a key the 2.0 docs do not list, write `raw:{name}=…`",
                known.join(", ")
            ),
        };
        self.error(a.name.span(), msg);
    }

    fn attr_value(&mut self, a: &'static Attr, attr: &Attribute, tag: &str) -> Option<TokenStream> {
        if let Status::Removed(instead) = a.status {
            self.error(
                attr.name.span(),
                format!(
                    "`{}` is not supported in card JSON 2.0 (230099/200621): {instead}",
                    a.name
                ),
            );
            return None;
        }
        if tag == "config" && a.name == "update_multi" {
            self.error(
                attr.name.span(),
                "`update_multi` is always `true` in card JSON 2.0; leave it out",
            );
            return None;
        }
        match &attr.value {
            Value::Expr(g) => Some(expr(g)),
            Value::Lit(lit) => self.lit_value(a, lit, attr.name.span()),
        }
    }

    /// A child element that sets an attribute: an object, a list of objects or components.
    fn child_value(&mut self, a: &'static Attr, c: &Element, ctx: Ctx<'_>) -> Option<TokenStream> {
        let items_v = local("__items");
        let list_v = local("__list");
        let root = self.root.clone();
        match a.ty {
            Ty::Obj(o) => Some(self.object(o, c, ctx)),
            Ty::Arr(item, _) => {
                let Ty::Obj(o) = item else {
                    // A list of plain values: `<rows>{expr}</rows>` (or `rows={expr}`).
                    if let [Child::Expr(g)] = c.children.as_slice() {
                        return Some(expr(g));
                    }
                    if a.name == "rows" {
                        return Some(self.table_rows(c, ctx.columns.unwrap_or_default()));
                    }
                    self.error(
                        c.name.span(),
                        format!("set `{}` with `{}={{…}}`", a.name, a.name),
                    );
                    return None;
                };
                let item_ty = Ident::new(&type_name(o.name), Span::call_site());
                let mut pushes = Vec::new();
                for gc in &c.children {
                    match gc {
                        Child::Element(g) => {
                            if let Some(v) = self.list_object(o, g, ctx) {
                                pushes.push(quote!(#items_v.push(#v);));
                            }
                        }
                        Child::Expr(e) => {
                            let e = expr(e);
                            pushes.push(quote!(#items_v.extend(#e);))
                        }
                        Child::Text(t) => self.error(
                            t.span(),
                            format!("`<{}>` holds `<{}>` elements, not text", a.name, o.name),
                        ),
                    }
                }
                Some(quote! {{
                    let mut #items_v: ::std::vec::Vec<#root::#item_ty> = ::std::vec::Vec::new();
                    #(#pushes)*
                    #items_v
                }})
            }
            Ty::Elements(slot) => {
                let mut items = Vec::new();
                for gc in &c.children {
                    match gc {
                        Child::Element(g) => items.push(self.list_item(g, slot, ctx)),
                        Child::Expr(e) => {
                            let e = expr(e);
                            items.push(
                                quote!(#root::__private::IntoElements::push_into(#e, &mut #list_v);),
                            )
                        }
                        Child::Text(t) => {
                            self.error(t.span(), "element lists hold components, not text")
                        }
                    }
                }
                let item_ty = list_item_ty(&root, slot);
                Some(quote! {{
                    let mut #list_v: ::std::vec::Vec<#item_ty> = ::std::vec::Vec::new();
                    #(#items)*
                    #list_v
                }})
            }
            _ => match c.children.as_slice() {
                [Child::Text(t)] => self.lit_value(a, &Lit::Str(t.clone()), t.span()),
                [Child::Expr(g)] => Some(expr(g)),
                _ => {
                    self.error(
                        c.name.span(),
                        format!("set `{}` as an attribute: `{}=…`", a.name, a.name),
                    );
                    None
                }
            },
        }
    }

    /// An item of an array of objects: `<open_url default_url="…"/>` inside `<behaviors>` (the tag is
    /// the item's `type`), or `<option …>` named after the object.
    fn list_object(
        &mut self,
        o: &'static Object,
        g: &Element,
        ctx: Ctx<'_>,
    ) -> Option<TokenStream> {
        let root = self.root.clone();
        let gname = g.name.to_string();
        let discriminator = o
            .attrs
            .iter()
            .find(|a| matches!(a.ty, Ty::Enum(_)) && (a.name == "type" || a.name == "tag"));
        if let Some(d) = discriminator {
            let Ty::Enum(e) = d.ty else { unreachable!() };
            if e.values.contains(&gname.as_str()) {
                let ty = Ident::new(&type_name(o.name), g.name.span());
                let enum_ty = Ident::new(&type_name(e.name), g.name.span());
                let variant = Ident::new(&variant_name(&gname), g.name.span());
                // Build with the discriminator set from the tag name; other attributes as usual.
                let attrs: Vec<&'static Attr> = o.attrs.iter().collect();
                let preset = vec![(d, quote!(#root::#enum_ty::#variant), g.name.span())];
                let built = self.fields(&type_name(o.name), &gname, &attrs, g, ctx, false, preset);
                let _ = ty;
                return Some(built);
            }
            if gname != o.name {
                self.error(
                    g.name.span(),
                    format!(
                        "expected one of: {}",
                        e.values
                            .iter()
                            .map(|v| format!("`<{v}>`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                return None;
            }
        }
        if !item_tag_ok(o.name, &gname) {
            self.error(
                g.name.span(),
                format!("expected `<{}>` here", item_tag(o.name)),
            );
            return None;
        }
        Some(self.object(o, g, ctx))
    }

    /// A literal for an attribute of type `a.ty`, checked at compile time.
    fn lit_value(&mut self, a: &'static Attr, lit: &Lit, span: Span) -> Option<TokenStream> {
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
    fn table_rows(&mut self, c: &Element, columns: &[(String, String)]) -> TokenStream {
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
    fn dim(&self, d: &Dim, lit: &LitStr) -> TokenStream {
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

/// The table's columns written as literals: (name, data_type; `text` by default).
fn literal_columns(table: &Element) -> Vec<(String, String)> {
    let lit_attr = |el: &Element, name: &str| {
        el.attrs
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| match &a.value {
                Value::Lit(Lit::Str(s)) => Some(s.value()),
                _ => None,
            })
    };
    table
        .children
        .iter()
        .filter_map(|c| match c {
            Child::Element(e) if e.name == "columns" => Some(e),
            _ => None,
        })
        .flat_map(|cols| cols.children.iter())
        .filter_map(|c| match c {
            Child::Element(col) => Some((
                lit_attr(col, "name")?,
                lit_attr(col, "data_type").unwrap_or_else(|| "text".to_owned()),
            )),
            _ => None,
        })
        .collect()
}

/// A `{…}` as an expression: its contents when they are one expression (so no `unused_braces`
/// lint fires in the user's code), the block itself when it holds statements.
fn expr(g: &proc_macro2::Group) -> TokenStream {
    let has_statements = g
        .stream()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';'));
    if has_statements || g.stream().is_empty() {
        quote!(#g)
    } else {
        g.stream()
    }
}

/// The markup tag of an item in a list of objects: `<option>` for every kind of option,
/// `<img>` in `img_list`, `<person>` in `persons`, `<column>` in a table's `columns`.
fn item_tag(object: &str) -> &str {
    match object {
        o if o.ends_with("_option") => "option",
        "img_list_item" => "img",
        "person_item" => "person",
        "table_column" => "column",
        "div_field" => "field",
        o => o,
    }
}

fn item_tag_ok(object: &str, tag: &str) -> bool {
    tag == object || tag == item_tag(object)
}

fn default_for(a: &Attr) -> Option<Lit> {
    // A text object's tag defaults to plain_text.
    match a.ty {
        Ty::Enum(e) if a.name == "tag" && e.values.contains(&"plain_text") => {
            Some(Lit::Str(LitStr::new("plain_text", Span::call_site())))
        }
        _ => None,
    }
}

fn how_to_set(a: &Attr) -> String {
    match a.ty {
        Ty::Obj(_) | Ty::Arr(..) | Ty::Elements(_) => {
            format!(": add a child `<{}>…</{}>`", a.name, a.name)
        }
        _ => format!(": add `{}=…`", a.name),
    }
}

fn expected(t: &Ty) -> &'static str {
    match t {
        Ty::Bool => "`true` or `false`",
        Ty::Int(..) => "an integer",
        Ty::Num(..) => "a number",
        _ => "a string literal",
    }
}

fn lit_span(l: &Lit) -> Span {
    l.span()
}

fn setter_ident(name: &str, span: Span) -> Ident {
    let f = field_name(name);
    match f.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(&f, span),
    }
}

/// The closest name, if it is a likely typo (the validator's suggestion, so both agree).
fn suggest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    card_validate::suggest(word, candidates)
}
