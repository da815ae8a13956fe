//! Stripe's Customer Portal API, typed: generated operations, parameters and resources, with
//! hand-written clients, runtime and webhook verification. The front page is the crate's
//! README (its examples are compiled and run by `cargo test`, through `portal-tests`, with
//! every feature).
// Doctests of the README run in `portal-tests` (with every feature), not twice.
#![cfg_attr(not(doctest), doc = include_str!("../README.md"))]

#[cfg(any(feature = "client", feature = "blocking"))]
pub mod client;
mod error;
pub mod runtime;
#[cfg(feature = "webhooks")]
pub mod webhook;

mod generated;
pub use error::{ApiError, DecodeError, Error, TransportError, TransportKind};
pub use generated::{API_VERSION, operations, params, resources};
