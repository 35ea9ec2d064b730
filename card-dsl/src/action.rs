//! Card actions: a bot's own type written once for a button's value and the handler that
//! receives it. `#[derive(CardAction)]` names the type; `<callback action={…}/>` in `card!` (or
//! [`Behavior::action`]) puts a value of it on a button, and `card_callback::Actions` routes a
//! click to the handler registered for that type. A card that gives a handler the wrong type,
//! or a value that is not an action, does not compile.
//!
//! On the wire the callback `value` is `{"card_action": NAME, "data": <the value as JSON>}`:
//! an object (the callback page asks for one), and the name routes it.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{Behavior, BehaviorType};

/// The key of a callback value that names its action.
pub const ACTION_KEY: &str = "card_action";
/// The key of a callback value that holds the action's data.
pub const DATA_KEY: &str = "data";

/// A type whose values are put on buttons and come back in their callbacks. Derive it:
/// `#[derive(Serialize, Deserialize, CardAction)]`, with `#[card_action(name = "…")]` to choose
/// the name (the type's name in snake_case by default). Names are unique among one bot's actions.
///
/// ```
/// use card_dsl::CardAction;
///
/// #[derive(serde::Serialize, serde::Deserialize, CardAction)]
/// #[serde(tag = "decision", rename_all = "snake_case")]
/// enum Decision { Approve { request: u64 }, Reject { request: u64 } }
///
/// let card = card_dsl::card! {
///     <card><button><text>"Approve"</text>
///         <behaviors><callback action={Decision::Approve { request: 7 }}/></behaviors>
///     </button></card>
/// };
/// let value = &card.to_value()["body"]["elements"][0]["behaviors"][0]["value"];
/// assert_eq!(value["card_action"], "decision");
/// assert!(matches!(Decision::decode(value), Some(Ok(Decision::Approve { request: 7 }))));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a card action",
    label = "a button's `action` and a handler's first argument must be a type that derives `CardAction`",
    note = "add `#[derive(serde::Serialize, serde::Deserialize, card_dsl::CardAction)]` to the type (a `{{…}}` gives the value itself, not a reference); for free JSON use `value={{…}}`"
)]
pub trait CardAction: Serialize + DeserializeOwned {
    /// The name that routes this type's values to its handler.
    const NAME: &'static str;

    /// The callback value for this action: `{"card_action": NAME, "data": …}`.
    fn to_callback_value(&self) -> Value {
        let mut out = Map::new();
        out.insert(ACTION_KEY.into(), Value::String(Self::NAME.into()));
        // A value serde cannot write as JSON (a map with non-string keys) becomes `null`, which
        // the handler reports as undecodable, rather than a panic.
        let data = serde_json::to_value(self).unwrap_or(Value::Null);
        if !data.is_null() {
            out.insert(DATA_KEY.into(), data);
        }
        Value::Object(out)
    }

    /// This action from a callback value: `None` when the value names another action (or none),
    /// else the decoded data or serde's error.
    fn decode(value: &Value) -> Option<Result<Self, serde_json::Error>> {
        if action_name(value)? != Self::NAME {
            return None;
        }
        let data = value.get(DATA_KEY).unwrap_or(&Value::Null);
        Some(Self::deserialize(data))
    }
}

/// The action a callback value names, if it was made by [`CardAction::to_callback_value`].
pub fn action_name(value: &Value) -> Option<&str> {
    value.get(ACTION_KEY)?.as_str()
}

impl Behavior {
    /// A `callback` behavior carrying a typed action.
    pub fn action<A: CardAction>(action: &A) -> Behavior {
        Behavior::new(BehaviorType::Callback).value(action.to_callback_value())
    }
}
