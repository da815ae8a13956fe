//! The generator on small specs mutated by the fuzzer's input: `cargo +nightly fuzz run generate`.
//!
//! libFuzzer's bytes make the mutation engine's choices (`xtask::fuzz::Corpus::case`): which
//! seed of `tests/specs/` and `tests/bad_specs/`, which mutations, where. So coverage guides
//! the structure-aware mutations, instead of flipping bytes of JSON that then fails to parse.
//! `xtask::fuzz::check` runs the case and panics on anything that must not happen (a panic of
//! the generator, an error that points nowhere, emitted code that does not parse); libFuzzer
//! also reports crashes (a stack overflow), timeouts (`-timeout=N`) and memory blow-ups.
//!
//! To see the spec behind a saved input: `FUZZ_SHOW=1 cargo +nightly fuzz run generate <file>`.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use xtask::fuzz::{Choices, Corpus, check, shown};

/// The seeds, read once from the workspace this crate sits in.
static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Corpus::load(&root).unwrap_or_else(|e| panic!("cannot load the fuzz seeds: {e}"))
});

/// `FUZZ_SHOW=1`: print each case before running it.
static SHOW: LazyLock<bool> = LazyLock::new(|| std::env::var_os("FUZZ_SHOW").is_some());

/// The fuzzer's input as a source of choices. Once it runs dry every choice is 0 (the first
/// option), so short inputs make simple cases.
struct Bytes<'a>(Unstructured<'a>);

impl Choices for Bytes<'_> {
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        self.0.int_in_range(0..=n - 1).unwrap_or(0)
    }
}

fuzz_target!(|data: &[u8]| {
    let case = CORPUS.case(&mut Bytes(Unstructured::new(data)));
    if *SHOW {
        eprintln!("seed file {}", case.seed);
        for mutation in &case.mutations {
            eprintln!("  - {mutation}");
        }
        eprintln!("input:\n{}", shown(&case.input));
    }
    let _ = check(&case);
});
