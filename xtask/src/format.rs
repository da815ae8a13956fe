//! The last formatting step: rustfmt over prettyplease's output.
//!
//! prettyplease turns tokens into readable code (doc comments, line breaks) without a
//! toolchain, but its layout differs from rustfmt's in places. The committed files must pass
//! `cargo fmt --check` like every other file, so regen hands them to rustfmt, the way
//! rust-analyzer's xtask does: all files in one rustfmt process (each process start goes through
//! the rustup proxy, which costs more than the formatting).

use crate::TaskError;
use std::process::Command;

/// Formats every emitted file, in order: (path, formatted source), with one rustfmt process.
///
/// The files are written to a scratch directory that is removed afterwards, formatted there in
/// place, and read back; nothing is written beside the output.
pub fn rustfmt_all(files: &[codegen::emit::File]) -> Result<Vec<(String, String)>, TaskError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let scratch = tempfile::tempdir().map_err(|e| {
        TaskError::Other(format!("cannot make a scratch directory for rustfmt: {e}"))
    })?;
    let mut paths = Vec::with_capacity(files.len());
    for file in files {
        // Emitted paths are plain relative names (`params.rs`); keep only the file name so
        // that no path can leave the scratch directory.
        let name = std::path::Path::new(&file.path)
            .file_name()
            .ok_or_else(|| {
                TaskError::Other(format!("emitted file without a name: {}", file.path))
            })?;
        let path = scratch.path().join(name);
        if paths.contains(&path) {
            return Err(TaskError::Other(format!(
                "two emitted files are named {} (a codegen bug)",
                file.path
            )));
        }
        std::fs::write(&path, &file.contents)
            .map_err(|e| TaskError::Other(format!("cannot write {}: {e}", path.display())))?;
        paths.push(path);
    }
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let output = Command::new(&rustfmt)
        .args(["--edition", "2024", "--quiet"])
        .args(&paths)
        .current_dir(scratch.path())
        .output()
        .map_err(|e| {
            TaskError::Other(format!(
                "cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"
            ))
        })?;
    if !output.status.success() {
        return Err(TaskError::Other(format!(
            "rustfmt rejected the generated files (a codegen bug): {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    files
        .iter()
        .zip(&paths)
        .map(|(file, path)| {
            let formatted = std::fs::read_to_string(path)
                .map_err(|e| TaskError::Other(format!("cannot read back {}: {e}", file.path)))?;
            Ok((file.path.clone(), formatted))
        })
        .collect()
}
