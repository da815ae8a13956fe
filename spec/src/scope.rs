//! The scope file (`spec/scope.toml`): the committed, documented list of path prefixes whose
//! paths the generated crate covers.

use std::path::Path;

use crate::error::SpecError;

/// One entry of the scope file.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ScopeEntry {
    /// A path prefix, like `/v1/billing_portal/` or `/v1/events`.
    pub path: String,
    /// Why the crate covers it, in words.
    pub why: String,
    /// The cargo feature of the generated crate that its operations and the types only they
    /// use are compiled with, or `None`: always compiled.
    pub feature: Option<String>,
}

/// Reads a scope file: a `[[prefix]]` array of tables, each with `path` (starting with `/`),
/// `why` and optionally `feature`; unknown keys, duplicates and an empty list are refused,
/// naming the entry.
pub fn read_scope(path: &Path) -> Result<Vec<ScopeEntry>, SpecError> {
    let text = std::fs::read_to_string(path).map_err(|e| SpecError::io("read", path, e))?;
    parse_scope(path, &text)
}

/// Parses the text of a scope file; `path` is only used in messages.
pub fn parse_scope(path: &Path, text: &str) -> Result<Vec<ScopeEntry>, SpecError> {
    let bad = |message: String| SpecError::BadScope {
        path: path.to_owned(),
        message,
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| bad(format!("invalid TOML: {}", e.message().trim_end())))?;
    if let Some(unknown) = table.keys().find(|k| *k != "prefix") {
        return Err(bad(format!(
            "unknown key `{unknown}` (expected only `[[prefix]]` tables)"
        )));
    }
    let Some(entries) = table.get("prefix").and_then(toml::Value::as_array) else {
        return Err(bad(
            "no `[[prefix]]` entries: the crate would cover nothing".to_owned(),
        ));
    };
    let mut out: Vec<ScopeEntry> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("prefix[{i}]");
        let Some(entry) = entry.as_table() else {
            return Err(bad(format!("{at}: expected a table with `path` and `why`")));
        };
        if let Some(unknown) = entry
            .keys()
            .find(|k| !["path", "why", "feature"].contains(&k.as_str()))
        {
            return Err(bad(format!(
                "{at}: unknown key `{unknown}` (expected `path`, `why` and `feature`)"
            )));
        }
        let text_of = |key: &str| {
            entry
                .get(key)
                .and_then(toml::Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
                .ok_or_else(|| bad(format!("{at}: `{key}` must be a non-empty string")))
        };
        let (prefix, why) = (text_of("path")?, text_of("why")?);
        if !prefix.starts_with('/') {
            return Err(bad(format!(
                "{at}: path `{prefix}` must start with `/`, like `/v1/events`"
            )));
        }
        if out.iter().any(|e| e.path == prefix) {
            return Err(bad(format!("{at}: path `{prefix}` is listed twice")));
        }
        let feature = match entry.get("feature") {
            None => None,
            Some(_) => {
                let feature = text_of("feature")?;
                let valid = feature
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
                if !valid {
                    return Err(bad(format!(
                        "{at}: feature `{feature}` is not a cargo feature name (a-z, 0-9, `-`, `_`)"
                    )));
                }
                Some(feature)
            }
        };
        out.push(ScopeEntry {
            path: prefix,
            why,
            feature,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<ScopeEntry>, String> {
        parse_scope(Path::new("scope.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_entries_in_order() {
        let entries = parse(
            "[[prefix]]\npath = \"/v1/b/\"\nwhy = \"b\"\n[[prefix]]\npath = \"/v1/a\"\nwhy = \"a\"\n",
        )
        .unwrap();
        let paths: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["/v1/b/", "/v1/a"]);
        let entries =
            parse("[[prefix]]\npath = \"/v1/a\"\nwhy = \"a\"\nfeature = \"hooks\"\n").unwrap();
        assert_eq!(entries[0].feature.as_deref(), Some("hooks"));
    }

    #[test]
    fn refuses_what_would_select_something_else_than_meant() {
        for (text, expected) in [
            ("", "no `[[prefix]]` entries"),
            ("prefixes = []", "unknown key `prefixes`"),
            (
                "[[prefix]]\npath = \"v1/x\"\nwhy = \"x\"",
                "prefix[0]: path `v1/x` must start with `/`",
            ),
            (
                "[[prefix]]\npath = \"/v1/x\"",
                "prefix[0]: `why` must be a non-empty string",
            ),
            (
                "[[prefix]]\npath = \"/v1/x\"\nwhy = \"x\"\npth = 1",
                "prefix[0]: unknown key `pth`",
            ),
            (
                "[[prefix]]\npath = \"/v1/x\"\nwhy = \"x\"\n[[prefix]]\npath = \"/v1/x\"\nwhy = \"y\"",
                "prefix[1]: path `/v1/x` is listed twice",
            ),
            ("[[prefix]\n", "invalid TOML"),
            (
                "[[prefix]]\npath = \"/v1/x\"\nwhy = \"x\"\nfeature = \"Web Hooks\"",
                "prefix[0]: feature `Web Hooks` is not a cargo feature name",
            ),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.starts_with("scope.toml: "), "{e}");
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn the_committed_scope_reads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scope.toml");
        let entries = read_scope(&path).unwrap();
        assert!(entries.iter().any(|e| e.path == "/v1/billing_portal/"));
    }
}
