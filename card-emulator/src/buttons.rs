//! Clicking a card as a user would, by what the card says: a button by its `element_id`, a form
//! by its `name` with the values typed in. The action sent is taken from the card as it was sent
//! (the button's callback value; the form's submit button and its inputs' names), so a test never
//! digs a value out of the card's JSON by index, and a test of a card that changed fails at the
//! name it looks for, with a did-you-mean.

use serde_json::{Map, Value, json};

use super::Emulator;
use super::callbacks::Click;

/// Where the click's callback goes.
#[derive(Debug, Clone, Copy)]
pub enum Via<'a> {
    /// The bot's callback URL (signed as the platform signs).
    Url(&'a str),
    /// The app's long connection.
    LongConnection,
}

/// Every object in `v` (depth first), with the components of a form under it.
fn objects<'v>(v: &'v Value, out: &mut Vec<&'v Map<String, Value>>) {
    match v {
        Value::Object(m) => {
            out.push(m);
            m.values().for_each(|x| objects(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| objects(x, out)),
        _ => {}
    }
}

fn named<'v>(
    card: &'v Value,
    key: &str,
    want: &str,
    tag: Option<&str>,
) -> Result<&'v Map<String, Value>, String> {
    let mut all = Vec::new();
    objects(card, &mut all);
    let candidates: Vec<&Map<String, Value>> = all
        .into_iter()
        .filter(|m| tag.is_none_or(|t| m.get("tag").and_then(Value::as_str) == Some(t)))
        .filter(|m| m.get(key).and_then(Value::as_str).is_some())
        .collect();
    if let Some(found) = candidates
        .iter()
        .find(|m| m.get(key).and_then(Value::as_str) == Some(want))
    {
        return Ok(found);
    }
    let names: Vec<&str> = candidates
        .iter()
        .filter_map(|m| m.get(key).and_then(Value::as_str))
        .collect();
    let what = tag.unwrap_or("component");
    Err(match card_validate::suggest(want, names.iter().copied()) {
        Some(near) => format!("the card has no {what} with {key} {want:?}; did you mean {near:?}?"),
        None => format!("the card has no {what} with {key} {want:?}; it has {names:?}"),
    })
}

/// A button's callback value: its first `callback` behavior's, or a 1.0-style `value`.
fn callback_value(button: &Map<String, Value>) -> Value {
    button
        .get("behaviors")
        .and_then(Value::as_array)
        .and_then(|b| {
            b.iter()
                .find(|x| x.get("type").and_then(Value::as_str) == Some("callback"))
        })
        .and_then(|b| b.get("value"))
        .or_else(|| button.get("value"))
        .cloned()
        .unwrap_or_else(|| json!({}))
}

impl Emulator {
    fn sent_card(&self, message: &str) -> Result<Value, String> {
        self.message(message)
            .and_then(|m| m.content_json())
            .ok_or_else(|| format!("no card message {message}"))
    }

    /// The action a click on the component `element_id` of `message`'s card sends:
    /// `{"tag": …, "value": …}` with the button's callback value.
    ///
    /// # Errors
    ///
    /// No such message, or no component with that `element_id` (with a did-you-mean).
    pub fn button_action(&self, message: &str, element_id: &str) -> Result<Value, String> {
        let card = self.sent_card(message)?;
        let button = named(&card, "element_id", element_id, None)?;
        Ok(json!({
            "tag": button.get("tag").cloned().unwrap_or_else(|| json!("button")),
            "value": callback_value(button),
        }))
    }

