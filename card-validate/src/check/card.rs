//! Card-level checks: recognising the content form, the root, and the per-component rules
//! (forms, persons, audio, limits).

use crate::json::{Node, Obj};

use super::{Checker, Mode};
use crate::codes;
use crate::found::{Found, Unique};
use crate::path::{Pos, Seg};
use crate::report::ContentKind;
use crate::rules::{self, Rule};
use crate::spec::{self, Component, Object, Slot};

/// Checks a card `content` value in any of its forms. `len` is the serialized content's size in bytes.
pub(crate) fn check_content(
    v: &Node<'_>,
    len: usize,
    options: crate::Options,
) -> (ContentKind, Vec<crate::Diagnostic>) {
    let Some(root) = v.as_object() else {
        let mut c = Checker::new(Mode::V2);
        c.report(
            &rules::NOT_AN_OBJECT,
            format!(
                "card content must be a JSON object, found {}",
                super::json_kind(v)
            ),
            None,
        );
        return (ContentKind::Unknown, c.diags);
    };
    let (kind, mut c) = match root.get("type").and_then(Node::as_str) {
        Some("template") => (
            ContentKind::Template,
            envelope(root, &spec::TEMPLATE, options),
        ),
        Some("card") => (
            ContentKind::CardEntity,
            envelope(root, &spec::CARD_ENTITY, options),
        ),
        _ if root.contains_key("type") && !root.contains_key("schema") => {
            let mut c = Checker::new(Mode::V2);
            c.with(Seg::Key("type"), super::key_pos(root, "type"), |c| {
                c.report(
                    &rules::CONTENT_TYPE,
                    "content `type` must be \"template\" or \"card\" (or leave it out for card JSON)".to_owned(),
                    None,
                )
            });
            (ContentKind::Unknown, c)
        }
        _ => match root.get("schema") {
            Some(s) if s.as_str() == Some("2.0") => (ContentKind::CardV2, card_v2(root, options)),
            None if !looks_like_a_card(root) => (ContentKind::Unknown, not_a_card(root)),
            None => (ContentKind::CardV1, card_v1(root)),
            Some(s) if s.as_str() == Some("1.0") => (ContentKind::CardV1, card_v1(root)),
            Some(other) => {
                let mut c = card_v2(root, options);
                let found = other.to_string();
                c.with(Seg::Key("schema"), super::key_pos(root, "schema"), |c| {
                    c.report(
                        &rules::SCHEMA_VALUE,
                        format!("`schema` must be \"2.0\" (or \"1.0\"), found {found}"),
                        None,
                    )
                });
                (ContentKind::CardV2, c)
            }
        },
    };
    size_rule(&mut c, len);
    (kind, c.diags)
}

fn looks_like_a_card(root: &Obj<'_>) -> bool {
    root.keys()
        .any(|k| spec::V1_ROOT_KEYS.contains(&k) || spec::CARD.attr(k).is_some())
}

/// Content that is no card: say what it is and what to unwrap.
fn not_a_card<'a>(root: &'a Obj<'a>) -> Checker<'a> {
    let mut c = Checker::new(Mode::V2);
    let (message, help) = if root.contains_key("msg_type") {
        (
            "this is a whole send request (`msg_type`, `content` …), not card content".to_owned(),
            "send the card itself as `content`: the value of `card` (or the string in `content`), with \"schema\": \"2.0\"",
        )
    } else if root.contains_key("card") {
        (
            "the card is wrapped in `{\"card\": …}`; the content must be the card itself"
                .to_owned(),
            "unwrap it: use the value of `card` as the content",
        )
    } else if root.contains_key("dsl") {
        (
            "this is a card-builder export (`dsl`), not card content".to_owned(),
            "use the value of `dsl` as the content",
        )
    } else {
        let keys: Vec<&str> = root.keys().take(5).collect();
        (
            format!(
                "this object is not a card: it has none of a card's keys (found {})",
                if keys.is_empty() {
                    "no keys".to_owned()
                } else {
                    keys.join(", ")
                }
            ),
            "a 2.0 card has \"schema\": \"2.0\", and `header` / `body` / `config`",
        )
    };
    c.report(&rules::NOT_A_CARD, message, Some(help.to_owned()));
    c
}

