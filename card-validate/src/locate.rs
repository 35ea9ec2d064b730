//! Line and column of byte offsets, for diagnostics.
//!
//! Offsets come from the parsed tree ([`crate::json`]); this turns them into lines and columns.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_in_characters() {
        let text = "{\n  \"é\": [1,\n  2]}";
        let at = text.find('2').unwrap();
        let first = text.find('1').unwrap();
        assert_eq!(line_cols(text, &[at, first, 0]), [(3, 3), (2, 9), (1, 1)]);
    }
}
