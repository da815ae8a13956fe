//! Code generated at build time for the tests (see `build.rs`), and helpers to reach the
//! shared spec folder.

use std::path::PathBuf;

pub mod form_decoder;

/// What [`registry::visit_types`] calls for each struct of the generated crate.
pub trait TypeVisitor {
    /// A request parameters struct (`params` module).
    fn request<T>(&mut self, name: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + 'static;
    /// A response struct (`resources` module).
    fn response<T>(&mut self, name: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + 'static;
}

/// Every struct of the generated crate (see `build.rs`).
pub mod registry {
    use super::TypeVisitor;
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

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
