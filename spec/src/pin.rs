//! The pin: a small committed TOML file (`spec/pinned.toml`) that records
//! which spec the committed `generated/` was made from, so that review shows
//! spec changes and regeneration uses exactly that spec.

use std::path::Path;

use crate::error::SpecError;
use crate::hash::ContentHash;
use crate::tag::check_tag;
use crate::write::write_atomic;

/// The record in `spec/pinned.toml` of which spec the committed `generated/`
/// was made from.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Pin {
    /// The upstream release tag of github.com/stripe/openapi, like `v524`.
    pub tag: String,
    /// The Stripe API version the spec describes (`info.version`), like
    /// `2023-08-16`.
    pub api_version: String,
    /// The hash of the spec's parsed content.
    pub content_hash: ContentHash,
}

const HEADER: &str = "\
# The Stripe OpenAPI spec that generated/ was made from.
#
# tag:          release tag of github.com/stripe/openapi (`cargo xtask fetch-spec` downloads it)
# api_version:  the Stripe API version the spec describes (its info.version)
# content_hash: sha256 of the spec's parsed content in canonical JSON, so the
#               JSON and the YAML of one release have the same hash
#
# Written by `cargo xtask regen`; do not edit by hand. To change the spec,
# run `cargo xtask regen --spec PATH`, which regenerates generated/ and
# rewrites this file.
";

const FIELDS: [&str; 3] = ["tag", "api_version", "content_hash"];

impl Pin {
    /// Reads and checks a pin file. Every field is required and unknown
    /// fields are rejected (likely a typo).
    pub fn load(path: &Path) -> Result<Pin, SpecError> {
        let meta = std::fs::metadata(path).map_err(|e| SpecError::io("read", path, e))?;
        if meta.is_dir() {
            return Err(SpecError::IsDirectory {
                path: path.to_owned(),
            });
        }
        let text = std::fs::read_to_string(path).map_err(|e| SpecError::io("read", path, e))?;
        Pin::parse(path, &text)
    }

    /// Parses the text of a pin file; `path` is only used in messages.
    fn parse(path: &Path, text: &str) -> Result<Pin, SpecError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            SpecError::Syntax {
                path: path.to_owned(),
                line,
                column,
                message: format!("invalid TOML: {}", e.message()),
            }
        })?;
        let bad = |message: String| SpecError::BadPin {
            path: path.to_owned(),
            message,
        };
        if let Some(unknown) = table.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(bad(format!(
                "unknown field `{unknown}` (expected only {})",
                FIELDS.map(|f| format!("`{f}`")).join(", ")
            )));
        }
        let field = |name: &str| -> Result<&str, SpecError> {
            match table.get(name) {
                None => Err(bad(format!("missing field `{name}`"))),
                Some(toml::Value::String(s)) => Ok(s),
                Some(other) => Err(bad(format!(
                    "field `{name}` must be a string, found {}",
                    other.type_str()
                ))),
            }
        };
        let tag = field("tag")?;
        check_tag(tag).map_err(|e| bad(format!("field `tag`: {e}")))?;
        let api_version = field("api_version")?;
        let content_hash = field("content_hash")?
            .parse()
            .map_err(|e| bad(format!("field `content_hash`: {e}")))?;
        Ok(Pin {
            tag: tag.to_owned(),
            api_version: api_version.to_owned(),
            content_hash,
        })
    }

    /// The file text (a person reads it in review); deterministic.
    pub fn to_toml(&self) -> String {
        format!(
            "{HEADER}\ntag = {}\napi_version = {}\ncontent_hash = \"{}\"\n",
            toml_string(&self.tag),
            toml_string(&self.api_version),
            self.content_hash,
        )
    }

    /// Writes atomically (temp file in the same directory + rename); no write
    /// when content is unchanged. Returns whether it wrote.
    pub fn store(&self, path: &Path) -> Result<bool, SpecError> {
        let text = self.to_toml();
        match std::fs::read(path) {
            Ok(old) if old == text.as_bytes() => return Ok(false),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(SpecError::io("read", path, e)),
        }
        write_atomic(path, text.as_bytes())?;
        Ok(true)
    }
}

