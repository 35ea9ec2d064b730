//! The validator's checker: its state (mode, position, what must be unique, counts), with the
//! walk over the spec tables in [`walk`], value checks in [`value`] and emission in [`emit`].
//!
//! One pass over the value. The path is a stack of borrowed segments; strings are only built
//! when a finding is emitted, so a clean card costs little more than the walk itself.

mod card;
mod chart;
mod emit;
pub(crate) mod markdown;
mod message;
pub(crate) mod suggest;
mod table;
mod value;
mod walk;

use crate::path::{Pos, Seg};
use crate::report::Diagnostic;
use crate::rules::{self, Rule};

pub(crate) use card::check_content;
pub(crate) use message::{check_chat_button, check_post, check_text};
pub(crate) use value::json_kind;

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

/// A place to report at after the walk: its segments and where it starts in the text.
type Place<'a> = (Vec<Seg<'a>>, Pos);

/// Where each value of a must-be-unique key occurs, in first-seen order.
///
/// A repeat is reported at every occurrence once the walk is done, so the findings do not depend
/// on which one the walk reached first (key order differs between text and a parsed `Value`).
#[derive(Debug, Default)]
struct Occurrences<'a> {
    index: std::collections::HashMap<&'a str, usize>,
    seen: Vec<(&'a str, Vec<Place<'a>>)>,
}

impl<'a> Occurrences<'a> {
    fn note(&mut self, value: &'a str, at: Place<'a>) {
        match self.index.get(value) {
            Some(&i) => self.seen[i].1.push(at),
            None => {
                self.index.insert(value, self.seen.len());
                self.seen.push((value, vec![at]));
            }
        }
    }

    fn repeated(&self) -> impl Iterator<Item = (&'a str, &[Place<'a>])> {
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

/// Where member `key` of `m` starts, or nowhere.
fn key_pos(m: &crate::json::Obj<'_>, key: &str) -> Pos {
    m.get_at(key).map_or(Pos::NONE, |(_, p)| p)
}

pub(crate) struct Checker<'a> {
    mode: Mode,
    /// Strict mode: undocumented keys and values are errors.
    strict: bool,
    /// The rule a message body's findings answer to (text/post or chat_button).
    message_rule: &'static Rule,
    segs: Vec<Seg<'a>>,
    /// Where each segment's key and value start, beside `segs`.
    pos: Vec<Pos>,
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
    audios: Vec<Place<'a>>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(mode: Mode) -> Self {
        Checker {
            mode,
            strict: false,
            message_rule: &rules::MESSAGE_BODY,
            segs: Vec::with_capacity(16),
            pos: Vec::with_capacity(16),
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

    /// Runs `f` one segment deeper, at `pos` in the text.
    fn with<R>(&mut self, seg: Seg<'a>, pos: Pos, f: impl FnOnce(&mut Self) -> R) -> R {
        self.segs.push(seg);
        self.pos.push(pos);
        let r = f(self);
        self.segs.pop();
        self.pos.pop();
        r
    }

    /// Where the current segment starts.
    fn here_pos(&self) -> Pos {
        self.pos.last().copied().unwrap_or(Pos::NONE)
    }

    /// The current segments and position, to report at later.
    fn mark(&self) -> Place<'a> {
        (self.segs.clone(), self.here_pos())
    }

    /// The segments and position of member `key` of `m`, the object here, to report at later.
    fn mark_key(&self, m: &crate::json::Obj<'a>, key: &'static str) -> Place<'a> {
        let mut segs = self.segs.clone();
        segs.push(Seg::Key(key));
        (segs, key_pos(m, key))
    }

    fn here(&self) -> String {
        match self.segs.last() {
            Some(Seg::Key(k)) => format!("`{k}`"),
            Some(Seg::Elem(_, t)) => format!("`{t}`"),
            Some(Seg::Index(i)) => format!("item {i}"),
            None => "the card".to_owned(),
        }
    }
}
