//! `card-preview card.json [-o card.html] [--png card.png] [--dark] [--mobile] [--locale en_us] [--open]`: a
//! card as an HTML page, and as a picture through the system's headless Chromium.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use card_preview::{Options, Theme, render_str};
use clap::Parser;

/// See a Feishu/Lark card before sending it: one HTML page, with the validator's findings.
#[derive(Debug, Parser)]
#[command(name = "card-preview", version)]
struct Args {
    /// The card JSON (2.0, or 1.0 upgraded first); `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    file: String,
    /// Write the page here (default: standard output).
    #[arg(short, long)]
    output: Option<String>,
    /// The dark client's colours.
    #[arg(long)]
    dark: bool,
    /// Drawn as on a phone (its width, the mobile text sizes, 1:1 charts).
    #[arg(long)]
    mobile: bool,
    /// The reader's locale (`en_us`, `ja_jp`…): `i18n_*` text for it is shown.
    #[arg(long, value_name = "LOCALE")]
    locale: Option<String>,
    /// Also write a PNG of the page (headless Chromium), e.g. for a pull request.
    #[arg(long, value_name = "FILE")]
    png: Option<String>,
    /// The Chromium binary for `--png` (default: $CHROMIUM, else `chromium`).
    #[arg(long, value_name = "PATH")]
    chromium: Option<String>,
    /// Open the page with the system's browser (`xdg-open` / `open`) after writing it.
    #[arg(long, requires = "output")]
    open: bool,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let text = if args.file == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
            eprintln!("error: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
        s
    } else {
        match std::fs::read_to_string(&args.file) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", args.file);
                return ExitCode::from(2);
            }
        }
    };
    let theme = if args.dark { Theme::Dark } else { Theme::Light };
    let page = match render_str(
        &text,
        Options {
            theme,
            locale: args.locale.clone(),
            mobile: args.mobile,
        },
    ) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "error: {}: not JSON at line {}, column {}: {e}",
                args.file,
                e.line(),
                e.column()
            );
            return ExitCode::from(1);
        }
    };
    if let Some(png) = &args.png {
        let chromium = args
            .chromium
            .clone()
            .or_else(|| std::env::var("CHROMIUM").ok())
            .unwrap_or_else(|| "chromium".into());
        if let Err(e) = card_preview::picture(&page, std::path::Path::new(png), &chromium) {
            eprintln!("error: cannot write {png}: {e}");
            return ExitCode::from(2);
        }
        if args.output.is_none() {
            return ExitCode::SUCCESS;
        }
    }
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, page) {
                eprintln!("error: cannot write {path}: {e}");
                return ExitCode::from(2);
            }
            if args.open {
                let opener = if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                };
                if let Err(e) = std::process::Command::new(opener).arg(path).status() {
                    eprintln!("warning: cannot open {path} with {opener}: {e}");
                }
            }
        }
        None => print!("{page}"),
    }
    ExitCode::SUCCESS
}
