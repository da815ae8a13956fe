//! `cargo xtask build-cost`: what the generated crate costs to compile, and how big it is.
//!
//! In a fresh temporary target directory, and so independent of any build already done, it
//! measures:
//!
//! 1. the crate's own compile time (`cargo build` and `cargo check`, dev profile), its
//!    dependencies built beforehand, the crate cleaned with `cargo clean -p` before each run;
//! 2. the same for the crate without default features (sans-IO, no client);
//! 3. as a baseline measured in the same run, the dev build of `serde_json` (a dependency of
//!    the crate, so of a size everyone knows), and the ratio of the two: seconds depend on the
//!    machine, the ratio much less;
//! 4. the lines of the generated code and of the hand-written runtime;
//! 5. the size of the release build of the `create_session` example, stripped too when a
//!    `strip` binary is available.
//!
//! Every timed step runs [`RUNS`] times; the report gives the median and the minimum. All
//! builds run with `CARGO_INCREMENTAL=0`, as a dependency is built in a user's project (and as
//! `serde_json` is here), and with any `RUSTC_WRAPPER` (sccache) turned off, which would
//! otherwise time cache hits.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The generated crate.
const PACKAGE: &str = "stripe-billing-portal";
/// The baseline crate, a dependency of [`PACKAGE`].
const BASELINE: &str = "serde_json";
/// The example whose release binary is measured.
const EXAMPLE: &str = "create_session";
/// Timed runs of each step.
pub const RUNS: usize = 3;

