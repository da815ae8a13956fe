//! Reading parameters from a file (JSON, TOML, any serde format) so that a mistake stops the
//! program instead of shrinking the request: the error names the field by its path and, when
//! one is close, the field that was probably meant.
//!
//! The generated parameter types refuse properties they do not have
//! (`#[serde(deny_unknown_fields)]`), so any serde reader already fails on a misspelt field, or
//! on one this API version removed; [`read_params`] adds where (`features.subscription_pause`)
//! and a suggestion (`defualt_return_url` -> `default_return_url`).

use serde::{Deserialize, Deserializer};
use std::fmt;

/// Reads parameters (or any type) from a serde deserializer, with errors that say where.
///
/// ```
/// use stripe_billing_portal::params::UpdateConfigurationParams;
/// use stripe_billing_portal::runtime::read_params;
///
/// let json = r#"{"defualt_return_url": "https://example.com"}"#;
/// let err = read_params::<UpdateConfigurationParams, _>(
///     &mut serde_json::Deserializer::from_str(json),
/// )
/// .unwrap_err();
/// assert_eq!(err.path(), "defualt_return_url");
/// assert_eq!(err.suggestion(), Some("default_return_url"));
/// assert!(err.to_string().starts_with(
///     "defualt_return_url: unknown field `defualt_return_url`; did you mean `default_return_url`?"
/// ));
/// ```
pub fn read_params<'de, T, D>(deserializer: D) -> Result<T, ParamsError>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        ParamsError::new(path, e.into_inner().to_string())
    })
}

/// Why parameters could not be read: where, what, and for an unknown field, what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsError {
    path: String,
    message: String,
    unknown: Option<Box<UnknownField>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct UnknownField {
    field: String,
    expected: Vec<String>,
    suggestion: Option<String>,
    /// What the reader said besides serde's sentence: where (`at line 1 column 22`, or
    /// TOML's line with a caret).
    location: String,
}

impl ParamsError {
    fn new(path: String, message: String) -> Self {
        let unknown = UnknownField::parse(&message).map(Box::new);
        Self {
            path,
            message,
            unknown,
        }
    }

    /// The path of the field at fault, dotted with indices (`features.subscription_pause`,
    /// `products[0].prices`); `.` for the top level.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// For a field the parameters do not have: its name.
    pub fn unknown_field(&self) -> Option<&str> {
        self.unknown.as_ref().map(|u| u.field.as_str())
    }

    /// For a field the parameters do not have: the fields they do have at that place.
    pub fn expected_fields(&self) -> &[String] {
        self.unknown.as_ref().map_or(&[], |u| &u.expected)
    }

    /// For a field the parameters do not have: the known field it is close to, if one is.
    pub fn suggestion(&self) -> Option<&str> {
        self.unknown.as_ref()?.suggestion.as_deref()
    }

