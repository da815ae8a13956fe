//! Helpers shared by the integration tests.

#![allow(dead_code)] // Each test binary uses a different part of this.

use std::path::{Path, PathBuf};

/// The content hash of v524 (its `spec3.json` and `spec3.yaml` alike). Fixed
/// here so that a change to the canonical form, which would invalidate every
/// pin, fails a test. (It is also what Python's
/// `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
/// hashes to.)
pub const V524_HASH: &str =
    "sha256:af7ac68cbc9f23f67527362b3669b64d9ef70f19d56d4f1bd7514aecdf51ce8d";

/// The content hash of v127's `spec3.json`.
pub const V127_HASH: &str =
    "sha256:a9e8247538d5c02079aeaf6fd6db6b8fe3eeb92a59a5ef42fa145dce39b2561b";

/// A file of the shared spec data, like `shared("v524/spec3.json")`. The data
/// is read in place, never copied into the project.
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/stripe-openapi")
        .join(rel)
}

/// The names in `dir`, sorted; empty if it does not exist.
pub fn entries(dir: &Path) -> Vec<String> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = read
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
