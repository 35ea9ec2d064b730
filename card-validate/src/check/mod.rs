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
use crate::path::{self, Seg};
use crate::report::Diagnostic;
use crate::spec::{Attr, Component, Object, Placement, Req, Severity, Slot, Status, Ty};

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

    fn emit_at(
        &mut self,
        segs: &[Seg<'a>],
        severity: Severity,
        sub_code: Option<u32>,
        message: String,
        help: Option<String>,
        at_key: bool,
    ) {
        let (severity, code, sub_code, message) = match self.mode {
            Mode::V2 => (severity, codes::CARD_CONTENT, sub_code, message),
            Mode::V1 => (
                Severity::Warning,
                codes::CARD_CONTENT,
                sub_code,
                format!("as a 2.0 card: {message}"),
            ),
            Mode::Message => (severity, codes::INVALID_PARAM, None, message),
        };
        self.diags.push(Diagnostic {
            severity,
            code,
            sub_code,
            path: path::err_path(segs),
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
    fn emit(&mut self, severity: Severity, sub_code: u32, message: String, help: Option<String>) {
        let segs = std::mem::take(&mut self.segs);
        self.emit_at(&segs, severity, Some(sub_code), message, help, false);
        self.segs = segs;
    }

    /// A finding about the key at the current position (unknown or removed property).
    fn emit_key(
        &mut self,
        severity: Severity,
        sub_code: u32,
        message: String,
        help: Option<String>,
    ) {
        let segs = std::mem::take(&mut self.segs);
        self.emit_at(&segs, severity, Some(sub_code), message, help, true);
        self.segs = segs;
    }

    fn error(&mut self, sub_code: u32, message: String) {
        self.emit(Severity::Error, sub_code, message, None);
    }

    fn warn(&mut self, sub_code: u32, message: String) {
        self.emit(Severity::Warning, sub_code, message, None);
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
        self.error(
            codes::PARSE,
            format!("{what} must be {expected}, found {}", json_kind(v)),
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
                Some(n) if n < *min || n > *max => {
                    let what = self.here();
                    self.warn(
                        codes::INVALID_VALUE,
                        format!(
                            "{what} is {n}, outside the documented range {}",
                            range(*min, *max)
                        ),
                    );
                }
                Some(_) => {}
                None => self.type_error("an integer", v),
            },
            Ty::Num(min, max) => match v.as_f64() {
                Some(n) if n < *min || n > *max => {
                    let what = self.here();
                    self.warn(
                        codes::INVALID_VALUE,
                        format!("{what} is {n}, outside the documented range [{min}, {max}]"),
                    );
                }
                Some(_) => {}
                None => self.type_error("a number", v),
            },
            Ty::Str => {
                if !v.is_string() {
                    self.type_error("a string", v);
                }
            }
            Ty::StrMax(max) => match v.as_str() {
                Some(s) => {
                    let n = s.chars().count();
                    if n > *max {
                        let what = self.here();
                        self.warn(
                            codes::INVALID_VALUE,
                            format!("{what} has {n} characters; at most {max} are shown"),
                        );
                    }
                }
                None => self.type_error("a string", v),
            },
            Ty::Fmt(f) => match v.as_str() {
                Some(s) => self.check_format(s, *f),
                None => self.type_error("a string", v),
            },
            Ty::Enum(e) => match v.as_str() {
                Some(s) => self.check_enum(s, e),
                None => self.type_error("a string", v),
            },
            Ty::Dim(d) => match v.as_str() {
                Some(s) => self.check_dim(s, d),
                None => self.type_error("a string", v),
            },
            Ty::Box(min, max) => match v.as_str() {
                Some(s) => self.check_box(s, *min, *max),
                None => self.type_error("a string such as \"8px\" or \"4px 12px\"", v),
            },
            Ty::Spacing => match v.as_str() {
                Some(s) => self.check_spacing(s),
                None => self.type_error("a string", v),
            },
            Ty::Color(extra) => match v.as_str() {
                Some(s) => self.check_color(s, extra),
                None => self.type_error("a string", v),
            },
            Ty::TextSize => match v.as_str() {
                Some(s) => self.check_text_size(s),
                None => self.type_error("a string", v),
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
                        self.warn(
                            codes::INVALID_VALUE,
                            format!("{what} has {} items; only {max} are used", items.len()),
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
                                c.emit_key(
                                    Severity::Warning,
                                    codes::INVALID_VALUE,
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
            Ty::Const(s) => match v.as_str() {
                Some(x) if x == *s => {}
                Some(x) => {
                    let what = self.here();
                    self.error(
                        codes::PARSE,
                        format!("{what} must be \"{s}\" here, found \"{x}\""),
                    );
                }
                None => self.type_error(&format!("the string \"{s}\""), v),
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
            {
                continue;
            }
            match a.req {
                Req::Yes => {
                    let sub = a.missing_sub_code;
                    let msg = match sub {
                        codes::CONTENT_RULE if owner == "img" => {
                            "img element must contain img_key".to_owned()
                        }
                        _ => format!("`{owner}` is missing the required `{}`", a.name),
                    };
                    self.error(sub, msg);
                }
                Req::Table => {
                    self.warn(
                        codes::PARSE,
                        format!(
                            "`{owner}` has no `{}` (the docs' table marks it required)",
                            a.name
                        ),
                    );
                }
                Req::InForm if self.ctx.in_form => {
                    self.error(
                        codes::CONTENT_RULE,
                        format!("`{owner}` inside a form needs a non-empty `{}`", a.name),
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
                self.emit_key(
                    Severity::Warning,
                    codes::PARSE,
                    format!("historical key `{}`: {why}", a.name),
                    None,
                );
                self.check_value(v, &a.ty);
            }
            Status::Removed(instead) => {
                self.emit_key(
                    Severity::Error,
                    codes::PARSE,
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
        self.emit_key(
            Severity::Error,
            codes::PARSE,
            format!("unknown property `{k}` on `{owner}` (2.0 rejects unsupported properties)"),
            help,
        );
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
                    c.error(codes::PARSE, "component has no string `tag`".to_owned())
                });
                continue;
            };
            self.with(Seg::Elem(i, tag), |c| c.check_element(m, tag, slot));
        }
        if slot == Slot::Buttons && items.len() > 3 {
            self.warn(
                codes::INVALID_VALUE,
                format!("a checker shows at most 3 buttons, found {}", items.len()),
            );
        }
    }

    fn check_element(&mut self, m: &'a Obj<'a>, tag: &'a str, slot: Slot) {
        if let Some(help) = crate::spec::v1_only_tag(tag) {
            self.tagged += 1;
            self.emit(
                Severity::Error,
                codes::V2_UNSUPPORTED,
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
            self.emit(
                Severity::Error,
                codes::CONTENT_RULE,
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
                self.error(
                    codes::CONTENT_RULE,
                    format!(
                        "containers nest {} levels deep here; at most {} are allowed",
                        self.ctx.depth,
                        codes::MAX_DEPTH
                    ),
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
                self.emit(
                    Severity::Warning,
                    codes::CONTENT_RULE,
                    "form has no submit button (a button with `form_action_type: \"submit\"`)"
                        .to_owned(),
                    Some("without one the form cannot be submitted".to_owned()),
                );
            }
        }
        self.ctx = saved;
    }

    fn check_placement(&mut self, comp: &Component, slot: Slot) {
        let problem = match (slot, comp.placement) {
            (Slot::Columns, Placement::Columns) => None,
            (Slot::Columns, _) => Some(format!(
                "`column_set.columns` may only hold `column`, found `{}`",
                comp.tag
            )),
            (Slot::Buttons, _) if comp.tag != "button" => Some(format!(
                "`button_area.buttons` may only hold `button`, found `{}`",
                comp.tag
            )),
            (_, Placement::Columns) => {
                Some("`column` may only sit in `column_set.columns`".to_owned())
            }
            (Slot::Container | Slot::Buttons, Placement::BodyOnly) => Some(format!(
                "`{}` may only sit directly in `body.elements`, not inside another component",
                comp.tag
            )),
            (_, Placement::FormOnly) if !self.ctx.in_form => {
                Some(format!("`{}` may only be used inside a `form`", comp.tag))
            }
            _ => None,
        };
        if let Some(msg) = problem {
            self.error(codes::CONTENT_RULE, msg);
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

fn range(min: i64, max: i64) -> String {
    if max == i64::MAX {
        format!("≥ {min}")
    } else {
        format!("[{min}, {max}]")
    }
}
