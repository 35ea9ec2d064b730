//! Checks the markup against `card_validate::spec` and its rule layer and resolves it into the
//! typed IR (`crate::ir`): the card and its element lists here, one element's attributes and
//! children in [`fields`], literal values in [`literals`], small helpers in [`support`].
//!
//! Every problem becomes a `syn::Error` at the smallest responsible span (tag name, attribute
//! name, literal); all of them are collected, and the IR stays whole (`Value::Missing` where a
//! value was refused) so the expansion still has the right type and no follow-on errors appear.

mod fields;
mod literals;
mod support;

use card_validate::found::Found;
use card_validate::rules::{self, Rule};
use card_validate::spec::abi;
use card_validate::spec::naming::type_name;
use card_validate::spec::{self, Attr, Component, Object, Slot};
use card_validate::structure;
use proc_macro2::Span;
use syn::Ident;

use crate::ast::{Child, Element};
use crate::ir::{self, Body, Item, Value};
use support::*;

/// Where an element sits: inside a form, how deep, and (inside a table) the table's literal
/// columns when all are literals, which its literal rows are checked against.
#[derive(Clone, Copy, Default)]
pub(super) struct Ctx<'t> {
    in_form: bool,
    depth: usize,
    columns: Option<&'t [(String, Option<String>)]>,
}

/// The checker's state across one markup: its findings, and the card-wide counts and ids.
#[derive(Default)]
pub(crate) struct Checker {
    /// Findings the evidence makes warnings (historical keys, a form button outside a form):
    /// reported as compile-time warnings, the build goes on.
    pub(crate) warnings: Vec<(Span, String)>,
    pub(crate) errors: Vec<syn::Error>,
    element_ids: Vec<String>,
    /// Literal `name`s of form controls and forms (unique in the card).
    names: Vec<String>,
    elements: usize,
    tables: usize,
}

