//! The pin: a small committed TOML file (`spec/pinned.toml`) that records which
//! release of Stripe's spec the committed selection (`spec/selection.json`) and
//! `generated/` were made from, and the hash that ties the selection to it.

use std::path::Path;

use crate::error::SpecError;
use crate::hash::ContentHash;
use crate::tag::check_tag;

/// The record in `spec/pinned.toml` of the spec the committed selection was
/// made from.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Pin {
    /// The upstream release tag of github.com/stripe/openapi, like `v2349`, if
    /// known (a spec file whose path names no release, adopted without
    /// `--tag`, has none).
    pub tag: Option<String>,
    /// The Stripe API version the spec describes (`info.version`), like
    /// `2026-07-29.dahlia`.
    pub api_version: String,
    /// The content hash of the committed selection (`spec/selection.json`).
    pub selection_hash: ContentHash,
    /// The content hash of the full spec the selection was made from, when it
    /// was made from one (not from an excerpt that holds only the selected
    /// paths): with it, a downloaded or cached full spec can be recognised.
    pub full_spec_hash: Option<ContentHash>,
}

const HEADER: &str = "\
# The release of Stripe's OpenAPI spec that spec/selection.json and generated/ were made from.
#
# tag:            release tag of github.com/stripe/openapi, if known
# api_version:    the Stripe API version the spec describes (its info.version)
# selection_hash: sha256 of spec/selection.json's parsed content in canonical JSON
# full_spec_hash: the same of the full spec the selection was made from, if it was made
#                 from a full spec (the JSON and the YAML of one release hash alike)
#
# Written by `cargo xtask regen`; do not edit by hand. To adopt another release, run
# `cargo xtask regen --spec PATH` or `cargo xtask regen --tag vNNN`.
";

const FIELDS: [&str; 4] = ["tag", "api_version", "selection_hash", "full_spec_hash"];
const REQUIRED: [&str; 2] = ["api_version", "selection_hash"];

impl Pin {
    /// Reads and checks a pin file. `api_version` and `selection_hash` are
    /// required, and unknown fields are rejected (likely a typo).
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
        if let Some(missing) = REQUIRED.iter().find(|f| !table.contains_key(**f)) {
            return Err(bad(format!("missing field `{missing}`")));
        }
        let field = |name: &str| -> Result<Option<&str>, SpecError> {
            match table.get(name) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s)),
                Some(other) => Err(bad(format!(
                    "field `{name}` must be a string, found {}",
                    other.type_str()
                ))),
            }
        };
        let hash = |name: &str| -> Result<Option<ContentHash>, SpecError> {
            field(name)?
                .map(|text| {
                    text.parse()
                        .map_err(|e| bad(format!("field `{name}`: {e}")))
                })
                .transpose()
        };
        let tag = field("tag")?;
        if let Some(tag) = tag {
            check_tag(tag).map_err(|e| bad(format!("field `tag`: {e}")))?;
        }
        Ok(Pin {
            tag: tag.map(str::to_owned),
            api_version: field("api_version")?.unwrap_or_default().to_owned(),
            selection_hash: hash("selection_hash")?.expect("required"),
            full_spec_hash: hash("full_spec_hash")?,
        })
    }

    /// The file text (a person reads it in review); deterministic. Absent
    /// optional fields are left out.
    pub fn to_toml(&self) -> String {
        let mut text = format!("{HEADER}\n");
        if let Some(tag) = &self.tag {
            text.push_str(&format!("tag = {}\n", toml_string(tag)));
        }
        text.push_str(&format!(
            "api_version = {}\nselection_hash = \"{}\"\n",
            toml_string(&self.api_version),
            self.selection_hash,
        ));
        if let Some(hash) = &self.full_spec_hash {
            text.push_str(&format!("full_spec_hash = \"{hash}\"\n"));
        }
        text
    }

    /// The release as people name it: the tag if known, else the API version.
    pub fn release(&self) -> &str {
        self.tag.as_deref().unwrap_or(&self.api_version)
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

    fn hash(n: u32) -> ContentHash {
        crate::content_hash(&serde_json::json!({ "openapi": "3.0.0", "n": n }))
    }

    fn pin() -> Pin {
        Pin {
            tag: Some("v2349".into()),
            api_version: "2026-07-29.dahlia".into(),
            selection_hash: hash(1),
            full_spec_hash: Some(hash(2)),
        }
    }

    fn parse(text: &str) -> Result<Pin, SpecError> {
        Pin::parse(Path::new("spec/pinned.toml"), text)
    }

    #[test]
    fn text_is_readable_and_parses_back() {
        let pin = pin();
        let text = pin.to_toml();
        assert!(text.starts_with("# The release of Stripe's OpenAPI spec"));
        assert!(text.contains("`cargo xtask regen --spec PATH`"));
        assert!(text.ends_with(&format!(
            "\ntag = \"v2349\"\napi_version = \"2026-07-29.dahlia\"\nselection_hash = \"{}\"\nfull_spec_hash = \"{}\"\n",
            hash(1),
            hash(2)
        )));
        assert_eq!(text, pin.to_toml());
        assert_eq!(parse(&text).unwrap(), pin);
        assert_eq!(pin.release(), "v2349");
    }

    #[test]
    fn optional_fields_are_left_out_and_read_back_as_absent() {
        let pin = Pin {
            tag: None,
            full_spec_hash: None,
            ..pin()
        };
        let text = pin.to_toml();
        assert!(!text.contains("\ntag ="), "{text}");
        assert!(!text.contains("\nfull_spec_hash ="), "{text}");
        assert_eq!(parse(&text).unwrap(), pin);
        assert_eq!(pin.release(), "2026-07-29.dahlia");
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
    fn missing_required_field_is_named() {
        let text = pin().to_toml();
        for field in REQUIRED {
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
        let hash = hash(1);
        for (text, needle) in [
            (
                format!("tag = 524\napi_version = \"x\"\nselection_hash = \"{hash}\""),
                "field `tag` must be a string, found integer",
            ),
            (
                format!("tag = \"../x\"\napi_version = \"x\"\nselection_hash = \"{hash}\""),
                "field `tag`: invalid tag \"../x\"",
            ),
            (
                "api_version = \"x\"\nselection_hash = \"sha256:12\"".to_owned(),
                "field `selection_hash`: invalid content hash",
            ),
            (
                format!("api_version = \"x\"\nselection_hash = \"{hash}\"\nfull_spec_hash = 3"),
                "field `full_spec_hash` must be a string, found integer",
            ),
            (
                format!(
                    "api_version = \"x\"\nselection_hash = \"{hash}\"\ncontent_hash = \"{hash}\""
                ),
                "unknown field `content_hash`",
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
