//! The walker: checks a JSON value against the spec tables, collecting findings.
//!
//! One pass over the value. The path is a stack of borrowed segments; strings are only built
//! when a finding is emitted, so a clean card costs little more than the walk itself.

mod card;
mod chart;
mod format;
mod markdown;
mod message;
pub(crate) mod suggest;
mod table;

use crate::json::{Node, Obj, V};

use crate::codes;
use crate::literal;
use crate::path::{self, Seg};
use crate::report::Diagnostic;
use crate::rules::{self, Rule};
use crate::spec::{Attr, Component, Object, Req, Severity, Slot, Status, Ty};

pub(crate) use card::check_content;
pub(crate) use message::{check_chat_button, check_post, check_text};

/// How findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A 2.0 card: findings as the server would give them.
    V2,
    /// A 1.0 card examined as if it were 2.0: every finding becomes a warning.
    V1,
    /// A text/post/chat_button body: errors are 230001 without sub-code.
    Message,
}

/// Where the walker is inside the card.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Nesting depth in containers (column_set+column count once).
    depth: usize,
    /// Inside a form.
    in_form: bool,
}

/// Where each value of a must-be-unique key occurs, in first-seen order.
///
/// A repeat is reported at every occurrence once the walk is done, so the findings do not depend
/// on which one the walk reached first (key order differs between text and a parsed `Value`).
#[derive(Debug, Default)]
struct Occurrences<'a> {
    index: std::collections::HashMap<&'a str, usize>,
    seen: Vec<(&'a str, Vec<Vec<Seg<'a>>>)>,
}

impl<'a> Occurrences<'a> {
    fn note(&mut self, value: &'a str, at: Vec<Seg<'a>>) {
        match self.index.get(value) {
            Some(&i) => self.seen[i].1.push(at),
            None => {
                self.index.insert(value, self.seen.len());
                self.seen.push((value, vec![at]));
            }
        }
    }

    fn repeated(&self) -> impl Iterator<Item = (&'a str, &[Vec<Seg<'a>>])> {
        self.seen
            .iter()
            .filter(|(_, at)| at.len() > 1)
            .map(|(v, at)| (*v, at.as_slice()))
    }
}

/// A form being walked.
#[derive(Debug, Default)]
struct FormState {
    has_submit: bool,
}

