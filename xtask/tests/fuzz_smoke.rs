//! A short, fixed run of the fuzzer (`cargo xtask fuzz`, see `xtask::fuzz`), so that a change
//! that makes the generator panic or hang on a mutated small spec fails the tests, not only a
//! fuzzing session. The cases are the same on every run (seed and count are fixed); a long
//! `cargo xtask fuzz` explores new ones.

use std::time::{Duration, Instant};
use xtask::fuzz::{self, Config, Corpus};
use xtask::layout::Layout;

#[test]
fn mutated_small_specs_neither_panic_nor_hang() {
    let corpus = Corpus::load(Layout::from_manifest_dir().root()).unwrap();
    let config = Config {
        seed: 2024,
        iterations: Some(1000),
        // Unoptimised and on a busy machine a case takes milliseconds; a hang is far longer.
        case_timeout: Duration::from_secs(20),
        ..Config::default()
    };
    let started = Instant::now();
    let report = fuzz::run_cases(&corpus, &config, fuzz::check);
    let summary = report.summary();
    println!("{summary} ({:?})", started.elapsed());
    for finding in &report.findings {
        println!("{}", fuzz::describe_finding(finding, report.seed));
    }
    assert!(report.findings.is_empty(), "{summary}");
    assert_eq!(report.cases, 1000, "{summary}");
    // The cases reach both ends: code generated, and errors of several kinds.
    assert!(report.generated >= 100, "{summary}");
    assert!(report.rejected.len() >= 10, "{summary}");
}
