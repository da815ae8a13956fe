//! Finding the pinned spec on this machine: an explicit file named in the
//! environment, else the download cache. Whatever is found must be the pinned
//! spec, so a stale cache or a wrong path can't silently change the output.

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use crate::document::SpecDocument;
use crate::error::SpecError;
use crate::pin::Pin;
use crate::tag::check_tag;

/// The environment variable that names a spec file to use instead of the
/// cache.
pub const SPEC_ENV_VAR: &str = "STRIPE_OPENAPI_SPEC";

/// The file names looked for in `<cache_dir>/<tag>/`, in order.
pub(crate) const CACHE_FILES: [&str; 2] = ["spec3.json", "spec3.yaml"];

/// Where the spec for a pin is looked for, in order:
/// 1. the environment variable `STRIPE_OPENAPI_SPEC` (a file path), if set;
/// 2. the cache: `<cache_dir>/<tag>/spec3.json`, then
///    `<cache_dir>/<tag>/spec3.yaml`.
///
/// The found file is read and its content hash must equal the pin's, else
/// [`SpecError::HashMismatch`] (says both hashes, the file, and that
/// `cargo xtask regen --spec PATH` adopts a different spec).
///
/// If nothing is found: [`SpecError::NotFound`], whose message says how to
/// get one (`cargo xtask fetch-spec`, `STRIPE_OPENAPI_SPEC`, or
/// `cargo xtask regen --spec PATH`) and lists the paths it tried.
///
/// An empty `STRIPE_OPENAPI_SPEC` counts as unset. When it is set to a file
/// that does not exist, that is `NotFound` too: the cache is not searched, so
/// that a typo in the variable can't go unnoticed.
pub fn locate(pin: &Pin, cache_dir: &Path) -> Result<SpecDocument, SpecError> {
    locate_with(pin, cache_dir, std::env::var_os(SPEC_ENV_VAR).as_deref())
}

/// Same as [`locate`], with the value of `STRIPE_OPENAPI_SPEC` passed
/// explicitly (for tests; [`locate`] calls this with [`std::env::var_os`]).
pub fn locate_with(
    pin: &Pin,
    cache_dir: &Path,
    env_spec: Option<&OsStr>,
) -> Result<SpecDocument, SpecError> {
    check_tag(&pin.tag)?;
    let not_found = |tried: Vec<PathBuf>, env_spec: Option<PathBuf>| SpecError::NotFound {
        tag: pin.tag.clone(),
        cache_dir: cache_dir.to_owned(),
        tried,
        env_spec,
    };

    if let Some(env) = env_spec.filter(|v| !v.is_empty()) {
        let path = PathBuf::from(env);
        return match read_if_exists(&path)? {
            Some(doc) => check(pin, doc, true),
            None => Err(not_found(vec![path.clone()], Some(path))),
        };
    }

    let dir = cache_dir.join(&pin.tag);
    let mut tried = Vec::new();
    for name in CACHE_FILES {
        let path = dir.join(name);
        if let Some(doc) = read_if_exists(&path)? {
            return check(pin, doc, false);
        }
        tried.push(path);
    }
    Err(not_found(tried, None))
}

/// Reads `path`, or `None` if there is nothing there.
fn read_if_exists(path: &Path) -> Result<Option<SpecDocument>, SpecError> {
    match std::fs::metadata(path) {
        Ok(_) => SpecDocument::read(path).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(SpecError::io("read", path, e)),
    }
}

/// `doc` if it is the pinned spec.
fn check(pin: &Pin, doc: SpecDocument, from_env: bool) -> Result<SpecDocument, SpecError> {
    let found = doc.content_hash();
    if found == pin.content_hash {
        return Ok(doc);
    }
    Err(SpecError::HashMismatch {
        found_api_version: doc.api_version().map(str::to_owned),
        path: doc.path,
        from_env,
        pin: Box::new(pin.clone()),
        found,
    })
}
