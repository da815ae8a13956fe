//! Helpers shared by the integration tests.

#![allow(dead_code)] // Each test binary uses a different part of this.

use std::path::{Path, PathBuf};

/// The content hash of v524's committed selection (`tests/data/v524/selection.json`). Fixed
/// here so that a change to the canonical form, which would invalidate every pin, fails a
/// test. (It is also what Python's
/// `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` hashes to.)
pub const V524_HASH: &str =
    "sha256:ca0c1c74b86102c5871d032836213c64d8a0624e634671162a8da572252d63be";

/// The content hash of v127's committed selection.
pub const V127_HASH: &str =
    "sha256:e3446f9dfebea35597cbe50686d4ea24681f271b8eb830745c9044d5be529528";

/// A committed file of the workspace, like `committed("tests/data/v524/selection.json")`.
pub fn committed(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// The committed selection of v524 (a small, real OpenAPI document).
pub fn v524() -> PathBuf {
    committed("tests/data/v524/selection.json")
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
