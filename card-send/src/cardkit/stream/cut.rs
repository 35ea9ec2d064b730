//! Where a card of a streamed answer ends: the room of one card counted on the bytes sent
//! (JSON-escaped), its table budget, and a cut at a paragraph break outside any code fence — or,
//! in a code block longer than the room, at a line inside it, the fence closed at the end of the
//! card and opened again (same info string) at the top of the next.

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

/// Bytes a fence closed at a cut takes, escaped (`\n```\n`), kept free in every card.
pub(super) const CLOSE_ROOM: usize = 8;

/// Where a card's text ends, and the fence to open again in the next card when the cut is inside
/// a code block (its opening line, e.g. "```rust").
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Cut {
    pub(super) at: usize,
    pub(super) reopen: Option<String>,
}

impl Cut {
    /// The text the card ends with after `text[..at]`: the fence's close when cut inside one.
    pub(super) fn close(&self, text: &str) -> &'static str {
        match (&self.reopen, text[..self.at].ends_with('\n')) {
            (None, _) => "",
            (Some(_), true) => "```\n",
            (Some(_), false) => "\n```\n",
        }
    }
}

/// Where to end a card's text of at most `room` bytes, after `min` (the fence reopened at its
/// top): the last paragraph break outside any code fence when it keeps at least half the room,
/// else the latest line break (outside a fence, or inside one, closed and reopened), else `room`
/// on a character boundary.
pub(super) fn split_point(text: &str, room: usize, min: usize) -> Cut {
    let mut limit = room.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &text[..limit];
    // The fence open at each point (its opening line), and the best cut of each kind.
    let mut fence: Option<&str> = None;
    let (mut para, mut line, mut inside) = (None, None, None::<(usize, &str)>);
    let mut pos = 0;
    for l in head.split_inclusive('\n') {
        pos += l.len();
        if !l.ends_with('\n') {
            break;
        }
        let opens = fence.is_none() && l.trim_start().starts_with("```");
        if l.trim_start().starts_with("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(l.trim_end()),
            };
        }
        // Not right after an opening fence: that card would end with an empty block.
        if pos <= min || opens {
            continue;
        }
        match fence {
            None if l.trim().is_empty() => (para, line) = (Some(pos), Some(pos)),
            None => line = Some(pos),
            Some(open) => inside = Some((pos, open)),
        }
    }
    let outside = |at: usize| Cut { at, reopen: None };
    if let Some(at) = para.filter(|&p| p * 2 >= limit) {
        return outside(at);
    }
    let latest_inside = inside.filter(|(i, _)| line.is_none_or(|l| *i > l));
    if let Some((at, open)) = latest_inside {
        return Cut {
            at,
            reopen: Some(open.to_owned()),
        };
    }
    if let Some(at) = line {
        return outside(at);
    }
    // One line longer than the room: cut inside it (closing the fence it is in).
    Cut {
        at: limit.max(min + 1).min(text.len()),
        reopen: fence.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::{Cut, escaped_len, fits, split_point, table_room};

    fn at(text: &str, room: usize) -> &str {
        &text[..split_point(text, room, 0).at]
    }

    #[test]
    fn a_card_ends_at_a_paragraph_break_outside_a_code_fence() {
        let text = "one\n\ntwo\n\n```\ncode\n\nmore code\n```\n\nthree";
        // Room ends inside the fence, past half the room's paragraph: the cut goes before it.
        assert_eq!(at(text, 20), "one\n\ntwo\n\n");
        // Room past the fence: the cut goes after it.
        assert_eq!(
            at(text, text.len() - 2),
            "one\n\ntwo\n\n```\ncode\n\nmore code\n```\n\n"
        );
        // No break at all: cut at the room, on a character boundary.
        assert_eq!(
            split_point("ééééé", 3, 0),
            Cut {
                at: 2,
                reopen: None
            }
        );
    }

    /// A code block longer than the room is cut at a line inside it; the fence is closed at the
    /// cut and its opening line (with the language) is given to reopen the next card.
    #[test]
    fn a_code_block_longer_than_the_room_is_closed_and_reopened() {
        let text = format!("intro\n\n```rust\n{}```\n", "let x = 1;\n".repeat(100));
        let cut = split_point(&text, 200, 0);
        assert_eq!(cut.reopen.as_deref(), Some("```rust"));
        assert!(
            text[..cut.at].ends_with("let x = 1;\n"),
            "{:?}",
            &text[..cut.at]
        );
        assert!(cut.at > 180, "{}", cut.at);
        assert_eq!(cut.close(&text), "```\n");
        // The next card starts with the reopened fence: it is not cut again right after it.
        let next = format!("```rust\n{}", &text[cut.at..]);
        let again = split_point(&next, 200, "```rust\n".len());
        assert!(again.at > "```rust\n".len() + 100);
        // A single line longer than the room inside a fence: cut in the line, closed on a line
        // of its own.
        let long = format!("```\n{}", "x".repeat(500));
        let cut = split_point(&long, 100, 0);
        assert_eq!((cut.at, cut.reopen.as_deref()), (100, Some("```")));
        assert_eq!(cut.close(&long), "\n```\n");
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
        assert_eq!(split_point(&text, end, 0).at, end);
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
