//! Comparing generated files with what is on disk, and writing them.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes one file atomically: a temporary file beside it, renamed over it.
pub fn write_atomically(path: &Path, contents: &str) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a file in {}: {e}", dir.display()))?;
    temp.write_all(contents.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", temp.path().display()))?;
    temp.persist(path)
        .map_err(|e| format!("cannot replace {}: {}", path.display(), e.error))?;
    Ok(())
}

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same content on disk.
    Unchanged,
    /// Different content on disk.
    Modified,
    /// Not on disk yet.
    Added,
    /// On disk (an `.rs` file in the generated directory) but no longer generated.
    Removed,
}

/// The generated files next to the current ones.
#[derive(Debug)]
pub struct Plan {
    dir: PathBuf,
    /// New contents by file name; `None` for a file to remove.
    files: BTreeMap<String, (Option<String>, Option<String>)>,
}

impl Plan {
    /// Reads the current files of `dir` and pairs them with `generated`.
    pub fn new(dir: &Path, generated: Vec<(String, String)>) -> Result<Self, String> {
        let mut files: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        if dir.is_dir() {
            let entries =
                fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            for entry in entries {
                let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.ends_with(".rs") {
                    continue;
                }
                let old = fs::read_to_string(entry.path())
                    .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
                files.insert(name, (Some(old), None));
            }
        }
        for (name, new) in generated {
            files.entry(name).or_default().1 = Some(new);
        }
        Ok(Self {
            dir: dir.to_owned(),
            files,
        })
    }

    /// The outcome per file, by name.
    pub fn changes(&self) -> Vec<(String, Change)> {
        self.files
            .iter()
            .map(|(name, (old, new))| {
                let change = match (old, new) {
                    (Some(old), Some(new)) if old == new => Change::Unchanged,
                    (Some(_), Some(_)) => Change::Modified,
                    (None, _) => Change::Added,
                    (Some(_), None) => Change::Removed,
                };
                (name.clone(), change)
            })
            .collect()
    }

    /// A unified diff of every file that differs, old (on disk) to new (generated).
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (name, (old, new)) in &self.files {
            let (old, new) = (old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""));
            if old == new {
                continue;
            }
            let path = self.dir.join(name);
            let label = path.display().to_string();
            let diff = similar::TextDiff::from_lines(old, new);
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("{label} (committed)"),
                        &format!("{label} (generated)"),
                    )
                    .to_string(),
            );
        }
        out
    }

    /// Writes what changed. Every new content is first written to a temporary file beside
    /// its destination; only when all are written are they renamed into place, so a failure
    /// (disk full, permissions) leaves the old files untouched.
    pub fn apply(&self) -> Result<(), String> {
        let changes = self.changes();
        if changes.iter().all(|(_, c)| *c == Change::Unchanged) {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        let mut staged = Vec::new();
        for (name, change) in &changes {
            if matches!(change, Change::Modified | Change::Added) {
                let content = self.files[name].1.as_deref().unwrap_or_default();
                let mut temp = tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".tmp")
                    .tempfile_in(&self.dir)
                    .map_err(|e| format!("cannot create a file in {}: {e}", self.dir.display()))?;
                temp.write_all(content.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", temp.path().display()))?;
                staged.push((temp, self.dir.join(name)));
            }
        }
        for (temp, path) in staged {
            temp.persist(&path)
                .map_err(|e| format!("cannot replace {}: {}", path.display(), e.error))?;
        }
        for (name, change) in &changes {
            if *change == Change::Removed {
                let path = self.dir.join(name);
                fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
        Ok(())
    }
}
