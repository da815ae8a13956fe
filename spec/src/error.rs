//! Everything that can go wrong getting a spec, each case worded so that the
//! person reading it knows which file (or URL) is at fault and what to do.

use std::io;
use std::path::{Path, PathBuf};

use crate::hash::ContentHash;

/// An error reading, locating, pinning or fetching a spec.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// A file could not be read or written.
    #[error("cannot {action} {}: {}", path.display(), describe_io(source))]
    Io {
        /// The file (or directory) concerned.
        path: PathBuf,
        /// What was being done, like "read" or "write".
        action: &'static str,
        /// The underlying error.
        source: io::Error,
    },

    /// A file is not valid JSON, YAML or TOML.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file (or, for a download, its URL).
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// Column of the error as the parser reports it (1-based for YAML and
        /// TOML; for JSON, the number of characters of the line read so far).
        column: usize,
        /// What is wrong, like "invalid JSON: EOF while parsing an object".
        message: String,
    },

    /// A file could not be parsed, and the parser gave no position.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file (or, for a download, its URL).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },

    /// A spec file is empty (or holds only whitespace).
    #[error("{}: is empty; expected an OpenAPI spec in JSON or YAML", path.display())]
    Empty {
        /// The empty file.
        path: PathBuf,
    },

    /// A spec file parses, but its top level is not a mapping, so it cannot be
    /// an OpenAPI document.
    #[error("{}: top level is {found}, not a mapping; expected an OpenAPI spec", path.display())]
    NotAMapping {
        /// The file.
        path: PathBuf,
        /// What the top level is, like "a string".
        found: &'static str,
    },

    /// A path expected to be a file is a directory.
    #[error("{}: is a directory, expected a spec file", path.display())]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },

    /// A cached spec is not the release the pin records under its tag.
    #[error(
        "{}: content hash {found}, but spec/pinned.toml records {expected} as the full spec of \
         {tag}: this is not the release the selection was made from. Delete it (and run \
         `cargo xtask fetch-spec` to download {tag} again), or adopt it with \
         `cargo xtask regen --spec {}`",
        path.display(),
        path.display()
    )]
    HashMismatch {
        /// The cached file.
        path: PathBuf,
        /// The tag it is cached under.
        tag: String,
        /// The hash the pin records.
        expected: ContentHash,
        /// The hash of the file.
        found: ContentHash,
    },

    /// A downloaded spec is not the one that was expected; nothing was written.
    #[error(
        "{url}: downloaded spec has content hash {found}, but {expected} was expected; \
         nothing was written"
    )]
    FetchedHashMismatch {
        /// Where it was downloaded from.
        url: String,
        /// The expected content hash.
        expected: ContentHash,
        /// The content hash of the download.
        found: ContentHash,
    },

    /// A pin file is readable TOML but not a valid pin.
    #[error("{}: {message}", path.display())]
    BadPin {
        /// The pin file.
        path: PathBuf,
        /// What is wrong, naming the field.
        message: String,
    },

    /// The scope file (`spec/scope.toml`) is not a list of documented prefixes.
    #[error("{}: {message}", path.display())]
    BadScope {
        /// The scope file.
        path: PathBuf,
        /// What is wrong, naming the entry.
        message: String,
    },

    /// A tag is not usable as a directory name and URL segment.
    #[error(
        "invalid tag {tag:?}: expected a release tag of github.com/stripe/openapi like \"v524\" \
         (letters, digits, '.', '_' and '-', not starting with '.')"
    )]
    BadTag {
        /// The tag that was given.
        tag: String,
    },

    /// A download failed.
    #[error("fetching {url} failed: {message}")]
    Http {
        /// The URL.
        url: String,
        /// The HTTP status or the cause.
        message: String,
    },
}

impl SpecError {
    /// An [`SpecError::Io`] for `path`.
    pub(crate) fn io(action: &'static str, path: &Path, source: io::Error) -> SpecError {
        SpecError::Io {
            path: path.to_owned(),
            action,
            source,
        }
    }
}

/// Says what went wrong in plain words for the common cases.
fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "not found".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
