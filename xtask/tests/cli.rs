//! The `cargo xtask` binary: exit codes, and where it prints what.
//!
//! The binary works on the real workspace (it finds it from its manifest directory) unless the
//! hidden `--workspace DIR` points it at a scratch copy; on the real one these tests only run
//! commands that fail before anything is written, or print help. Each spec given
//! to `regen --spec` is first run through the library on a scratch copy of the workspace, to make
//! sure it is rejected there, and the real `generated/` and `spec/pinned.toml` are compared
//! before and after. Never add a command here that can succeed at regenerating.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xtask::exit::{EXIT_BAD_INPUT, EXIT_OK};
use xtask::layout::Layout;
use xtask::regen::{RegenOptions, regen};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn bad_spec(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/bad_specs")
        .join(file)
}

/// The real workspace's generated files, pin and selection, with their bytes.
fn real_outputs() -> BTreeMap<PathBuf, Vec<u8>> {
    let real = Layout::from_manifest_dir();
    let mut files: BTreeMap<PathBuf, Vec<u8>> = fs::read_dir(real.generated_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), fs::read(&p).unwrap()))
        .collect();
    for file in [real.pin_file(), real.selection_file(), real.changes_file()] {
        files.insert(file.clone(), fs::read(&file).unwrap());
    }
    files
}

/// Fails unless the library rejects `spec` on a scratch copy of the workspace: the guard that
/// keeps the binary from ever regenerating the real one.
fn assert_rejected_in_scratch(spec: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let scratch = Layout::from_manifest_dir()
        .copy_outputs_to(dir.path())
        .unwrap();
    let options = RegenOptions {
        spec: Some(spec.to_owned()),
        tag: Some("v1".into()),
        // Writing, not `check` (the default): the scratch copy is there to be written.
        download_from: Some("http://127.0.0.1:9".into()),
        ..RegenOptions::default()
    };
    assert!(
        regen(&scratch, &options).is_err(),
        "{} is not rejected: it must not be given to the binary",
        spec.display()
    );
}

#[test]
fn a_bad_spec_exits_2_with_the_error_on_stderr() {
    for file in [
        "truncated.json",
        "swagger_2_0.json",
        "ref_missing_schema.json",
        "missing.json",
    ] {
        let spec = bad_spec(file);
        assert_rejected_in_scratch(&spec);
        let before = real_outputs();
        let out = xtask(&["regen", "--spec", spec.to_str().unwrap(), "--tag", "v1"]);
        assert_eq!(real_outputs(), before, "{file}: the real workspace changed");
        let stderr = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(i32::from(EXIT_BAD_INPUT)),
            "{file}: {stderr}"
        );
        assert!(stderr.starts_with("error: "), "{file}: {stderr}");
        assert!(stderr.contains(file), "{file}: {stderr}");
        assert_eq!(text(&out.stdout), "", "{file}");
    }
}

#[test]
fn an_unknown_flag_exits_2() {
    let out = xtask(&["regen", "--frobnicate"]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(i32::from(EXIT_BAD_INPUT)),
        "{stderr}"
    );
    assert!(stderr.contains("--frobnicate"), "{stderr}");
}

#[test]
fn an_unknown_command_exits_2() {
    let out = xtask(&["frobnicate"]);
    assert_eq!(
        out.status.code(),
        Some(i32::from(EXIT_BAD_INPUT)),
        "{}",
        text(&out.stderr)
    );
}

/// `--tag` alone adopts a release from the cache or a download; a tag that cannot name a
/// release folder is refused before any of that.
#[test]
fn an_unsafe_tag_exits_2_before_any_download() {
    let before = real_outputs();
    let out = xtask(&["regen", "--tag", "../v1"]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(i32::from(EXIT_BAD_INPUT)),
        "{stderr}"
    );
    assert!(stderr.contains("invalid tag \"../v1\""), "{stderr}");
    assert!(!stderr.contains("downloading"), "{stderr}");
    assert_eq!(real_outputs(), before);
}

#[test]
fn help_exits_0_and_explains_the_exit_codes() {
    let out = xtask(&["--help"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(i32::from(EXIT_OK)), "{stdout}");
    assert!(stdout.contains("Exit codes"), "{stdout}");
    for code in ["0 success", "1 `regen --check`", "2 bad input"] {
        assert!(stdout.contains(code), "no `{code}` in:\n{stdout}");
    }
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_hand_edited_selection_exits_2_with_check_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = Layout::from_manifest_dir()
        .copy_outputs_to(dir.path())
        .unwrap();
    let selection = fs::read_to_string(scratch.selection_file()).unwrap();
    let edited = selection.replacen("\"description\": \"", "\"description\": \"Edited. ", 1);
    assert_ne!(edited, selection);
    fs::write(scratch.selection_file(), &edited).unwrap();
    let workspace = dir.path().to_str().unwrap();
    for args in [&["regen", "--check"][..], &["regen"][..]] {
        let mut all = vec!["--workspace", workspace];
        all.extend_from_slice(args);
        let out = xtask(&all);
        let stderr = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(i32::from(EXIT_BAD_INPUT)),
            "{args:?}: an error, not a stale tree: {stderr}"
        );
        assert!(
            stderr.contains("the selection was changed by hand"),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            fs::read_to_string(scratch.selection_file()).unwrap(),
            edited
        );
    }
}
