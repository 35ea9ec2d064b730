//! Markdown content: image keys in `![](…)`, tables that count toward the card's limit.

use crate::json::Obj;

use super::Checker;
use crate::path::Seg;
use crate::rules;
use crate::spec::shape::is_img_key;

impl<'a> Checker<'a> {
    pub(super) fn markdown_rule(&mut self, m: &'a Obj<'a>) {
        if let Some((content, at)) = m.get_at("content")
            && let Some(content) = content.as_str()
        {
            self.with(Seg::Key("content"), at, |c| c.markdown_text(content, ""));
        }
        if let Some((i18n, at)) = m.get_at("i18n_content")
            && let Some(i18n) = i18n.as_object()
        {
            self.with(Seg::Key("i18n_content"), at, |c| {
                for (loc, v, at) in i18n {
                    if let Some(text) = v.as_str() {
                        c.with(Seg::Key(loc), at, |c| c.markdown_text(text, loc));
                    }
                }
            });
        }
    }

    /// Checks one markdown text; `locale` is "" for the default `content`.
    pub(super) fn markdown_text(&mut self, text: &'a str, locale: &'a str) {
        for key in image_targets(text) {
            if !is_img_key(key) {
                self.report(
                    &rules::IMAGE_KEY,
                    format!("image key {key:?} in markdown `![…](…)` is not an uploaded image key"),
                    Some("markdown images take an image_key from POST /open-apis/im/v1/images (card_send: `Client::upload_image`), not a URL or a path".to_owned()),
                );
            }
        }
        if text.contains("]($") {
            self.report(
                &rules::MARKDOWN_ADVICE,
                "`[text]($urlVal)` differentiated links were removed in 2.0".to_owned(),
                None,
            );
        }
        let n = count_tables(text);
        match self.md_tables.iter_mut().find(|(l, _)| *l == locale) {
            Some((_, count)) => *count += n,
            None => self.md_tables.push((locale, n)),
        }
        if n > 4 {
            self.report(
                &rules::MARKDOWN_ADVICE,
                format!("a markdown component holds {n} tables; the docs allow at most 4"),
                None,
            );
        }
    }
}

/// The targets of `![alt](target)` images.
pub(crate) fn image_targets(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("![").filter_map(move |(i, _)| {
        let rest = &text[i + 2..];
        let close = rest.find("](")?;
        let after = &rest[close + 2..];
        let end = after.find(')')?;
        Some(after[..end].trim())
    })
}

/// Counts GFM tables: a row containing `|` followed by a delimiter row (`|---|:--:|`).
pub(crate) fn count_tables(text: &str) -> usize {
    table_starts(text).len()
}

/// Where each GFM table of a markdown text starts (the byte offset of its header row), as the
/// table limit counts them: a row containing `|` followed by a delimiter row (`|---|:--:|`).
pub fn table_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if !text.contains('|') {
        return starts;
    }
    let mut prev: Option<usize> = None;
    let mut in_table = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let delim = is_delimiter_row(t);
        if delim
            && !in_table
            && let Some(header) = prev
        {
            starts.push(header);
            in_table = true;
        } else if !t.contains('|') {
            in_table = false;
        }
        prev = (t.contains('|') && !delim).then_some(at);
        at += line.len();
    }
    starts
}

/// The tables of a card as the table limit counts them: `table` components and the GFM tables
/// of its markdown contents (`card` a card's JSON value).
pub fn tables_in_card(card: &serde_json::Value) -> usize {
    use serde_json::Value;
    match card {
        Value::Object(m) => {
            let own = match m.get("tag").and_then(Value::as_str) {
                Some("table") => 1,
                Some("markdown") => m
                    .get("content")
                    .and_then(Value::as_str)
                    .map_or(0, count_tables),
                _ => 0,
            };
            own + m.values().map(tables_in_card).sum::<usize>()
        }
        Value::Array(a) => a.iter().map(tables_in_card).sum(),
        _ => 0,
    }
}

fn is_delimiter_row(t: &str) -> bool {
    // Without a pipe a row of dashes is a rule or a heading's underline, not a table's.
    t.contains('|')
        && t.trim_matches('|').split('|').map(str::trim).all(|c| {
            let c = c.trim_start_matches(':').trim_end_matches(':');
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_images_and_tables() {
        let md = "a ![x](img_v3_ok) b ![y](https://e.com/p.png)\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\ntext\n\n|c|\n|-|\n";
        let targets: Vec<_> = image_targets(md).collect();
        assert_eq!(targets, ["img_v3_ok", "https://e.com/p.png"]);
        assert_eq!(count_tables(md), 2);
        assert_eq!(count_tables("no tables | here\nplain"), 0);
        assert_eq!(count_tables("a\n---\nb"), 0);
        let card = serde_json::json!({"body": {"elements": [
            {"tag": "table", "columns": []},
            {"tag": "markdown", "content": md}
        ]}});
        assert_eq!(tables_in_card(&card), 3);
        let two = "x\n| a |\n|---|\n\n| b |\n|---|\n";
        assert_eq!(table_starts(two), [2, 15]);
    }

    #[test]
    fn table_counting_edges() {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |\n";
        // Rows with pipes right after a table's rows are the same table.
        assert_eq!(count_tables(&format!("{table}| 3 | 4 |\n")), 1);
        // A line without pipes ends it; the next header and delimiter start another.
        assert_eq!(count_tables(&format!("{table}\ntext\n{table}")), 2);
        // Back to back, with no line between, a delimiter under a row of the first table is
        // still one table.
        assert_eq!(count_tables(&format!("{table}|---|---|\n")), 1);
        // A delimiter row needs a header row with a pipe above it.
        assert_eq!(count_tables("text\n|---|---|\n"), 0);
        assert_eq!(count_tables("| a |\n|---|\n"), 1);
        // Delimiter rows: dashes with optional colons, in pipe-separated cells.
        assert!(is_delimiter_row("|---|:--:|--:|"));
        assert!(is_delimiter_row("---|---"));
        assert!(is_delimiter_row("|-|"));
        assert!(!is_delimiter_row("---"), "a rule, not a table row");
        assert!(!is_delimiter_row("|---| a |"));
        assert!(!is_delimiter_row("|:-:|::|"));
        assert!(!is_delimiter_row("||"));
        assert!(!is_delimiter_row("| |"));
    }
}
