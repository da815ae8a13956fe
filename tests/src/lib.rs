//! Code generated at build time for the tests (see `build.rs`), and helpers to reach the
//! shared spec folder.

use std::path::PathBuf;

/// Types generated from the v127 release of Stripe's spec (an older release than the pinned
/// one).
#[allow(missing_docs)]
pub mod v127 {
    include!(concat!(env!("OUT_DIR"), "/v127.rs"));
}

/// One module per hand-written spec in `tests/specs/`.
#[allow(missing_docs)]
pub mod rule_specs {
    include!(concat!(env!("OUT_DIR"), "/rule_specs.rs"));
}

/// `../shared/stripe-openapi` (or `$STRIPE_OPENAPI_SHARED`).
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("STRIPE_OPENAPI_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/stripe-openapi"),
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
