//! The generated crate's own compile: dev build and check of the crate alone (its dependencies
//! built first), with default features and sans-IO, against serde_json's build in the same run;
//! its lines; and the release size of the session example.

use super::cargo::{Cargo, tail};
use super::figures::{bytes, secs};
use super::lines::{count_files, rust_files};
use crate::samples::{fastest, median};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// Timed runs of each step.
const RUNS: usize = 3;

/// The generated crate.
const PACKAGE: &str = "stripe-billing-portal";
/// The baseline crate, a dependency of [`PACKAGE`].
const BASELINE: &str = "serde_json";
/// The example whose release binary is measured.
const EXAMPLE: &str = "create_session";

/// Runs the measurements in the workspace at `workspace_root` and appends their report to
/// `out`, and the commands it ran to `steps`.
pub(super) fn measure(
    cargo: &Cargo,
    workspace_root: &Path,
    out: &mut String,
    steps: &mut String,
) -> Result<(), String> {
    // 1 and 2: the crate's own compile time. Dependencies first, in both modes, so that the
    // timed runs compile the crate alone.
    let build = ["build", "-p", PACKAGE];
    let check = ["check", "-p", PACKAGE];
    let sans_io = ["build", "-p", PACKAGE, "--no-default-features"];
    let clean = ["clean", "-p", PACKAGE];
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
    let binary = cargo
        .target_dir
        .join("release/examples")
        .join(format!("{EXAMPLE}{}", std::env::consts::EXE_SUFFIX));
    let size = std::fs::metadata(&binary)
        .map_err(|e| format!("cannot read {}: {e}", binary.display()))?
        .len();
    let stripped = strip(&binary, &cargo.target_dir.join("stripped"));

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
            secs(fastest(times)),
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
    Ok(())
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
