//! Finding the pinned spec: the environment variable, then the cache; the
//! hash check; and what the errors tell the user.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::{V524_HASH, shared};
use spec::{Pin, SpecDocument, SpecError, SpecFormat, locate_with};

const JSON: &str =
    r#"{"openapi": "3.0.0", "info": {"version": "2023-08-16", "title": "Stripe API"}}"#;
const YAML: &str = "openapi: 3.0.0\ninfo:\n  version: '2023-08-16'\n  title: Stripe API\n";
const OTHER_JSON: &str =
    r#"{"openapi": "3.0.0", "info": {"version": "2020-08-27", "title": "Stripe API"}}"#;

/// A pin for the small spec in `JSON` / `YAML`.
fn pin() -> Pin {
    let doc = SpecDocument::parse(Path::new("x.json"), JSON.as_bytes()).unwrap();
    Pin {
        tag: "v9".into(),
        api_version: "2023-08-16".into(),
        content_hash: doc.content_hash(),
    }
}

fn put(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_owned()
}

#[test]
fn small_json_and_yaml_have_the_same_hash() {
    let yaml = SpecDocument::parse(Path::new("x.yaml"), YAML.as_bytes()).unwrap();
    assert_eq!(yaml.content_hash(), pin().content_hash);
}

#[test]
fn cache_json_is_found() {
    let cache = tempfile::tempdir().unwrap();
    let json = put(&cache.path().join("v9/spec3.json"), JSON);
    let doc = locate_with(&pin(), cache.path(), None).unwrap();
    assert_eq!(doc.path, json);
    assert_eq!(doc.format, SpecFormat::Json);
}

#[test]
fn cache_json_comes_before_yaml() {
    let cache = tempfile::tempdir().unwrap();
    put(&cache.path().join("v9/spec3.yaml"), YAML);
    let json = put(&cache.path().join("v9/spec3.json"), JSON);
    assert_eq!(locate_with(&pin(), cache.path(), None).unwrap().path, json);
}

#[test]
fn cache_yaml_is_found() {
    let cache = tempfile::tempdir().unwrap();
    let yaml = put(&cache.path().join("v9/spec3.yaml"), YAML);
    let doc = locate_with(&pin(), cache.path(), None).unwrap();
    assert_eq!(doc.path, yaml);
    assert_eq!(doc.format, SpecFormat::Yaml);
}

#[test]
fn other_tags_in_the_cache_are_not_used() {
    let cache = tempfile::tempdir().unwrap();
    put(&cache.path().join("v8/spec3.json"), JSON);
    let err = locate_with(&pin(), cache.path(), None).unwrap_err();
    assert!(matches!(err, SpecError::NotFound { .. }), "{err:?}");
}

