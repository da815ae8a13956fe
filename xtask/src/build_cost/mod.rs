//! `cargo xtask build-cost`: what the generated crate costs to compile, and what it costs a
//! user's program.
//!
//! Two measurements, each from fresh temporary target directories, and so independent of any
//! build already done:
//!
//! - `crate_compile`: the crate's own compile (dev build and check, default features and
//!   sans-IO) against serde_json's in the same run, its lines, and the release size of the
//!   session example;
//! - `programs`: whole cold builds of small programs that create a portal session: with this
//!   crate (async client, blocking client) and, as floors, the same request written by hand on
//!   the same HTTP and TLS crates; wall time, peak memory and the largest units.
//!
//! All builds run with `CARGO_INCREMENTAL=0`, as a dependency is built in a user's project, and
//! with any `RUSTC_WRAPPER` (sccache) turned off, which would otherwise time cache hits.

mod cargo;
mod crate_compile;
mod figures;
mod lines;
mod peak_rss;
mod programs;
mod timings;

pub use lines::{LineCount, count_lines};

use crate::exit;
use crate::flags::BuildCostArgs;
use crate::layout::Layout;
use cargo::Cargo;
use figures::secs;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// What to measure.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The crate's own compile (`crate_compile`).
    pub crate_compile: bool,
    /// Whole programs (`programs`).
    pub programs: bool,
    /// Cold builds of each program.
    pub runs: usize,
    /// async-stripe's program too (fetched from the registry; about 100 s and 3 GiB a build).
    pub with_async_stripe: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_compile: true,
            programs: true,
            runs: 2,
            with_async_stripe: false,
        }
    }
}

/// `cargo xtask build-cost`: measures what the flags ask, and prints the report.
pub fn run(layout: &Layout, args: BuildCostArgs) -> ExitCode {
    exit::print_report(measure(
        layout.root(),
        Options {
            crate_compile: !args.programs_only,
            programs: !args.crate_only,
            runs: args.runs,
            with_async_stripe: args.with_async_stripe,
        },
    ))
}

/// Runs the measurements from `workspace_root` (the directory of the workspace's
/// `Cargo.toml`) and returns the report. Takes several minutes: it builds the crate's whole
/// dependency tree twice (dev and release), and each program cold `options.runs` times.
///
/// # Errors
///
/// When a cargo command fails (the message names it and ends with its stderr), a tool cannot
/// be started, or a file cannot be read.
pub fn measure(workspace_root: &Path, options: Options) -> Result<String, String> {
    let started = Instant::now();
    let target = tempfile::Builder::new()
        .prefix("xtask-build-cost-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary target directory: {e}"))?;
    let cargo = Cargo::new(workspace_root, target.path());

    let mut out = String::new();
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = tool_version(
        std::env::var_os("RUSTC").map_or_else(|| PathBuf::from("rustc"), PathBuf::from),
        workspace_root,
    );
    let _ = writeln!(out, "build cost of stripe-billing-portal");
    let _ = writeln!(
        out,
        "machine: nproc {nproc}; {rustc}; {}",
        tool_version(cargo.program.clone(), workspace_root)
    );
    for flags in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        if let Some(value) = std::env::var_os(flags).filter(|v| !v.is_empty()) {
            let _ = writeln!(out, "note: {flags}={}", value.to_string_lossy());
        }
    }
    let _ = writeln!(
        out,
        "cargo runs from {} with --locked --quiet, CARGO_TARGET_DIR={} (fresh), \
         CARGO_INCREMENTAL=0, no RUSTC_WRAPPER\n",
        workspace_root.display(),
        target.path().display()
    );

    let mut steps = String::from("steps, in order:\n");
    if options.crate_compile {
        crate_compile::measure(&cargo, workspace_root, &mut out, &mut steps)?;
    }
    if options.programs {
        programs::measure(
            &cargo,
            workspace_root,
            options.runs,
            options.with_async_stripe,
            &mut out,
            &mut steps,
        )?;
    }
    let _ = writeln!(out, "\n{steps}");
    let _ = writeln!(out, "total run time: {}", secs(started.elapsed()));
    Ok(out)
}

/// `tool -V`, or why not.
fn tool_version(program: PathBuf, dir: &Path) -> String {
    match Command::new(&program).arg("-V").current_dir(dir).output() {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        }
        Ok(output) => format!("{} -V failed ({})", program.display(), output.status),
        Err(e) => format!("{} -V: {e}", program.display()),
    }
}
