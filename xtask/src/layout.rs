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

    /// The committed list of path prefixes the crate covers.
    pub fn scope_file(&self) -> PathBuf {
        self.root.join("spec/scope.toml")
    }

    /// The committed test data of other releases (see `tests/data/README.md`).
    pub fn test_data_dir(&self) -> PathBuf {
        self.root.join("tests/data")
    }

    /// Copies what regen reads and writes (`generated/src/generated/`,
    /// `generated/API_CHANGES.md`, `spec/pinned.toml`, `spec/scope.toml`, `spec/selection.json`)
    /// into a workspace
    /// at `root`, for regen to run on a scratch copy; that workspace.
    pub fn copy_outputs_to(&self, root: &Path) -> Result<Layout, String> {
        let copy = Layout::new(root);
        let mut files = vec![
            (self.pin_file(), copy.pin_file()),
            (self.scope_file(), copy.scope_file()),
            (self.selection_file(), copy.selection_file()),
            (self.changes_file(), copy.changes_file()),
        ];
        let generated = self.generated_dir();
        let entries = std::fs::read_dir(&generated)
            .map_err(|e| format!("cannot list {}: {e}", generated.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", generated.display()))?;
            files.push((entry.path(), copy.generated_dir().join(entry.file_name())));
        }
        for (from, to) in files {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            std::fs::copy(&from, &to)
                .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))?;
        }
        Ok(copy)
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
