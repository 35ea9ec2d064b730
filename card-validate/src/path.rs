//! Where a finding is: the server's ErrPath and a JSON pointer, built from one segment stack;
//! and the ErrPath builders other crates use ([`key`], [`item`]), so their paths are these.

/// One step from the root to a value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seg<'a> {
    /// An object key.
    Key(&'a str),
    /// An array index that is not a component.
    Index(usize),
    /// A component at this index of an element list, with its tag.
    Elem(usize, &'a str),
}

/// Where a segment's key and value start in the text, carried beside the segment so a finding
/// knows its line and column without looking the path up again (byte offsets; [`Pos::NONE`]
/// for a value with no text, such as a `serde_json::Value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    /// The key's offset (objects' members), or none.
    pub(crate) key: u32,
    /// The value's offset.
    pub(crate) value: u32,
}

impl Pos {
    /// No position.
    pub(crate) const NONE: Pos = Pos {
        key: crate::json::NO_POS,
        value: crate::json::NO_POS,
    };

    /// The offset a finding points at: the key for a finding about the key (when there is
    /// one), else the value.
    pub(crate) fn offset(self, at_key: bool) -> Option<usize> {
        let at = if at_key && self.key != crate::json::NO_POS {
            self.key
        } else {
            self.value
        };
        (at != crate::json::NO_POS).then_some(at as usize)
    }
}

/// The ErrPath of the card itself.
pub const ROOT: &str = "ROOT";

/// The ErrPath of member `key` of what `parent` names: `parent -> key` (the preview names the
/// elements it draws with these, so its paths are the validator's).
pub fn key(parent: &str, key: &str) -> String {
    format!("{parent} -> {key}")
}

/// The ErrPath of component `i` (tag `tag`) of the list `parent` names:
/// `parent -> [i](tag: tag)`.
pub fn item(parent: &str, i: usize, tag: &str) -> String {
    format!("{parent} -> [{i}](tag: {tag})")
}

/// Renders the server's ErrPath: `ROOT -> body -> elements -> [2](tag: chart)`.
///
/// The server names components, not keys inside them, so the path stops at the innermost
/// component (or at the root key, such as `header`, when there is none).
pub(crate) fn err_path(segs: &[Seg<'_>]) -> String {
    let last_anchor = segs
        .iter()
        .rposition(|s| matches!(s, Seg::Elem(..)))
        .unwrap_or(0)
        .min(segs.len().saturating_sub(1));
    let mut out = String::with_capacity(96);
    out.push_str("ROOT");
    let mut num = itoa::Buffer::new();
    for seg in segs.iter().take(last_anchor + 1) {
        match seg {
            Seg::Key(k) => {
                out.push_str(" -> ");
                out.push_str(k);
            }
            Seg::Index(_) => {}
            Seg::Elem(i, tag) => {
                out.push_str(" -> [");
                out.push_str(num.format(*i));
                out.push_str("](tag: ");
                out.push_str(tag);
                out.push(')');
            }
        }
    }
    out
}

/// Renders an RFC 6901 JSON pointer.
pub(crate) fn pointer(segs: &[Seg<'_>]) -> String {
    let mut out = String::with_capacity(64);
    let mut num = itoa::Buffer::new();
    for seg in segs {
        out.push('/');
        match seg {
            Seg::Key(k) => push_escaped(&mut out, k),
            Seg::Index(i) | Seg::Elem(i, _) => out.push_str(num.format(*i)),
        }
    }
    out
}

/// Appends `key` with `~` and `/` escaped as RFC 6901 says.
pub(crate) fn push_escaped(out: &mut String, key: &str) {
    if memchr::memchr2(b'~', b'/', key.as_bytes()).is_none() {
        out.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn err_path_stops_at_innermost_component() {
        let segs = [
            Seg::Key("body"),
            Seg::Key("elements"),
            Seg::Elem(0, "column_set"),
            Seg::Key("columns"),
            Seg::Elem(1, "column"),
            Seg::Key("elements"),
            Seg::Elem(0, "img"),
            Seg::Key("img_key"),
        ];
        assert_eq!(
            err_path(&segs),
            "ROOT -> body -> elements -> [0](tag: column_set) -> columns -> [1](tag: column) -> elements -> [0](tag: img)"
        );
        assert_eq!(
            pointer(&segs),
            "/body/elements/0/columns/1/elements/0/img_key"
        );
    }

    #[test]
    fn err_path_without_component_names_the_root_key() {
        assert_eq!(
            err_path(&[Seg::Key("header"), Seg::Key("title")]),
            "ROOT -> header"
        );
        assert_eq!(err_path(&[]), "ROOT");
    }

    #[test]
    fn pointer_escapes() {
        let p = pointer(&[Seg::Key("a/b"), Seg::Key("c~d"), Seg::Index(3)]);
        assert_eq!(p, "/a~1b/c~0d/3");
    }
}