/// Runs every measurement from `workspace_root` (the directory of the workspace's
/// `Cargo.toml`) and returns the report. Takes several minutes: it builds the crate's whole
/// dependency tree twice (dev and release).
///
/// # Errors
///
/// When a cargo command fails (the message names it and ends with its stderr), a tool cannot
/// be started, or a file cannot be read.
pub fn run(workspace_root: &Path) -> Result<String, String> {
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
    let _ = writeln!(out, "build cost of {PACKAGE}");
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
         CARGO_INCREMENTAL=0, no RUSTC_WRAPPER; timed steps {RUNS} times each, \
         each after `cargo clean -p <crate>`\n",
        workspace_root.display(),
        target.path().display()
    );

    // 1 and 2: the crate's own compile time. Dependencies first, in both modes, so that the
    // timed runs compile the crate alone.
    let build = ["build", "-p", PACKAGE];
    let check = ["check", "-p", PACKAGE];
    let sans_io = ["build", "-p", PACKAGE, "--no-default-features"];
    let clean = ["clean", "-p", PACKAGE];
    let mut steps = String::from("steps, in order:\n");
    for args in [&build[..], &check[..], &sans_io[..]] {
        let time = cargo.timed(args)?;
        let _ = writeln!(
            steps,
            "  {:>9}  {}  (dependencies too; once)",
            secs(time),
            cargo.show(args)
        );
    }
    let (mut own_build, mut own_check, mut own_sans_io) = (Vec::new(), Vec::new(), Vec::new());
    // Interleaved, so that a slow phase of the machine hits every step alike.
    for _ in 0..RUNS {
        for (args, times) in [
            (&build[..], &mut own_build),
            (&check[..], &mut own_check),
            (&sans_io[..], &mut own_sans_io),
        ] {
            cargo.run(&clean)?;
            times.push(cargo.timed(args)?);
        }
    }

    // 3: the baseline, last, as cleaning it would make the crate's next build rebuild it.
    let baseline = ["build", "-p", BASELINE];
    let clean_baseline = ["clean", "-p", BASELINE];
    let mut baseline_times = Vec::new();
    for _ in 0..RUNS {
        cargo.run(&clean_baseline)?;
        baseline_times.push(cargo.timed(&baseline)?);
    }
    for (args, what) in [
        (&build[..], "own build"),
        (&check[..], "own check"),
        (&sans_io[..], "own build, sans-IO"),
        (&baseline[..], "baseline"),
    ] {
        let _ = writeln!(
            steps,
            "  {:>9}  {}; {}  ({what})",
            format!("{RUNS} x"),
            cargo.show(&["clean", "-p", args[2]]),
            cargo.show(args)
        );
    }

    // 5: the release example, with every dependency (timed once, for information).
    let release = ["build", "--release", "-p", PACKAGE, "--example", EXAMPLE];
    let release_time = cargo.timed(&release)?;
    let _ = writeln!(
        steps,
        "  {:>9}  {}  (dependencies too; once)",
        secs(release_time),
        cargo.show(&release)
    );
    let binary = target
        .path()
        .join("release/examples")
        .join(format!("{EXAMPLE}{}", std::env::consts::EXE_SUFFIX));
    let size = std::fs::metadata(&binary)
        .map_err(|e| format!("cannot read {}: {e}", binary.display()))?
        .len();
    let stripped = strip(&binary, &target.path().join("stripped"));

    // 4: lines.
    let generated_dir = workspace_root.join("generated/src");
    let generated = count_files(&rust_files(&generated_dir.join("generated"), false)?)?;
    let mut runtime_files = rust_files(&generated_dir.join("runtime"), true)?;
    runtime_files.extend(rust_files(&generated_dir.join("client"), true)?);
    runtime_files.push(generated_dir.join("error.rs"));
    let runtime = count_files(&runtime_files)?;

    // The report.
    let (build_median, baseline_median) = (median(&own_build), median(&baseline_times));
    let _ = writeln!(
        out,
        "{:<44} {:>8} {:>8}   runs",
        "compile time (dev profile)", "median", "min"
    );
    for (what, times) in [
        ("own build, default features (client)", &own_build),
        ("own check, default features", &own_check),
        ("own build, --no-default-features (sans-IO)", &own_sans_io),
        ("baseline: serde_json build", &baseline_times),
    ] {
        let runs: Vec<String> = times.iter().map(|t| secs(*t)).collect();
        let _ = writeln!(
            out,
            "{what:<44} {:>8} {:>8}   {}",
            secs(median(times)),
            secs(times.iter().copied().min().unwrap_or_default()),
            runs.join(" ")
        );
    }
    let _ = writeln!(
        out,
        "{:<44} {:>8.2}   (medians; machine-independent-ish)\n",
        "ratio own build / serde_json build",
        build_median.as_secs_f64() / baseline_median.as_secs_f64().max(1e-9)
    );
    let _ = writeln!(
        out,
        "{:<44} {:>6} {:>8} {:>8} {:>8}",
        "source lines", "files", "total", "code", "tests"
    );
    for (what, count) in [
        ("generated/src/generated/*.rs", &generated),
        ("runtime/, client/, error.rs (hand-written)", &runtime),
    ] {
        let _ = writeln!(
            out,
            "{what:<44} {:>6} {:>8} {:>8} {:>8}",
            count.files, count.lines.total, count.lines.code, count.lines.test_code
        );
    }
    let _ = writeln!(
        out,
        "(code: not blank, not only a comment; tests: the code lines in `#[cfg(test)] mod`s)\n"
    );
    let _ = writeln!(out, "release example {EXAMPLE}:");
    let _ = writeln!(out, "  size            {}", bytes(size));
    match stripped {
        Some(Ok(size)) => {
            let _ = writeln!(out, "  after strip     {}", bytes(size));
        }
        Some(Err(e)) => {
            let _ = writeln!(out, "  after strip     (failed: {e})");
        }
        None => {}
    }
    let _ = writeln!(out, "\n{steps}");
    let _ = writeln!(out, "total run time: {}", secs(started.elapsed()));
    Ok(out)
}

/// Runs cargo in the workspace with the measurement's environment.
struct Cargo {
    program: PathBuf,
    root: PathBuf,
    target_dir: PathBuf,
}

impl Cargo {
    fn show(&self, args: &[&str]) -> String {
        format!("cargo {} --locked --quiet", args.join(" "))
    }

