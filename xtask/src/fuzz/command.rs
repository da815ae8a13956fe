//! `cargo xtask fuzz` from its flags: one saved input replayed, one case shown and run, or the
//! cases run until the budget is spent (in a child process that a parent supervises).

use super::artifacts::replay;
use super::cases::{Corpus, Input};
use super::check::{Outcome, check};
use super::draw::case_at;
use super::report::shown;
use super::runner::{Config, run_cases};
use super::supervise::{PROGRESS_ENV, supervise};
use crate::exit::{self, EXIT_FINDINGS, EXIT_OK};
use crate::flags::FuzzArgs;
use crate::layout::Layout;
use crate::release_build;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// `cargo xtask fuzz`, in a release build.
pub fn run(layout: &Layout, args: FuzzArgs) -> ExitCode {
    if cfg!(debug_assertions) {
        // Unoptimised, the same minutes would run a tenth of the cases.
        return release_build::rerun("fuzz", &args.to_args(), &[EXIT_OK, EXIT_FINDINGS]);
    }
    let case_timeout = Duration::from_secs(args.timeout.max(1));
    if let Some(path) = &args.replay {
        return replay_file(path, case_timeout);
    }
    let corpus = match Corpus::load(layout.root()) {
        Ok(corpus) => corpus,
        Err(e) => return exit::bad_input(e),
    };
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    if let Some(index) = args.case {
        let case = case_at(&corpus, seed, index);
        println!("case {index} of seed {seed}: seed file {}", case.seed);
        for mutation in &case.mutations {
            println!("  - {mutation}");
        }
        println!("input:\n{}", shown(&case.input));
        return run_one(case.input, case_timeout, "");
    }
    let artifacts = layout.root().join("fuzz/artifacts");
    match std::env::var_os(PROGRESS_ENV) {
        Some(progress) => {
            let progress = PathBuf::from(progress);
            run_budget(&corpus, &args, seed, case_timeout, artifacts, progress)
        }
        None => supervise(&corpus, &args, seed, &artifacts),
    }
}

/// `--replay PATH`: runs the saved input.
fn replay_file(path: &Path, case_timeout: Duration) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return exit::bad_input(format_args!("cannot read {}: {e}", path.display())),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let input = Input::Text { file_name, bytes };
    run_one(input, case_timeout, &format!("{}: ", path.display()))
}

/// Runs one input and prints how it ended, each line after `prefix`; a panic or a hang is exit
/// code 1.
fn run_one(input: Input, case_timeout: Duration, prefix: &str) -> ExitCode {
    match replay(input, case_timeout, check) {
        Ok(Outcome::Generated) => {
            println!("{prefix}generates");
            ExitCode::from(EXIT_OK)
        }
        Ok(Outcome::Rejected { message, .. }) => {
            println!("{prefix}rejected: {message}");
            ExitCode::from(EXIT_OK)
        }
        Err((_, message)) => {
            eprintln!("{prefix}{message}");
            ExitCode::from(EXIT_FINDINGS)
        }
    }
}

/// The child process: runs the cases until the budget is spent, keeping the running case's
/// number in `progress`.
fn run_budget(
    corpus: &Corpus,
    args: &FuzzArgs,
    seed: u64,
    case_timeout: Duration,
    artifacts: PathBuf,
    progress: PathBuf,
) -> ExitCode {
    let duration = match (args.seconds, args.iterations) {
        (None, None) => Some(Duration::from_secs(60)),
        (seconds, _) => seconds.map(Duration::from_secs),
    };
    let config = Config {
        seed,
        iterations: args.iterations,
        duration,
        case_timeout,
        artifacts: Some(artifacts),
        minimize: true,
        verbose: true,
        progress: Some(progress),
    };
    eprintln!(
        "fuzz: seed {seed}, {} seed files, {}",
        corpus.seeds().len(),
        match (duration, args.iterations) {
            (Some(d), Some(n)) => format!("up to {n} cases or {} s", d.as_secs()),
            (Some(d), None) => format!("for {} s", d.as_secs()),
            (None, Some(n)) => format!("{n} cases"),
            (None, None) => String::new(),
        }
    );
    let report = run_cases(corpus, &config, check);
    print!("{}", report.summary());
    if report.findings.is_empty() {
        ExitCode::from(EXIT_OK)
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}