/// `s` as a TOML basic string, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin() -> Pin {
        Pin {
            tag: "v524".into(),
            api_version: "2023-08-16".into(),
            content_hash: crate::content_hash(&serde_json::json!({"openapi": "3.0.0"})),
        }
    }

    fn parse(text: &str) -> Result<Pin, SpecError> {
        Pin::parse(Path::new("spec/pinned.toml"), text)
    }

    #[test]
    fn text_is_readable_and_parses_back() {
        let pin = pin();
        let text = pin.to_toml();
        assert!(text.starts_with("# The Stripe OpenAPI spec that generated/ was made from."));
        assert!(text.contains("`cargo xtask regen --spec PATH`"));
        assert!(text.ends_with(&format!(
            "\ntag = \"v524\"\napi_version = \"2023-08-16\"\ncontent_hash = \"{}\"\n",
            pin.content_hash
        )));
        assert_eq!(text, pin.to_toml());
        assert_eq!(parse(&text).unwrap(), pin);
    }

    #[test]
    fn strings_that_need_escaping_roundtrip() {
        let pin = Pin {
            api_version: "quote \" backslash \\ newline \n tab \t ü".into(),
            ..pin()
        };
        assert_eq!(parse(&pin.to_toml()).unwrap(), pin);
    }

    #[test]
    fn missing_field_is_named() {
        let text = pin().to_toml();
        for field in FIELDS {
            let without: String = text
                .lines()
                .filter(|l| !l.starts_with(&format!("{field} =")))
                .map(|l| format!("{l}\n"))
                .collect();
            let err = parse(&without).unwrap_err();
            assert!(matches!(err, SpecError::BadPin { .. }), "{err:?}");
            assert_eq!(
                err.to_string(),
                format!("spec/pinned.toml: missing field `{field}`")
            );
        }
    }

    #[test]
    fn bad_fields_are_named() {
        let hash = pin().content_hash;
        for (text, needle) in [
            (
                format!("tag = 524\napi_version = \"x\"\ncontent_hash = \"{hash}\""),
                "field `tag` must be a string, found integer",
            ),
            (
                format!("tag = \"../x\"\napi_version = \"x\"\ncontent_hash = \"{hash}\""),
                "field `tag`: invalid tag \"../x\"",
            ),
            (
                "tag = \"v1\"\napi_version = \"x\"\ncontent_hash = \"sha256:12\"".to_owned(),
                "field `content_hash`: invalid content hash",
            ),
            (
                format!(
                    "tag = \"v1\"\napi_version = \"x\"\ncontent_hash = \"{hash}\"\ncontent-hash = \"x\""
                ),
                "unknown field `content-hash`",
            ),
        ] {
            let err = parse(&text).unwrap_err();
            assert!(matches!(err, SpecError::BadPin { .. }), "{err:?}");
            let msg = err.to_string();
            assert!(msg.starts_with("spec/pinned.toml: "), "{msg}");
            assert!(msg.contains(needle), "{msg}");
        }
    }

    #[test]
    fn toml_syntax_error_has_position() {
        let err = parse("# comment\ntag = \"v1\"\napi_version = = 3\n").unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, SpecError::Syntax { line: 3, .. }), "{err:?}");
        assert!(msg.starts_with("spec/pinned.toml:3:"), "{msg}");
        assert!(msg.contains("invalid TOML"), "{msg}");
    }

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("abc", 0), (1, 1));
        assert_eq!(line_column("abc\nde", 5), (2, 2));
        assert_eq!(line_column("ü\nx", 3), (2, 1));
        assert_eq!(line_column("x", 99), (1, 2));
    }

    #[test]
    fn store_writes_only_when_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pinned.toml");
        let mut pin = pin();
        assert!(pin.store(&path).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), pin.to_toml());
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert!(!pin.store(&path).unwrap());
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
        assert_eq!(Pin::load(&path).unwrap(), pin);

        pin.tag = "v600".into();
        assert!(pin.store(&path).unwrap());
        assert_eq!(Pin::load(&path).unwrap(), pin);
        // Only the pin is in the directory: no temporary file left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn load_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("pinned.toml");
        let err = Pin::load(&missing).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("cannot read {}: not found", missing.display())
        );
        let err = Pin::load(dir.path()).unwrap_err();
        assert!(matches!(err, SpecError::IsDirectory { .. }), "{err:?}");
    }
}
