//! Upstream release tags (like `v524`): guessing one from a path, and
//! checking that one is safe to use as a directory name and URL segment.

use std::path::{Component, Path};

use crate::error::SpecError;

/// Infers an upstream tag (like `"v524"`) from a path: the file stem, else the
/// nearest ancestor directory, whose name matches `^v[0-9]+$`.
///
/// This looks at the path as given, without touching the file system, so
/// `downloads/stripe-openapi/v524/spec3.json` gives `v524` but a bare
/// `spec3.json` gives `None`; canonicalize first to look at the real location.
pub fn infer_tag(path: &Path) -> Option<String> {
    let stem = path.file_stem().and_then(|s| s.to_str());
    let ancestors = path.components().rev().skip(1).filter_map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    stem.into_iter()
        .chain(ancestors)
        .find(|name| is_numbered_tag(name))
        .map(str::to_owned)
}

/// Whether `name` matches `^v[0-9]+$`.
fn is_numbered_tag(name: &str) -> bool {
    name.strip_prefix('v')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks that `tag` can be used as one directory name and one URL path
/// segment: non-empty, only ASCII letters, digits, `.`, `_` and `-`, and not
/// starting with `.` (so neither `..` nor a hidden directory).
pub(crate) fn check_tag(tag: &str) -> Result<(), SpecError> {
    let ok = !tag.is_empty()
        && !tag.starts_with('.')
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(SpecError::BadTag {
            tag: tag.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer(path: &str) -> Option<String> {
        infer_tag(Path::new(path))
    }

    #[test]
    fn infers_from_directory_or_stem() {
        assert_eq!(
            infer("../downloads/stripe-openapi/v524/spec3.json").as_deref(),
            Some("v524")
        );
        assert_eq!(infer("/x/v127/spec3.yaml").as_deref(), Some("v127"));
        assert_eq!(infer("downloads/v600.json").as_deref(), Some("v600"));
        assert_eq!(infer("v9/deeper/still/spec3.json").as_deref(), Some("v9"));
        // The stem is nearer than any directory.
        assert_eq!(infer("v1/v2.yaml").as_deref(), Some("v2"));
        // The nearest directory wins.
        assert_eq!(infer("v1/v2/spec3.json").as_deref(), Some("v2"));
    }

    #[test]
    fn infers_nothing_without_a_numbered_tag() {
        for path in [
            "spec3.json",
            "",
            "/",
            "v/spec3.json",
            "v12a/spec3.json",
            "x/V12/spec3.json",
            "vv1/s.json",
            "v-1/s.json",
        ] {
            assert_eq!(infer(path), None, "{path:?}");
        }
    }

    #[test]
    fn checks_tags() {
        for good in ["v524", "v1.2.3", "release_2024-01"] {
            assert!(check_tag(good).is_ok(), "{good}");
        }
        for bad in [
            "", ".", "..", ".hidden", "v1/v2", "a\\b", "v 1", "v1?x", "ü",
        ] {
            let err = check_tag(bad).unwrap_err();
            assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        }
    }
}
