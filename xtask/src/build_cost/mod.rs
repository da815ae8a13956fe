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

mod crate_compile;
mod lines;
mod peak_rss;
mod programs;
mod timings;

pub use lines::{LineCount, count_lines};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Timed runs of each step of `crate_compile`.
pub const RUNS: usize = 3;

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

/// Runs the measurements from `workspace_root` (the directory of the workspace's
/// `Cargo.toml`) and returns the report. Takes several minutes: it builds the crate's whole
/// dependency tree twice (dev and release), and each program cold `options.runs` times.
///
/// # Errors
///
/// When a cargo command fails (the message names it and ends with its stderr), a tool cannot
/// be started, or a file cannot be read.
pub fn run(workspace_root: &Path, options: Options) -> Result<String, String> {
    let started = Instant::now();
    let target = tempfile::Builder::new()
        .prefix("xtask-build-cost-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary target directory: {e}"))?;
    let cargo = Cargo {
        program: std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from),
        root: workspace_root.to_path_buf(),
        target_dir: target.path().to_path_buf(),
    };

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
        programs::measure(&cargo, workspace_root, options, &mut out, &mut steps)?;
    }
    let _ = writeln!(out, "\n{steps}");
    let _ = writeln!(out, "total run time: {}", secs(started.elapsed()));
    Ok(out)
}

/// Runs cargo with the measurement's environment: in the workspace, or in another project.
pub(super) struct Cargo {
    program: PathBuf,
    root: PathBuf,
    target_dir: PathBuf,
}

impl Cargo {
    /// Cargo in `dir`, building into `target_dir`.
    fn command(&self, dir: &Path, target_dir: &Path) -> Command {
        let mut command = Command::new(&self.program);
        command
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target_dir)
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env("CARGO_INCREMENTAL", "0")
            // An empty wrapper is no wrapper (overrides one set in a config file too).
            .env("RUSTC_WRAPPER", "")
            .env("RUSTC_WORKSPACE_WRAPPER", "");
        command
    }

    fn show(&self, args: &[&str]) -> String {
        format!("cargo {} --locked --quiet", args.join(" "))
    }

    /// Runs `cargo ARGS --locked --quiet` in the workspace.
    fn run(&self, args: &[&str]) -> Result<(), String> {
        let output = self
            .command(&self.root, &self.target_dir)
            .args(args)
            .args(["--locked", "--quiet"])
            .stdout(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run `{}`: {e}", self.show(args)))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!(
            "`{}` failed ({}):\n{}",
            self.show(args),
            output.status,
            tail(&String::from_utf8_lossy(&output.stderr), 30)
        ))
    }

    fn timed(&self, args: &[&str]) -> Result<Duration, String> {
        let start = Instant::now();
        self.run(args)?;
        Ok(start.elapsed())
    }
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

/// The size of `binary` after `strip`, or `None` when there is no `strip` to run.
fn strip(binary: &Path, stripped: &Path) -> Option<Result<u64, String>> {
    let output = match Command::new("strip")
        .arg("-o")
        .arg(stripped)
        .arg(binary)
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return Some(Err(format!("cannot run strip: {e}"))),
    };
    if !output.status.success() {
        return Some(Err(format!(
            "strip: {}",
            tail(&String::from_utf8_lossy(&output.stderr), 3)
        )));
    }
    Some(
        std::fs::metadata(stripped)
            .map(|m| m.len())
            .map_err(|e| e.to_string()),
    )
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn bytes(n: u64) -> String {
    format!("{n} bytes ({:.2} MiB)", n as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("a", 5), "a");
        assert_eq!(tail("", 5), "");
    }
}
