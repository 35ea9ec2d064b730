//! Typed action dispatch: one handler per [`CardAction`] type, chosen by the name the card's
//! `<callback action={…}/>` carries. The type a button is given and the type its handler takes
//! are the same Rust type, so a mismatch does not compile (as teloxide's dptree and
//! slack-morphism's action routing key handlers by type). A value that does not decode, or names
//! no handler, is answered with a plain toast — never a Rust path — and logged for the developer.
//!
//! ```
//! use card_callback::{Actions, Answer, Toast};
//! use card_dsl::CardAction;
//!
//! #[derive(serde::Serialize, serde::Deserialize, CardAction)]
//! enum Decision { Approve { request: u64 }, Reject { request: u64 } }
//!
//! #[derive(serde::Serialize, serde::Deserialize, CardAction)]
//! struct SendNote;
//!
//! #[derive(serde::Deserialize)]
//! struct Note { note: String }
//!
//! let actions = Actions::new()
//!     .on(|d: Decision, _event| async move {
//!         match d {
//!             Decision::Approve { request } => Answer::new().toast(Toast::success(format!("#{request} approved"))),
//!             Decision::Reject { request } => Answer::new().toast(Toast::info(format!("#{request} rejected"))),
//!         }
//!     })
//!     .on_form(|_: SendNote, form: Note, _event| async move {
//!         Answer::new().toast(Toast::success(format!("note: {}", form.note)))
//!     });
//! // `card_callback::router(verifier, actions.handler())`, or the long connection's `run`.
//! # let _ = actions;
//! ```

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use card_dsl::{CardAction, action_name};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::claim::Outcome;
use crate::{Answer, CardActionEvent, Toast};

/// The future a dispatch returns: the handler's answer, or its error as text (the event is then
/// released for a redelivery).
pub type Dispatched = Pin<Box<dyn Future<Output = Result<Answer, String>> + Send>>;

type Route = Arc<dyn Fn(CardActionEvent) -> Result<Dispatched, Failure> + Send + Sync>;
type Fallback = Arc<dyn Fn(CardActionEvent) -> Dispatched + Send + Sync>;
type OnFailure = Arc<dyn Fn(&Failure, &CardActionEvent) -> Answer + Send + Sync>;

/// Why an action reached no handler. Its `Display` is for developers (it names the Rust type);
/// the user sees [`Failure::toast`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// The value names no registered action (a card sent by an older version of the bot, or a
    /// raw `value` with no `otherwise` handler).
    Unknown {
        /// The name the value carried, if any.
        name: Option<String>,
    },
    /// The value names an action whose data does not decode into its type.
    Undecodable {
        /// The action's name.
        action: &'static str,
        /// `value` or `form_value`.
        what: &'static str,
        /// The Rust type (for the log, never for the user).
        rust_type: &'static str,
        /// serde's message.
        message: String,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Unknown { name: Some(n) } => {
                write!(f, "card action {n:?} has no handler")
            }
            Failure::Unknown { name: None } => {
                write!(
                    f,
                    "a raw callback value (no card action) and no `otherwise` handler"
                )
            }
            Failure::Undecodable {
                action,
                what,
                rust_type,
                message,
            } => write!(
                f,
                "card action {action:?}: {what} does not decode into {rust_type}: {message}"
            ),
        }
    }
}

impl Failure {
    /// The toast a user sees for this failure: plain words in Chinese and English.
    pub fn toast(&self) -> Toast {
        let (zh, en) = match self {
            Failure::Unknown { .. } => (
                "这个按钮已失效，请刷新卡片后重试",
                "This button is out of date. Refresh the card and try again.",
            ),
            Failure::Undecodable { .. } => (
                "无法处理这个操作，请稍后重试",
                "This action could not be handled. Please try again later.",
            ),
        };
        Toast::error(en).i18n(json!({ "zh_cn": zh, "en_us": en }))
    }
}

/// Handlers keyed by action type. Build it once, then serve it with
/// `router(verifier, actions.handler())` or the long connection's `run`.
#[derive(Clone, Default)]
pub struct Actions {
    routes: HashMap<&'static str, Route>,
    otherwise: Option<Fallback>,
    on_failure: Option<OnFailure>,
}

impl fmt::Debug for Actions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<_> = self.routes.keys().collect();
        names.sort();
        f.debug_struct("Actions")
            .field("actions", &names)
            .field("otherwise", &self.otherwise.is_some())
            .finish()
    }
}

impl Actions {
    /// No handlers yet.
    pub fn new() -> Self {
        Actions::default()
    }

