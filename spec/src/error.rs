//! Everything that can go wrong getting a spec, each case worded so that the
//! person reading it knows which file (or URL) is at fault and what to do.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::hash::ContentHash;
use crate::locate::SPEC_ENV_VAR;
use crate::pin::Pin;

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

    /// No spec file for the pin was found.
    #[error("{}", NotFoundMessage { tag, cache_dir, tried, env_spec: env_spec.as_deref() })]
    NotFound {
        /// The pinned tag, like "v524".
        tag: String,
        /// The cache directory that was searched.
        cache_dir: PathBuf,
        /// Every path that was tried, in order.
        tried: Vec<PathBuf>,
        /// The value of `STRIPE_OPENAPI_SPEC`, if it was set (then it was the
        /// only path tried).
        env_spec: Option<PathBuf>,
    },

    /// A spec file was found, but it is not the pinned spec.
    #[error(
        "{path} is not the pinned spec:\n  \
         this file:  {found} (API version {found_version})\n  \
         the pin:    {expected} (tag {tag}, API version {pinned_version})\n\
         To adopt this file (regenerates generated/ and changes the pin), run \
         `cargo xtask regen --spec {path}`.\n\
         To use the pinned spec instead, {get_pinned}",
        path = path.display(),
        found_version = found_api_version.as_deref().unwrap_or("unknown"),
        expected = pin.content_hash,
        tag = pin.tag,
        pinned_version = pin.api_version,
        get_pinned = if *from_env {
            format!("unset {SPEC_ENV_VAR} (it names this file) and run `cargo xtask fetch-spec`.")
        } else {
            "run `cargo xtask fetch-spec` (it replaces this file).".to_owned()
        },
    )]
    HashMismatch {
        /// The file that was found.
        path: PathBuf,
        /// Whether the file was named by `STRIPE_OPENAPI_SPEC`.
        from_env: bool,
        /// The pin it was checked against; `pin.content_hash` is the expected
        /// hash.
        pin: Box<Pin>,
        /// The content hash of the file.
        found: ContentHash,
        /// The API version (`info.version`) of the file, if it has one.
        found_api_version: Option<String>,
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

/// The text of [`SpecError::NotFound`].
struct NotFoundMessage<'a> {
    tag: &'a str,
    cache_dir: &'a Path,
    tried: &'a [PathBuf],
    env_spec: Option<&'a Path>,
}

impl fmt::Display for NotFoundMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = self.tag;
        let cache = self.cache_dir.display();
        match self.env_spec {
            Some(env) => writeln!(
                f,
                "no spec file at {} (named by {SPEC_ENV_VAR}; while it is set, the cache is not searched)",
                env.display()
            )?,
            None => writeln!(f, "no spec file found for the pinned tag {tag}")?,
        }
        writeln!(f, "tried:")?;
        for path in self.tried {
            writeln!(f, "  {}", path.display())?;
        }
        writeln!(f, "to get the spec, do one of:")?;
        writeln!(
            f,
            "  - run `cargo xtask fetch-spec` (downloads {tag} from github.com/stripe/openapi into {cache})"
        )?;
        match self.env_spec {
            Some(_) => writeln!(
                f,
                "  - set {SPEC_ENV_VAR} to an existing spec file, e.g. {SPEC_ENV_VAR}=/path/to/spec3.json, or unset it"
            )?,
            None => writeln!(f, "  - set {SPEC_ENV_VAR}=/path/to/spec3.json")?,
        }
        write!(
            f,
            "  - run `cargo xtask regen --spec PATH` to adopt the spec file at PATH (this changes the pin)"
        )
    }
}