impl Checker {
    /// A checker that starts with the parser's errors, so all come out in one build.
    pub(crate) fn new(errors: Vec<syn::Error>) -> Self {
        Checker {
            errors,
            ..Default::default()
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

    /// A warning of `rule` made here, in the validator's words.
    fn warn(&mut self, span: Span, rule: &'static Rule, message: String, help: Option<String>) {
        let f = card_validate::literal::Finding {
            rule,
            message,
            help,
        };
        self.warnings.push((span, f.render()));
    }

    /// The whole `<card>…</card>`.
    pub(crate) fn card(&mut self, el: &Element) -> ir::Card {
        if el.name != "card" {
            self.error(
                el.name.span(),
                format!("`card!` markup starts with `<card>`, found `<{}>`", el.name),
            );
        }
        let mut parts = Vec::new();
        for a in &el.attrs {
            // The root's one key that is not a part: the historical `i18n_header`, as `{expr}`.
            if a.name == "i18n_header"
                && a.raw.is_none()
                && let crate::ast::Value::Expr(g) = &a.value
            {
                // The spec's own words for the historical key.
                if let Some(spec::Attr {
                    status: spec::Status::Historical(why),
                    ..
                }) = spec::CARD.attr("i18n_header")
                {
                    let f = Found::Historical {
                        key: "i18n_header",
                        why,
                    }
                    .finding();
                    self.warn(a.name.span(), f.rule, f.message, f.help);
                }
                parts.push((
                    Ident::new("i18n_header", a.name.span()),
                    Value::Expr(expr(g)),
                ));
                continue;
            }
            self.error(a.name.span(), "`<card>` takes no attributes: set them on `<config>`, `<header>`, `<card_link>` or `<body>` (or `i18n_header={…}`)");
        }
        let mut items = Vec::new();
        let mut explicit_body = None;
        let ctx = Ctx::default();
        for child in &el.children {
            match child {
                Child::Element(c) => {
                    let part = match c.name.to_string().as_str() {
                        "config" => &spec::CONFIG,
                        "header" => &spec::HEADER,
                        "card_link" => &spec::CARD_LINK,
                        "body" => {
                            explicit_body = Some(self.object(&spec::BODY, c, ctx));
                            continue;
                        }
                        _ => {
                            items.extend(self.list_item(c, Slot::Body, ctx));
                            continue;
                        }
                    };
                    let setter = Ident::new(part.name, c.name.span());
                    parts.push((setter, self.object(part, c, ctx)));
                }
                Child::Text(t) => self.error(
                    t.span(),
                    "text must be inside a component, e.g. `<markdown>\"…\"</markdown>`",
                ),
                Child::Expr(g) => items.push(Item::Splice(expr(g))),
            }
        }
        let counts = [
            structure::count_elements(self.elements),
            structure::count_tables(self.tables, 0),
        ];
        for f in counts.into_iter().flatten() {
            self.finding(el.name.span(), &f.finding());
        }
        let body = match (explicit_body, items.is_empty()) {
            (Some(body), true) => Body::Object(body),
            (Some(_), false) => {
                self.error(
                    el.name.span(),
                    "put components either in `<body>` or directly in `<card>`, not both",
                );
                Body::Absent
            }
            (None, true) => Body::Absent,
            (None, false) => Body::Elements(items),
        };
        ir::Card { parts, body }
    }

    /// One component or list item on its own (`element!`): its struct, e.g.
    /// `card_dsl::Markdown`, `card_dsl::SelectOption` (`<select_option>`), `card_dsl::Behavior`
    /// (`<open_url>`), so a loop can fill any list slot.
    pub(crate) fn element(&mut self, el: &Element) -> Value {
        let tag = el.name.to_string();
        if spec::component(&tag).is_none()
            && spec::v1_only_tag(&tag).is_none()
            && let Some(value) = self.item(el)
        {
            return value;
        }
        match self.resolve(el) {
            Some(comp) => self.component(comp, el, Ctx::default()),
            None => Value::Missing,
        }
    }

    /// A list item named by its object (`<select_option>`, `<table_column>`) or by its
    /// discriminator (`<open_url>` is a behavior); `None` when the tag names no item.
    fn item(&mut self, el: &Element) -> Option<Value> {
        let tag = el.name.to_string();
        let aliases: Vec<String> = spec::all_objects()
            .into_iter()
            .filter(|o| o.name != tag && item_tag(o.name) == tag)
            .map(|o| format!("`<{}>`", o.name))
            .collect();
        if !aliases.is_empty() {
            // `<option>` is short for the object its list holds; alone, the object must be named.
            self.error(
                el.name.span(),
                format!(
                    "`<{tag}>` alone is ambiguous: in `element!`, name the item, one of {}",
                    aliases.join(", ")
                ),
            );
            return Some(Value::Missing);
        }
        let object = spec::all_objects().into_iter().find(|o| {
            o.name == tag
                || o.attrs.iter().any(|a| {
                    matches!(a.ty, spec::Ty::Enum(e) if (a.name == "type" || a.name == "tag")
                        && o.name != "text" && e.values.contains(&tag.as_str()))
                })
        })?;
        self.list_object(object, el, Ctx::default())
            .or(Some(Value::Missing))
    }

    /// The component a tag names; an error for a 1.0 tag or an unknown one.
    fn resolve(&mut self, el: &Element) -> Option<&'static Component> {
        let tag = el.name.to_string();
        match structure::component(&tag) {
            Ok(comp) => Some(comp),
            Err(found) => {
                self.finding(el.name.span(), &found.finding());
                None
            }
        }
    }

    /// A child in an element list, placed where the spec allows it.
    fn list_item(&mut self, c: &Element, slot: Slot, ctx: Ctx<'_>) -> Option<Item> {
        let comp = self.resolve(c)?;
        if let Some(f) = structure::placement(comp, slot, ctx.in_form) {
            self.finding(c.name.span(), &f);
        }
        let value = self.component(comp, c, ctx);
        let element = !matches!(slot, Slot::Columns | Slot::Buttons);
        Some(Item::Push { value, element })
    }

    fn component(&mut self, comp: &'static Component, el: &Element, ctx: Ctx<'_>) -> Value {
        self.elements += 1;
        if comp.tag == "table" {
            self.tables += 1;
        }
        let columns = (comp.tag == "table").then(|| literal_columns(el)).flatten();
        let mut inner = ctx;
        inner.columns = columns.as_deref();
        if comp.nests {
            let (depth, too_deep) = structure::nest(inner.depth);
            inner.depth = depth;
            if let Some(f) = too_deep {
                self.finding(el.name.span(), &f.finding());
            }
        }
        if comp.tag == "form" {
            inner.in_form = true;
        }
        if comp.tag == "button"
            && !ctx.in_form
            && let Some(a) = el.attrs.iter().find(|a| a.name == "form_action_type")
        {
            let action = match &a.value {
                crate::ast::Value::Lit(syn::Lit::Str(s)) => s.value(),
                _ => "…".to_owned(),
            };
            let f = Found::FormActionOutsideForm { action: &action }.finding();
            self.warn(a.name.span(), f.rule, f.message, f.help);
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

    fn object(&mut self, o: &'static Object, el: &Element, ctx: Ctx<'_>) -> Value {
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