pub(crate) struct Checker<'a> {
    mode: Mode,
    /// Strict mode: undocumented keys and values are errors.
    strict: bool,
    /// The rule a message body's findings answer to (text/post or chat_button).
    message_rule: &'static Rule,
    segs: Vec<Seg<'a>>,
    pub(crate) diags: Vec<Diagnostic>,
    ctx: Ctx,
    custom_colors: Vec<&'a str>,
    custom_sizes: Vec<&'a str>,
    element_ids: Occurrences<'a>,
    /// Form names and form field names share one namespace.
    names: Occurrences<'a>,
    audio_ids: Occurrences<'a>,
    form: Option<FormState>,
    /// Objects carrying a `tag` (the server's element count).
    tagged: usize,
    /// Table components so far (markdown tables are counted per locale on top).
    tables: usize,
    /// Markdown tables per locale ("" = default content).
    md_tables: Vec<(&'a str, usize)>,
    /// Every audio component's path, for the enable_forward rule.
    audios: Vec<Vec<Seg<'a>>>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(mode: Mode) -> Self {
        Checker {
            mode,
            strict: false,
            message_rule: &rules::MESSAGE_BODY,
            segs: Vec::with_capacity(16),
            diags: Vec::new(),
            ctx: Ctx::default(),
            custom_colors: Vec::new(),
            custom_sizes: Vec::new(),
            element_ids: Occurrences::default(),
            names: Occurrences::default(),
            audio_ids: Occurrences::default(),
            form: None,
            tagged: 0,
            tables: 0,
            md_tables: Vec::new(),
            audios: Vec::new(),
        }
    }

    // ---- emitting --------------------------------------------------------------------------

    /// A finding of `rule` at `segs`. The rule gives code, sub-code and severity; the mode
    /// adjusts them (a 1.0 card's findings are warnings, message bodies answer 230001).
    fn emit_at(
        &mut self,
        segs: &[Seg<'a>],
        rule: &'static Rule,
        message: String,
        help: Option<String>,
        at_key: bool,
    ) {
        // In a message body a card rule is the body's own rule (230001 with its seed's evidence).
        let rule = if self.mode == Mode::Message && rule.code == codes::CARD_CONTENT {
            self.message_rule
        } else {
            rule
        };
        let severity = rule.severity_in(self.strict);
        let (severity, code, sub_code, message) = match self.mode {
            Mode::V2 => (severity, rule.code, rule.sub_code, message),
            Mode::V1 => (
                Severity::Warning,
                rule.code,
                rule.sub_code,
                format!("as a 2.0 card: {message}"),
            ),
            Mode::Message if rule.code == codes::TOO_LARGE => (severity, rule.code, None, message),
            Mode::Message => (severity, codes::INVALID_PARAM, None, message),
        };
        self.diags.push(Diagnostic {
            rule,
            severity,
            code,
            sub_code,
            // A key finding names the object that holds the key, as the server's `path: []` does.
            path: match (at_key, segs.split_last()) {
                (true, Some((Seg::Key(_), parent))) => path::err_path(parent),
                _ => path::err_path(segs),
            },
            pointer: path::pointer(segs),
            line: None,
            column: None,
            message,
            help,
            at_key,
            offset: None,
        });
    }

    /// A finding at the current position.
    fn report(&mut self, rule: &'static Rule, message: String, help: Option<String>) {
        let segs = std::mem::take(&mut self.segs);
        self.emit_at(&segs, rule, message, help, false);
        self.segs = segs;
    }

    /// A finding about the key at the current position (unknown or removed property).
    fn report_key(&mut self, rule: &'static Rule, message: String, help: Option<String>) {
        let segs = std::mem::take(&mut self.segs);
        self.emit_at(&segs, rule, message, help, true);
        self.segs = segs;
    }

    /// A missing required attribute: the attribute names its sub-code (img's `img_key` is 11310).
    fn report_missing(&mut self, a: &Attr, message: String) {
        self.report(&rules::MISSING_REQUIRED, message, None);
        if let Some(d) = self.diags.last_mut()
            && d.sub_code.is_some()
        {
            d.sub_code = Some(a.missing_sub_code);
        }
    }

    fn with<R>(&mut self, seg: Seg<'a>, f: impl FnOnce(&mut Self) -> R) -> R {
        self.segs.push(seg);
        let r = f(self);
        self.segs.pop();
        r
    }

    fn here(&self) -> String {
        match self.segs.last() {
            Some(Seg::Key(k)) => format!("`{k}`"),
            Some(Seg::Elem(_, t)) => format!("`{t}`"),
            Some(Seg::Index(i)) => format!("item {i}"),
            None => "the card".to_owned(),
        }
    }

    // ---- values ----------------------------------------------------------------------------

    fn type_error(&mut self, expected: &str, v: &Node<'_>) {
        let what = self.here();
        if v.is_null() {
            // A decoder reads null as an absent value; nothing on record says the server refuses it.
            self.report(
                &rules::NULL_VALUE,
                format!("{what} is null; it is read as absent"),
                Some("leave the key out instead of sending null".to_owned()),
            );
            return;
        }
        self.report(
            &rules::WRONG_TYPE,
            format!("{what} must be {expected}, found {}", json_kind(v)),
            None,
        );
    }

    pub(crate) fn check_value(&mut self, v: &'a Node<'a>, ty: &Ty) {
        match ty {
            Ty::Bool => {
                if !v.is_boolean() {
                    self.type_error("a boolean", v);
                }
            }
            Ty::Int(min, max) => match v
                .as_i64()
                .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            {
                Some(n) => {
                    if literal::check_int(n, *min, *max, "").is_some() {
                        let what = self.here();
                        if let Some(f) = literal::check_int(n, *min, *max, &what) {
                            self.report_finding(f);
                        }
                    }
                }
                None => self.type_error("an integer", v),
            },
            Ty::Num(min, max) => match v.as_f64() {
                Some(n) => {
                    if literal::check_num(n, *min, *max, "").is_some() {
                        let what = self.here();
                        if let Some(f) = literal::check_num(n, *min, *max, &what) {
                            self.report_finding(f);
                        }
                    }
                }
                None => self.type_error("a number", v),
            },
            Ty::Str => {
                if !v.is_string() {
                    self.type_error("a string", v);
                }
            }
            Ty::StrMax(_)
            | Ty::Fmt(_)
            | Ty::Enum(_)
            | Ty::Dim(_)
            | Ty::Spacing
            | Ty::Color(_)
            | Ty::TextSize
            | Ty::Box(..)
            | Ty::Const(_) => match v.as_str() {
                Some(s) => self.check_str(s, ty),
                None => match ty {
                    Ty::Box(..) => self.type_error("a string such as \"8px\" or \"4px 12px\"", v),
                    Ty::Const(c) => self.type_error(&format!("the string \"{c}\""), v),
                    _ => self.type_error("a string", v),
                },
            },
            Ty::Obj(o) => match v.as_object() {
                Some(m) => self.check_object(m, o),
                None => self.type_error("an object", v),
            },
            Ty::Arr(item, max) => match v.as_array() {
                Some(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.with(Seg::Index(i), |c| c.check_value(x, item));
                    }
                    if let Some(max) = max
                        && items.len() > *max
                    {
                        let what = self.here();
                        self.report(
                            &rules::OUT_OF_RANGE,
                            format!("{what} has {} items; only {max} are used", items.len()),
                            None,
                        );
                    }
                }
                None => self.type_error("an array", v),
            },
            Ty::Locales(t) => match v.as_object() {
                Some(m) => {
                    for (k, x) in m {
                        self.with(Seg::Key(k), |c| {
                            if !crate::spec::LOCALES.contains(&k) {
                                c.report_key(
                                    &rules::UNDOCUMENTED_VALUE,
                                    format!("`{k}` is not one of the 16 documented locales"),
                                    Some(format!("locales: {}", crate::spec::LOCALES.join(", "))),
                                );
                            }
                            c.check_value(x, t);
                        });
                    }
                }
                None => self.type_error("an object keyed by locale (zh_cn, en_us, …)", v),
            },
            Ty::Named(t) => match v.as_object() {
                Some(m) => {
                    for (k, x) in m {
                        self.with(Seg::Key(k), |c| c.check_value(x, t));
                    }
                }
                None => self.type_error("an object", v),
            },
            Ty::Elements(slot) => match v.as_array() {
                Some(items) => self.check_elements(items, *slot),
                None => self.type_error("an array of components", v),
            },
            Ty::Any => {}
            Ty::OneOf(tys) => match tys.iter().find(|t| fits(t, v)) {
                Some(t) => self.check_value(v, t),
                None => self.type_error(&one_of_names(tys), v),
            },
        }
    }

    // ---- objects ---------------------------------------------------------------------------

    pub(crate) fn check_object(&mut self, m: &'a Obj<'a>, o: &'static Object) {
        if m.get("tag").is_some_and(Node::is_string) {
            self.tagged += 1;
        }
        self.check_fields(m, o.attrs.iter(), o.open, o.name, false);
        self.object_rule(m, o);
    }

    /// Checks every key against `attrs`, then the required ones.
    fn check_fields(
        &mut self,
        m: &'a Obj<'a>,
        attrs: impl Iterator<Item = &'static Attr> + Clone,
        open: bool,
        owner: &str,
        is_component: bool,
    ) {
        for (k, v) in m {
            let Some(a) = attrs.clone().find(|a| same_key(a.name, k)) else {
                if !(open || is_component && k == "tag") {
                    self.with(Seg::Key(k), |c| c.unknown_key(k, attrs.clone(), owner));
                }
                continue;
            };
            self.with(Seg::Key(k), |c| c.check_attr(a, v));
        }
        for a in attrs {
            if a.req == Req::No
                || (a.req == Req::InForm && !self.ctx.in_form)
                || m.contains_key(a.name)
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
                Req::Table => {
                    self.report(
                        &rules::MISSING_TABLE_REQUIRED,
                        format!(
                            "`{owner}` has no `{}` (the docs' table marks it required)",
                            a.name
                        ),
                        None,
                    );
                }
                Req::InForm if self.ctx.in_form => {
                    self.report(
                        &rules::FORM_NAME,
                        format!("`{owner}` inside a form needs a non-empty `{}`", a.name),
                        None,
                    );
                }
                Req::InForm | Req::No => {}
            }
        }
    }

    fn check_attr(&mut self, a: &'static Attr, v: &'a Node<'a>) {
        match a.status {
            Status::Current => self.check_value(v, &a.ty),
            Status::Historical(why) => {
                self.report_key(
                    &rules::HISTORICAL_PROPERTY,
                    format!("historical key `{}`: {why}", a.name),
                    None,
                );
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

    fn unknown_key(
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

    fn check_elements(&mut self, items: &'a [Node<'a>], slot: Slot) {
        for (i, v) in items.iter().enumerate() {
            let Some(m) = v.as_object() else {
                self.with(Seg::Index(i), |c| {
                    c.type_error("a component object with a `tag`", v)
                });
                continue;
            };
            let Some(tag) = m.get("tag").and_then(Node::as_str) else {
                self.with(Seg::Index(i), |c| {
                    c.report(
                        &rules::MISSING_TAG,
                        "component has no string `tag`".to_owned(),
                        None,
                    )
                });
                continue;
            };
            self.with(Seg::Elem(i, tag), |c| c.check_element(m, tag, slot));
        }
        if slot == Slot::Buttons && items.len() > 3 {
            self.report(
                &rules::OUT_OF_RANGE,
                format!("a checker shows at most 3 buttons, found {}", items.len()),
                None,
            );
        }
    }

    fn check_element(&mut self, m: &'a Obj<'a>, tag: &'a str, slot: Slot) {
        if let Some(help) = crate::spec::v1_only_tag(tag) {
            self.tagged += 1;
            self.report(
                &rules::UNSUPPORTED_V1_TAG,
                format!("unsupported tag {tag}: `{tag}` is a 1.0 component that JSON 2.0 no longer supports"),
                Some(help.to_owned()),
            );
            if self.mode == Mode::V1
                && tag == "action"
                && let Some(actions) = m.get("actions").and_then(Node::as_array)
            {
                self.with(Seg::Key("actions"), |c| {
                    c.check_elements(actions, Slot::Container)
                });
            }
            return;
        }
        let Some(comp) = crate::spec::component(tag) else {
            self.tagged += 1;
            let help = suggest::closest(tag, crate::spec::component_tags())
                .map(|s| format!("did you mean `{s}`?"));
            self.report(
                &rules::UNKNOWN_TAG,
                format!("unsupported type of block; ErrorValue: {tag}"),
                help.or_else(|| {
                    Some("see the 2.0 component list in card_validate::spec::COMPONENTS".to_owned())
                }),
            );
            return;
        };
        self.check_placement(comp, slot);

        let saved = self.ctx;
        if comp.nests {
            self.ctx.depth += 1;
            if self.ctx.depth == codes::MAX_DEPTH + 1 {
                self.report(
                    &rules::NESTING_DEPTH,
                    format!(
                        "containers nest {} levels deep here; at most {} are allowed",
                        self.ctx.depth,
                        codes::MAX_DEPTH
                    ),
                    None,
                );
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

fn fits(t: &Ty, v: &Node<'_>) -> bool {
    match t {
        Ty::Bool => v.is_boolean(),
        Ty::Int(..) => v.is_integer(),
        Ty::Num(..) => v.is_number(),
        Ty::Obj(_) | Ty::Locales(_) | Ty::Named(_) => v.is_object(),
        Ty::Arr(..) | Ty::Elements(_) => v.is_array(),
        Ty::Any => true,
        Ty::OneOf(ts) => ts.iter().any(|t| fits(t, v)),
        _ => v.is_string(),
    }
}

fn one_of_names(tys: &[Ty]) -> String {
    let names: Vec<&str> = tys
        .iter()
        .map(|t| match t {
            Ty::Bool => "a boolean",
            Ty::Int(..) => "an integer",
            Ty::Num(..) => "a number",
            Ty::Obj(_) | Ty::Locales(_) | Ty::Named(_) => "an object",
            Ty::Arr(..) | Ty::Elements(_) => "an array",
            Ty::Any => "any value",
            _ => "a string",
        })
        .collect();
    names.join(" or ")
}

pub(crate) fn json_kind(v: &Node<'_>) -> &'static str {
    match v.v {
        V::Null => "null",
        V::Bool(_) => "a boolean",
        V::I(_) | V::U(_) | V::F(_) => "a number",
        V::Str(_) => "a string",
        V::Arr(_) => "an array",
        V::Obj(_) => "an object",
    }
}
