//! Re-running a command in an optimised build: `bench` and `fuzz`, started from a debug build,
//! run again in release mode, since their work is time (measured, or a budget spent on cases).

use crate::exit::{self, EXIT_BAD_INPUT};
use std::process::ExitCode;

/// Runs `cargo run --release -p xtask -- COMMAND ARGS` and ends with its exit code when it is one
/// of `passed_on`, else with exit code 2.
pub fn rerun(command: &str, args: &[String], passed_on: &[u8]) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = std::process::Command::new(cargo)
        .args(["run", "--release", "--quiet", "-p", "xtask", "--", command])
        .args(args)
        .status();
    match status {
        Ok(status) => ExitCode::from(exit::one_of(status, passed_on).unwrap_or(EXIT_BAD_INPUT)),
        Err(e) => exit::bad_input(format_args!("cannot run cargo: {e}")),
    }
}
