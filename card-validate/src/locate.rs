//! Finds where a JSON pointer lands in the source text, for line:column in diagnostics.
//!
//! Runs only when there are findings, over text that already parsed, so it can be a small scanner
//! rather than a second parser.

use crate::path::push_escaped;

/// Byte offsets for many pointers in one pass over `text`: for each pointer, the offset of its key
/// (when it names an object member) and of its value.
///
/// The wanted pointers are sorted, so those below any node form one contiguous run. At each
/// container the scan takes the child tokens from that run once, then compares each key in the
/// text against them; unwanted siblings are skipped with `memchr`. Its cost is at most one pass
/// over the text however many findings there are.
pub(crate) fn locate_all(text: &str, pointers: &[&str]) -> Vec<Option<(Option<usize>, usize)>> {
    let mut wanted: Vec<&str> = pointers.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found: Vec<Option<(Option<usize>, usize)>> = vec![None; wanted.len()];
    let start = skip_ws(text.as_bytes(), 0);
    let _ = scan(text, start, None, 0, &wanted, 0, &mut found);
    pointers
        .iter()
        .map(|p| wanted.binary_search(p).ok().and_then(|i| found[i]))
        .collect()
}

/// Scans the value at `i`. `run` holds the wanted pointers at or below it (`run[k]` is
/// `wanted[base + k]`), all sharing its pointer of length `depth`. Returns the value's end.
fn scan(
    text: &str,
    i: usize,
    key_at: Option<usize>,
    depth: usize,
    run: &[&str],
    base: usize,
    found: &mut [Option<(Option<usize>, usize)>],
) -> Option<usize> {
    let b = text.as_bytes();
    let mut below = 0;
    if run.first().is_some_and(|w| w.len() == depth) {
        found[base] = Some((key_at, i));
        below = 1;
    }
    if below == run.len() {
        return skip_value(b, i);
    }
    // Child tokens, each with its sub-run (sorted input keeps equal tokens together).
    let mut children: Vec<(&str, usize, usize)> = Vec::new();
    for (k, w) in run.iter().enumerate().skip(below) {
        let rest = &w[depth + 1..];
        let token = &rest[..rest.find('/').unwrap_or(rest.len())];
        match children.last_mut() {
            Some((t, _, end)) if *t == token => *end = k + 1,
            _ => children.push((token, k, k + 1)),
        }
    }
    match *b.get(i)? {
        b'{' => {
            let mut j = skip_ws(b, i + 1);
            while j < b.len() && b[j] != b'}' {
                let k_start = j;
                let k_end = skip_string(b, j)?;
                let raw = &text[k_start + 1..k_end - 1];
                j = skip_ws(b, k_end);
                j = skip_ws(b, j + 1); // the ':'
                let child = children.iter().find(|(t, _, _)| key_matches(raw, t));
                let end = match child {
                    Some(&(t, from, to)) => scan(
                        text,
                        j,
                        Some(k_start),
                        depth + 1 + t.len(),
                        &run[from..to],
                        base + from,
                        found,
                    )?,
                    None => skip_value(b, j)?,
                };
                j = skip_ws(b, end);
                if j < b.len() && b[j] == b',' {
                    j = skip_ws(b, j + 1);
                }
            }
            Some(j + 1)
        }
        b'[' => {
            let mut j = skip_ws(b, i + 1);
            let mut n = 0usize;
            let mut num = itoa::Buffer::new();
            while j < b.len() && b[j] != b']' {
                let idx = num.format(n);
                let end = match children.iter().find(|(t, _, _)| *t == idx) {
                    Some(&(t, from, to)) => scan(
                        text,
                        j,
                        None,
                        depth + 1 + t.len(),
                        &run[from..to],
                        base + from,
                        found,
                    )?,
                    None => skip_value(b, j)?,
                };
                j = skip_ws(b, end);
                if j < b.len() && b[j] == b',' {
                    j = skip_ws(b, j + 1);
                }
                n += 1;
            }
            Some(j + 1)
        }
        _ => skip_value(b, i),
    }
}

/// Whether a raw (JSON-escaped) key equals a pointer token (RFC 6901-escaped).
fn key_matches(raw: &str, token: &str) -> bool {
    let raw_plain = !raw.contains('\\');
    let token_plain = !token.contains('~');
    if raw_plain && token_plain {
        return raw == token;
    }
    let key: String = if raw_plain {
        raw.to_owned()
    } else {
        match serde_json::from_str(&format!("\"{raw}\"")) {
            Ok(k) => k,
            Err(_) => return false,
        }
    };
    let mut escaped = String::with_capacity(key.len());
    push_escaped(&mut escaped, &key);
    escaped == token
}

/// 1-based line and column for many offsets, in one pass over the text.
pub(crate) fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut line, mut line_start, mut scanned) = (1usize, 0usize, 0usize);
    for i in order {
        let at = offsets[i].min(text.len());
        let seg = &text.as_bytes()[scanned..at];
        line += memchr::memchr_iter(b'\n', seg).count();
        if let Some(k) = memchr::memrchr(b'\n', seg) {
            line_start = scanned + k + 1;
        }
        scanned = at;
        out[i] = (line, text[line_start..at].chars().count() + 1);
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
#[cfg(test)]
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
    loop {
        i += memchr::memchr2(b'"', b'\\', &b[i..])?;
        if b[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

/// End (exclusive) of the value starting at `i`. The text already parsed, so brackets balance:
/// skipping a `{…}` only needs to count braces outside strings (likewise `[…]`).
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    let (open, close) = match *b.get(i)? {
        b'"' => return skip_string(b, i),
        b'{' => (b'{', b'}'),
        b'[' => (b'[', b']'),
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            return Some(j);
        }
    };
    let mut depth = 0usize;
    let mut j = i;
    loop {
        j += memchr::memchr3(b'"', open, close, &b[j..])?;
        match b[j] {
            b'"' => {
                j = skip_string(b, j)?;
                continue;
            }
            c if c == open => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
        }
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_values_and_keys_in_one_pass() {
        let text =
            "{\n  \"a\": [1, {\"b\\u0020c\": \"x\"}],\n  \"d\": {\"e\": true, \"f/g\": [2]}\n}";
        let got = locate_all(
            text,
            &["/a/1/b c", "/d/e", "", "/zz", "/d/f~1g/0", "/a/1/b c"],
        );
        let (_, at) = got[0].unwrap();
        assert_eq!(&text[at..at + 3], "\"x\"");
        assert_eq!(line_col(text, at), (2, 25));
        let (key, _) = got[1].unwrap();
        assert_eq!(&text[key.unwrap()..key.unwrap() + 3], "\"e\"");
        assert_eq!(got[2], Some((None, 0)));
        assert_eq!(got[3], None);
        let (_, at) = got[4].unwrap();
        assert_eq!(&text[at..at + 1], "2");
        assert_eq!(got[5], got[0]);
    }
}
