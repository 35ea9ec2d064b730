//! The `card.action.trigger` event (schema 2.0), as the callback page documents it; unknown
//! keys are ignored, missing optional ones are `None`.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::CallbackError;

/// A click, a selection, a form submission … on a card.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CardActionEvent {
    /// The envelope: event id, type, app, tenant.
    pub header: EventHeader,
    /// Who acted.
    pub operator: Operator,
    /// The callback token: for the delayed update (30 minutes, 2 uses).
    pub token: String,
    /// What was done.
    pub action: Action,
    /// Where the card is shown (`im_message`, …).
    pub host: Option<String>,
    /// The message and chat the card is in.
    pub context: Context,
}

/// The schema 2.0 envelope.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct EventHeader {
    /// Unique per callback (replays repeat it).
    pub event_id: String,
    /// The app's verification token.
    #[serde(default)]
    pub token: String,
    /// Microseconds since the epoch, as a string.
    #[serde(default)]
    pub create_time: String,
    /// `card.action.trigger`.
    pub event_type: String,
    /// The tenant.
    #[serde(default)]
    pub tenant_key: String,
    /// The app.
    #[serde(default)]
    pub app_id: String,
}

/// The user who acted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct Operator {
    /// Their tenant.
    #[serde(default)]
    pub tenant_key: String,
    /// Their user_id (with the permission to read it).
    pub user_id: Option<String>,
    /// Their open_id in this app.
    #[serde(default)]
    pub open_id: String,
    /// Their union_id.
    pub union_id: Option<String>,
}

/// What the user did, with the component's data.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[non_exhaustive]
pub struct Action {
    /// The component's `tag` (`button`, `select_static`, …).
    #[serde(default)]
    pub tag: String,
    /// The callback behavior's `value` (any JSON; see [`Action::value_as`]).
    #[serde(default)]
    pub value: Value,
    /// The component's `name` (form submissions name the submit button).
    pub name: Option<String>,
    /// A form's values by control `name` (see [`Action::form_as`]).
    pub form_value: Option<serde_json::Map<String, Value>>,
    /// An input's text.
    pub input_value: Option<String>,
    /// A single selection.
    pub option: Option<String>,
    /// A multiple selection.
    pub options: Option<Vec<String>>,
    /// A checker's state.
    pub checked: Option<bool>,
    /// The user's time zone.
    pub timezone: Option<String>,
}

/// Where the card is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct Context {
    /// The message (`om_…`).
    pub open_message_id: Option<String>,
    /// The chat (`oc_…`).
    pub open_chat_id: Option<String>,
    /// For link previews.
    pub url: Option<String>,
}

impl Action {
    /// The callback value as your own type (the one the card's behavior was given).
    ///
    /// # Errors
    ///
    /// [`CallbackError::Value`] when the value does not decode into `T`, with serde's message.
    pub fn value_as<T: DeserializeOwned>(&self) -> Result<T, CallbackError> {
        T::deserialize(&self.value).map_err(|e| CallbackError::Value {
            what: "value",
            ty: std::any::type_name::<T>(),
            message: e.to_string(),
        })
    }

    /// A form's submission as your own type, keyed by the controls' `name`s.
    ///
    /// # Errors
    ///
    /// [`CallbackError::Value`] when there is no form value or it does not decode into `T`.
    pub fn form_as<T: DeserializeOwned>(&self) -> Result<T, CallbackError> {
        let form = self
            .form_value
            .as_ref()
            .ok_or_else(|| CallbackError::Value {
                what: "form_value",
                ty: std::any::type_name::<T>(),
                message: "this action is not a form submission (no form_value)".into(),
            })?;
        T::deserialize(&Value::Object(form.clone())).map_err(|e| CallbackError::Value {
            what: "form_value",
            ty: std::any::type_name::<T>(),
            message: e.to_string(),
        })
    }
}

/// `{schema, header, event: {operator, token, action, host, context}}`.
#[derive(Deserialize)]
struct Envelope {
    header: EventHeader,
    event: Body,
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    operator: Operator,
    #[serde(default)]
    token: String,
    #[serde(default)]
    action: Action,
    host: Option<String>,
    #[serde(default)]
    context: Context,
}

/// Reads a `card.action.trigger` event from its JSON.
///
/// # Errors
///
/// [`CallbackError::Shape`] naming the field when the JSON does not have the documented shape.
pub(crate) fn card_action(v: &Value) -> Result<CardActionEvent, CallbackError> {
    let e = Envelope::deserialize(v).map_err(|e| CallbackError::Shape(e.to_string()))?;
    Ok(CardActionEvent {
        header: e.header,
        operator: e.event.operator,
        token: e.event.token,
        action: e.event.action,
        host: e.event.host,
        context: e.event.context,
    })
}
