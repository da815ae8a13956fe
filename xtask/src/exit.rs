//! The exit codes of `cargo xtask`, as its `--help` states them, and how a task's result is
//! printed with its code.

use std::fmt::Display;
use std::process::{ExitCode, ExitStatus};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: `--check` found stale generated files.
pub const EXIT_STALE: u8 = 1;
/// Exit code: `fuzz` found a panic or a hang.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad input (spec, arguments) or an environment problem.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Prints a task's error, and gives exit code 2.
pub fn bad_input(error: impl Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Prints a task's report (exit 0), or its error (exit 2).
pub fn print_report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::from(EXIT_OK)
        }
        Err(e) => bad_input(e),
    }
}

/// A child process's exit code, when it is one of `codes` (to be passed on as it is).
pub fn one_of(status: ExitStatus, codes: &[u8]) -> Option<u8> {
    codes
        .iter()
        .copied()
        .find(|&code| status.code() == Some(i32::from(code)))
}
