//! Counting the lines of Rust source: code, comments and blanks, and the code of test modules.

use std::path::{Path, PathBuf};

/// The lines of some Rust source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineCount {
    /// Every line.
    pub total: usize,
    /// Lines that are neither blank nor only a comment (`//`, `///`, `//!`, `/* */`).
    pub code: usize,
    /// Of `code`, the lines inside a top-level `#[cfg(test)] mod ... { ... }` (as rustfmt
    /// lays it out: the attribute and the closing `}` unindented).
    pub test_code: usize,
}

impl std::ops::AddAssign for LineCount {
    fn add_assign(&mut self, other: Self) {
        self.total += other.total;
        self.code += other.code;
        self.test_code += other.test_code;
    }
}

/// Counts the lines of one Rust file. A line is code unless it is blank or holds only a
/// comment; a block comment is recognised when it starts a line (good enough for rustfmt-ed
/// code; `/*` inside a string on such a line would be misread).
pub fn count_lines(source: &str) -> LineCount {
    let mut count = LineCount::default();
    let mut in_block = false;
    let mut in_tests = false;
    let mut after_cfg_test = false;
    for line in source.lines() {
        count.total += 1;
        let trimmed = line.trim();
        let is_code = if in_block {
            if let Some(end) = trimmed.find("*/") {
                in_block = false;
                !trimmed[end + 2..].trim().is_empty()
            } else {
                false
            }
        } else if trimmed.is_empty() || trimmed.starts_with("//") {
            false
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            match rest.find("*/") {
                Some(end) => !rest[end + 2..].trim().is_empty(),
                None => {
                    in_block = true;
                    false
                }
            }
        } else {
            true
        };
        if !is_code {
            continue;
        }
        count.code += 1;
        if in_tests {
            count.test_code += 1;
            if line == "}" {
                in_tests = false;
            }
        } else if line == "#[cfg(test)]" {
            after_cfg_test = true;
        } else if after_cfg_test {
            after_cfg_test = false;
            if line.starts_with("mod ") || line.starts_with("pub mod ") {
                in_tests = !line.trim_end().ends_with(';');
                // The attribute line belongs to the module too.
                count.test_code += 2;
            }
        }
    }
    count
}

/// The lines of several files.
#[derive(Debug, Default)]
pub(super) struct FileCount {
    pub(super) files: usize,
    pub(super) lines: LineCount,
}

pub(super) fn count_files(paths: &[PathBuf]) -> Result<FileCount, String> {
    let mut count = FileCount::default();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        count.files += 1;
        count.lines += count_lines(&text);
    }
    Ok(count)
}

/// The `.rs` files in `dir` (and below it when `recursive`), sorted.
pub(super) fn rust_files(dir: &Path, recursive: bool) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            if recursive {
                files.extend(rust_files(&path, true)?);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_code_apart_from_blanks_comments_and_tests() {
        let source = "\
//! Module docs.

/// An item.
pub fn f() -> u8 {
    // a comment
    1 // trailing comments do not make a line a comment
}
/* a block
   comment */
/* inline */ const X: u8 = 2;
/* closed */

#[cfg(test)]
mod tests {
    // comment in tests

    #[test]
    fn t() {}
}
";
        assert_eq!(
            count_lines(source),
            LineCount {
                total: 19,
                // fn f, `1`, `}`, const X, then the 5 lines of the test module.
                code: 9,
                // #[cfg(test)], mod tests {, #[test], fn t() {}, }
                test_code: 5,
            }
        );
    }

    #[test]
    fn a_cfg_test_item_that_is_not_a_module_is_not_counted_as_tests() {
        let source = "#[cfg(test)]\nfn helper() {}\nfn main() {}\n";
        assert_eq!(
            count_lines(source),
            LineCount {
                total: 3,
                code: 3,
                test_code: 0
            }
        );
        let outlined = "#[cfg(test)]\nmod tests;\nfn main() {}\n";
        assert_eq!(count_lines(outlined).test_code, 2);
    }
}
