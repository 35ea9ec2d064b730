//! Renders the example cards (card-validate's `examples/cards`, the quickstart's kind of cards)
//! into `target/card-preview/*.html`, light and dark, and prints where they are.
//!
//! `cargo run -p card-preview --example preview_cards`

use std::path::Path;

use card_preview::{Options, Theme, render_str};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("../target/card-preview");
    std::fs::create_dir_all(&out)?;
    let mut files: Vec<_> = std::fs::read_dir(root.join("../card-validate/examples/cards"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        let stem = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for (theme, suffix) in [(Theme::Light, ""), (Theme::Dark, "-dark")] {
            let page = render_str(
                &text,
                Options {
                    theme,
                    ..Options::default()
                },
            )?;
            let path = out.join(format!("{stem}{suffix}.html"));
            std::fs::write(&path, page)?;
            println!("{}", path.display());
        }
    }
    Ok(())
}
