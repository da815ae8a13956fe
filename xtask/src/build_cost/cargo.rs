//! Cargo as the measurements run it: fresh target directories, no incremental builds, no
//! compiler wrapper, and a failure reported with the end of its stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs cargo with the measurement's environment: in the workspace, or in another project.
pub(super) struct Cargo {
    /// The cargo binary.
    pub(super) program: PathBuf,
    root: PathBuf,
    /// Where the workspace's builds go.
    pub(super) target_dir: PathBuf,
}

impl Cargo {
    /// `$CARGO` (else `cargo`) in the workspace at `root`, building into `target_dir`.
    pub(super) fn new(root: &Path, target_dir: &Path) -> Cargo {
        Cargo {
            program: std::env::var_os("CARGO")
                .map_or_else(|| PathBuf::from("cargo"), PathBuf::from),
            root: root.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
        }
    }

    /// Cargo in `dir`, building into `target_dir`.
    pub(super) fn command(&self, dir: &Path, target_dir: &Path) -> Command {
        let mut command = Command::new(&self.program);
        command
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target_dir)
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env("CARGO_INCREMENTAL", "0")
            // An empty wrapper is no wrapper (overrides one set in a config file too).
            .env("RUSTC_WRAPPER", "")
            .env("RUSTC_WORKSPACE_WRAPPER", "");
        command
    }

    pub(super) fn show(&self, args: &[&str]) -> String {
        format!("cargo {} --locked --quiet", args.join(" "))
    }

    /// Runs `cargo ARGS --locked --quiet` in the workspace.
    pub(super) fn run(&self, args: &[&str]) -> Result<(), String> {
        let output = self
            .command(&self.root, &self.target_dir)
            .args(args)
            .args(["--locked", "--quiet"])
            .stdout(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run `{}`: {e}", self.show(args)))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!(
            "`{}` failed ({}):\n{}",
            self.show(args),
            output.status,
            tail(&String::from_utf8_lossy(&output.stderr), 30)
        ))
    }

    pub(super) fn timed(&self, args: &[&str]) -> Result<Duration, String> {
        let start = Instant::now();
        self.run(args)?;
        Ok(start.elapsed())
    }
}

/// The last `n` lines of `text`.
pub(super) fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("a", 5), "a");
        assert_eq!(tail("", 5), "");
    }
}
