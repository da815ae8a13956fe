//! `cargo xtask fetch-spec`: a release's full spec in the cache (`spec/cache/`), downloaded
//! when missing, and checked against the pin when it is the pinned release.

use crate::exit::{self, EXIT_OK};
use crate::flags::FetchSpecArgs;
use crate::layout::Layout;
use crate::task_error::TaskError;
use spec::{ContentHash, Pin, SpecDocument};
use std::path::PathBuf;
use std::process::ExitCode;

/// `cargo xtask fetch-spec`: downloads the release, and says whether it was verified.
pub fn run(layout: &Layout, args: FetchSpecArgs) -> ExitCode {
    let (path, doc, verified) = match fetch(layout, args.tag, args.base_url) {
        Ok(fetched) => fetched,
        Err(e) => return exit::bad_input(e),
    };
    let check = if verified {
        "content hash matches spec/pinned.toml"
    } else {
        "not checked (not the pinned release, or the pin has no full spec hash): adopt it with `cargo xtask regen --tag TAG`"
    };
    println!(
        "fetched {} (API version {}, {}): {check}",
        path.display(),
        doc.api_version().unwrap_or("?"),
        doc.content_hash()
    );
    ExitCode::from(EXIT_OK)
}

/// Downloads a release's full spec into the cache (default: the pinned release); verifies it
/// when it is the pinned release and the pin knows its full spec's hash.
pub fn fetch(
    layout: &Layout,
    tag: Option<String>,
    base_url: Option<String>,
) -> Result<(PathBuf, SpecDocument, bool), TaskError> {
    let pin = Pin::load(&layout.pin_file()).ok();
    let tag = match (tag, pin.as_ref().and_then(|p| p.tag.clone())) {
        (Some(tag), _) | (None, Some(tag)) => tag,
        (None, None) => {
            return Err(TaskError::Other(format!(
                "{} names no release tag; name the release to fetch: cargo xtask fetch-spec vNNN",
                layout.pin_file().display()
            )));
        }
    };
    let expected = pinned_hash(pin.as_ref(), &tag);
    let verified = expected.is_some();
    let (path, doc) = spec::fetch(&spec::FetchOptions {
        tag,
        base_url: base_url.unwrap_or_else(base_url_default),
        cache_dir: layout.cache_dir(),
        expected,
    })?;
    Ok((path, doc, verified))
}

/// The full spec of release `tag`: from the cache, else downloaded into it (checked against
/// the pin's hash when `tag` is the pinned release).
pub fn release(
    layout: &Layout,
    tag: &str,
    pin: Option<&Pin>,
    download_from: Option<String>,
) -> Result<SpecDocument, TaskError> {
    let expected = pinned_hash(pin, tag);
    if let Some(doc) = spec::cached(&layout.cache_dir(), tag, expected)? {
        return Ok(doc);
    }
    let base_url = download_from.unwrap_or_else(base_url_default);
    eprintln!(
        "spec {tag} is not in {}; downloading it from {base_url}",
        layout.cache_dir().display()
    );
    let (_, doc) = spec::fetch(&spec::FetchOptions {
        tag: tag.to_owned(),
        base_url,
        cache_dir: layout.cache_dir(),
        expected,
    })?;
    Ok(doc)
}

/// The hash the pin records for the full spec of release `tag`, when `tag` is the pinned release.
fn pinned_hash(pin: Option<&Pin>, tag: &str) -> Option<ContentHash> {
    pin.filter(|p| p.tag.as_deref() == Some(tag))
        .and_then(|p| p.full_spec_hash)
}

/// Where releases are downloaded from: `$STRIPE_OPENAPI_BASE_URL` or GitHub.
fn base_url_default() -> String {
    std::env::var("STRIPE_OPENAPI_BASE_URL").unwrap_or_else(|_| spec::DEFAULT_BASE_URL.to_owned())
}
