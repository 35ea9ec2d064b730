//! Where a finding is: the server's ErrPath and a JSON pointer, built from one segment stack.

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
