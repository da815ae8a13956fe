//! `cargo xtask bench`: the cost of regen against the cost of reading the spec at all.
//!
//! On one spec file and in one run it times, in memory, (a) a bare
//! `serde_json::from_slice::<Value>` of the spec, the floor any generator pays, and (b) the
//! pipeline regen runs when it adopts a spec: parse (JSON or YAML), content hash, select and
//! write the selection (`spec/selection.json`), then lower, emit and format with prettyplease
//! from it; both read the same bytes from memory, so disk speed does not enter. The rustfmt
//! pass of regen (one child process for all files) is timed apart, uncached.
//!
//! Then whole processes, as a user runs them: (c) this program reading the file and parsing
//! it into a `Value` and nothing else, and (d) `regen --spec` of the file in a scratch copy of
//! the workspace that already holds its output (so it writes nothing); rustfmt's results are
//! then cached (`format`), so (d) runs no child process, as a repeated regen or a `--check`.
//! Each ratio is a pair of medians of interleaved runs; the targets are b/a <= 1.5 and
//! d/c <= 1.5. The first regen in the scratch copy (nothing cached, files written) is timed
//! once, for information.

use crate::exit::{self, EXIT_OK};
use crate::flags::BenchArgs;
use crate::layout::Layout;
use crate::parse_json::parse_value;
use crate::release_build;
use crate::samples::{fastest, median};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// `cargo xtask bench`: times, in a release build, and prints the report.
pub fn run(layout: &Layout, args: BenchArgs) -> ExitCode {
    if cfg!(debug_assertions) {
        // Timing unoptimised code would measure the wrong thing.
        return release_build::rerun("bench", &args.to_args(), &[EXIT_OK]);
    }
    let path = args.spec.unwrap_or_else(|| layout.selection_file());
    exit::print_report(measure(layout, &path, args.runs.max(1)))
}

/// Times every side `iterations` times (after one warm-up) and returns the report.
pub fn measure(layout: &Layout, spec_path: &Path, iterations: usize) -> Result<String, String> {
    let bytes = std::fs::read(spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let source = spec_path.display().to_string();
    let options = codegen::Options {
        scope: crate::regen::scope(layout).map_err(|e| e.to_string())?,
        emit: codegen::emit::EmitOptions::default(),
    };
    let pipeline = || -> Result<usize, String> {
        let doc = spec::SpecDocument::parse(spec_path, &bytes).map_err(|e| e.to_string())?;
        let hash = doc.content_hash();
        let selection = codegen::excerpt_document(&doc.value, &source, &options.scope)
            .map_err(|e| e.to_string())?;
        let selection_text = codegen::excerpt::render(&selection);
        let selection_hash = spec::content_hash(&selection);
        let generated =
            codegen::generate(&selection, &source, &options).map_err(|e| e.to_string())?;
        Ok(generated
            .files
            .iter()
            .map(|f| f.contents.len())
            .sum::<usize>()
            + selection_text.len()
            + hash.as_bytes().len()
            + selection_hash.as_bytes().len())
    };
    let floor = || parse_value(&bytes, &source);

    // Warm-up (allocator, caches), and a check that both sides work on this file.
    let output_bytes = pipeline()?;
    floor()?;
    let mut floors = Vec::with_capacity(iterations);
    let mut pipelines = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        // Interleaved, so that a slow phase of the machine hits both sides alike.
        floors.push(time(&floor)?);
        pipelines.push(time(&pipeline)?);
    }
    let (a, b) = (median(&floors), median(&pipelines));
    let format_time = time_rustfmt(spec_path, &bytes, &source, &options)?;
    let ratio = b.as_secs_f64() / a.as_secs_f64();
    let verdict = if ratio <= 1.5 { "within" } else { "ABOVE" };
    let whole = whole_processes(layout, spec_path, iterations)?;
    Ok(format!(
        "spec: {} ({:.1} MiB)\n\
         runs: {iterations} each, interleaved, medians (min a {:.1} ms, min b {:.1} ms)\n\
         (a) serde_json::from_slice::<Value>        {:>8.1} ms\n\
         (b) regen pipeline in memory                {:>8.1} ms  ({} bytes written)\n\
         ratio b/a                                   {:>8.2}  ({verdict} the 1.5 target)\n\
         rustfmt pass of regen (one process)         {:>8.1} ms\n{whole}",
        spec_path.display(),
        bytes.len() as f64 / (1024.0 * 1024.0),
        ms(fastest(&floors)),
        ms(fastest(&pipelines)),
        ms(a),
        ms(b),
        output_bytes,
        ratio,
        ms(format_time),
    ))
}

