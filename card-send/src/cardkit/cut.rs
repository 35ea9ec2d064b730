//! Where a card of a streamed answer ends: the room of one card counted on the bytes sent
//! (JSON-escaped), its table budget, and a cut at a paragraph break outside any code fence.

use card_dsl::Card;

use crate::platform;

/// Bytes one card of this template holds for the text, as sent (JSON-escaped): the 30 KB card
/// less the template and a margin for the element's own keys.
pub(super) fn room(template: &Card) -> usize {
    let margin = template.to_content().len() + 1024;
    platform::CARD_MAX_BYTES.saturating_sub(margin)
}

/// Markdown tables the text may hold beside the template's own (5 a card; at least 1, so the
/// text always makes progress).
pub(super) fn table_room(template: &Card) -> usize {
    let own = card_validate::tables_in_card(&template.to_value());
    platform::MAX_TABLES.saturating_sub(own).max(1)
}

/// The longest prefix of `text` one card takes: at most `room` bytes once JSON-escaped, at most
/// 100,000 characters, and no table past the first `tables` (it ends before that table's header
/// row). Returns the prefix's length in bytes.
pub(super) fn fits(text: &str, room: usize, tables: usize) -> usize {
    let mut end = text.len();
    if let Some(&over) = card_validate::table_starts(text).get(tables) {
        end = over;
    }
    let mut bytes = 0;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if i >= end {
            break;
        }
        bytes += escaped_len(c);
        if bytes > room || n >= platform::MAX_STREAM_CONTENT {
            end = i;
            break;
        }
    }
    end
}

/// The bytes `c` takes inside a JSON string.
pub(super) fn escaped_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
        c if (c as u32) < 0x20 => 6,
        c => c.len_utf8(),
    }
}

/// Where to end a card's text of at most `room` bytes: the last paragraph break (a blank line)
/// before `room` outside any code fence, else the last line break outside a fence, else `room`
/// (on a character boundary).
pub(super) fn split_point(text: &str, room: usize) -> usize {
    let mut limit = room.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &text[..limit];
    let outside_fence = |at: usize| head[..at].matches("```").count().is_multiple_of(2);
    let para = head
        .rmatch_indices("\n\n")
        .map(|(i, _)| i + 2)
        .find(|&i| outside_fence(i));
    let line = || {
        head.rmatch_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| outside_fence(i))
    };
    para.or_else(line).filter(|&i| i > 0).unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::{escaped_len, fits, split_point, table_room};

    #[test]
    fn a_card_ends_at_a_paragraph_break_outside_a_code_fence() {
        let text = "one\n\ntwo\n\n```\ncode\n\nmore code\n```\n\nthree";
        // Room ends inside the fence: the cut goes before it.
        let cut = split_point(text, 20);
        assert_eq!(&text[..cut], "one\n\ntwo\n\n");
        // Room past the fence: the cut goes after it.
        let cut = split_point(text, text.len() - 2);
        assert_eq!(
            &text[..cut],
            "one\n\ntwo\n\n```\ncode\n\nmore code\n```\n\n"
        );
        // No break at all: cut at the room, on a character boundary.
        assert_eq!(split_point("ééééé", 3), 2);
    }

    /// The room is counted on the bytes sent: a quote or a newline takes two.
    #[test]
    fn a_card_holds_its_room_in_escaped_bytes() {
        let json = "\"key\": \"value\",\n".repeat(2600);
        let end = fits(&json, 29_000, 5);
        let sent = serde_json::to_string(&json[..end]).unwrap().len() - 2;
        assert!(sent <= 29_000 && sent > 28_900, "{sent}");
        assert_eq!(escaped_len('é'), 2);
        assert_eq!(escaped_len('\u{1}'), 6);
    }

    /// A card takes its tables' budget and ends before the header of the next.
    #[test]
    fn a_card_ends_before_the_table_over_its_budget() {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |\n\n";
        let text = format!("intro\n\n{}", table.repeat(12));
        let end = fits(&text, 29_000, 5);
        assert_eq!(card_validate::table_starts(&text[..end]).len(), 5);
        assert_eq!(&text[end..end + 9], "| a | b |");
        assert_eq!(split_point(&text, end), end);
    }

    /// A template's own tables, native or in markdown, come off the text's budget.
    #[test]
    fn the_templates_tables_come_off_the_budget() {
        let plain = card_dsl::card! { <card><markdown element_id="a">"…"</markdown></card> };
        assert_eq!(table_room(&plain), 5);
        let with_one = card_dsl::card! {
            <card>
                <markdown>"| a |\n|---|\n| 1 |"</markdown>
                <markdown element_id="a">"…"</markdown>
            </card>
        };
        assert_eq!(table_room(&with_one), 4);
    }
}
