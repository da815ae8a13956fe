//! Reading a spec file, JSON or YAML, into one form (a JSON value), so that
//! everything downstream — hashing, code generation — sees the same content
//! whichever format the spec came in.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::SpecError;
use crate::hash::{ContentHash, content_hash};

/// A spec file read and parsed into JSON values (YAML is converted).
///
/// YAML is read as YAML 1.2: only `true`/`false` are booleans (`yes`, `no`,
/// `on` stay strings), dates stay strings, and keys are strings as written
/// (an unquoted `200:` is the key `"200"`). The real specs have none of the
/// cases where the two formats can't agree: a YAML `.nan` or `.inf` becomes
/// `null`, and in both formats a repeated key keeps its last value.
#[derive(Clone, Debug)]
pub struct SpecDocument {
    /// The file it was read from (for a download, where it was written).
    pub path: PathBuf,
    /// The format of the file.
    pub format: SpecFormat,
    /// The parsed content; the top level is always an object.
    pub value: Value,
}

/// The syntax a spec file is written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpecFormat {
    /// JSON (`.json`).
    Json,
    /// YAML (`.yaml`, `.yml`).
    Yaml,
}

impl SpecFormat {
    /// The format by file extension (`.json`, `.yaml`, `.yml`, any case), else
    /// by sniffing: first non-whitespace byte `{` means JSON, anything else YAML.
    fn detect(path: &Path, bytes: &[u8]) -> SpecFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => SpecFormat::Json,
            Some("yaml" | "yml") => SpecFormat::Yaml,
            _ if bytes.trim_ascii_start().first() == Some(&b'{') => SpecFormat::Json,
            _ => SpecFormat::Yaml,
        }
    }
}

impl SpecDocument {
    /// Reads and parses a spec file. Format by extension (`.json` / `.yaml` /
    /// `.yml`); for other extensions sniff: first non-whitespace byte `{` =>
    /// JSON, else YAML.
    pub fn read(path: &Path) -> Result<SpecDocument, SpecError> {
        let meta = std::fs::metadata(path).map_err(|e| SpecError::io("read", path, e))?;
        if meta.is_dir() {
            return Err(SpecError::IsDirectory {
                path: path.to_owned(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| SpecError::io("read", path, e))?;
        SpecDocument::parse(path, &bytes)
    }

    /// Parse from bytes already in memory; `path` is only used in messages and
    /// format detection.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<SpecDocument, SpecError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.trim_ascii().is_empty() {
            return Err(SpecError::Empty {
                path: path.to_owned(),
            });
        }
        let format = SpecFormat::detect(path, bytes);
        let value = match format {
            SpecFormat::Json => parse_json(path, bytes)?,
            SpecFormat::Yaml => parse_yaml(path, bytes)?,
        };
        if !value.is_object() {
            return Err(SpecError::NotAMapping {
                path: path.to_owned(),
                found: describe(&value),
            });
        }
        Ok(SpecDocument {
            path: path.to_owned(),
            format,
            value,
        })
    }

    /// `info.version` (Stripe's API version, e.g. "2023-08-16"), if present.
    pub fn api_version(&self) -> Option<&str> {
        self.value.pointer("/info/version")?.as_str()
    }

    /// The hash of the parsed content (see [`content_hash`]).
    pub fn content_hash(&self) -> ContentHash {
        content_hash(&self.value)
    }
}

fn parse_json(path: &Path, bytes: &[u8]) -> Result<Value, SpecError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let message = e.to_string();
        let message = strip_position(&message, line, column);
        SpecError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: format!("invalid JSON: {message}"),
        }
    })
}

fn parse_yaml(path: &Path, bytes: &[u8]) -> Result<Value, SpecError> {
    serde_yaml_ng::from_slice(bytes).map_err(|e| {
        let message = e.to_string();
        match e.location() {
            Some(loc) => SpecError::Syntax {
                path: path.to_owned(),
                line: loc.line(),
                column: loc.column(),
                message: format!(
                    "invalid YAML: {}",
                    strip_position(&message, loc.line(), loc.column())
                ),
            },
            // The parser reads text such as TOML as several documents and says only that,
            // without a position; say what that means for a spec.
            None if message.contains("more than one document") => SpecError::Invalid {
                path: path.to_owned(),
                message: "invalid YAML: the text does not read as one YAML document, which a spec is (is this YAML at all?)".to_owned(),
            },
            None => SpecError::Invalid {
                path: path.to_owned(),
                message: format!("invalid YAML: {message}"),
            },
        }
    })
}

