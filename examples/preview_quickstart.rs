//! Draws the quickstart's cards with card-preview — the answer card as it starts, half way and
//! answered, the streaming card, and the card pre-flight refuses, with its findings — into
//! `target/card-preview/quickstart-*.html` (light and dark), and prints where they are.
//!
//! `cargo run -p card-dsl-examples --features preview --example preview_quickstart`

use std::path::Path;
use std::process::ExitCode;

use card_dsl::Card;
use card_preview::{Options, Theme, render_card};

mod common;
use common::cards::{ANSWER, BAD_CARD, answer_card, streaming_card};

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let words: Vec<&str> = ANSWER.split_whitespace().collect();
    let cards: Vec<(&str, Card)> = vec![
        ("answer-start", answer_card(&words, 0, false)),
        ("answer-half", answer_card(&words, words.len() / 2, false)),
        ("answer-done", answer_card(&words, words.len(), true)),
        ("streaming", streaming_card()),
        ("refused", Card::from_json(BAD_CARD)?),
    ];
    let out = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()?
        .join("target/card-preview");
    std::fs::create_dir_all(&out)?;
    for (name, card) in &cards {
        for (theme, suffix) in [(Theme::Light, ""), (Theme::Dark, "-dark")] {
            let path = out.join(format!("quickstart-{name}{suffix}.html"));
            std::fs::write(
                &path,
                render_card(
                    card,
                    Options {
                        theme,
                        ..Options::default()
                    },
                )?,
            )?;
            println!("{}", path.display());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit_code(run())
}
