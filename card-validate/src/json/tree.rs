//! The borrowed JSON tree with byte offsets that the walker reads (built by `super::parser`
//! from text, or borrowed from a `serde_json::Value`).

use std::borrow::Cow;

use serde_json::Value;

use crate::path::Pos;

/// "No position" (a tree borrowed from a `serde_json::Value`).
pub(crate) const NO_POS: u32 = u32::MAX;

/// A JSON value and where it starts in the text.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub(crate) pos: u32,
    pub(crate) v: V<'a>,
}

/// The value itself.
#[derive(Debug, Clone)]
pub(crate) enum V<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Obj<'a>),
}

/// An object member.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    pub(crate) key: Cow<'a, str>,
    pub(crate) key_pos: u32,
    pub(crate) node: Node<'a>,
}

/// An object: members in document order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obj<'a> {
    pub(crate) entries: Vec<Entry<'a>>,
}

impl<'a> Obj<'a> {
    /// The member named `key` (keys are unique: the parser keeps the last of repeated ones).
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| &e.node)
    }
    /// The member named `key` and where it starts.
    pub(crate) fn get_at(&self, key: &str) -> Option<(&Node<'a>, Pos)> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| (&e.node, e.at()))
    }
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_ref())
    }
}

impl<'b, 'a> IntoIterator for &'b Obj<'a> {
    /// Key, value, and where both start.
    type Item = (&'b str, &'b Node<'a>, Pos);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'b, Entry<'a>>,
        fn(&'b Entry<'a>) -> (&'b str, &'b Node<'a>, Pos),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries
            .iter()
            .map(|e| (e.key.as_ref(), &e.node, e.at()))
    }
}

impl Entry<'_> {
    /// Where the key and its value start.
    pub(crate) fn at(&self) -> Pos {
        Pos {
            key: self.key_pos,
            value: self.node.pos,
        }
    }
}

impl std::fmt::Display for Node<'_> {
    /// Short JSON-ish text for messages (strings quoted, containers summarised).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.v {
            V::Null => f.write_str("null"),
            V::Bool(b) => write!(f, "{b}"),
            V::Int(n) => write!(f, "{n}"),
            V::UInt(n) => write!(f, "{n}"),
            V::Float(x) => write!(f, "{x}"),
            V::Str(s) => write!(f, "{s:?}"),
            V::Arr(a) => write!(f, "[…{} items]", a.len()),
            V::Obj(_) => f.write_str("{…}"),
        }
    }
}

impl<'a> Node<'a> {
    /// Where the value starts (an array item has no key).
    pub(crate) fn at(&self) -> Pos {
        Pos {
            key: NO_POS,
            value: self.pos,
        }
    }
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
    pub(crate) fn as_object(&self) -> Option<&Obj<'a>> {
        match &self.v {
            V::Obj(o) => Some(o),
            _ => None,
        }
    }
    pub(crate) fn as_array(&self) -> Option<&[Node<'a>]> {
        match &self.v {
            V::Arr(a) => Some(a),
            _ => None,
        }
    }
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self.v {
            V::Bool(b) => Some(b),
            _ => None,
        }
    }
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self.v {
            V::Int(n) => Some(n),
            V::UInt(n) => i64::try_from(n).ok(),
            _ => None,
        }
    }
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self.v {
            V::Int(n) => Some(n as f64),
            V::UInt(n) => Some(n as f64),
            V::Float(f) => Some(f),
            _ => None,
        }
    }
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.as_object()?.get(key)
    }
    pub(crate) fn is_string(&self) -> bool {
        matches!(self.v, V::Str(_))
    }
    pub(crate) fn is_boolean(&self) -> bool {
        matches!(self.v, V::Bool(_))
    }
    pub(crate) fn is_number(&self) -> bool {
        matches!(self.v, V::Int(_) | V::UInt(_) | V::Float(_))
    }
    /// A JSON integer (as serde_json's `is_i64() || is_u64()`).
    pub(crate) fn is_integer(&self) -> bool {
        matches!(self.v, V::Int(_) | V::UInt(_))
    }
    pub(crate) fn is_null(&self) -> bool {
        matches!(self.v, V::Null)
    }
    pub(crate) fn is_object(&self) -> bool {
        matches!(self.v, V::Obj(_))
    }
    pub(crate) fn is_array(&self) -> bool {
        matches!(self.v, V::Arr(_))
    }

    /// Borrows a tree from a serde_json value (no positions).
    pub(crate) fn from_value(v: &'a Value) -> Node<'a> {
        let v = match v {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => V::Int(i),
                (None, Some(u)) => V::UInt(u),
                _ => V::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => V::Str(Cow::Borrowed(s)),
            Value::Array(a) => V::Arr(a.iter().map(Node::from_value).collect()),
            Value::Object(m) => V::Obj(Obj {
                entries: m
                    .iter()
                    .map(|(k, v)| Entry {
                        key: Cow::Borrowed(k),
                        key_pos: NO_POS,
                        node: Node::from_value(v),
                    })
                    .collect(),
            }),
        };
        Node { pos: NO_POS, v }
    }
}
