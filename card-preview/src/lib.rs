//! See a Feishu/Lark card before sending it: [`render`] turns card JSON 2.0 (or a 1.0 card,
//! upgraded first) into one self-contained HTML page drawn close to the client — header
//! templates, column sets with their weights, the markdown subset, tables with paging, form
//! controls drawn disabled, charts as SVG drawn from their data, images and people as
//! labelled placeholders — in light or dark, at
//! the client's width for the card's `width_mode`. The validator's findings are listed beside
//! the card, each linked to the element it names. Every component renders something: a tag the
//! renderer does not draw is shown as a labelled box, never dropped.
#![forbid(unsafe_code)]

mod code;
mod component;
mod custom;
mod datetime;
mod drawn;
mod emoji;
mod facts;
mod header;
mod html;
mod inline;
mod locale;
mod markdown;
mod page;
mod picture;
mod style;

pub use page::{Options, Theme, render, render_card, render_str};
pub use picture::{PictureError, picture};

/// A user id shortened for display (`ou_1234567…`): the preview has no directory of names.
pub(crate) fn short(id: &str) -> String {
    let head: String = id.chars().take(10).collect();
    if head.len() < id.len() {
        format!("{head}…")
    } else {
        head
    }
}
