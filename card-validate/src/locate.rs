//! Finds where a JSON pointer lands in the source text, for line:column in diagnostics.
//!
//! Runs only when there are findings, over text that already parsed, so it can be a small scanner
//! rather than a second parser.

/// Byte offset of the value (or of its key, when `at_key`) that `pointer` names.
pub(crate) fn locate(text: &str, pointer: &str, at_key: bool) -> Option<usize> {
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    let tokens: Vec<String> = crate::path::pointer_tokens(pointer).collect();
    let mut key_pos = None;
    for tok in &tokens {
        match *b.get(pos)? {
            b'{' => {
                let (k, v) = find_key(text, pos, tok)?;
                key_pos = Some(k);
                pos = v;
            }
            b'[' => {
                let idx: usize = tok.parse().ok()?;
                pos = find_index(b, pos, idx)?;
                key_pos = None;
            }
            _ => return None,
        }
    }
    Some(if at_key { key_pos.unwrap_or(pos) } else { pos })
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// End (exclusive) of the string starting at `i` (which is `"`).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// End (exclusive) of the value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// In the object at `i`, the (key offset, value offset) of `key`; the last one wins, as in serde_json.
fn find_key(text: &str, i: usize, key: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut j = skip_ws(b, i + 1);
    let mut found = None;
    while j < b.len() && b[j] != b'}' {
        let k_start = j;
        let k_end = skip_string(b, j)?;
        let raw = &text[k_start + 1..k_end - 1];
        let matches = if raw.contains('\\') {
            serde_json::from_str::<String>(&text[k_start..k_end]).is_ok_and(|k| k == key)
        } else {
            raw == key
        };
        j = skip_ws(b, k_end);
        j = skip_ws(b, j + 1); // the ':'
        if matches {
            found = Some((k_start, j));
        }
        j = skip_ws(b, skip_value(b, j)?);
        if j < b.len() && b[j] == b',' {
            j = skip_ws(b, j + 1);
        }
    }
    found
}

fn find_index(b: &[u8], i: usize, idx: usize) -> Option<usize> {
    let mut j = skip_ws(b, i + 1);
    let mut n = 0;
    while j < b.len() && b[j] != b']' {
        if n == idx {
            return Some(j);
        }
        j = skip_ws(b, skip_value(b, j)?);
        if j < b.len() && b[j] == b',' {
            j = skip_ws(b, j + 1);
        }
        n += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_values_and_keys() {
        let text = "{\n  \"a\": [1, {\"b\\u0020c\": \"x\"}],\n  \"d\": {\"e\": true}\n}";
        let at = locate(text, "/a/1/b c", false).unwrap();
        assert_eq!(&text[at..at + 3], "\"x\"");
        assert_eq!(line_col(text, at), (2, 25));
        let k = locate(text, "/d/e", true).unwrap();
        assert_eq!(&text[k..k + 3], "\"e\"");
        assert_eq!(locate(text, "", false), Some(0));
        assert_eq!(locate(text, "/zz", false), None);
    }
}