    /// The reader's own message (for TOML it shows the line).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.unknown {
            Some(unknown) => {
                write!(f, "{}: unknown field `{}`", self.path, unknown.field)?;
                if let Some(suggestion) = &unknown.suggestion {
                    write!(f, "; did you mean `{suggestion}`?")?;
                }
                let expected: Vec<String> =
                    unknown.expected.iter().map(|e| format!("`{e}`")).collect();
                write!(
                    f,
                    " (API version {} has here: {})",
                    crate::API_VERSION,
                    expected.join(", "),
                )?;
                match &unknown.location {
                    location if location.is_empty() => Ok(()),
                    location if location.contains('\n') => write!(f, "\n{location}"),
                    location => write!(f, " {location}"),
                }
            }
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ParamsError {}

impl UnknownField {
    /// Reads serde's wording of `de::Error::unknown_field` (`unknown field `x`, expected one
    /// of `a`, `b``, `... expected `a``, `... there are no fields`), which every serde format
    /// uses unchanged; a reader may add text around it (TOML adds the line).
    fn parse(message: &str) -> Option<Self> {
        let start = message.find("unknown field `")? + "unknown field `".len();
        let rest = &message[start..];
        let end = rest.find('`')?;
        let field = rest[..end].to_owned();
        let after = &rest[end + 1..];
        let line = &after[..after.find('\n').unwrap_or(after.len())];
        let (expected, sentence_len): (Vec<String>, usize) = match line.split_once("expected") {
            Some((_, list)) => {
                let names = list.split('`').skip(1).step_by(2).map(str::to_owned);
                (names.collect(), line.rfind('`').map_or(0, |i| i + 1))
            }
            None => (
                Vec::new(),
                line.find("no fields").map_or(0, |i| i + "no fields".len()),
            ),
        };
        let sentence_start = start - "unknown field `".len();
        let sentence_end = start + end + 1 + sentence_len;
        let location = format!("{}{}", &message[..sentence_start], &message[sentence_end..])
            .trim()
            .to_owned();
        let suggestion = closest(&field, &expected).map(str::to_owned);
        Some(Self {
            field,
            expected,
            suggestion,
            location,
        })
    }
}

/// The one known name within one edit per six characters (at least one) of `field`, by
/// Damerau-Levenshtein distance; none when two are equally close.
fn closest<'a>(field: &str, known: &'a [String]) -> Option<&'a str> {
    let limit = (field.chars().count() / 6).max(1);
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for name in known {
        let distance = strsim::damerau_levenshtein(field, name);
        if distance > limit {
            continue;
        }
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tie = true,
            _ => {
                best = Some((distance, name));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{CreateSessionParams, UpdateConfigurationParams};

    fn read<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, ParamsError> {
        read_params(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn a_removed_field_is_named_by_its_path_without_a_far_fetched_suggestion() {
        let err = read::<UpdateConfigurationParams>(
            r#"{"features": {"invoice_history": {"enabled": true}, "subscription_pause": {"enabled": false}}}"#,
        )
        .unwrap_err();
        assert_eq!(err.path(), "features.subscription_pause");
        assert_eq!(err.unknown_field(), Some("subscription_pause"));
        assert_eq!(
            err.suggestion(),
            None,
            "subscription_update is 4 edits away"
        );
        assert!(
            err.expected_fields()
                .contains(&"subscription_update".to_owned()),
            "{:?}",
            err.expected_fields()
        );
        let text = err.to_string();
        assert!(
            text.starts_with(
                "features.subscription_pause: unknown field `subscription_pause` (API version "
            ),
            "{text}"
        );
        assert!(text.ends_with(") at line 1 column 72"), "{text}");
    }

    #[test]
    fn a_misspelt_nested_field_gets_a_suggestion() {
        let err = read::<UpdateConfigurationParams>(r#"{"business_profile": {"headlin": ""}}"#)
            .unwrap_err();
        assert_eq!(err.path(), "business_profile.headlin");
        assert_eq!(err.suggestion(), Some("headline"));
    }

    #[test]
    fn other_errors_keep_their_path_and_message() {
        let err = read::<CreateSessionParams>(r#"{"locale": "xx-YY"}"#).unwrap_err();
        assert_eq!(err.path(), "locale");
        assert_eq!(err.unknown_field(), None);
        assert!(
            err.to_string()
                .starts_with("locale: unknown variant `xx-YY`"),
            "{err}"
        );
    }

    #[test]
    fn closest_needs_one_close_name() {
        let known: Vec<String> = ["name", "same", "default_return_url"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            closest("defualt_return_url", &known),
            Some("default_return_url")
        );
        assert_eq!(closest("nmae", &known), Some("name"));
        assert_eq!(closest("xame", &known), None, "name and same tie");
        assert_eq!(closest("completely_else", &known), None);
    }

    #[test]
    fn parses_every_wording_of_serde() {
        let one = UnknownField::parse("unknown field `x`, expected `y`").unwrap();
        assert_eq!(one.expected, ["y"]);
        let none = UnknownField::parse("unknown field `x`, there are no fields").unwrap();
        assert!(none.expected.is_empty());
        let toml = UnknownField::parse(
            "TOML parse error at line 1, column 1\n  |\n1 | x = 1\n  | ^\nunknown field `x`, expected one of `a`, `b`\n",
        )
        .unwrap();
        assert_eq!((toml.field.as_str(), toml.expected.len()), ("x", 2));
        assert_eq!(
            toml.location,
            "TOML parse error at line 1, column 1\n  |\n1 | x = 1\n  | ^"
        );
        let json =
            UnknownField::parse("unknown field `x`, expected `a` at line 1 column 4").unwrap();
        assert_eq!(json.location, "at line 1 column 4");
        assert_eq!(UnknownField::parse("missing field `x`"), None);
    }
}
