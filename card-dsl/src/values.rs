//! Value types the generated model uses: keys and ids whose shape matters, colors, lengths,
//! spacing, numbers, i18n maps, and the `update_multi` marker.

use std::collections::BTreeMap;
use std::fmt;

use card_validate::spec::shape;
use serde::{Deserialize, Serialize};

/// `{locale: T}` for `i18n_*` attributes (`zh_cn`, `en_us`, …). Sorted, so output is deterministic.
pub type I18n<T> = BTreeMap<String, T>;

/// A string that does not have the shape the docs fix for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// What was expected.
    pub expected: &'static str,
    /// The value given.
    pub value: String,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}", self.value, self.expected)
    }
}

impl std::error::Error for ShapeError {}

/// A value that is not one of an enumerated attribute's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    attribute: &'static str,
    value: String,
    detail: String,
}

impl UnknownValue {
    #[doc(hidden)]
    pub fn new(attribute: &'static str, value: &str, allowed: &[&str]) -> Self {
        UnknownValue {
            attribute,
            value: value.to_owned(),
            detail: format!("allowed: {}", allowed.join(", ")),
        }
    }
    #[doc(hidden)]
    pub fn removed(attribute: &'static str, value: &str, instead: &str) -> Self {
        UnknownValue {
            attribute,
            value: value.to_owned(),
            detail: instead.to_owned(),
        }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a valid {} ({})",
            self.value, self.attribute, self.detail
        )
    }
}

impl std::error::Error for UnknownValue {}

macro_rules! shaped_string {
    ($(#[$doc:meta])* $name:ident, $check:expr, $expected:literal) => {
        $(#[$doc])*
        ///
        /// Deserialization keeps any string (the validator reports a bad one with the server's
        /// code); [`new`](Self::new) checks the shape.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks the shape.
            ///
            /// # Errors
            ///
            /// [`ShapeError`] when the value does not have the shape the docs fix.
            pub fn new(value: impl Into<String>) -> Result<Self, ShapeError> {
                let value = value.into();
                if ($check)(value.as_str()) {
                    Ok(Self(value))
                } else {
                    Err(ShapeError { expected: $expected, value })
                }
            }
            /// Skips the check (for values known to be right, such as literals the `card!` macro checked).
            pub fn new_unchecked(value: impl Into<String>) -> Self {
                Self(value.into())
            }
            /// The string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ShapeError;
            fn try_from(value: &str) -> Result<Self, ShapeError> {
                Self::new(value)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

shaped_string!(
    /// An uploaded image key (`img_v3_…`), from `POST /open-apis/im/v1/images`. Anything else is 200570.
    ImgKey,
    shape::is_img_key,
    "an uploaded image key (img_v3_…)"
);
shaped_string!(
    /// An uploaded file key (`file_v3_…`), for audio.
    FileKey,
    shape::is_file_key,
    "an uploaded file key (file_v3_…)"
);
shaped_string!(
    /// An open_id (`ou_…`): the only id user pickers accept (else 100290).
    OpenId,
    shape::is_open_id,
    "an open_id (ou_…)"
);
shaped_string!(
    /// An open_id, union_id or user_id (non-empty; the user_id shape is the tenant's).
    UserId,
    |s: &str| !s.trim().is_empty(),
    "a non-empty user id"
);
shaped_string!(
    /// `^[A-Za-z][A-Za-z0-9_]{0,19}$`, unique in the card (else 300301).
    ElementId,
    shape::is_element_id,
    "an element_id: letters, digits and `_`, starting with a letter, at most 20 characters"
);

impl From<OpenId> for UserId {
    fn from(id: OpenId) -> Self {
        UserId(id.0)
    }
}

/// A color: a color enum value (`blue`, `grey-600`, …), `default` where allowed, or the name of a
/// custom color declared in `config.style.color`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Color(String);

impl Color {
    /// A color by name.
    pub fn new(name: impl Into<String>) -> Self {
        Color(name.into())
    }
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Color {
    fn from(s: &str) -> Self {
        Color(s.to_owned())
    }
}

impl From<String> for Color {
    fn from(s: String) -> Self {
        Color(s)
    }
}

/// `margin` / `padding`: 1, 2 or 4 lengths in CSS order (`"8px"`, `"4px 12px"`, `"4px 12px 4px 12px"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Lengths(String);

impl Lengths {
    /// The same length on every side.
    pub fn all(px: i64) -> Self {
        Lengths(format!("{px}px"))
    }
    /// Vertical, horizontal.
    pub fn vh(vertical: i64, horizontal: i64) -> Self {
        Lengths(format!("{vertical}px {horizontal}px"))
    }
    /// Top, right, bottom, left.
    pub fn trbl(top: i64, right: i64, bottom: i64, left: i64) -> Self {
        Lengths(format!("{top}px {right}px {bottom}px {left}px"))
    }
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Lengths {
    fn from(s: &str) -> Self {
        Lengths(s.to_owned())
    }
}

/// A JSON number that keeps integers integers (`70` stays `70`, not `70.0`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Num {
    /// An integer.
    Int(i64),
    /// Any other number.
    Float(f64),
}

impl From<i64> for Num {
    fn from(n: i64) -> Self {
        Num::Int(n)
    }
}
impl From<i32> for Num {
    fn from(n: i32) -> Self {
        Num::Int(n.into())
    }
}
impl From<u32> for Num {
    fn from(n: u32) -> Self {
        Num::Int(n.into())
    }
}
impl From<f64> for Num {
    fn from(n: f64) -> Self {
        Num::Float(n)
    }
}

/// `config.update_multi`, which 2.0 only accepts as `true` (a shared card; PATCH needs it before
/// and after an update). It has one value, so a card can never carry `false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UpdateMulti;

impl Serialize for UpdateMulti {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for UpdateMulti {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if bool::deserialize(d)? {
            Ok(UpdateMulti)
        } else {
            Err(serde::de::Error::custom(
                "config.update_multi: false is not supported in card JSON 2.0 (the server answers 300302); cards are always shared",
            ))
        }
    }
}
