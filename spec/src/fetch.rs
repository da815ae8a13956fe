//! Downloading a release of Stripe's spec into the cache, so that a fresh
//! checkout can get the pinned spec with one command. The download is checked
//! (it must parse, and match the expected hash) before anything is written.

use std::path::PathBuf;
use std::time::Duration;

use crate::cache::CACHE_FILES;
use crate::document::SpecDocument;
use crate::error::SpecError;
use crate::hash::ContentHash;
use crate::tag::check_tag;
use crate::write::write_atomic;

/// Where releases of github.com/stripe/openapi are downloaded from.
pub const DEFAULT_BASE_URL: &str = "https://raw.githubusercontent.com/stripe/openapi";

/// How long one download may take in all, connecting included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(120);

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest spec accepted (the real one is about 5 MB; ureq's default
/// limit of 10 MB is too close).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// What to download, from where, and into which cache.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// The release tag, like `v524`.
    pub tag: String,
    /// The base URL; the file is `<base_url>/<tag>/openapi/spec3.json`.
    /// Normally [`DEFAULT_BASE_URL`].
    pub base_url: String,
    /// The cache directory; the file is written to `<cache_dir>/<tag>/spec3.json`.
    pub cache_dir: PathBuf,
    /// The content hash the download must have, if known (from the pin).
    pub expected: Option<ContentHash>,
}

impl FetchOptions {
    /// Options for `tag` from [`DEFAULT_BASE_URL`] into `cache_dir`, with no
    /// expected hash.
    pub fn new(tag: impl Into<String>, cache_dir: impl Into<PathBuf>) -> FetchOptions {
        FetchOptions {
            tag: tag.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            cache_dir: cache_dir.into(),
            expected: None,
        }
    }

    /// The URL that is downloaded.
    pub fn url(&self) -> String {
        format!(
            "{}/{}/openapi/{}",
            self.base_url.trim_end_matches('/'),
            self.tag,
            CACHE_FILES[0]
        )
    }

    /// The file that is written.
    pub fn destination(&self) -> PathBuf {
        self.cache_dir.join(&self.tag).join(CACHE_FILES[0])
    }
}

/// Downloads `<base_url>/<tag>/openapi/spec3.json` (this is the layout of
/// github.com/stripe/openapi at a tag), parses it, checks the hash against
/// `expected` when given (mismatch => error, nothing written), and writes it
/// atomically to `<cache_dir>/<tag>/spec3.json`. Returns the written path and
/// the document.
///
/// HTTP errors (status other than 200, connection refused, timeout after
/// [`FETCH_TIMEOUT`]) give [`SpecError::Http`] naming the URL and the status
/// or cause. A body that is not a JSON spec is a syntax error naming the URL.
pub fn fetch(opts: &FetchOptions) -> Result<(PathBuf, SpecDocument), SpecError> {
    check_tag(&opts.tag)?;
    let url = opts.url();
    let bytes = download(&url, FETCH_TIMEOUT)?;

    let mut doc = SpecDocument::parse(std::path::Path::new(&url), &bytes)?;
    if let Some(expected) = opts.expected {
        let found = doc.content_hash();
        if found != expected {
            return Err(SpecError::FetchedHashMismatch {
                url,
                expected,
                found,
            });
        }
    }

    let dest = opts.destination();
    write_atomic(&dest, &bytes)?;
    doc.path = dest.clone();
    Ok((dest, doc))
}

/// The body of a 200 response to a GET of `url`, within `timeout`.
fn download(url: &str, timeout: Duration) -> Result<Vec<u8>, SpecError> {
    let http = |message: String| SpecError::Http {
        url: url.to_owned(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| http(describe(e, timeout)))?;
    let status = response.status();
    if status != 200 {
        let reason = status.canonical_reason().unwrap_or("");
        let hint = if status == 404 {
            " (is the tag a release of github.com/stripe/openapi?)"
        } else {
            ""
        };
        return Err(http(format!(
            "HTTP status {} {reason}{hint}",
            status.as_u16()
        )));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| http(describe(e, timeout)))
}

/// The cause of a failed request, in words.
fn describe(err: ureq::Error, timeout: Duration) -> String {
    match err {
        ureq::Error::Timeout(what) => {
            format!("timed out ({what}; the limit is {:?})", timeout)
        }
        ureq::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn a_server_that_never_answers_times_out() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://{}/v1/openapi/spec3.json",
            listener.local_addr().unwrap()
        );
        // The connection is accepted by the OS (backlog) but never answered.
        let started = std::time::Instant::now();
        let err = download(&url, Duration::from_millis(300)).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(10));
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("fetching {url} failed: timed out")),
            "{msg}"
        );
        assert!(msg.contains("300ms"), "{msg}");
        drop(listener);
    }

    #[test]
    fn url_and_destination_follow_the_upstream_layout() {
        let opts = FetchOptions::new("v524", "spec/cache");
        assert_eq!(
            opts.url(),
            "https://raw.githubusercontent.com/stripe/openapi/v524/openapi/spec3.json"
        );
        assert_eq!(
            opts.destination(),
            std::path::Path::new("spec/cache/v524/spec3.json")
        );
        assert_eq!(opts.expected, None);
    }
}
