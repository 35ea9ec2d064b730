//! The walk: objects key by key against the spec tables, component lists with placement,
//! nesting and forms.

use super::{Checker, FormState, Mode, suggest};
use crate::json::{Node, Obj};
use crate::path::Seg;
use crate::rules;
use crate::spec::{Attr, Component, Object, Req, Slot, Status};

impl<'a> Checker<'a> {
    pub(crate) fn check_object(&mut self, m: &'a Obj<'a>, o: &'static Object) {
        if m.get("tag").is_some_and(Node::is_string) {
            self.tagged += 1;
        }
        self.check_fields(m, o.attrs.iter(), o.open, o.name, false);
        self.object_rule(m, o);
    }

    /// Checks every key against `attrs`, then the required ones.
    pub(super) fn check_fields(
        &mut self,
        m: &'a Obj<'a>,
        attrs: impl Iterator<Item = &'static Attr> + Clone,
        open: bool,
        owner: &str,
        is_component: bool,
    ) {
        for (k, v, at) in m {
            let Some(a) = attrs.clone().find(|a| same_key(a.name, k)) else {
                if !(open || is_component && k == "tag") {
                    self.with(Seg::Key(k), at, |c| c.unknown_key(k, attrs.clone(), owner));
                }
                continue;
            };
            self.with(Seg::Key(k), at, |c| c.check_attr(a, v));
        }
        for a in attrs {
            if a.req == Req::No
                || (a.req == Req::InForm && !self.ctx.in_form)
                // A null value counts as absent (rules::NULL_VALUE), so it does not fill a required key.
                || m.get(a.name).is_some_and(|v| !v.is_null())
                // `i18n_content` stands in for `content` (and so on): per-locale values fill it.
                || m.keys().any(|k| k.strip_prefix("i18n_") == Some(a.name))
            {
                continue;
            }
            match a.req {
                Req::Yes => {
                    let msg = if owner == "img" {
                        "img element must contain img_key".to_owned()
                    } else {
                        format!("`{owner}` is missing the required `{}`", a.name)
                    };
                    self.report_missing(a, msg);
                }
                Req::DocTableOnly => {
                    self.report(
                        &rules::MISSING_TABLE_REQUIRED,
                        format!(
                            "`{owner}` has no `{}` (the docs' table marks it required)",
                            a.name
                        ),
                        None,
                    );
                }
                // Outside a form the skip above has passed over it.
                Req::InForm => {
                    self.report(
                        &rules::FORM_NAME,
                        format!("`{owner}` inside a form needs a non-empty `{}`", a.name),
                        None,
                    );
                }
                Req::No => {}
            }
        }
    }

    pub(super) fn check_attr(&mut self, a: &'static Attr, v: &'a Node<'a>) {
        match a.status {
            Status::Current => self.check_value(v, &a.ty),
            Status::Historical(why) => {
                let f = crate::found::Found::Historical { key: a.name, why }.finding();
                self.report_key(f.rule, f.message, f.help);
                self.check_value(v, &a.ty);
            }
            Status::Removed(instead) => {
                self.report_key(
                    &rules::REMOVED_PROPERTY,
                    format!("`{}` is not supported in card JSON 2.0", a.name),
                    Some(instead.to_owned()),
                );
            }
        }
    }

    pub(super) fn unknown_key(
        &mut self,
        k: &str,
        attrs: impl Iterator<Item = &'static Attr> + Clone,
        owner: &str,
    ) {
        let names = attrs
            .clone()
            .filter(|a| !matches!(a.status, Status::Removed(_)))
            .map(|a| a.name);
        let help = match suggest::closest(k, names.clone()) {
            Some(s) => Some(format!("did you mean `{s}`?")),
            None => Some(format!(
                "`{owner}` accepts: {}",
                names.collect::<Vec<_>>().join(", ")
            )),
        };
        // At the root the server was seen refusing unknown keys; elsewhere our spec may simply
        // not know a key the server takes (see `rules::UNKNOWN_PROPERTY`).
        if self.segs.len() <= 1 {
            self.report_key(
                &rules::UNKNOWN_ROOT_PROPERTY,
                format!("unknown property `{k}` at the card's root"),
                help,
            );
        } else {
            self.report_key(
                &rules::UNKNOWN_PROPERTY,
                format!("`{k}` is not in the 2.0 docs for `{owner}`; the server may answer 200621"),
                help,
            );
        }
    }

    // ---- components ------------------------------------------------------------------------

    pub(super) fn check_elements(&mut self, items: &'a [Node<'a>], slot: Slot) {
        for (i, v) in items.iter().enumerate() {
            let Some(m) = v.as_object() else {
                self.with(Seg::Index(i), v.at(), |c| {
                    c.type_error("a component object with a `tag`", v)
                });
                continue;
            };
            let Some(tag) = m.get("tag").and_then(Node::as_str) else {
                self.with(Seg::Index(i), v.at(), |c| {
                    c.report(
                        &rules::MISSING_TAG,
                        "component has no string `tag`".to_owned(),
                        None,
                    )
                });
                continue;
            };
            self.with(Seg::Elem(i, tag), v.at(), |c| c.check_element(m, tag, slot));
        }
        if slot == Slot::Buttons && items.len() > 3 {
            self.report(
                &rules::OUT_OF_RANGE,
                format!("a checker shows at most 3 buttons, found {}", items.len()),
                None,
            );
        }
    }

    pub(super) fn check_element(&mut self, m: &'a Obj<'a>, tag: &'a str, slot: Slot) {
        let comp = match crate::structure::component(tag) {
            Ok(comp) => comp,
            Err(found) => {
                self.tagged += 1;
                let v1 = matches!(found, crate::structure::Found::V1Tag { .. });
                self.report_finding(found.finding());
                if v1
                    && self.mode == Mode::V1
                    && tag == "action"
                    && let Some((actions, at)) = m.get_at("actions")
                    && let Some(actions) = actions.as_array()
                {
                    self.with(Seg::Key("actions"), at, |c| {
                        c.check_elements(actions, Slot::Container)
                    });
                }
                return;
            }
        };
        self.check_placement(comp, slot);

        let saved = self.ctx;
        if comp.nests {
            let (depth, too_deep) = crate::structure::nest(self.ctx.depth);
            self.ctx.depth = depth;
            if let Some(f) = too_deep {
                self.report_finding(f.finding());
            }
        }
        let outer_form = if tag == "form" {
            self.ctx.in_form = true;
            Some(self.form.replace(FormState::default()))
        } else {
            None
        };

        self.tagged += 1;
        self.check_fields(m, comp.all_attrs(), false, comp.tag, true);
        self.component_rule(m, comp);

        if let Some(outer) = outer_form {
            let state = std::mem::replace(&mut self.form, outer);
            if !state.is_some_and(|s| s.has_submit) {
                self.report(
                    &rules::FORM_ADVICE,
                    "form has no submit button (a button with `form_action_type: \"submit\"`)"
                        .to_owned(),
                    Some("without one the form cannot be submitted".to_owned()),
                );
            }
        }
        self.ctx = saved;
    }

    fn check_placement(&mut self, comp: &Component, slot: Slot) {
        if let Some(f) = crate::structure::placement(comp, slot, self.ctx.in_form) {
            self.report_finding(f);
        }
    }
}

/// `a == b`, testing length and first byte before the full compare (the hot lookup of the walk).
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}
