//! `cargo xtask fuzz`: the generator, on mutated small specs, must never panic or hang.
//!
//! The seeds are the hand-written specs (`tests/specs/*.json`, generated with the prefix
//! `/v1/test/`) and the bad-spec corpus (`tests/bad_specs/*`, but not the [`EXPECTATION`] file
//! beside each). A case is a seed with a few structure-aware mutations of its JSON value
//! ([`Corpus::mutate`]: keys deleted, renamed or duplicated, nodes spliced from elsewhere or
//! retyped, schema keywords inserted with plausible values, `$ref`s pointed anywhere, path
//! templates and parameters renamed, deep nesting, odd names and numbers), or byte-level
//! mutations of its text ([`Corpus::mutate_bytes`]), read by the `spec` crate first (15% of the
//! cases, and every case of a seed that does not parse).
//! [`check`](fn@check) runs one case and asserts what must hold whatever the input:
//!
//! - reading and generating never panic, and finish within a time limit;
//! - a rejected spec file gets an error naming the file;
//! - a rejected document gets a `codegen::Error` whose pointer is in the document (or, for a
//!   missing member, whose parent is, or any ancestor when the message says what is missing);
//! - an accepted document gives files that parse as Rust (the emitter's `compile_error!`
//!   fallback is never taken).
//!
//! The engine takes every decision from [`Choices`], so that it serves two drivers:
//! [`run_cases`], an in-process loop on a seeded PRNG (stable Rust, deterministic for a seed:
//! `cargo xtask fuzz`, whose [`run`] supervises it from a parent process), and the cargo-fuzz
//! target `fuzz/fuzz_targets/generate.rs`, where libFuzzer's input bytes make the choices
//! (coverage-guided, nightly).
//!
//! [`run_cases`] runs each case on a worker thread under `catch_unwind`, with a time limit: a
//! panic or a hang is a finding. Findings are grouped by panic location, reduced (keys and array
//! items removed, or bytes, while the same panic still happens), saved to `fuzz/artifacts/` and
//! printed.

mod artifacts;
mod bytes;
mod cases;
mod check;
mod choices;
mod command;
mod draw;
mod mutate;
mod reduce;
mod report;
mod runner;
mod supervise;
mod tree;
mod values;
mod vocabulary;
mod worker;

pub use artifacts::{replay, save};
pub use cases::{Case, Corpus, EXPECTATION, Input, Seed};
pub use check::{Outcome, Target, check, prefix_for};
pub use choices::{Choices, case_choices};
pub use command::run;
pub use draw::case_at;
pub use mutate::MAX_DEPTH;
pub use report::{Finding, FindingKind, Report, describe_finding, shown};
pub use runner::{Config, read_progress, run_cases};
pub use tree::depth;
pub use vocabulary::TEST_PREFIX;
