//! One element's attributes and children: constructor arguments in spec order, setters, text
//! content, element lists and lists of objects, and the `raw:` escape hatch.

use card_validate::found::{Found, Unique};
use card_validate::spec::naming::{type_name, variant_name};
use card_validate::spec::{Attr, Object, Req, Status, Ty};
use proc_macro2::Span;
use syn::{Ident, Lit};

use super::support::*;
use super::{Checker, Ctx};
use crate::ast::{self, Attribute, Child, Element};
use crate::ir::{self, Item, Objects, Setter, Value};

/// The values set so far on one object: attribute, value, span of what set it.
type Values = Vec<(&'static Attr, Value, Span)>;

impl Checker {
    /// Resolves `Type::new(required…).setter(…)…` from attributes and children.
    ///
    /// `preset` holds values decided by the caller (an object's discriminator, taken from the
    /// child's tag name); they take their place in spec order like the others.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fields(
        &mut self,
        type_name: &str,
        tag: &str,
        attrs: &[&'static Attr],
        el: &Element,
        ctx: Ctx<'_>,
        needs_name: bool,
        preset: Values,
    ) -> Value {
        let ty = Ident::new(type_name, el.name.span());
        let mut values: Values = preset;
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

        let mut extra = Vec::new();
        for a in &el.attrs {
            let name = a.name.to_string();
            if let Some(raw) = &a.raw {
                extra.extend(self.raw_attr(raw, a, tag, attrs));
                continue;
            }
            if tag == "callback" && name == "action" {
                self.action_attr(a, attrs, &mut values);
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
        let list_attr = attrs.iter().find_map(|a| match a.ty {
            Ty::Elements(slot) => Some((*a, slot)),
            _ => None,
        });
        let mut list_items = Vec::new();
        let mut table_data = None;
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
                    } else if let Some((_, slot)) = list_attr {
                        list_items.extend(self.list_item(c, slot, ctx));
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
                        let v = Value::Lit(Lit::Str(t.clone()));
                        let v = match a.ty {
                            Ty::Obj(o) => self.text_object(o, v),
                            _ => v,
                        };
                        self.set(&mut values, a, v, t.span());
                    }
                    None => self.error(t.span(), format!("`<{tag}>` takes no text")),
                },
                Child::Expr(group) => {
                    let g = expr(group);
                    if list_attr.is_some() {
                        list_items.push(Item::Splice(g));
                    } else if let Some(a) = text_attr {
                        let v = match a.ty {
                            Ty::Obj(o) => self.text_object(o, Value::Expr(g)),
                            _ => Value::Expr(g),
                        };
                        self.set(&mut values, a, v, el.name.span());
                    } else if tag == "table" && table_data.is_none() {
                        // `<table>{data}</table>`: typed columns and rows from `TableBuilder`.
                        table_data = Some(Setter {
                            name: Ident::new("data", group.span()),
                            value: Value::Expr(g),
                            span: group.span(),
                        });
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
        if let Some((list, slot)) = list_attr
            && !list_items.is_empty()
        {
            let v = Value::Elements {
                item: list_item_ty(slot),
                items: list_items,
            };
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
                None if given.iter().any(|g| g == a.name) => args.push(Value::Missing),
                // `.data(…)` below sets the table's columns and rows.
                None if table_data.is_some() => args.push(Value::EmptyList),
                None => match default_for(a) {
                    Some(v) => args.push(
                        self.lit_value(a, &v, el.name.span())
                            .unwrap_or(Value::Missing),
                    ),
                    None => {
                        self.error(
                            el.name.span(),
                            format!("`<{tag}>` needs `{}`{}", a.name, how_to_set(a)),
                        );
                        return Value::Missing;
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
        let setters = values
            .into_iter()
            .map(|(a, value, span)| Setter {
                name: setter_ident(a.name, span),
                value,
                span,
            })
            .chain(table_data)
            .collect();
        Value::Object(Box::new(ir::Object {
            ty,
            args,
            setters,
            extra,
        }))
    }

    /// `raw:key=value`: a key the spec does not list, written as is into the object's `extra`
    /// (the validator's policy then applies: a warning, an error in strict mode). A documented
    /// key must be written the typed way.
    pub(super) fn raw_attr(
        &mut self,
        raw: &Ident,
        a: &Attribute,
        tag: &str,
        attrs: &[&'static Attr],
    ) -> Option<(String, Value)> {
        let name = a.name.to_string();
        if attrs.iter().any(|x| x.name == name) {
            self.error(
                raw.span(),
                format!("`{name}` is a documented attribute of `<{tag}>`: write `{name}=…` without `raw:`, so it is checked"),
            );
            return None;
        }
        let value = match &a.value {
            ast::Value::Lit(lit) => Value::Lit(lit.clone()),
            ast::Value::Expr(g) => Value::Expr(expr(g)),
        };
        Some((name, Value::Json(Box::new(value))))
    }

    pub(super) fn set(&mut self, values: &mut Values, a: &'static Attr, v: Value, span: Span) {
        if values.iter().any(|(x, _, _)| std::ptr::eq(*x, a)) {
            self.error(span, format!("`{}` is set twice", a.name));
            return;
        }
        values.push((a, v, span));
    }

    /// A text object (title, button text …) holding `content`.
    pub(super) fn text_object(&mut self, o: &'static Object, content: Value) -> Value {
        self.elements += 1;
        let ty = Ident::new(&type_name(o.name), Span::call_site());
        let tag_required = o
            .attrs
            .iter()
            .any(|a| a.name == "tag" && a.req == Req::Yes && matches!(a.ty, Ty::Enum(_)));
        let args = match o.attr("tag").map(|a| a.ty) {
            Some(Ty::Enum(e)) if tag_required => vec![Value::Variant {
                ty: Ident::new(&type_name(e.name), Span::call_site()),
                variant: Ident::new(&variant_name(e.values[0]), Span::call_site()),
            }],
            _ => Vec::new(),
        };
        let content = Setter {
            name: setter_ident("content", Span::call_site()),
            value: content,
            span: Span::call_site(),
        };
        Value::Object(Box::new(ir::Object {
            ty,
            args,
            setters: vec![content],
            extra: Vec::new(),
        }))
    }

    pub(super) fn unknown_attr(&mut self, a: &Attribute, tag: &str, attrs: &[&'static Attr]) {
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

    pub(super) fn attr_value(
        &mut self,
        a: &'static Attr,
        attr: &Attribute,
        tag: &str,
    ) -> Option<Value> {
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
        if let Status::Historical(why) = a.status {
            let f = Found::Historical { key: a.name, why }.finding();
            self.warn(attr.name.span(), f.rule, f.message, f.help);
        }
        if tag == "config" && a.name == "update_multi" {
            self.error(
                attr.name.span(),
                "`update_multi` is always `true` in card JSON 2.0; leave it out",
            );
            return None;
        }
        match &attr.value {
            // Free JSON (a callback's `value`, a chart spec): any `Serialize` value, so a bot's
            // own action type goes in as it is and comes back typed from the callback.
            ast::Value::Expr(g) if matches!(a.ty, Ty::Any | Ty::OneOf(_)) => {
                Some(Value::Serialized(expr(g)))
            }
            ast::Value::Expr(g) => Some(Value::Expr(expr(g))),
            ast::Value::Lit(lit) => {
                // Names of forms and their controls (not a table column's `name`, a key).
                let control = card_validate::spec::component(tag)
                    .is_some_and(|c| c.form_field || matches!(c.tag, "form" | "button"));
                if a.name == "name"
                    && control
                    && let syn::Lit::Str(s) = lit
                {
                    self.unique_name(s);
                }
                self.lit_value(a, lit, attr.name.span())
            }
        }
    }

    /// `<callback action={…}/>`: the callback's `value`, from a typed card action (the macro's
    /// own attribute: the spec has `value`, which this sets).
    fn action_attr(&mut self, a: &Attribute, attrs: &[&'static Attr], values: &mut Values) {
        let Some(value_attr) = attrs.iter().copied().find(|x| x.name == "value") else {
            return;
        };
        match &a.value {
            ast::Value::Expr(g) => {
                self.set(values, value_attr, Value::Action(expr(g)), a.name.span());
            }
            ast::Value::Lit(_) => self.error(
                a.name.span(),
                "`action` takes `{…}`: a value of a type that derives `CardAction`",
            ),
        }
    }

    /// A form control's or form's literal `name`: unique in the card (the form page's rule,
    /// `rules::NAME_DUPLICATE`).
    fn unique_name(&mut self, name: &syn::LitStr) {
        let v = name.value();
        self.unique(Unique::Name, &v, name.span());
        self.names.push(v);
    }

    /// A value that must be unique in the card, seen once more: a finding from its second use.
    pub(super) fn unique(&mut self, what: Unique, value: &str, span: proc_macro2::Span) {
        let seen = match what {
            Unique::ElementId => &self.element_ids,
            _ => &self.names,
        };
        let times = 1 + seen.iter().filter(|x| *x == value).count();
        if times > 1 {
            let found = Found::Repeated { what, value, times };
            self.finding(span, &found.finding());
        }
    }

    /// A child element that sets an attribute: an object, a list of objects or components.
    pub(super) fn child_value(
        &mut self,
        a: &'static Attr,
        c: &Element,
        ctx: Ctx<'_>,
    ) -> Option<Value> {
        match a.ty {
            Ty::Obj(o) => Some(self.object(o, c, ctx)),
            Ty::Arr(item, _) => {
                let Ty::Obj(o) = item else {
                    // Table rows: literal `<row/>`s and `{expr}`s of any `Serialize` row or list
                    // of rows, in any order (a lone `{&rows}` too).
                    if a.name == "rows" {
                        return Some(self.table_rows(c, ctx.columns));
                    }
                    // Another list of plain values: `<x>{expr}</x>` (or `x={expr}`).
                    if let [Child::Expr(g)] = c.children.as_slice() {
                        return Some(Value::Expr(expr(g)));
                    }
                    self.error(
                        c.name.span(),
                        format!("set `{}` with `{}={{…}}`", a.name, a.name),
                    );
                    return None;
                };
                let item = Ident::new(&type_name(o.name), Span::call_site());
                let mut items = Vec::new();
                for gc in &c.children {
                    match gc {
                        Child::Element(g) => {
                            if let Some(v) = self.list_object(o, g, ctx) {
                                items.push(Objects::Push(v));
                            }
                        }
                        Child::Expr(e) => items.push(Objects::Extend(expr(e))),
                        Child::Text(t) => self.error(
                            t.span(),
                            format!(
                                "`<{}>` holds `<{}>` elements, not text",
                                a.name,
                                item_tag(o.name)
                            ),
                        ),
                    }
                }
                Some(Value::Objects { item, items })
            }
            Ty::Elements(slot) => {
                let mut items = Vec::new();
                for gc in &c.children {
                    match gc {
                        Child::Element(g) => items.extend(self.list_item(g, slot, ctx)),
                        Child::Expr(e) => items.push(Item::Splice(expr(e))),
                        Child::Text(t) => {
                            self.error(t.span(), "element lists hold components, not text")
                        }
                    }
                }
                Some(Value::Elements {
                    item: list_item_ty(slot),
                    items,
                })
            }
            _ => match c.children.as_slice() {
                [Child::Text(t)] => self.lit_value(a, &Lit::Str(t.clone()), t.span()),
                [Child::Expr(g)] => Some(Value::Expr(expr(g))),
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
    pub(super) fn list_object(
        &mut self,
        o: &'static Object,
        g: &Element,
        ctx: Ctx<'_>,
    ) -> Option<Value> {
        let gname = g.name.to_string();
        let discriminator = o
            .attrs
            .iter()
            .find(|a| matches!(a.ty, Ty::Enum(_)) && (a.name == "type" || a.name == "tag"));
        if let Some(d) = discriminator {
            let Ty::Enum(e) = d.ty else { unreachable!() };
            if e.values.contains(&gname.as_str()) {
                let discriminator = Value::Variant {
                    ty: Ident::new(&type_name(e.name), g.name.span()),
                    variant: Ident::new(&variant_name(&gname), g.name.span()),
                };
                // Resolve with the discriminator set from the tag name; other attributes as usual.
                let attrs: Vec<&'static Attr> = o.attrs.iter().collect();
                let preset = vec![(d, discriminator, g.name.span())];
                return Some(self.fields(
                    &type_name(o.name),
                    &gname,
                    &attrs,
                    g,
                    ctx,
                    false,
                    preset,
                ));
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
}
