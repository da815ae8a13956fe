//! Where things are in the workspace.

use std::path::{Path, PathBuf};

/// The workspace root and the paths the tasks read and write under it.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The workspace this xtask was built in.
    pub fn from_manifest_dir() -> Self {
        let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        Self::new(xtask_dir.parent().unwrap_or(xtask_dir))
    }

    /// A workspace at `root` (tests use scratch copies).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The workspace root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the emitted files go.
    pub fn generated_dir(&self) -> PathBuf {
        self.root.join("generated/src/generated")
    }

    /// The API change report, newest first.
    pub fn changes_file(&self) -> PathBuf {
        self.root.join("generated/API_CHANGES.md")
    }

    /// The record of the pinned spec.
    pub fn pin_file(&self) -> PathBuf {
        self.root.join("spec/pinned.toml")
    }

    /// The committed selection of the pinned release: what `generated/` is made from.
    pub fn selection_file(&self) -> PathBuf {
        self.root.join("spec/selection.json")
    }

    /// The committed test data of other releases (see `tests/data/README.md`).
    pub fn test_data_dir(&self) -> PathBuf {
        self.root.join("tests/data")
    }

    /// The git-ignored cache of rustfmt's results (see `format`).
    pub fn rustfmt_cache_dir(&self) -> PathBuf {
        self.root.join("target/xtask-rustfmt")
    }

    /// The git-ignored spec cache.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join("spec/cache")
    }
}