    fn run(&self, args: &[&str]) -> Result<(), String> {
        let output = Command::new(&self.program)
            .args(args)
            .args(["--locked", "--quiet"])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env("CARGO_INCREMENTAL", "0")
            // An empty wrapper is no wrapper (overrides one set in a config file too).
            .env("RUSTC_WRAPPER", "")
            .env("RUSTC_WORKSPACE_WRAPPER", "")
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

/// The middle value (the mean of the two middle ones for an even count); zero for none.
pub fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[mid],
        _ => (sorted[mid - 1] + sorted[mid]) / 2,
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn bytes(n: u64) -> String {
    format!("{n} bytes ({:.2} MiB)", n as f64 / (1024.0 * 1024.0))
}

/// The lines of some Rust source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineCount {
    /// Every line.
    pub total: usize,
    /// Lines that are neither blank nor only a comment (`//`, `///`, `//!`, `/* */`).
    pub code: usize,
    /// Of `code`, the lines inside a top-level `#[cfg(test)] mod ... { ... }` (as rustfmt
    /// lays it out: the attribute and the closing `}` unindented).
    pub test_code: usize,
}

impl std::ops::AddAssign for LineCount {
    fn add_assign(&mut self, other: Self) {
        self.total += other.total;
        self.code += other.code;
        self.test_code += other.test_code;
    }
}

/// Counts the lines of one Rust file. A line is code unless it is blank or holds only a
/// comment; a block comment is recognised when it starts a line (good enough for rustfmt-ed
/// code; `/*` inside a string on such a line would be misread).
pub fn count_lines(source: &str) -> LineCount {
    let mut count = LineCount::default();
    let mut in_block = false;
    let mut in_tests = false;
    let mut after_cfg_test = false;
    for line in source.lines() {
        count.total += 1;
        let trimmed = line.trim();
        let is_code = if in_block {
            if let Some(end) = trimmed.find("*/") {
                in_block = false;
                !trimmed[end + 2..].trim().is_empty()
            } else {
                false
            }
        } else if trimmed.is_empty() || trimmed.starts_with("//") {
            false
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            match rest.find("*/") {
                Some(end) => !rest[end + 2..].trim().is_empty(),
                None => {
                    in_block = true;
                    false
                }
            }
        } else {
            true
        };
        if !is_code {
            continue;
        }
        count.code += 1;
        if in_tests {
            count.test_code += 1;
            if line == "}" {
                in_tests = false;
            }
        } else if line == "#[cfg(test)]" {
            after_cfg_test = true;
        } else if after_cfg_test {
            after_cfg_test = false;
            if line.starts_with("mod ") || line.starts_with("pub mod ") {
                in_tests = !line.trim_end().ends_with(';');
                // The attribute line belongs to the module too.
                count.test_code += 2;
            }
        }
    }
    count
}

/// The lines of several files.
#[derive(Debug, Default)]
struct FileCount {
    files: usize,
    lines: LineCount,
}

fn count_files(paths: &[PathBuf]) -> Result<FileCount, String> {
    let mut count = FileCount::default();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        count.files += 1;
        count.lines += count_lines(&text);
    }
    Ok(count)
}

/// The `.rs` files in `dir` (and below it when `recursive`), sorted.
fn rust_files(dir: &Path, recursive: bool) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            if recursive {
                files.extend(rust_files(&path, true)?);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_no_values() {
        let ms = Duration::from_millis;
        assert_eq!(median(&[ms(30), ms(10), ms(20)]), ms(20));
        assert_eq!(median(&[ms(40), ms(10), ms(20), ms(30)]), ms(25));
        assert_eq!(median(&[ms(7)]), ms(7));
        assert_eq!(median(&[]), Duration::ZERO);
    }

    #[test]
    fn lines_count_code_apart_from_blanks_comments_and_tests() {
        let source = "\
//! Module docs.

/// An item.
pub fn f() -> u8 {
    // a comment
    1 // trailing comments do not make a line a comment
}
/* a block
   comment */
/* inline */ const X: u8 = 2;
/* closed */

#[cfg(test)]
mod tests {
    // comment in tests

    #[test]
    fn t() {}
}
";
        assert_eq!(
            count_lines(source),
            LineCount {
                total: 19,
                // fn f, `1`, `}`, const X, then the 5 lines of the test module.
                code: 9,
                // #[cfg(test)], mod tests {, #[test], fn t() {}, }
                test_code: 5,
            }
        );
    }

    #[test]
    fn a_cfg_test_item_that_is_not_a_module_is_not_counted_as_tests() {
        let source = "#[cfg(test)]\nfn helper() {}\nfn main() {}\n";
        assert_eq!(
            count_lines(source),
            LineCount {
                total: 3,
                code: 3,
                test_code: 0
            }
        );
        let outlined = "#[cfg(test)]\nmod tests;\nfn main() {}\n";
        assert_eq!(count_lines(outlined).test_code, 2);
    }

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("a", 5), "a");
        assert_eq!(tail("", 5), "");
    }
}