#[test]
fn env_var_wins_over_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    put(&cache.path().join("v9/spec3.json"), JSON);
    let elsewhere = tempfile::tempdir().unwrap();
    let env = put(&elsewhere.path().join("my-spec.yml"), YAML);
    let doc = locate_with(&pin(), cache.path(), Some(env.as_os_str())).unwrap();
    assert_eq!(doc.path, env);
    assert_eq!(doc.format, SpecFormat::Yaml);

    // Even when the cache has the right spec, a wrong file in the variable is
    // an error rather than a silent fallback.
    let wrong = put(&elsewhere.path().join("wrong.json"), OTHER_JSON);
    let err = locate_with(&pin(), cache.path(), Some(wrong.as_os_str())).unwrap_err();
    assert!(
        matches!(err, SpecError::HashMismatch { from_env: true, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("unset STRIPE_OPENAPI_SPEC"),
        "{err}"
    );
}

#[test]
fn env_var_with_the_real_v524_spec() {
    let pin = Pin {
        tag: "v524".into(),
        api_version: "2023-08-16".into(),
        content_hash: V524_HASH.parse().unwrap(),
    };
    let empty_cache = tempfile::tempdir().unwrap();
    let path = shared("v524/spec3.json");
    let doc = locate_with(&pin, empty_cache.path(), Some(path.as_os_str())).unwrap();
    assert_eq!(doc.api_version(), Some("2023-08-16"));
}

#[test]
fn empty_env_var_counts_as_unset() {
    let cache = tempfile::tempdir().unwrap();
    let json = put(&cache.path().join("v9/spec3.json"), JSON);
    let doc = locate_with(&pin(), cache.path(), Some(OsStr::new(""))).unwrap();
    assert_eq!(doc.path, json);
}

#[test]
fn hash_mismatch_names_both_hashes_the_file_and_regen() {
    let cache = tempfile::tempdir().unwrap();
    let path = put(&cache.path().join("v9/spec3.json"), OTHER_JSON);
    let found = SpecDocument::read(&path).unwrap().content_hash();
    let err = locate_with(&pin(), cache.path(), None).unwrap_err();
    let SpecError::HashMismatch {
        path: ref p,
        pin: ref got_pin,
        found: f,
        from_env,
        ..
    } = err
    else {
        panic!("expected a hash mismatch, got {err:?}");
    };
    assert_eq!((p, &**got_pin, f, from_env), (&path, &pin(), found, false));
    let msg = err.to_string();
    for needle in [
        path.display().to_string(),
        pin().content_hash.to_string(),
        found.to_string(),
        "2020-08-27".to_owned(),
        "2023-08-16".to_owned(),
        format!("`cargo xtask regen --spec {}`", path.display()),
        "`cargo xtask fetch-spec`".to_owned(),
    ] {
        assert!(msg.contains(&needle), "{needle:?} not in:\n{msg}");
    }
}

#[test]
fn not_found_says_how_to_get_the_spec_and_what_was_tried() {
    let cache = tempfile::tempdir().unwrap();
    let err = locate_with(&pin(), cache.path(), None).unwrap_err();
    let SpecError::NotFound {
        ref tried,
        env_spec: None,
        ..
    } = err
    else {
        panic!("expected NotFound, got {err:?}");
    };
    let json = cache.path().join("v9/spec3.json");
    let yaml = cache.path().join("v9/spec3.yaml");
    assert_eq!(tried, &[json.clone(), yaml.clone()]);
    let msg = err.to_string();
    for needle in [
        "`cargo xtask fetch-spec`".to_owned(),
        format!(
            "downloads v9 from github.com/stripe/openapi into {}",
            cache.path().display()
        ),
        "STRIPE_OPENAPI_SPEC=/path/to/spec3.json".to_owned(),
        "`cargo xtask regen --spec PATH`".to_owned(),
        json.display().to_string(),
        yaml.display().to_string(),
    ] {
        assert!(msg.contains(&needle), "{needle:?} not in:\n{msg}");
    }
}

#[test]
fn env_var_naming_a_missing_file_is_not_found_without_trying_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    put(&cache.path().join("v9/spec3.json"), JSON);
    let missing = cache.path().join("typo.json");
    let err = locate_with(&pin(), cache.path(), Some(missing.as_os_str())).unwrap_err();
    let SpecError::NotFound { ref tried, .. } = err else {
        panic!("expected NotFound, got {err:?}");
    };
    assert_eq!(tried, std::slice::from_ref(&missing));
    let msg = err.to_string();
    assert!(
        msg.contains(&format!(
            "no spec file at {} (named by STRIPE_OPENAPI_SPEC",
            missing.display()
        )),
        "{msg}"
    );
    assert!(
        msg.contains("`cargo xtask fetch-spec`") && msg.contains("--spec"),
        "{msg}"
    );
}

#[test]
fn a_broken_cache_file_is_reported_not_skipped() {
    let cache = tempfile::tempdir().unwrap();
    let json = put(&cache.path().join("v9/spec3.json"), "{\"openapi\": ");
    put(&cache.path().join("v9/spec3.yaml"), YAML);
    let err = locate_with(&pin(), cache.path(), None).unwrap_err();
    assert!(matches!(err, SpecError::Syntax { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}:1:12: ", json.display())),
        "{err}"
    );
}

#[test]
fn an_unsafe_tag_is_refused() {
    let cache = tempfile::tempdir().unwrap();
    let pin = Pin {
        tag: "../v9".into(),
        ..pin()
    };
    let err = locate_with(&pin, cache.path(), None).unwrap_err();
    assert!(matches!(err, SpecError::BadTag { .. }), "{err:?}");
}
