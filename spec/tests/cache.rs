//! Finding a release in the download cache: JSON before YAML, nothing when absent, the hash
//! check against the pin, and what the errors tell the user.

mod common;

use std::path::{Path, PathBuf};

use spec::{SpecDocument, SpecError, SpecFormat, cached, content_hash};

const JSON: &str =
    r#"{"openapi": "3.0.0", "info": {"version": "2023-08-16", "title": "Stripe API"}}"#;
const YAML: &str = "openapi: 3.0.0\ninfo:\n  version: '2023-08-16'\n  title: Stripe API\n";
const OTHER_JSON: &str =
    r#"{"openapi": "3.0.0", "info": {"version": "2020-08-27", "title": "Stripe API"}}"#;

fn put(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_owned()
}

fn hash_of(text: &str) -> spec::ContentHash {
    SpecDocument::parse(Path::new("x.json"), text.as_bytes())
        .unwrap()
        .content_hash()
}

#[test]
fn small_json_and_yaml_have_the_same_hash() {
    let yaml = SpecDocument::parse(Path::new("x.yaml"), YAML.as_bytes()).unwrap();
    assert_eq!(yaml.content_hash(), hash_of(JSON));
}

#[test]
fn json_comes_before_yaml_and_yaml_is_found_alone() {
    let cache = tempfile::tempdir().unwrap();
    let yaml = put(&cache.path().join("v9/spec3.yaml"), YAML);
    let doc = cached(cache.path(), "v9", None).unwrap().expect("cached");
    assert_eq!((doc.path, doc.format), (yaml, SpecFormat::Yaml));
    let json = put(&cache.path().join("v9/spec3.json"), JSON);
    let doc = cached(cache.path(), "v9", Some(hash_of(JSON)))
        .unwrap()
        .expect("cached");
    assert_eq!((doc.path, doc.format), (json, SpecFormat::Json));
}

#[test]
fn an_absent_release_is_none() {
    let cache = tempfile::tempdir().unwrap();
    put(&cache.path().join("v8/spec3.json"), JSON);
    assert!(cached(cache.path(), "v9", None).unwrap().is_none());
    assert!(
        cached(&cache.path().join("missing"), "v9", None)
            .unwrap()
            .is_none()
    );
}

#[test]
fn another_spec_under_the_pinned_tag_is_refused_with_both_hashes() {
    let cache = tempfile::tempdir().unwrap();
    let path = put(&cache.path().join("v9/spec3.json"), OTHER_JSON);
    let err = cached(cache.path(), "v9", Some(hash_of(JSON))).unwrap_err();
    assert!(matches!(err, SpecError::HashMismatch { .. }), "{err:?}");
    let msg = err.to_string();
    for needle in [
        path.display().to_string(),
        hash_of(OTHER_JSON).to_string(),
        hash_of(JSON).to_string(),
        "not the release the selection was made from".to_owned(),
        "cargo xtask fetch-spec".to_owned(),
    ] {
        assert!(msg.contains(&needle), "{needle:?} not in {msg}");
    }
    // Without an expected hash (the pin knows no full spec), any content is taken.
    assert!(cached(cache.path(), "v9", None).unwrap().is_some());
}

#[test]
fn a_broken_cached_file_names_itself() {
    let cache = tempfile::tempdir().unwrap();
    let path = put(&cache.path().join("v9/spec3.json"), "{\"openapi\": ");
    let msg = cached(cache.path(), "v9", None).unwrap_err().to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
}

#[test]
fn an_unsafe_tag_is_refused_before_touching_the_disk() {
    let cache = tempfile::tempdir().unwrap();
    for tag in ["..", "../x", ""] {
        let err = cached(cache.path(), tag, None).unwrap_err();
        assert!(matches!(err, SpecError::BadTag { .. }), "{tag}: {err:?}");
    }
}

#[test]
fn a_real_document_and_its_yaml_have_the_same_known_hash() {
    let doc = SpecDocument::read(&common::v524()).unwrap();
    assert_eq!(doc.api_version(), Some("2023-08-16"));
    assert_eq!(doc.content_hash().to_string(), common::V524_HASH);
    let yaml_text = serde_yaml_ng::to_string(&doc.value).unwrap();
    let yaml = SpecDocument::parse(Path::new("spec3.yaml"), yaml_text.as_bytes()).unwrap();
    assert_eq!(yaml.format, SpecFormat::Yaml);
    assert_eq!(yaml.content_hash(), doc.content_hash());
    assert!(yaml.value == doc.value);
    let v127 = SpecDocument::read(&common::committed("tests/data/v127/selection.json")).unwrap();
    assert_eq!(v127.content_hash().to_string(), common::V127_HASH);
}

#[test]
fn canonical_form_is_compact_serde_json() {
    // With serde_json's default sorted maps, the canonical form is exactly what
    // `serde_json::to_vec` writes: check the streamed hash against it.
    use sha2::Digest;
    let doc = SpecDocument::read(&common::v524()).unwrap();
    let bytes = serde_json::to_vec(&doc.value).unwrap();
    let digest = sha2::Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(format!("sha256:{hex}"), common::V524_HASH);
    assert_eq!(content_hash(&doc.value).to_string(), common::V524_HASH);
}