    /// The action submitting form `form` of `message`'s card sends, with `values` typed into its
    /// inputs (by their `name`): `{"tag": "button", "name": <submit button>, "form_value": …,
    /// "value": …}`.
    ///
    /// # Errors
    ///
    /// No such message or form, a form without a submit button, or a value for a field the form
    /// does not have (with a did-you-mean).
    pub fn form_action(&self, message: &str, form: &str, values: Value) -> Result<Value, String> {
        let card = self.sent_card(message)?;
        let form_obj = named(&card, "name", form, Some("form"))?;
        let form_value = Value::Object(form_obj.clone());
        let mut inside = Vec::new();
        objects(&form_value, &mut inside);
        let submit = inside
            .iter()
            .find(|m| m.get("form_action_type").and_then(Value::as_str) == Some("submit"))
            .ok_or_else(|| format!("form {form:?} has no submit button"))?;
        let fields: Vec<&str> = inside
            .iter()
            .filter(|m| m.get("tag").and_then(Value::as_str) != Some("button"))
            .filter(|m| m.get("tag").and_then(Value::as_str) != Some("form"))
            .filter_map(|m| m.get("name").and_then(Value::as_str))
            .collect();
        if let Value::Object(v) = &values {
            for key in v.keys() {
                if !fields.contains(&key.as_str()) {
                    return Err(match card_validate::suggest(key, fields.iter().copied()) {
                        Some(near) => {
                            format!("form {form:?} has no field {key:?}; did you mean {near:?}?")
                        }
                        None => {
                            format!("form {form:?} has no field {key:?}; its fields: {fields:?}")
                        }
                    });
                }
            }
        }
        Ok(json!({
            "tag": "button",
            "name": submit.get("name").cloned().unwrap_or(Value::Null),
            "form_value": values,
            "value": callback_value(submit),
        }))
    }

    /// `operator` clicks the component `element_id` of `message`'s card
    /// ([`Emulator::button_action`]); the callback goes `via` a URL or the long connection.
    ///
    /// # Errors
    ///
    /// As [`Emulator::button_action`]; a click that reached the bot is `Ok`, whatever it answered.
    pub async fn click_button(
        &self,
        message: &str,
        element_id: &str,
        operator: &str,
        via: Via<'_>,
    ) -> Result<Click, String> {
        let action = self.button_action(message, element_id)?;
        Ok(self.click_via(message, action, operator, via).await)
    }

    /// `operator` fills in form `form` of `message`'s card with `values` and submits it
    /// ([`Emulator::form_action`]).
    ///
    /// # Errors
    ///
    /// As [`Emulator::form_action`].
    pub async fn submit_form(
        &self,
        message: &str,
        form: &str,
        values: Value,
        operator: &str,
        via: Via<'_>,
    ) -> Result<Click, String> {
        let action = self.form_action(message, form, values)?;
        Ok(self.click_via(message, action, operator, via).await)
    }

    async fn click_via(&self, message: &str, action: Value, operator: &str, via: Via<'_>) -> Click {
        match via {
            Via::Url(url) => self.click(message, action, operator, url).await,
            Via::LongConnection => self.click_connected(message, action, operator).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> Value {
        json!({"schema": "2.0", "body": {"elements": [
            {"tag": "column_set", "columns": [{"tag": "column", "elements": [
                {"tag": "button", "element_id": "approve", "behaviors": [{"type": "callback", "value": {"d": "approve"}}]}
            ]}]},
            {"tag": "form", "name": "comment", "elements": [
                {"tag": "input", "name": "note"},
                {"tag": "button", "name": "send", "form_action_type": "submit"}
            ]}
        ]}})
    }

    #[test]
    fn buttons_and_forms_are_found_by_name_with_a_did_you_mean() {
        let c = card();
        assert_eq!(
            callback_value(named(&c, "element_id", "approve", None).unwrap()),
            json!({"d": "approve"})
        );
        let e = named(&c, "element_id", "aprove", None).unwrap_err();
        assert!(e.contains("did you mean \"approve\"?"), "{e}");
        assert!(named(&c, "name", "comment", Some("form")).is_ok());
        let e = named(&c, "name", "comments", Some("form")).unwrap_err();
        assert!(e.contains("did you mean \"comment\"?"), "{e}");
    }
}
