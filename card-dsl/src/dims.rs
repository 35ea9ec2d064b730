//! Parsing helpers for dimension strings (used by the generated types).

/// `"<n>px"` → n.
pub fn px(s: &str) -> Option<i64> {
    s.strip_suffix("px")?.parse().ok()
}

/// `"<n>%"` → n, for n in 1..=100.
pub fn percent(s: &str) -> Option<u8> {
    s.strip_suffix('%')?
        .parse()
        .ok()
        .filter(|n| (1..=100).contains(n))
}

/// `"<w>px <h>px"` → (w, h).
pub fn pair(s: &str) -> Option<(i64, i64)> {
    let (w, h) = s.split_once(' ')?;
    Some((px(w)?, px(h)?))
}