fn envelope<'a>(root: &'a Obj<'a>, obj: &'static Object, options: crate::Options) -> Checker<'a> {
    let mut c = Checker::new(Mode::V2);
    c.strict = options.strict;
    c.check_object(root, obj);
    c
}

fn size_rule(c: &mut Checker<'_>, len: usize) {
    let max = codes::CARD_MAX_BYTES;
    if len > max {
        c.diags.push(root_diag(
            &rules::CONTENT_TOO_LARGE,
            format!("the card content is {len} bytes; the limit is 30 KB ({max} bytes)"),
            Some("split the content over several cards, or move long text into a document and link it".to_owned()),
        ));
    } else if len > max * 9 / 10 {
        c.diags.push(root_diag(
            &rules::CONTENT_NEAR_LIMIT,
            format!("the card content is {len} bytes, close to the 30 KB limit ({max} bytes)"),
            Some(
                "the server counts style tags after expansion, so the real size can be larger"
                    .to_owned(),
            ),
        ));
    }
}

fn root_diag(rule: &'static Rule, message: String, help: Option<String>) -> crate::Diagnostic {
    crate::Diagnostic {
        rule,
        severity: rule.severity,
        code: rule.code,
        sub_code: rule.sub_code,
        path: "ROOT".to_owned(),
        pointer: String::new(),
        line: None,
        column: None,
        message,
        help,
        at_key: false,
        offset: None,
    }
}

fn card_v2<'a>(root: &'a Obj<'a>, options: crate::Options) -> Checker<'a> {
    let mut c = Checker::new(Mode::V2);
    c.strict = options.strict;
    c.collect_custom_style(root);
    c.check_object(root, &spec::CARD);
    c.audio_forward_rule(root);
    c.card_limits();
    c
}

/// A 1.0 card: say so, then list what would break if it were sent as 2.0.
fn card_v1<'a>(root: &'a Obj<'a>) -> Checker<'a> {
    let mut c = Checker::new(Mode::V1);
    c.collect_custom_style(root);
    for (k, v, at) in root {
        c.with(Seg::Key(k), at, |c| match k {
            "elements" => {
                c.report(&rules::UNKNOWN_ROOT_PROPERTY, "root `elements`: 2.0 needs them in `body.elements`".to_owned(), None);
                if let Some(items) = v.as_array() {
                    c.check_elements(items, Slot::Body);
                }
            }
            "i18n_elements" => {
                c.report(&rules::REMOVED_PROPERTY, "root `i18n_elements`: 2.0 has no card-wide i18n; use i18n_content per component".to_owned(), None);
                if let Some(locales) = v.as_object() {
                    for (loc, items, at) in locales {
                        if let Some(items) = items.as_array() {
                            c.with(Seg::Key(loc), at, |c| c.check_elements(items, Slot::Body));
                        }
                    }
                }
            }
            "schema" => {}
            _ => match spec::CARD.attr(k) {
                Some(a) => c.check_attr(a, v),
                None => c.unknown_key(k, spec::CARD.attrs.iter(), "card"),
            },
        });
    }
    c.audio_forward_rule(root);
    c.card_limits();
    let n = c.diags.len();
    let summary = root_diag(
        &rules::V1_CARD,
        format!(
            "this is a JSON 1.0 card (no \"schema\": \"2.0\"); it is accepted as 1.0. {}",
            if n == 0 {
                "Nothing in it would break as 2.0.".to_owned()
            } else {
                format!("{n} thing(s) below would break if it were sent as 2.0")
            }
        ),
        Some("to upgrade: add \"schema\": \"2.0\", move `elements` into `body.elements`, and fix the findings listed".to_owned()),
    );
    c.diags.insert(0, summary);
    c
}

