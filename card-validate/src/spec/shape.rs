//! Shapes of keys and ids that the docs fix, shared by the validator and the typed model's newtypes.

/// An uploaded image key (`img_v2_…`, `img_v3_…`, legacy `img_…`); anything else is 200570.
pub fn is_img_key(s: &str) -> bool {
    s.len() > 4 && s.starts_with("img_") && is_key_chars(s)
}

/// An uploaded file key (`file_v3_…`).
pub fn is_file_key(s: &str) -> bool {
    s.len() > 5 && s.starts_with("file_") && is_key_chars(s)
}

/// An open_id (`ou_…`).
pub fn is_open_id(s: &str) -> bool {
    s.len() > 3 && s.starts_with("ou_")
}

/// `^[A-Za-z][A-Za-z0-9_]{0,19}$`.
pub fn is_element_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 20
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

fn is_key_chars(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// An absolute URL with a scheme cards accept: `http://`, `https://` or a `lark://` app link.
pub fn is_card_url(s: &str) -> bool {
    // Compare bytes: slicing the str at a scheme's length could split a multi-byte character.
    ["http://", "https://", "lark://"]
        .iter()
        .any(|p| s.len() > p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}
