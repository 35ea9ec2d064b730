//! Some properties of one component, for a partial update (CardKit's `PATCH …/elements/:id`
//! and a batch's `partial_update_element`): built from a typed component, or property by
//! property, or from JSON. Element calls take the same typed inputs: `impl Into<Element>` to add
//! or replace, `impl Into<ElementPatch>` to patch.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::Element;

/// Properties to change on one component; the rest stay as they are.
///
/// ```
/// use card_dsl::{Button, ElementPatch};
///
/// // From a typed component: every property it sets (not its tag or element_id).
/// let p = ElementPatch::from(Button::new().disabled(true));
/// assert_eq!(p.to_value(), serde_json::json!({"disabled": true}));
/// // Property by property, or from JSON.
/// let p = ElementPatch::new().set("content", "done").set("text_size", "heading");
/// assert_eq!(p, ElementPatch::from(serde_json::json!({"content": "done", "text_size": "heading"})));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ElementPatch(Value);

impl ElementPatch {
    /// No properties yet.
    pub fn new() -> Self {
        ElementPatch(Value::Object(Map::new()))
    }

    /// Sets property `key` (a value serde cannot write as JSON becomes `null`).
    pub fn set(mut self, key: impl Into<String>, value: impl Serialize) -> Self {
        let v = serde_json::to_value(value).unwrap_or(Value::Null);
        if !self.0.is_object() {
            self.0 = Value::Object(Map::new());
        }
        if let Value::Object(m) = &mut self.0 {
            m.insert(key.into(), v);
        }
        self
    }

    /// Every property `element` sets, except its `tag` and `element_id` (a patch cannot change
    /// either; the element keeps its own).
    pub fn from_element(element: impl Into<Element>) -> Self {
        let mut v = serde_json::to_value(element.into()).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.remove("tag");
            m.remove("element_id");
        }
        ElementPatch(v)
    }

    /// The `tag` the patch names, if any (a changed tag is refused: 300312).
    pub fn tag(&self) -> Option<&str> {
        self.0.get("tag").and_then(Value::as_str)
    }

    /// Whether the patch is a JSON object (anything else is not a set of properties).
    pub fn is_object(&self) -> bool {
        self.0.is_object()
    }

    /// The properties as JSON.
    pub fn to_value(&self) -> Value {
        self.0.clone()
    }

    /// The properties as JSON, by reference.
    pub fn as_value(&self) -> &Value {
        &self.0
    }
}

impl From<Value> for ElementPatch {
    fn from(v: Value) -> Self {
        ElementPatch(v)
    }
}

impl From<Map<String, Value>> for ElementPatch {
    fn from(m: Map<String, Value>) -> Self {
        ElementPatch(Value::Object(m))
    }
}

impl From<Element> for ElementPatch {
    fn from(e: Element) -> Self {
        ElementPatch::from_element(e)
    }
}

impl From<&Element> for ElementPatch {
    fn from(e: &Element) -> Self {
        ElementPatch::from_element(e.clone())
    }
}

impl From<&Element> for Element {
    fn from(e: &Element) -> Self {
        e.clone()
    }
}

impl Serialize for ElementPatch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
