//! The generator's one error type: what is wrong, and where in which file.

use crate::pointer::Pointer;
use std::fmt;

/// An error in the input spec, located by file and JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The spec file (or any label the caller gave for the input).
    pub source_name: String,
    /// Where in the document the problem is.
    pub pointer: Pointer,
    /// What is wrong.
    pub kind: ErrorKind,
}

/// The kinds of problems the generator reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The document is not OpenAPI 3.0.x.
    UnsupportedVersion(String),
    /// A required member is missing or has the wrong JSON type.
    Malformed(String),
    /// No path starts with the requested prefix.
    NoPaths {
        /// The prefix that matched nothing.
        prefix: String,
        /// Prefixes that would select something (`/v1/<resource>/`, or a path itself), sorted.
        available: Vec<String>,
    },
    /// A `$ref` whose target does not exist.
    MissingRef(String),
    /// A `$ref` of a form the generator does not follow (external, or not to a schema).
    UnsupportedRef(String),
    /// A schema construct the lowering does not handle.
    Unsupported(String),
    /// Two spec names map to the same Rust name.
    NameCollision {
        /// The Rust name both map to.
        rust_name: String,
        /// The spec-side names or locations that collide.
        first: String,
        /// The second one.
        second: String,
    },
}

impl Error {
    pub(crate) fn new(source_name: &str, pointer: Pointer, kind: ErrorKind) -> Self {
        Self {
            source_name: source_name.to_owned(),
            pointer,
            kind,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: at {}: ", self.source_name, self.pointer)?;
        match &self.kind {
            ErrorKind::UnsupportedVersion(found) => write!(
                f,
                "unsupported document version {found}; this generator reads OpenAPI 3.0.x (Stripe publishes its spec as OpenAPI 3.0.0)"
            ),
            ErrorKind::Malformed(what) => f.write_str(what),
            ErrorKind::NoPaths { prefix, available } => {
                write!(f, "no path starts with `{prefix}`")?;
                if !available.is_empty() {
                    const SHOWN: usize = 40;
                    let shown: Vec<&str> =
                        available.iter().take(SHOWN).map(String::as_str).collect();
                    write!(f, "; prefixes in this spec: {}", shown.join(", "))?;
                    if available.len() > SHOWN {
                        write!(f, ", and {} more", available.len() - SHOWN)?;
                    }
                }
                Ok(())
            }
            ErrorKind::MissingRef(target) => {
                write!(f, "`$ref` points to `{target}`, which does not exist")
            }
            ErrorKind::UnsupportedRef(target) => write!(
                f,
                "`$ref` to `{target}` is not supported; only local schema references (`#/components/schemas/NAME`) are followed"
            ),
            ErrorKind::Unsupported(what) => write!(f, "not supported: {what}"),
            ErrorKind::NameCollision {
                rust_name,
                first,
                second,
            } => write!(
                f,
                "`{first}` and `{second}` both become the Rust name `{rust_name}`"
            ),
        }
    }
}

impl std::error::Error for Error {}
