//! Comparing what regen makes with what is on disk, and writing it: all of it or nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Every file a regen writes, next to what is on disk: the generated module (a directory that
/// holds nothing else, so a file no longer generated is removed) and single files elsewhere
/// (the selection, the pin, the change report).
#[derive(Debug)]
pub struct Plan {
    dir: PathBuf,
    /// By label (a file name in `dir`, or a path relative to the workspace root for the
    /// others): the destination, what is on disk, and what regen makes (`None`: remove).
    files: BTreeMap<String, Target>,
}

#[derive(Debug)]
struct Target {
    path: PathBuf,
    old: Option<String>,
    new: Option<String>,
    in_dir: bool,
}

impl Plan {
    /// Reads the current files of `dir` and pairs them with `generated`.
    pub fn new(dir: &Path, generated: Vec<(String, String)>) -> Result<Self, String> {
        let mut files: BTreeMap<String, Target> = BTreeMap::new();
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
                let target = Target {
                    path: entry.path(),
                    old: Some(old),
                    new: None,
                    in_dir: true,
                };
                files.insert(name, target);
            }
        }
        for (name, new) in generated {
            let path = dir.join(&name);
            files
                .entry(name)
                .or_insert(Target {
                    path,
                    old: None,
                    new: None,
                    in_dir: true,
                })
                .new = Some(new);
        }
        Ok(Self {
            dir: dir.to_owned(),
            files,
        })
    }

    /// A plan of single files only (added with [`Plan::add_file`]), written under `root`.
    pub fn files_only(root: &Path) -> Self {
        Self {
            dir: root.to_owned(),
            files: BTreeMap::new(),
        }
    }

    /// Adds one file outside the generated directory, labelled `label` in summaries and
    /// diffs, with the content regen makes for it.
    pub fn add_file(&mut self, label: &str, path: PathBuf, new: String) -> Result<(), String> {
        let old = match fs::read_to_string(&path) {
            Ok(old) => Some(old),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let target = Target {
            path,
            old,
            new: Some(new),
            in_dir: false,
        };
        self.files.insert(label.to_owned(), target);
        Ok(())
    }

    /// The outcome per generated file (in the generated directory), by name.
    pub fn changes(&self) -> Vec<(String, Change)> {
        self.outcomes(true)
    }

    /// The outcome per file outside the generated directory, by label.
    pub fn other_changes(&self) -> Vec<(String, Change)> {
        self.outcomes(false)
    }

    /// What happens to `label`'s file, if the plan has it.
    pub fn change_of(&self, label: &str) -> Option<Change> {
        self.files.get(label).map(Target::change)
    }

    fn outcomes(&self, in_dir: bool) -> Vec<(String, Change)> {
        self.files
            .iter()
            .filter(|(_, t)| t.in_dir == in_dir)
            .map(|(name, target)| (name.clone(), target.change()))
            .collect()
    }

    /// A unified diff of every file that differs, old (on disk) to new (generated).
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for target in self.files.values() {
            let (old, new) = (
                target.old.as_deref().unwrap_or(""),
                target.new.as_deref().unwrap_or(""),
            );
            if old == new {
                continue;
            }
            let label = target.path.display().to_string();
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
        let mut staged = Vec::new();
        for target in self.files.values() {
            if !matches!(target.change(), Change::Modified | Change::Added) {
                continue;
            }
            let dir = target.path.parent().unwrap_or(&self.dir);
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let name = target
                .path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let prefix = format!(".{name}.");
            let mut builder = tempfile::Builder::new();
            builder.prefix(&prefix).suffix(".tmp");
            #[cfg(unix)]
            {
                // A plain new file (0666 less the umask), not tempfile's private 0600.
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(fs::Permissions::from_mode(0o666));
            }
            let mut temp = builder
                .tempfile_in(dir)
                .map_err(|e| format!("cannot create a file in {}: {e}", dir.display()))?;
            let content = target.new.as_deref().unwrap_or_default();
            temp.write_all(content.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", temp.path().display()))?;
            staged.push((temp, &target.path));
        }
        for (temp, path) in staged {
            temp.persist(path)
                .map_err(|e| format!("cannot replace {}: {}", path.display(), e.error))?;
        }
        for target in self.files.values() {
            if target.change() == Change::Removed {
                fs::remove_file(&target.path)
                    .map_err(|e| format!("cannot remove {}: {e}", target.path.display()))?;
            }
        }
        Ok(())
    }
}

impl Target {
    fn change(&self) -> Change {
        match (&self.old, &self.new) {
            (Some(old), Some(new)) if old == new => Change::Unchanged,
            (Some(_), Some(_)) => Change::Modified,
            (None, _) => Change::Added,
            (Some(_), None) => Change::Removed,
        }
    }
}
