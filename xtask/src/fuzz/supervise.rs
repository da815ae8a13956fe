//! The parent process of `cargo xtask fuzz`: it runs the cases in a child (this program again),
//! so that a case that takes the process down (a stack overflow aborts it) is still reported.

use super::artifacts::save;
use super::cases::Corpus;
use super::draw::case_at;
use super::report::{Finding, FindingKind, describe_finding};
use super::runner::read_progress;
use crate::exit::{self, EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK};
use crate::flags::FuzzArgs;
use std::path::Path;
use std::process::ExitCode;

/// Set in the child process that runs the cases: the file that holds the running case's number.
pub(super) const PROGRESS_ENV: &str = "XTASK_FUZZ_PROGRESS";

/// Runs the cases in a child process; the child keeps the number of its running case in a
/// file, from which a case that killed it is made again, saved and printed.
pub(super) fn supervise(corpus: &Corpus, args: &FuzzArgs, seed: u64, artifacts: &Path) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            return exit::bad_input(format_args!(
                "cannot find this program to run the cases: {e}"
            ));
        }
    };
    if let Err(e) = std::fs::create_dir_all(artifacts) {
        return exit::bad_input(format_args!("cannot create {}: {e}", artifacts.display()));
    }
    let progress = artifacts.join(format!(".running-{}", std::process::id()));
    let child_args = FuzzArgs {
        seed: Some(seed),
        ..args.clone()
    }
    .to_args();
    let status = std::process::Command::new(exe)
        .arg("fuzz")
        .args(&child_args)
        .env(PROGRESS_ENV, &progress)
        .status();
    let running = read_progress(&progress);
    let _ = std::fs::remove_file(&progress);
    let status = match status {
        Ok(status) => status,
        Err(e) => return exit::bad_input(format_args!("cannot run the cases: {e}")),
    };
    // The child ended by itself: its code says it all.
    if let Some(code) = exit::one_of(status, &[EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT]) {
        return ExitCode::from(code);
    }
    let Some(index) = running else {
        return exit::bad_input(format_args!(
            "the fuzzer died ({status}) before its first case"
        ));
    };
    let mut finding = Finding {
        kind: FindingKind::Crash,
        message: format!("the process died ({status})"),
        count: 1,
        first_case: index,
        case: case_at(corpus, seed, index),
        reduced: None,
        artifacts: Vec::new(),
    };
    match save(artifacts, finding.kind, &finding.case.input) {
        Ok(path) => finding.artifacts.push(path),
        Err(e) => eprintln!("warning: {e}"),
    }
    eprint!("{}", describe_finding(&finding, seed));
    println!(
        "fuzz: seed {seed}: stopped by a crash in case {index}; fix it and run again (`--seed {seed}` repeats the cases)"
    );
    ExitCode::from(EXIT_FINDINGS)
}
