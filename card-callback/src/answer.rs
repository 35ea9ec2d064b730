//! The answer to a card callback (within 3 seconds): a toast, and/or a card that replaces the
//! one clicked — a `card!` card, raw 2.0 JSON, or a template.

use card_dsl::{Card, TemplateCard};
use serde_json::{Value, json};

use super::CallbackError;

/// The toast's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    /// `info`
    Info,
    /// `success`
    Success,
    /// `error`
    Error,
    /// `warning`
    Warning,
}

/// A toast shown to the user who acted.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    kind: ToastKind,
    content: String,
    i18n: Option<Value>,
}

impl Toast {
    /// A toast of this kind.
    pub fn new(kind: ToastKind, content: impl Into<String>) -> Self {
        Toast {
            kind,
            content: content.into(),
            i18n: None,
        }
    }
    /// An `info` toast.
    pub fn info(content: impl Into<String>) -> Self {
        Toast::new(ToastKind::Info, content)
    }
    /// A `success` toast.
    pub fn success(content: impl Into<String>) -> Self {
        Toast::new(ToastKind::Success, content)
    }
    /// An `error` toast.
    pub fn error(content: impl Into<String>) -> Self {
        Toast::new(ToastKind::Error, content)
    }
    /// A `warning` toast.
    pub fn warning(content: impl Into<String>) -> Self {
        Toast::new(ToastKind::Warning, content)
    }
    /// Per-locale texts (`{"zh_cn": "…", "en_us": "…"}`).
    pub fn i18n(mut self, texts: Value) -> Self {
        self.i18n = Some(texts);
        self
    }
}

/// The card of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerCard {
    /// `{"type": "raw", "data": <card JSON 2.0>}`.
    Raw(Value),
    /// `{"type": "template", "data": {template_id, …}}`.
    Template(Value),
}

/// The callback's answer: `{toast?, card?}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    toast: Option<Toast>,
    card: Option<AnswerCard>,
}

impl Answer {
    /// An empty answer (the card stays as it is).
    pub fn new() -> Self {
        Answer::default()
    }

    /// Shows a toast.
    pub fn toast(mut self, toast: Toast) -> Self {
        self.toast = Some(toast);
        self
    }

    /// Replaces the card with a `card!` card (always 2.0).
    pub fn card(mut self, card: &Card) -> Self {
        self.card = Some(AnswerCard::Raw(card.to_value()));
        self
    }

    /// Replaces the card with a template card.
    pub fn template(mut self, template: &TemplateCard) -> Self {
        let v = serde_json::to_value(template).unwrap_or(Value::Null);
        self.card = Some(AnswerCard::Template(v.get("data").cloned().unwrap_or(v)));
        self
    }

    /// Replaces the card with raw card JSON, which must be 2.0: a 2.0 card answered with a 1.0
    /// card shows an error in the user's client (200830), so it is refused here.
    ///
    /// # Errors
    ///
    /// [`CallbackError::V1Answer`] for card JSON without `"schema": "2.0"`.
    pub fn card_json(mut self, card: Value) -> Result<Self, CallbackError> {
        if card.get("schema").and_then(Value::as_str) != Some("2.0") {
            return Err(CallbackError::V1Answer);
        }
        self.card = Some(AnswerCard::Raw(card));
        Ok(self)
    }

    /// The card this answer sets, if any.
    pub fn card_value(&self) -> Option<&AnswerCard> {
        self.card.as_ref()
    }

    /// The response body.
    pub fn to_json(&self) -> Value {
        let mut out = json!({});
        if let Some(t) = &self.toast {
            let kind = match t.kind {
                ToastKind::Info => "info",
                ToastKind::Success => "success",
                ToastKind::Error => "error",
                ToastKind::Warning => "warning",
            };
            out["toast"] = json!({ "type": kind, "content": t.content });
            if let Some(i18n) = &t.i18n {
                out["toast"]["i18n"] = i18n.clone();
            }
        }
        match &self.card {
            Some(AnswerCard::Raw(c)) => out["card"] = json!({ "type": "raw", "data": c }),
            Some(AnswerCard::Template(t)) => out["card"] = json!({ "type": "template", "data": t }),
            None => {}
        }
        out
    }
}
