//! What a case is made of: the seeds and the corpus they make (with the pieces mutations take
//! from them), the input handed to the code under test, and the case itself.

use super::tree::{Seg, node, paths};
use super::vocabulary::WEIRD_NAMES;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The ending of the file beside each bad spec that says what regen must do with it
/// (`tests/bad_specs/<file>.expect.toml`, read by the bad-spec tests). It is no spec to mutate,
/// and as a seed it would change every fixed run (`fuzz_smoke`).
pub const EXPECTATION: &str = ".expect.toml";

/// One seed file.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its path relative to the workspace, like `tests/specs/expandable.json`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its content, when the `spec` crate reads it.
    pub value: Option<Value>,
}

/// What a case hands to the code under test.
#[derive(Debug, Clone)]
pub enum Input {
    /// A document given to `codegen::generate` as is.
    Document(Value),
    /// A file read by `spec::SpecDocument::parse` (under this name, which picks the format),
    /// then generated from.
    Text {
        /// The file name, like `expandable.json`.
        file_name: String,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
}

impl Input {
    /// The bytes to save: a document as pretty JSON, a file as it is.
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Input::Document(doc) => serde_json::to_vec_pretty(doc).unwrap_or_default(),
            Input::Text { bytes, .. } => bytes.clone(),
        }
    }

    /// The extension to save it with (it decides the format when read back).
    pub fn extension(&self) -> String {
        match self {
            Input::Document(_) => "json".to_owned(),
            Input::Text { file_name, .. } => {
                let ext = Path::new(file_name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("");
                if !ext.is_empty()
                    && ext.len() <= 8
                    && ext.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    ext.to_owned()
                } else {
                    "bin".to_owned()
                }
            }
        }
    }
}

/// A seed with mutations applied.
#[derive(Debug, Clone)]
pub struct Case {
    /// The seed's name.
    pub seed: String,
    /// What was done to it, in order.
    pub mutations: Vec<String>,
    /// The input.
    pub input: Input,
}

/// The seeds, and the pieces mutations take from them.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub(super) seeds: Vec<Seed>,
    /// Distinct subtrees of every seed (small ones), to splice into other documents.
    pub(super) donors: Vec<Value>,
    /// Every object key of every seed, and [`WEIRD_NAMES`].
    pub(super) names: Vec<String>,
}

impl Corpus {
    /// Every file of `tests/specs/` and `tests/bad_specs/` under the workspace `root`, but the
    /// [`EXPECTATION`] files.
    pub fn load(root: &Path) -> Result<Self, String> {
        let mut files = Vec::new();
        for dir in ["tests/specs", "tests/bad_specs"] {
            let entries = std::fs::read_dir(root.join(dir))
                .map_err(|e| format!("cannot read {}: {e}", root.join(dir).display()))?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.is_file() && !path.to_string_lossy().ends_with(EXPECTATION))
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                files.push((format!("{dir}/{name}"), bytes));
            }
        }
        Self::new(files)
    }

    /// A corpus of `(name, bytes)` seeds.
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Result<Self, String> {
        if files.is_empty() {
            return Err("no seeds: the fuzzer needs at least one spec to mutate".to_owned());
        }
        let seeds: Vec<Seed> = files
            .into_iter()
            .map(|(name, bytes)| {
                let value = spec::SpecDocument::parse(Path::new(&name), &bytes)
                    .ok()
                    .map(|doc| doc.value);
                Seed { name, bytes, value }
            })
            .collect();
        let mut donors = BTreeSet::new();
        let mut names: BTreeSet<String> = WEIRD_NAMES.iter().map(|s| s.to_string()).collect();
        for value in seeds.iter().filter_map(|s| s.value.as_ref()) {
            for path in paths(value) {
                let Some(node) = node(value, &path) else {
                    continue;
                };
                if let Some(Seg::Key(key)) = path.last() {
                    names.insert(key.clone());
                }
                if node.is_object() || node.is_array() || node.is_string() {
                    let text = node.to_string();
                    if text.len() <= 2000 {
                        donors.insert(text);
                    }
                }
            }
        }
        let donors = donors
            .iter()
            .filter_map(|text| serde_json::from_str(text).ok())
            .collect();
        Ok(Self {
            seeds,
            donors,
            names: names.into_iter().collect(),
        })
    }

    /// The seeds.
    pub fn seeds(&self) -> &[Seed] {
        &self.seeds
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The workspace's seeds, for the tests of every part.
    pub(in crate::fuzz) fn corpus() -> Corpus {
        Corpus::load(crate::layout::Layout::from_manifest_dir().root()).unwrap()
    }
}