/// Removes the parser's own " at line L column C" from its message, since the
/// error puts the position in front, after the path.
fn strip_position(message: &str, line: usize, column: usize) -> String {
    message.replacen(&format!(" at line {line} column {column}"), "", 1)
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Result<SpecDocument, SpecError> {
        SpecDocument::parse(Path::new(name), text.as_bytes())
    }

    #[test]
    fn format_by_extension_then_sniffing() {
        assert_eq!(parse("a.json", "{}").unwrap().format, SpecFormat::Json);
        assert_eq!(parse("a.JSON", "{}").unwrap().format, SpecFormat::Json);
        assert_eq!(parse("a.yaml", "{}").unwrap().format, SpecFormat::Yaml);
        assert_eq!(parse("a.yml", "a: 1").unwrap().format, SpecFormat::Yaml);
        assert_eq!(
            parse("spec", "  \n{\"a\": 1}").unwrap().format,
            SpecFormat::Json
        );
        assert_eq!(parse("spec.txt", "a: 1").unwrap().format, SpecFormat::Yaml);
        // By extension, a YAML body in a .json file is a JSON error.
        let err = parse("a.json", "a: 1").unwrap_err();
        assert!(
            matches!(
                err,
                SpecError::Syntax {
                    line: 1,
                    column: 1,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn yaml_and_json_give_the_same_value() {
        let yaml = parse(
            "a.yaml",
            "info:\n  version: '2023-08-16'\nn: 3\nf: 2.5\nb: true\nx: ~\nl: [a, 1]\n",
        )
        .unwrap();
        let json = parse(
            "a.json",
            r#"{"info":{"version":"2023-08-16"},"n":3,"f":2.5,"b":true,"x":null,"l":["a",1]}"#,
        )
        .unwrap();
        assert_eq!(yaml.value, json.value);
        assert_eq!(yaml.content_hash(), json.content_hash());
        assert_eq!(yaml.api_version(), Some("2023-08-16"));
    }

    #[test]
    fn api_version_absent_or_not_a_string() {
        assert_eq!(parse("a.json", "{}").unwrap().api_version(), None);
        assert_eq!(
            parse("a.json", r#"{"info":{}}"#).unwrap().api_version(),
            None
        );
        assert_eq!(
            parse("a.json", r#"{"info":{"version":3}}"#)
                .unwrap()
                .api_version(),
            None
        );
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let doc = SpecDocument::parse(Path::new("spec"), b"\xEF\xBB\xBF{\"a\":1}").unwrap();
        assert_eq!(doc.format, SpecFormat::Json);
    }

    #[test]
    fn empty_and_whitespace_only_are_empty() {
        for text in ["", " \n\t\r\n"] {
            for name in ["e.json", "e.yaml", "e"] {
                let err = parse(name, text).unwrap_err();
                assert!(matches!(err, SpecError::Empty { .. }), "{err:?}");
                assert_eq!(
                    err.to_string(),
                    format!("{name}: is empty; expected an OpenAPI spec in JSON or YAML")
                );
            }
        }
    }

    #[test]
    fn json_syntax_error_has_position_and_no_duplicate() {
        let err = parse("dir/bad.json", "{\n  \"a\": 1,\n  \"b\": ]\n}").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("dir/bad.json:3:8: invalid JSON: "),
            "{text}"
        );
        assert!(!text.contains(" at line "), "{text}");
    }

    #[test]
    fn yaml_syntax_error_has_position() {
        let err = parse("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        let SpecError::Syntax {
            line,
            column,
            ref message,
            ..
        } = err
        else {
            panic!("{err:?}");
        };
        assert!(line >= 2, "{err}");
        assert!(column >= 1, "{err}");
        assert!(message.starts_with("invalid YAML: "), "{message}");
        assert!(
            err.to_string()
                .starts_with(&format!("bad.yaml:{line}:{column}: invalid YAML: ")),
            "{err}"
        );
    }

    #[test]
    fn top_level_must_be_a_mapping() {
        for (name, text, found) in [
            ("README", "just some words", "a string"),
            ("a.json", "[1]", "a list"),
            ("a.yaml", "- 1", "a list"),
            ("a.json", "null", "null"),
            ("a.yaml", "3", "a number"),
        ] {
            let err = parse(name, text).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("{name}: top level is {found}, not a mapping; expected an OpenAPI spec")
            );
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        for name in ["a.json", "a.yaml"] {
            let err = SpecDocument::parse(Path::new(name), b"{\"a\": \"\xff\"}").unwrap_err();
            assert!(err.to_string().starts_with(name), "{err}");
        }
    }
}
