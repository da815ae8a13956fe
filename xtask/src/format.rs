//! The last formatting step: rustfmt over prettyplease's output, one process for all files,
//! its results cached.
//!
//! prettyplease turns tokens into readable code (doc comments, line breaks) without a
//! toolchain, but its layout differs from rustfmt's in places. The committed files must pass
//! `cargo fmt --check` like every other file, so regen hands them to rustfmt, as
//! rust-analyzer's xtask does: all files in one rustfmt process, started directly rather than
//! through the rustup proxy when the toolchain is known.
//!
//! rustfmt is a pure function of its input and of the rustfmt binary, so its output is cached
//! under `target/xtask-rustfmt/`, keyed by a hash of both: a regen whose emitted files did not
//! change (a `--check`, the same release adopted again) runs no process at all, and one whose
//! files partly changed formats only those. A different rustfmt (another toolchain, an update)
//! is another key; without a known binary identity nothing is cached.

use crate::task_error::TaskError;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cache entries kept; the oldest beyond are removed (a release's files are a few entries).
const CACHE_ENTRIES: usize = 64;

/// Where rustfmt's results are kept.
#[derive(Debug, Clone, Copy)]
pub enum Cache<'a> {
    /// Nowhere: every file is formatted.
    Off,
    /// Read from this directory, never written (`regen --check` writes nothing).
    Read(&'a Path),
    /// Read from this directory, and what was formatted is added.
    ReadWrite(&'a Path),
}

/// Formats every emitted file, in order: (path, formatted source). Files found in the cache
/// are not formatted again; the others go through one rustfmt process, in a scratch directory
/// that is removed afterwards.
pub fn rustfmt_all(
    files: &[codegen::emit::File],
    cache: Cache<'_>,
) -> Result<Vec<(String, String)>, TaskError> {
    let rustfmt = Rustfmt::find();
    let (cache_dir, write) = match cache {
        Cache::Off => (None, false),
        Cache::Read(dir) => (Some(dir), false),
        Cache::ReadWrite(dir) => (Some(dir), true),
    };
    let cache = cache_dir.and_then(|dir| Some((dir, rustfmt.identity.as_deref()?)));
    let keys: Vec<Option<String>> = files
        .iter()
        .map(|file| cache.map(|(_, identity)| key(identity, &file.contents)))
        .collect();
    let mut formatted: Vec<Option<String>> = keys
        .iter()
        .map(|key| {
            let (dir, _) = cache?;
            std::fs::read_to_string(dir.join(format!("{}.rs", key.as_ref()?))).ok()
        })
        .collect();
    let missing: Vec<usize> = (0..files.len())
        .filter(|&i| formatted[i].is_none())
        .collect();
    if !missing.is_empty() {
        let inputs: Vec<&codegen::emit::File> = missing.iter().map(|&i| &files[i]).collect();
        let outputs = rustfmt.run(&inputs, files)?;
        for (&i, output) in missing.iter().zip(outputs) {
            if let (true, Some((dir, _)), Some(key)) = (write, cache, &keys[i]) {
                store(dir, key, &output);
            }
            formatted[i] = Some(output);
        }
    }
    Ok(files
        .iter()
        .zip(formatted)
        .map(|(file, text)| (file.path.clone(), text.unwrap_or_default()))
        .collect())
}

/// The rustfmt to run, and what identifies its binary (for the cache).
struct Rustfmt {
    program: PathBuf,
    identity: Option<String>,
}

impl Rustfmt {
    /// `$RUSTFMT`; else the toolchain's own binary when rustup says which toolchain runs us
    /// (`cargo xtask` under rustup sets `RUSTUP_HOME` and `RUSTUP_TOOLCHAIN`), or, run by
    /// hand, the one `rustup which rustfmt` names (what rustup's `rustfmt` would start here);
    /// else `rustfmt` from `PATH`, uncached.
    fn find() -> Self {
        let explicit = std::env::var_os("RUSTFMT").map(PathBuf::from);
        let toolchain = || {
            let home = std::env::var_os("RUSTUP_HOME")?;
            let toolchain = std::env::var_os("RUSTUP_TOOLCHAIN")?;
            let path = Path::new(&home)
                .join("toolchains")
                .join(toolchain)
                .join("bin")
                .join(format!("rustfmt{}", std::env::consts::EXE_SUFFIX));
            path.is_file().then_some(path)
        };
        // A few milliseconds, against rustfmt's tens when its results cannot be cached.
        let rustup_which = || {
            let out = std::process::Command::new("rustup")
                .args(["which", "rustfmt"])
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
            (out.status.success() && path.is_file()).then_some(path)
        };
        match explicit.or_else(toolchain).or_else(rustup_which) {
            Some(program) => {
                let identity = identity(&program);
                Rustfmt { program, identity }
            }
            None => Rustfmt {
                program: PathBuf::from("rustfmt"),
                identity: None,
            },
        }
    }

    /// Formats `files` with one process; their formatted texts, in order. The other files of
    /// `all` are there as empty files, so that rustfmt finds the modules a file declares.
    fn run(
        &self,
        files: &[&codegen::emit::File],
        all: &[codegen::emit::File],
    ) -> Result<Vec<String>, TaskError> {
        let scratch = tempfile::tempdir().map_err(|e| {
            TaskError::Other(format!("cannot make a scratch directory for rustfmt: {e}"))
        })?;
        let mut paths = Vec::with_capacity(files.len());
        for file in files {
            // Emitted paths are plain relative names (`params.rs`); keep only the file name
            // so that no path can leave the scratch directory.
            let name = Path::new(&file.path).file_name().ok_or_else(|| {
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
        for file in all {
            if let Some(name) = Path::new(&file.path).file_name() {
                let path = scratch.path().join(name);
                if !paths.contains(&path) {
                    std::fs::write(&path, "").map_err(|e| {
                        TaskError::Other(format!("cannot write {}: {e}", path.display()))
                    })?;
                }
            }
        }
        let output = Command::new(&self.program)
            .args(["--edition", "2024", "--quiet"])
            .args(&paths)
            .current_dir(scratch.path())
            .output()
            .map_err(|e| {
                TaskError::Other(format!(
                    "cannot run rustfmt ({}: {e}); install it with `rustup component add rustfmt`",
                    self.program.display()
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
                std::fs::read_to_string(path)
                    .map_err(|e| TaskError::Other(format!("cannot read back {}: {e}", file.path)))
            })
            .collect()
    }
}

/// The binary's path, size and modification time: a toolchain update replaces the file.
fn identity(program: &Path) -> Option<String> {
    let metadata = std::fs::metadata(program).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{}\0{}\0{}",
        program.display(),
        metadata.len(),
        modified.as_nanos()
    ))
}

/// The cache key of `contents` formatted by the rustfmt `identity`, with regen's arguments.
fn key(identity: &str, contents: &str) -> String {
    let digest = Sha256::new()
        .chain_update(identity)
        .chain_update("\0--edition 2024\0")
        .chain_update(contents)
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Adds an entry (written aside and renamed, so a reader never sees half of one), and keeps
/// the newest [`CACHE_ENTRIES`]. The cache only saves time: failing to write it is no error.
fn store(dir: &Path, key: &str, formatted: &str) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let path = dir.join(format!("{key}.rs"));
    let partial = dir.join(format!("{key}.rs.{}.partial", std::process::id()));
    if std::fs::write(&partial, formatted).is_err() || std::fs::rename(&partial, &path).is_err() {
        let _ = std::fs::remove_file(&partial);
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            Some((e.metadata().ok()?.modified().ok()?, e.path()))
        })
        .collect();
    if entries.len() > CACHE_ENTRIES {
        entries.sort();
        for (_, old) in &entries[..entries.len() - CACHE_ENTRIES] {
            let _ = std::fs::remove_file(old);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> codegen::emit::File {
        codegen::emit::File {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    #[test]
    fn formats_and_then_serves_from_the_cache() {
        let cache = tempfile::tempdir().unwrap();
        let files = [file("a.rs", "fn  a( ) {}\n"), file("b.rs", "fn b() {  }\n")];
        let first = rustfmt_all(&files, Cache::ReadWrite(cache.path())).unwrap();
        assert_eq!(
            first,
            [
                ("a.rs".to_owned(), "fn a() {}\n".to_owned()),
                ("b.rs".to_owned(), "fn b() {}\n".to_owned())
            ]
        );
        let entries = std::fs::read_dir(cache.path()).unwrap().count();
        if Rustfmt::find().identity.is_none() {
            assert_eq!(entries, 0, "no identity, no cache");
            return;
        }
        assert_eq!(entries, 2);
        // An entry is what is returned: tampering with it shows it was read, not recomputed.
        for entry in std::fs::read_dir(cache.path()).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace("fn ", "pub fn ")).unwrap();
        }
        let second = rustfmt_all(&files, Cache::ReadWrite(cache.path())).unwrap();
        assert_eq!(second[0].1, "pub fn a() {}\n");
        // A changed file is formatted again; the unchanged one still comes from the cache.
        let changed = [file("a.rs", "fn  c( ) {}\n"), file("b.rs", "fn b() {  }\n")];
        let third = rustfmt_all(&changed, Cache::ReadWrite(cache.path())).unwrap();
        assert_eq!(third[0].1, "fn c() {}\n");
        assert_eq!(third[1].1, "pub fn b() {}\n");
        // Read-only: served, but nothing added.
        let before = std::fs::read_dir(cache.path()).unwrap().count();
        let other = [file("a.rs", "fn  d( ) {}\n")];
        let fourth = rustfmt_all(&other, Cache::Read(cache.path())).unwrap();
        assert_eq!(fourth[0].1, "fn d() {}\n");
        assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), before);
    }

    #[test]
    fn a_file_formatted_alone_finds_the_modules_it_declares() {
        let cache = tempfile::tempdir().unwrap();
        let files = [
            file("mod.rs", "pub mod child;\nfn  m( ) {}\n"),
            file("child.rs", "fn c() {}\n"),
        ];
        rustfmt_all(&files, Cache::ReadWrite(cache.path())).unwrap();
        let changed = [
            file("mod.rs", "pub mod child;\nfn  n( ) {}\n"),
            file("child.rs", "fn c() {}\n"),
        ];
        let out = rustfmt_all(&changed, Cache::ReadWrite(cache.path())).unwrap();
        assert_eq!(out[0].1, "pub mod child;\nfn n() {}\n");
    }

    #[test]
    fn the_key_depends_on_the_binary_and_the_contents() {
        assert_ne!(key("rustfmt 1", "x"), key("rustfmt 2", "x"));
        assert_ne!(key("rustfmt 1", "x"), key("rustfmt 1", "y"));
        assert_eq!(key("rustfmt 1", "x").len(), 64);
    }
}
