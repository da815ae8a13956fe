//! The input of the code generator: Stripe's OpenAPI spec, and how it is
//! pinned, found, read, identified and fetched.
//!
//! The generated code in `generated/` is committed, so a reviewer must be able
//! to tell which spec it was made from, and anyone must be able to get that
//! exact spec back to regenerate or to check that `generated/` is up to date.
//! The spec itself (about 5 MB) is not committed; this crate is what ties the
//! committed code to it.
//!
//! # Pinned
//!
//! `spec/pinned.toml` (see [`Pin`]) records the spec `generated/` was made
//! from: the upstream release tag of
//! [github.com/stripe/openapi](https://github.com/stripe/openapi) (like
//! `v524`), the Stripe API version it describes (`info.version`, like
//! `2023-08-16`), and a [`ContentHash`]. The file is written by
//! `cargo xtask regen --spec PATH`, which is also the one way to move to a
//! different spec.
//!
//! # Identified
//!
//! A spec is identified by the sha256 of its *parsed content* in a canonical
//! JSON form (sorted keys, no whitespace), not by its bytes: the `spec3.json`
//! and `spec3.yaml` of one release have the same hash, and reformatting a file
//! does not change it. See [`content_hash`].
//!
//! # Found
//!
//! [`locate`] looks for the pinned spec, in order:
//!
//! 1. the file named by the environment variable `STRIPE_OPENAPI_SPEC`
//!    ([`SPEC_ENV_VAR`]), if set (then nothing else is tried);
//! 2. the cache, `<cache_dir>/<tag>/spec3.json`, then
//!    `<cache_dir>/<tag>/spec3.yaml`. The project's cache directory is
//!    `spec/cache/`, which is git-ignored.
//!
//! A file that is found must have the pinned content hash; a different spec is
//! an error ([`SpecError::HashMismatch`]) rather than a silent regeneration from
//! other input. When nothing is found, the error ([`SpecError::NotFound`]) says
//! how to get the spec.
//!
//! # Fetched
//!
//! [`fetch`] (behind `cargo xtask fetch-spec`) downloads
//! `<tag>/openapi/spec3.json` from `raw.githubusercontent.com/stripe/openapi`
//! into the cache, checks its hash against the pin, and writes it atomically,
//! so an interrupted download never leaves a partial file in the cache.
//!
//! # Read
//!
//! [`SpecDocument::read`] reads JSON or YAML into a [`serde_json::Value`].
//! Errors never panic and always name the file, with `line:column` for syntax
//! errors (see [`SpecError`]).

mod document;
mod error;
mod fetch;
mod hash;
mod locate;
mod pin;
mod tag;
mod write;

pub use document::{SpecDocument, SpecFormat};
pub use error::SpecError;
pub use fetch::{DEFAULT_BASE_URL, FETCH_TIMEOUT, FetchOptions, fetch};
pub use hash::{ContentHash, ParseContentHashError, content_hash};
pub use locate::{SPEC_ENV_VAR, locate, locate_with};
pub use pin::Pin;
pub use tag::infer_tag;
