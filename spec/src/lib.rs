//! The input of the code generator: Stripe's OpenAPI spec, and how it is
//! pinned, read, identified, cached and fetched.
//!
//! The repository carries the part of one release of the spec that the
//! generator needs (`spec/selection.json`, written by `cargo xtask regen`),
//! never the whole spec (about 8 MB). This crate is what ties that selection,
//! and the code generated from it, to the release it came from.
//!
//! # Pinned
//!
//! `spec/pinned.toml` (see [`Pin`]) records the release: its tag on
//! [github.com/stripe/openapi](https://github.com/stripe/openapi) (like
//! `v2349`, when known), the Stripe API version it describes (`info.version`,
//! like `2026-07-29.dahlia`), the [`ContentHash`] of the committed selection,
//! and, when the selection was made from a full spec, that spec's hash.
//!
//! # Scoped
//!
//! `spec/scope.toml` (see [`read_scope`]) is the committed, documented list of path prefixes
//! the crate covers (the portal, events, webhook endpoints).
//!
//! # Identified
//!
//! A spec is identified by the sha256 of its *parsed content* in a canonical
//! JSON form (sorted keys, no whitespace), not by its bytes: the `spec3.json`
//! and `spec3.yaml` of one release have the same hash, and reformatting a file
//! does not change it. See [`content_hash`].
//!
//! # Cached and fetched
//!
//! [`fetch`] (behind `cargo xtask fetch-spec` and `cargo xtask regen --tag`)
//! downloads `<tag>/openapi/spec3.json` from
//! `raw.githubusercontent.com/stripe/openapi` into the git-ignored cache
//! (`spec/cache/<tag>/`), checking its hash when the pin knows it, and writes
//! it atomically, so an interrupted download never leaves a partial file.
//! [`cached`] finds a release there.
//!
//! # Read
//!
//! [`SpecDocument::read`] reads JSON or YAML into a [`serde_json::Value`].
//! Errors never panic and always name the file, with `line:column` for syntax
//! errors (see [`SpecError`]).

mod cache;
mod document;
mod error;
mod fetch;
mod hash;
mod pin;
mod scope;
mod tag;
mod write;

pub use cache::cached;
pub use document::{SpecDocument, SpecFormat};
pub use error::SpecError;
pub use fetch::{DEFAULT_BASE_URL, FETCH_TIMEOUT, FetchOptions, fetch};
pub use hash::{ContentHash, ParseContentHashError, content_hash};
pub use pin::Pin;
pub use scope::{ScopeEntry, parse_scope, read_scope};
pub use tag::infer_tag;
