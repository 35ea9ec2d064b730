//! A direct JSON writer for the model, used by [`crate::Card::to_content`].
//!
//! The output is byte for byte what `serde_json::to_string` gives (tested over the corpus), but
//! keys are written as the static text they are, and string values take a fast path when they
//! need no escaping. Building a card and writing it is then several times cheaper than `json!`.

use std::collections::BTreeMap;

thread_local! {
    /// Set while [`typed_only`] writes: the structs leave out the keys they keep in `extra`.
    static TYPED_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the structs write their `extra` keys (always, except inside [`typed_only`]).
#[doc(hidden)]
pub fn writing_extra() -> bool {
    !TYPED_ONLY.with(std::cell::Cell::get)
}

/// Runs `write` with the `extra` keys of every struct left out, so what it writes is what the
/// typed fields alone hold.
pub(crate) fn typed_only<R>(write: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            TYPED_ONLY.with(|t| t.set(self.0));
        }
    }
    let _reset = Reset(TYPED_ONLY.with(|t| t.replace(true)));
    write()
}

/// Writes a value as compact JSON, exactly as serde_json would.
#[doc(hidden)]
pub trait WriteJson {
    /// Appends the JSON text.
    fn write_json(&self, out: &mut String);
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub fn write_str(s: &str, out: &mut String) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xF) as usize] as char);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl WriteJson for i64 {
    fn write_json(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl WriteJson for serde_json::Value {
    fn write_json(&self, out: &mut String) {
        // Opaque JSON (callback values, chart specs, table rows): serde_json writes it.
        out.push_str(&serde_json::to_string(self).expect("a Value always serializes"));
    }
}

impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: WriteJson> WriteJson for BTreeMap<String, T> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(k, out);
            out.push(':');
            v.write_json(out);
        }
        out.push('}');
    }
}

impl WriteJson for serde_json::Map<String, serde_json::Value> {
    fn write_json(&self, out: &mut String) {
        out.push_str(&serde_json::to_string(self).expect("a Map always serializes"));
    }
}

impl WriteJson for crate::Num {
    fn write_json(&self, out: &mut String) {
        match self {
            crate::Num::Int(n) => n.write_json(out),
            crate::Num::Float(_) => {
                out.push_str(&serde_json::to_string(self).expect("a number serializes"))
            }
        }
    }
}

impl WriteJson for crate::UpdateMulti {
    fn write_json(&self, out: &mut String) {
        out.push_str("true");
    }
}

macro_rules! via_as_str {
    ($($t:ty),*) => {$(
        impl WriteJson for $t {
            fn write_json(&self, out: &mut String) {
                write_str(self.as_str(), out);
            }
        }
    )*};
}

via_as_str!(
    crate::ImgKey,
    crate::FileKey,
    crate::OpenId,
    crate::UserId,
    crate::ElementId,
    crate::Color,
    crate::Lengths
);
