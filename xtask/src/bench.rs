//! `cargo xtask bench`: the cost of regen against the cost of reading the spec at all.
//!
//! On one spec file and in one run it times (a) a bare `serde_json::from_slice::<Value>` of
//! the spec, the floor any generator pays, and (b) the whole in-memory pipeline regen runs when
//! it adopts a spec: parse (JSON or YAML), content hash, select and write the selection
//! (`spec/selection.json`), then lower, emit and format with prettyplease from it. It
//! prints both medians and the ratio b/a; the target is b/a <= 1.5 on v524. The final rustfmt
//! pass of `regen` runs in a separate process on the (small) output and is timed apart.
//! Both sides read the same bytes from memory, so disk speed does not enter.

use crate::build_cost::median;
use std::path::Path;
use std::time::{Duration, Instant};

/// Times both sides `iterations` times (after one warm-up) and returns the report.
pub fn run(spec_path: &Path, iterations: usize) -> Result<String, String> {
    let bytes = std::fs::read(spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let source = spec_path.display().to_string();
    let options = codegen::Options::default();
    let pipeline = || -> Result<usize, String> {
        let doc = spec::SpecDocument::parse(spec_path, &bytes).map_err(|e| e.to_string())?;
        let hash = doc.content_hash();
        let selection = codegen::excerpt_document(&doc.value, &source, &options.path_prefix)
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
    let floor = || -> Result<usize, String> {
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("{source}: {e}"))?;
        Ok(value.as_object().map_or(0, |o| o.len()))
    };

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
    let format_time = time_rustfmt(spec_path, &bytes, &source)?;
    let ratio = b.as_secs_f64() / a.as_secs_f64();
    let verdict = if ratio <= 1.5 { "within" } else { "ABOVE" };
    Ok(format!(
        "spec: {} ({:.1} MiB)\n\
         runs: {iterations} each, interleaved, medians (min a {:.1} ms, min b {:.1} ms)\n\
         (a) serde_json::from_slice::<Value>        {:>8.1} ms\n\
         (b) regen pipeline in memory                {:>8.1} ms  ({} bytes written)\n\
         ratio b/a                                   {:>8.2}  ({verdict} the 1.5 target)\n\
         rustfmt pass of regen (one process)    {:>8.1} ms\n",
        spec_path.display(),
        bytes.len() as f64 / (1024.0 * 1024.0),
        ms(*floors.iter().min().unwrap_or(&a)),
        ms(*pipelines.iter().min().unwrap_or(&b)),
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

fn time_rustfmt(spec_path: &Path, bytes: &[u8], source: &str) -> Result<Duration, String> {
    let doc = spec::SpecDocument::parse(spec_path, bytes).map_err(|e| e.to_string())?;
    let generated = codegen::generate(&doc.value, source, &codegen::Options::default())
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    crate::format::rustfmt_all(&generated.files).map_err(|e| e.to_string())?;
    Ok(start.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