fn time(f: &impl Fn() -> Result<usize, String>) -> Result<Duration, String> {
    let start = Instant::now();
    std::hint::black_box(f()?);
    Ok(start.elapsed())
}

fn time_rustfmt(
    spec_path: &Path,
    bytes: &[u8],
    source: &str,
    options: &codegen::Options,
) -> Result<Duration, String> {
    let doc = spec::SpecDocument::parse(spec_path, bytes).map_err(|e| e.to_string())?;
    let generated = codegen::generate(&doc.value, source, options).map_err(|e| e.to_string())?;
    let start = Instant::now();
    // Uncached: the cost of the pass when the files changed.
    crate::format::rustfmt_all(&generated.files, crate::format::Cache::Off)
        .map_err(|e| e.to_string())?;
    Ok(start.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Sides (c) and (d): whole processes of this program, interleaved.
fn whole_processes(layout: &Layout, spec_path: &Path, iterations: usize) -> Result<String, String> {
    let program = std::env::current_exe()
        .map_err(|e| format!("cannot find this program to run it again: {e}"))?;
    let scratch = tempfile::Builder::new()
        .prefix("xtask-bench-")
        .tempdir()
        .map_err(|e| format!("cannot create a scratch workspace: {e}"))?;
    layout.copy_outputs_to(scratch.path())?;
    let spec = spec_path.display().to_string();
    let workspace = scratch.path().display().to_string();
    let regen: [&str; 5] = ["--workspace", &workspace, "regen", "--spec", &spec];
    let parse: [&str; 2] = ["parse-json", &spec];
    // The first regen adopts the spec and writes its output; the timed ones find it there.
    let first = Instant::now();
    let adopted = run_once(&program, &regen)?;
    let first = first.elapsed();
    let second = run_once(&program, &regen)?;
    let (mut parses, mut regens) = (Vec::new(), Vec::new());
    for _ in 0..iterations {
        parses.push(time_process(&program, &parse)?);
        regens.push(time_process(&program, &regen)?);
    }
    let (c, d) = (median(&parses), median(&regens));
    let ratio = d.as_secs_f64() / c.as_secs_f64();
    let verdict = if ratio <= 1.5 { "within" } else { "ABOVE" };
    let summary = |text: &str| text.lines().last().unwrap_or_default().trim().to_owned();
    Ok(format!(
        "whole processes: {iterations} each, interleaved, medians (min c {:.1} ms, min d {:.1} ms)\n\
         (c) `xtask parse-json SPEC`                 {:>8.1} ms\n\
         (d) `xtask regen --spec SPEC`, output there {:>8.1} ms\n\
         ratio d/c                                   {:>8.2}  ({verdict} the 1.5 target)\n\
         (first regen in the scratch copy, rustfmt uncached, {:.1} ms: {}; the timed ones: {})\n",
        ms(fastest(&parses)),
        ms(fastest(&regens)),
        ms(c),
        ms(d),
        ratio,
        ms(first),
        summary(&adopted),
        summary(&second),
    ))
}

/// Runs `program ARGS` to its end; its stdout, or an error with its stderr.
fn run_once(program: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if !output.status.success() {
        return Err(format!(
            "`xtask {}` failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn time_process(program: &Path, args: &[&str]) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("`xtask {}` failed ({status})", args.join(" ")));
    }
    Ok(elapsed)
}
