//! The last formatting step: rustfmt over prettyplease's output.
//!
//! prettyplease turns tokens into readable code (doc comments, line breaks) without a
//! toolchain, but its layout differs from rustfmt's in places. The committed files must pass
//! `cargo fmt --check` like every other file, so regen hands each one to rustfmt, the way
//! rust-analyzer's xtask does.

use crate::TaskError;
use std::io::Write;
use std::process::{Command, Stdio};

/// Formats one file's source with the workspace's rustfmt settings.
pub fn rustfmt(source: &str, name: &str) -> Result<String, TaskError> {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&rustfmt)
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            TaskError::Other(format!(
                "cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"
            ))
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = source.to_owned();
    // Write from another thread: rustfmt may fill its stdout pipe before reading all input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| TaskError::Other(format!("rustfmt failed on {name}: {e}")))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(TaskError::Other(format!(
            "rustfmt rejected the generated {name} (a codegen bug): {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| TaskError::Other(format!("rustfmt wrote non-UTF-8 output for {name}")))
}

/// Formats every emitted file, in order: (path, formatted source).
pub fn rustfmt_all(files: &[codegen::emit::File]) -> Result<Vec<(String, String)>, TaskError> {
    files
        .iter()
        .map(|f| Ok((f.path.clone(), rustfmt(&f.contents, &f.path)?)))
        .collect()
}
