//! Helpers shared by the workspace tests.

use serde_json::Value;

/// The original with `config.update_multi: true` added, as the model always writes it.
pub fn with_update_multi(original: &Value) -> Value {
    let mut v = original.clone();
    let config = v
        .as_object_mut()
        .unwrap()
        .entry("config")
        .or_insert_with(|| Value::Object(Default::default()));
    config
        .as_object_mut()
        .unwrap()
        .insert("update_multi".into(), Value::Bool(true));
    v
}
