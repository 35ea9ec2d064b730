//! What the examples share that is not set-up: the quickstart's cards, and the exit code.
#![allow(dead_code)] // each example uses some of these

pub mod cards;

/// The process's exit: success, or the error printed and a failure code.
pub fn exit_code(result: Result<(), Box<dyn std::error::Error>>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
