//! Scratch copies of the workspace for tests that run regen (shared by `regen.rs` and
//! `bad_specs/`).

use portal_tests::workspace_root;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use xtask::layout::Layout;

/// A temporary workspace holding a copy of the committed `generated/src/generated/`,
/// `generated/API_CHANGES.md`, `spec/pinned.toml` and `spec/selection.json`.
pub fn scratch() -> (tempfile::TempDir, Layout) {
    let dir = tempfile::tempdir().unwrap();
    let layout = Layout::new(workspace_root())
        .copy_outputs_to(dir.path())
        .unwrap();
    (dir, layout)
}

/// Every file under `root` with its bytes.
pub fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}
