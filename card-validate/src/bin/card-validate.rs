//! `card-validate`: check Feishu/Lark card JSON (and text/post/chat_button bodies) offline;
//! `card-validate upgrade` turns a 1.0 card into 2.0; `card-validate to-markup` prints `card!`
//! markup for a card.
//!
//! Exit status: 0 no errors (warnings allowed), 1 any error (for `upgrade`: a part that could
//! not be converted), 2 usage or I/O error.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

use card_validate::{
    Diagnostic, Options, PayloadKind, Severity, render_human, validate_payload_str_with,
};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-like text with the offending lines.
    Human,
    /// One JSON array of findings.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    /// Card content (send / PATCH): 2.0, 1.0, template, card entity.
    Card,
    /// Text message content for the edit API.
    Text,
    /// Post (rich text) content for the edit API.
    Post,
    /// The chat_button request body.
    ChatButton,
}

/// Check Feishu/Lark card JSON offline and predict the server's verdict (code, sub-code, ErrPath).
#[derive(Debug, Parser)]
#[command(
    name = "card-validate",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: Check,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Upgrade a card JSON 1.0 to 2.0: prints the 2.0 card (or writes it), and on stderr what was
    /// converted and what could not be.
    Upgrade {
        /// The 1.0 card; `-` reads standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Write the 2.0 card here instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<String>,
        /// Replace FILE with its 2.0 card.
        #[arg(long, conflicts_with = "output")]
        in_place: bool,
    },
    /// Print `card!` markup that builds the card (a 1.0 card is upgraded first); on stderr,
    /// what the markup does not carry.
    ToMarkup {
        /// The card; `-` reads standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
    },
}

#[derive(Debug, clap::Args)]
struct Check {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// What the files hold.
    #[arg(long, value_enum, default_value_t = Kind::Card)]
    kind: Kind,
    /// Strict mode: keys and values the 2.0 docs do not list are errors, not warnings
    /// (for CI that wants nothing undocumented).
    #[arg(long)]
    strict: bool,
    /// Files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE|-")]
    files: Vec<String>,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match args.command {
        Some(Command::Upgrade {
            file,
            output,
            in_place,
        }) => upgrade(&file, output.as_deref(), in_place),
        Some(Command::ToMarkup { file }) => to_markup(&file),
        None => check(&args.check),
    }
}

/// `card-validate upgrade`.
fn upgrade(file: &str, output: Option<&str>, in_place: bool) -> ExitCode {
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let upgraded = match card_validate::upgrade::upgrade_str(&text) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return ExitCode::from(1);
        }
    };
    for note in &upgraded.notes {
        eprintln!("{file}: {note}");
    }
    let mut json = serde_json::to_string_pretty(&upgraded.card).unwrap_or_default();
    json.push('\n');
    let target = if in_place { Some(file) } else { output };
    match target {
        Some(path) if path != "-" => {
            if let Err(e) = std::fs::write(path, json) {
                eprintln!("error: cannot write {path}: {e}");
                return ExitCode::from(2);
            }
        }
        _ => {
            let _ = std::io::stdout().lock().write_all(json.as_bytes());
        }
    }
    if upgraded.not_converted().next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `card-validate to-markup`.
fn to_markup(file: &str) -> ExitCode {
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match card_validate::markup::to_markup_str(&text) {
        Ok(m) => {
            for lost in &m.lossy {
                eprintln!("{file}: not in the markup: {lost}");
            }
            let _ = write!(std::io::stdout().lock(), "{}", m.text);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {file}: {e}");
            ExitCode::from(1)
        }
    }
}

/// `card-validate FILE…`: the check.
fn check(args: &Check) -> ExitCode {
    let kind = match args.kind {
        Kind::Card => PayloadKind::Card,
        Kind::Text => PayloadKind::Text,
        Kind::Post => PayloadKind::Post,
        Kind::ChatButton => PayloadKind::ChatButton,
    };
    let mut stdout = std::io::stdout().lock();
    let mut any_error = false;
    let mut io_error = false;
    let mut json_out = Vec::new();
    let (mut errors, mut warnings) = (0usize, 0usize);
    for file in &args.files {
        let text = match read(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {file}: {e}");
                io_error = true;
                continue;
            }
        };
        let report = validate_payload_str_with(kind, &text, Options::default().strict(args.strict));
        any_error |= !report.is_ok();
        errors += report.errors().count();
        warnings += report.warnings().count();
        match args.format {
            Format::Human => {
                for d in report.diagnostics() {
                    if write!(stdout, "{}", render_human(file, &text, d)).is_err() {
                        // Output closed (e.g. piped into `head`): stop quietly with the verdict so far.
                        return verdict(any_error, io_error);
                    }
                }
            }
            Format::Json => json_out.extend(report.diagnostics().iter().map(|d| to_json(file, d))),
        }
    }
    let _ = match args.format {
        Format::Human => {
            let files = args.files.len();
            writeln!(
                stdout,
                "{files} file(s) checked: {errors} error(s), {warnings} warning(s)"
            )
        }
        Format::Json => writeln!(stdout, "{}", serde_json::Value::Array(json_out)),
    };
    verdict(any_error, io_error)
}

fn verdict(any_error: bool, io_error: bool) -> ExitCode {
    if io_error {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(file)
    }
}

fn to_json(file: &str, d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "file": file,
        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "rule": d.rule.id,
        "code": d.code,
        "sub_code": d.sub_code,
        "path": d.path,
        "pointer": d.pointer,
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "help": d.help,
    })
}
