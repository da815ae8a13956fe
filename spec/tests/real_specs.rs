//! Reading and hashing the real Stripe specs in `../shared/stripe-openapi`.

mod common;

use std::sync::OnceLock;

use common::{V127_HASH, V524_HASH, shared};
use spec::{ContentHash, SpecDocument, SpecFormat};

/// v524's `spec3.json`, read once for all tests of this binary.
fn v524_json() -> &'static SpecDocument {
    static DOC: OnceLock<SpecDocument> = OnceLock::new();
    DOC.get_or_init(|| SpecDocument::read(&shared("v524/spec3.json")).unwrap())
}

#[test]
fn v524_json_is_read_with_its_api_version_and_known_hash() {
    let doc = v524_json();
    assert_eq!(doc.format, SpecFormat::Json);
    assert_eq!(doc.path, shared("v524/spec3.json"));
    assert_eq!(doc.api_version(), Some("2023-08-16"));
    assert_eq!(doc.content_hash().to_string(), V524_HASH);
}

#[test]
fn v524_yaml_has_the_same_content_and_hash_as_the_json() {
    let yaml = SpecDocument::read(&shared("v524/spec3.yaml")).unwrap();
    assert_eq!(yaml.format, SpecFormat::Yaml);
    assert_eq!(yaml.api_version(), Some("2023-08-16"));
    // Compare hashes first: a failure then prints two short lines, not 5 MB.
    assert_eq!(yaml.content_hash(), v524_json().content_hash());
    assert!(yaml.value == v524_json().value);
}

#[test]
fn v127_hash_differs() {
    let v127 = SpecDocument::read(&shared("v127/spec3.json")).unwrap();
    assert_eq!(v127.api_version(), Some("2020-08-27"));
    let hash = v127.content_hash();
    assert_eq!(hash.to_string(), V127_HASH);
    assert_ne!(hash, v524_json().content_hash());
}

#[test]
fn hash_is_stable_across_reads() {
    let again = SpecDocument::read(&shared("v524/spec3.json")).unwrap();
    assert_eq!(again.content_hash(), v524_json().content_hash());
    assert_eq!(v524_json().content_hash(), v524_json().content_hash());
    assert_eq!(
        V524_HASH.parse::<ContentHash>().unwrap(),
        again.content_hash()
    );
}

#[test]
fn canonical_form_is_compact_serde_json() {
    // With serde_json's default sorted maps, the canonical form is exactly
    // what `serde_json::to_vec` writes: check the streamed hash against it.
    use sha2::Digest;
    let bytes = serde_json::to_vec(&v524_json().value).unwrap();
    let digest = sha2::Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(format!("sha256:{hex}"), V524_HASH);
}