impl<'a> Checker<'a> {
    /// Reads `config.style` first, so custom colors and sizes are known wherever they are used.
    fn collect_custom_style(&mut self, root: &'a Obj<'a>) {
        let style = root.get("config").and_then(|c| c.get("style"));
        let names = |key: &str| -> Vec<&'a str> {
            style
                .and_then(|s| s.get(key))
                .and_then(Node::as_object)
                .map(|m| m.keys().collect())
                .unwrap_or_default()
        };
        self.custom_colors = names("color");
        self.custom_sizes = names("text_size");
    }

    /// Limits over the whole card: element count, tables, unique ids and names.
    fn card_limits(&mut self) {
        let mut repeats = Vec::new();
        for (occ, what) in [
            (&self.element_ids, Unique::ElementId),
            (&self.names, Unique::Name),
            (&self.audio_ids, Unique::AudioId),
        ] {
            for (value, at) in occ.repeated() {
                let found = Found::Repeated {
                    what,
                    value,
                    times: at.len(),
                };
                for (segs, pos) in at {
                    repeats.push((segs.clone(), *pos, found.finding()));
                }
            }
        }
        for (segs, pos, f) in repeats {
            self.emit_at((&segs, pos), f.rule, f.message, f.help, false);
        }
        if let Some(f) = crate::structure::count_elements(self.tagged) {
            let f = f.finding();
            self.emit_at((&[], Pos::NONE), f.rule, f.message, f.help, false);
        }
        let md_max = self.md_tables.iter().map(|(_, n)| *n).max().unwrap_or(0);
        if let Some(f) = crate::structure::count_tables(self.tables + md_max, md_max) {
            let f = f.finding();
            self.emit_at((&[], Pos::NONE), f.rule, f.message, f.help, false);
        }
    }

    /// Rules of shared objects that a type alone cannot say.
    pub(super) fn object_rule(&mut self, m: &'a Obj<'a>, o: &'static Object) {
        match o.name {
            "behavior" => match m.get("type").and_then(Node::as_str) {
                Some("open_url") if !m.contains_key("default_url") => {
                    self.report(
                        &rules::MISSING_REQUIRED,
                        "an `open_url` behavior needs `default_url`".to_owned(),
                        None,
                    );
                }
                Some("callback") if !m.contains_key("value") => {
                    self.report(
                        &rules::MISSING_REQUIRED,
                        "a `callback` behavior needs `value`".to_owned(),
                        None,
                    );
                }
                _ => {}
            },
            "config" if m.get("update_multi").and_then(Node::as_bool) == Some(false) => {
                self.with(Seg::Key("update_multi"), super::key_pos(m, "update_multi"), |c| {
                    c.report(
                        &rules::UPDATE_MULTI_FALSE,
                        "update_multi is false: 2.0 cards are always shared".to_owned(),
                        Some("set `config.update_multi: true` or leave it out (PATCH needs it true before and after)".to_owned()),
                    )
                });
            }
            "card_link" => {
                let platforms = ["pc_url", "ios_url", "android_url"]
                    .iter()
                    .filter(|k| m.contains_key(k))
                    .count();
                if !m.contains_key("url") && platforms < 3 && !m.is_empty() {
                    self.report(
                        &rules::CONTENT_ADVICE,
                        "card_link needs `url`, or all of pc_url, ios_url and android_url"
                            .to_owned(),
                        None,
                    );
                }
            }
            _ => {}
        }
    }

    /// Rules of one component, after its attributes were checked.
    pub(super) fn component_rule(&mut self, m: &'a Obj<'a>, comp: &'static Component) {
        let str_of = |k: &str| m.get(k).and_then(Node::as_str);
        if comp.form_field {
            self.form_field_rule(m, comp);
        }
        match comp.tag {
            "form" => match str_of("name") {
                Some(name) if name.trim().is_empty() => {
                    self.report(
                        &rules::FORM_NAME,
                        "form's name is required and can not be empty string".to_owned(),
                        None,
                    );
                }
                Some(name) => {
                    let at = self.mark_key(m, "name");
                    self.names.note(name, at);
                }
                None => {}
            },
            "button" if self.ctx.in_form => {
                let submit = str_of("form_action_type") == Some("submit")
                    || str_of("action_type") == Some("form_submit");
                let reset = str_of("form_action_type") == Some("reset")
                    || str_of("action_type") == Some("form_reset");
                if submit && let Some(f) = self.form.as_mut() {
                    f.has_submit = true;
                }
                if !submit && !reset {
                    self.report(
                        &rules::FORM_ADVICE,
                        "a button inside a form should set `form_action_type` (submit or reset)"
                            .to_owned(),
                        None,
                    );
                }
            }
            "button" => {
                if let Some(action) = str_of("form_action_type") {
                    self.report_finding(Found::FormActionOutsideForm { action }.finding());
                }
            }
            "select_img"
                if m.get("multi_select").and_then(Node::as_bool) == Some(true)
                    && !self.ctx.in_form =>
            {
                self.report(
                    &rules::FORM_ONLY_PROPERTY,
                    "select_img with `multi_select: true` must be inside a form".to_owned(),
                    None,
                );
            }
            "audio" => {
                self.audios.push(self.mark());
                if let Some(id) = str_of("audio_id") {
                    let at = self.mark_key(m, "audio_id");
                    self.audio_ids.note(id, at);
                }
            }
            "table" => {
                self.tables += 1;
                self.table_rule(m);
            }
            "chart" => {
                if let Some((spec, at)) = m.get_at("chart_spec") {
                    self.with(Seg::Key("chart_spec"), at, |c| c.chart_rule(spec));
                }
            }
            "markdown" => self.markdown_rule(m),
            "select_static" | "multi_select_static" => self.option_values_rule(m),
            _ => {}
        }
    }

    fn form_field_rule(&mut self, m: &'a Obj<'a>, comp: &'static Component) {
        let name = m.get("name").and_then(Node::as_str);
        if self.ctx.in_form {
            match name {
                Some(n) if n.trim().is_empty() => {
                    self.report(
                        &rules::FORM_NAME,
                        format!("`{}` inside a form has an empty `name`", comp.tag),
                        None,
                    );
                }
                Some(n) => {
                    let at = self.mark_key(m, "name");
                    self.names.note(n, at);
                }
                None => {} // a missing name is reported as a missing required attribute
            }
        } else if m.get("required").and_then(Node::as_bool) == Some(true)
            && comp.tag != "multi_select_static"
        {
            self.with(Seg::Key("required"), super::key_pos(m, "required"), |c| {
                c.report(
                    &rules::REQUIRED_OUTSIDE_FORM,
                    format!("`required` on `{}` only works inside a form", comp.tag),
                    None,
                )
            });
        }
    }

    fn option_values_rule(&mut self, m: &'a Obj<'a>) {
        let Some(options) = m.get("options").and_then(Node::as_array) else {
            return;
        };
        let mut seen = std::collections::HashSet::new();
        for (i, o) in options.iter().enumerate() {
            if let Some(v) = o.get("value").and_then(Node::as_str)
                && !seen.insert(v)
            {
                self.with(Seg::Key("options"), super::key_pos(m, "options"), |c| {
                    c.with(Seg::Index(i), o.at(), |c| {
                        c.report(
                            &rules::CONTENT_ADVICE,
                            format!("option value {v:?} repeats; values must be unique"),
                            None,
                        )
                    })
                });
            }
        }
    }

    /// After the walk: audio needs `config.enable_forward: false` (reported at every audio).
    pub(crate) fn audio_forward_rule(&mut self, root: &'a Obj<'a>) {
        let forward = root
            .get("config")
            .and_then(|c| c.get("enable_forward"))
            .and_then(Node::as_bool)
            .unwrap_or(true);
        if !forward {
            return;
        }
        for (segs, pos) in std::mem::take(&mut self.audios) {
            self.emit_at(
                (&segs, pos),
                &rules::AUDIO_FORWARD,
                "audio elem don't support forward: a card with audio must set `config.enable_forward: false`".to_owned(),
                Some("add \"config\": {\"enable_forward\": false}".to_owned()),
                false,
            );
        }
    }
}
