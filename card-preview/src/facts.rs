//! What the preview reads from the spec's attribute tables rather than repeating: documented
//! integer ranges and defaults (a table's `page_size`), and list limits (a table's 50 columns,
//! a header's three tags).

use card_validate::spec::{self, Attr, Ty};

/// A component's attribute, from the spec.
fn attr(tag: &str, name: &str) -> Option<&'static Attr> {
    spec::component(tag)?.attr(name)
}

/// An integer attribute's value in `v`, its documented default when missing, kept in its
/// documented range.
pub(crate) fn int(a: Option<&'static Attr>, v: Option<i64>) -> Option<i64> {
    let a = a?;
    let Ty::Int(lo, hi) = a.ty else { return None };
    let value = v.or_else(|| a.default?.parse().ok())?;
    Some(value.clamp(lo, hi))
}

/// How many items of a list attribute the client shows.
pub(crate) fn shown(a: Option<&'static Attr>) -> usize {
    match a.map(|a| a.ty) {
        Some(Ty::Arr(_, Some(max))) => max,
        _ => usize::MAX,
    }
}

/// A component's integer attribute, as [`int`].
pub(crate) fn component_int(tag: &str, name: &str, v: Option<i64>) -> Option<i64> {
    int(attr(tag, name), v)
}

/// A component's list limit, as [`shown`].
pub(crate) fn component_shown(tag: &str, name: &str) -> usize {
    shown(attr(tag, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_defaults_and_limits_come_from_the_spec() {
        assert_eq!(component_int("table", "page_size", None), Some(5));
        assert_eq!(component_int("table", "page_size", Some(40)), Some(10));
        assert_eq!(component_int("table", "page_size", Some(0)), Some(1));
        assert_eq!(component_shown("table", "columns"), 50);
        assert_eq!(shown(spec::HEADER.attr("text_tag_list")), 3);
        assert_eq!(component_int("input", "rows", None), Some(5));
    }
}
