//! What the workspace's tests need from outside the checkout — `../shared` (the corpus), a
//! `redis-server`, a Chromium — found, or the test skipped with one line naming what is missing
//! and how to get it. Under `CI=true` (set by `.ci/run`) a missing piece fails the test instead,
//! so CI never passes by skipping.
//!
//! ```text
//! #[test]
//! fn every_corpus_card_passes() {
//!     let corpus = card_test_support::need!(card_test_support::corpus());
//!     // …
//! }
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

/// Returns the value, or returns from the enclosing test (which then passes as skipped) when it
/// is `None`; the helper that made the `None` has already printed why.
#[macro_export]
macro_rules! need {
    ($found:expr) => {
        match $found {
            ::core::option::Option::Some(v) => v,
            ::core::option::Option::None => return,
        }
    };
}

/// Whether this run is CI's (`CI=true`), where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Reports that the running test cannot run: one line on the terminal (written past the test
/// harness's capture, so `cargo test` shows it), or a panic under `CI=true`.
///
/// # Panics
///
/// Under `CI=true`, always.
pub fn skip(missing: &str, how: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    assert!(
        !in_ci(),
        "{test}: {missing} is missing, and CI=true allows no skip ({how})"
    );
    // `eprintln!` would be captured with the passing test's output and never shown; one write
    // keeps the line whole among the harness's own output.
    let line = format!("skipped {test}: {missing} is missing ({how})\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// The workspace's root (the folder of the top `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the checkout, or `$CARD_DSL_SHARED` when set.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("CARD_DSL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"))
}

/// The shared corpus (`../shared/corpus`, holding `expected.json`, `wild.json` and `cards/`), or
/// `None` after [`skip`] when it is not there.
pub fn corpus() -> Option<PathBuf> {
    let dir = shared_dir().join("corpus");
    if dir.join("expected.json").is_file() {
        Some(dir)
    } else {
        skip(
            &format!("the shared corpus {}", dir.display()),
            "shared/ beside the checkout, as CI has it, or CARD_DSL_SHARED",
        );
        None
    }
}

/// The corpus's `cards/` folder; see [`corpus`].
pub fn corpus_cards() -> Option<PathBuf> {
    corpus().map(|c| c.join("cards"))
}

/// A program found on the `PATH` (or the path `$env_var` names, when set), or `None` after
/// [`skip`] naming the Debian package that brings it.
pub fn program(name: &str, env_var: &str, package: &str) -> Option<String> {
    let wanted = std::env::var(env_var).unwrap_or_else(|_| name.to_owned());
    if find_program(&wanted).is_some() {
        Some(wanted)
    } else {
        skip(
            &format!("`{wanted}`"),
            &format!("apt-get install {package}, or set {env_var}"),
        );
        None
    }
}

/// `redis-server`, for the tests of limits shared through Redis.
pub fn redis_server() -> Option<String> {
    program("redis-server", "REDIS_SERVER", "redis-server")
}

/// Chromium, for the preview's screenshot tests.
pub fn chromium() -> Option<String> {
    program("chromium", "CHROMIUM", "chromium")
}

/// `(code, sub_code, ErrPath)` quoted in a server reply someone recorded (a `server_error` of
/// `wild.json`), in the several ways the sources write it.
///
/// # Panics
///
/// When the text quotes no code, sub-code or ErrPath.
pub fn recorded_reply(server_error: &str) -> (u32, u32, String) {
    let text = server_error
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let number_after = |marker: &str| -> Option<u32> {
        let at = text.find(marker)? + marker.len();
        let digits: String = text[at..]
            .trim_start_matches([' ', ':', '='])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    // The outer code when the reply quotes one (`feishu_code: 230099`, `code=230099`); an `ErrCode`
    // sub-code only ever comes inside a 230099 reply (the send page's table), so it implies 230099.
    let code = ["feishu_code", "code="]
        .iter()
        .find_map(|m| number_after(m))
        .or_else(|| (text.contains("ErrCode") || text.contains("→ 200")).then_some(230099))
        .expect("an outer code in the server reply");
    let sub = number_after("ErrCode")
        .or_else(|| number_after("→"))
        .expect("a sub-code in the server reply");
    let path = match text.find("ROOT") {
        Some(at) => {
            let rest = &text[at..];
            let end = rest.find(';').unwrap_or(rest.len());
            rest[..end].trim().to_owned()
        }
        // `unknown property: elements, path: []`: the root object.
        None if text.contains("path: []") => "ROOT".to_owned(),
        None => panic!("no ErrPath in {server_error}"),
    };
    (code, sub, path)
}

/// A production card the server refused, with the reply someone recorded for it.
#[derive(Debug)]
pub struct RejectedCard {
    /// Its file under `cards/wild/`.
    pub file: String,
    /// The card content as sent.
    pub content: String,
    /// The recorded reply: `(code, sub_code, ErrPath)`.
    pub reply: (u32, u32, String),
}

/// Every production card `wild.json` labels as refused by the server, with its recorded reply;
/// `None` after [`skip`] without the corpus.
///
/// # Panics
///
/// When `wild.json` or a card it names cannot be read.
pub fn rejected_production_cards() -> Option<Vec<RejectedCard>> {
    let corpus = corpus()?;
    let labels: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("wild.json")).expect("wild.json"),
    )
    .expect("wild.json is JSON");
    let mut out = Vec::new();
    for (file, label) in labels.as_object().expect("wild.json is an object") {
        if label["expect"] != "invalid" {
            continue;
        }
        let content = std::fs::read_to_string(corpus.join("cards/wild").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let reply = recorded_reply(label["server_error"].as_str().expect("a server_error"));
        out.push(RejectedCard {
            file: file.clone(),
            content,
            reply,
        });
    }
    Some(out)
}

/// The file a program name resolves to: itself when it has a `/`, else the first match on `PATH`.
fn find_program(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return p.is_file().then_some(p);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_on_the_path_is_found_and_a_missing_one_is_not() {
        assert!(find_program("sh").is_some());
        assert!(find_program("/bin/sh").is_some());
        assert!(find_program("no-such-program-card-dsl").is_none());
        assert!(find_program("/nonexistent/chromium").is_none());
    }
}

/// A real `redis-server` for the tests of shared state.
pub mod redis;