    /// Handles action `A`: the card's `<callback action={A::…}/>` comes back here, decoded.
    ///
    /// # Panics
    ///
    /// When `A`'s name already has a handler (two types named alike, or one registered twice):
    /// a mistake in the bot's set-up, found when it starts.
    pub fn on<A, H, F, R>(self, handler: H) -> Self
    where
        A: CardAction + Send + 'static,
        H: Fn(A, CardActionEvent) -> F + Send + Sync + 'static,
        F: Future<Output = R> + Send + 'static,
        R: Outcome + 'static,
    {
        self.route::<A>(Arc::new(move |event: CardActionEvent| {
            let action = decode::<A>(&event)?;
            let fut = handler(action, event);
            Ok(Box::pin(async move { fut.await.into_answer() }) as Dispatched)
        }))
    }

    /// Handles a form submitted with action `A` on its submit button, with the form's values
    /// decoded into `T` (keyed by the controls' `name`s).
    ///
    /// # Panics
    ///
    /// As [`Actions::on`].
    pub fn on_form<A, T, H, F, R>(self, handler: H) -> Self
    where
        A: CardAction + Send + 'static,
        T: DeserializeOwned + Send + 'static,
        H: Fn(A, T, CardActionEvent) -> F + Send + Sync + 'static,
        F: Future<Output = R> + Send + 'static,
        R: Outcome + 'static,
    {
        self.route::<A>(Arc::new(move |event: CardActionEvent| {
            let action = decode::<A>(&event)?;
            let form = event
                .action
                .form_as::<T>()
                .map_err(|e| Failure::Undecodable {
                    action: A::NAME,
                    what: "form_value",
                    rust_type: std::any::type_name::<T>(),
                    message: match e {
                        crate::CallbackError::Value { message, .. } => message,
                        other => other.to_string(),
                    },
                })?;
            let fut = handler(action, form, event);
            Ok(Box::pin(async move { fut.await.into_answer() }) as Dispatched)
        }))
    }

    /// Handles what no typed handler takes: raw `value`s (`<callback value={…}/>`), selections,
    /// inputs. Without it those get the [`Failure::Unknown`] toast.
    pub fn otherwise<H, F, R>(mut self, handler: H) -> Self
    where
        H: Fn(CardActionEvent) -> F + Send + Sync + 'static,
        F: Future<Output = R> + Send + 'static,
        R: Outcome + 'static,
    {
        self.otherwise = Some(Arc::new(move |event| {
            let fut = handler(event);
            Box::pin(async move { fut.await.into_answer() })
        }));
        self
    }

    /// The answer for an action that reached no handler (default: [`Failure::toast`]). The
    /// failure is logged either way.
    pub fn on_failure(
        mut self,
        answer: impl Fn(&Failure, &CardActionEvent) -> Answer + Send + Sync + 'static,
    ) -> Self {
        self.on_failure = Some(Arc::new(answer));
        self
    }

    /// The names with a handler, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self.routes.keys().copied().collect();
        names.sort_unstable();
        names
    }

    /// Runs the handler `event` is for.
    pub fn dispatch(&self, event: CardActionEvent) -> Dispatched {
        let name = action_name(&event.action.value).map(str::to_owned);
        let route = name.as_deref().and_then(|n| self.routes.get(n));
        let failure = match (route, &self.otherwise) {
            (Some(route), _) => match route(event.clone()) {
                Ok(run) => return run,
                Err(f) => f,
            },
            (None, Some(otherwise)) => return otherwise(event),
            (None, None) => Failure::Unknown { name },
        };
        tracing::warn!(
            event_id = %event.header.event_id,
            failure = %failure,
            "card action not handled"
        );
        let answer = match &self.on_failure {
            Some(f) => f(&failure, &event),
            None => Answer::new().toast(failure.toast()),
        };
        Box::pin(async move { Ok(answer) })
    }

    /// A handler for `router` and the long connection.
    pub fn handler(self) -> impl Fn(CardActionEvent) -> Dispatched + Clone + Send + Sync + 'static {
        let actions = Arc::new(self);
        move |event| actions.dispatch(event)
    }

    fn route<A: CardAction>(mut self, route: Route) -> Self {
        if self.routes.insert(A::NAME, route).is_some() {
            panic!(
                "card action {:?} has two handlers (the second is for {}): give one type \
                 another name with #[card_action(name = \"…\")]",
                A::NAME,
                std::any::type_name::<A>()
            );
        }
        self
    }
}

/// `A` from the event's value: a routed event names `A`, so only its data can fail.
fn decode<A: CardAction>(event: &CardActionEvent) -> Result<A, Failure> {
    match A::decode(&event.action.value) {
        Some(Ok(a)) => Ok(a),
        Some(Err(e)) => Err(Failure::Undecodable {
            action: A::NAME,
            what: "value",
            rust_type: std::any::type_name::<A>(),
            message: e.to_string(),
        }),
        None => Err(Failure::Unknown {
            name: action_name(&event.action.value).map(str::to_owned),
        }),
    }
}

#[cfg(test)]
mod tests;
