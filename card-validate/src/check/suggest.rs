//! "Did you mean" suggestions, shared with the `card!` macro (`card_validate::suggest`).

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// The distance is optimal string alignment (strsim's `osa_distance`): a swap of two adjacent
/// letters (`tpye` → `type`) costs one edit, as a typo does.
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let len = word.chars().count();
    let limit = (len / 3).max(1);
    candidates
        // The distance is at least the length difference: skip those that cannot be close.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_only() {
        let tags = ["markdown", "button", "column_set"];
        assert_eq!(closest("markdwn", tags.iter().copied()), Some("markdown"));
        assert_eq!(closest("buton", tags.iter().copied()), Some("button"));
        assert_eq!(closest("chart", tags.iter().copied()), None);
    }

    #[test]
    fn swapped_letters_are_one_edit() {
        let keys = ["type", "tag", "text"];
        assert_eq!(closest("tpye", keys.iter().copied()), Some("type"));
        assert_eq!(closest("tga", keys.iter().copied()), Some("tag"));
    }

    #[test]
    fn longer_words_allow_more_edits() {
        // Ten letters allow three edits (a third of the length), so two are found…
        assert_eq!(
            closest("colmn_sett", ["column_set"].into_iter()),
            Some("column_set")
        );
        // …and four letters allow one.
        assert_eq!(closest("texx", ["text"].into_iter()), Some("text"));
        assert_eq!(closest("tapx", ["text"].into_iter()), None);
    }
}
