//! Bad input gives an error naming the file (with line:column for syntax
//! errors), never a panic.

mod common;

use std::path::Path;

use common::committed;
use spec::{SpecDocument, SpecError};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn missing_file_names_the_path_and_says_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope/spec3.json");
    let err = SpecDocument::read(&path).unwrap_err();
    assert!(matches!(err, SpecError::Io { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("cannot read {}: not found", path.display())
    );
}

#[test]
fn directory_is_its_own_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = SpecDocument::read(dir.path()).unwrap_err();
    assert!(matches!(err, SpecError::IsDirectory { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: is a directory, expected a spec file",
            dir.path().display()
        )
    );
}

#[test]
fn empty_file_is_its_own_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["spec3.json", "spec3.yaml", "spec"] {
        let path = write(dir.path(), name, b"");
        let err = SpecDocument::read(&path).unwrap_err();
        assert!(matches!(err, SpecError::Empty { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("{}: is empty", path.display())),
            "{msg}"
        );
    }
}

#[test]
fn truncated_json_is_a_syntax_error_at_the_end() {
    let full = std::fs::read(committed("tests/data/v524/fixtures.json")).unwrap();
    let head = &full[..1000];
    assert!(head.is_ascii(), "the test computes columns in bytes");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "spec3.json", head);

    let err = SpecDocument::read(&path).unwrap_err();
    let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = head.len() - head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let SpecError::Syntax {
        line: l,
        column: c,
        ref message,
        ..
    } = err
    else {
        panic!("expected a syntax error, got {err:?}");
    };
    assert_eq!((l, c), (line, column), "{err}");
    assert!(message.contains("EOF"), "{message}");
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}:{line}:{column}: invalid JSON: EOF while parsing",
            path.display()
        )),
        "{msg}"
    );
}

#[test]
fn truncated_json_without_extension_is_sniffed_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "spec",
        b"{\n  \"openapi\": \"3.0.0\",\n  \"info\": {",
    );
    let err = SpecDocument::read(&path).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}:3:11: invalid JSON: EOF", path.display())),
        "{err}"
    );
}

#[test]
fn invalid_yaml_is_a_syntax_error_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "spec3.yaml",
        b"openapi: 3.0.0\ninfo:\n  title: \"unclosed\n  version: x\n",
    );
    let err = SpecDocument::read(&path).unwrap_err();
    let SpecError::Syntax { line, column, .. } = err else {
        panic!("expected a syntax error, got {err:?}");
    };
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}:{line}:{column}: invalid YAML: ",
            path.display()
        )),
        "{msg}"
    );
    assert!((3..=5).contains(&line), "{msg}");
    assert!(
        !msg.contains(&format!(" at line {line} column {column}")),
        "position twice: {msg}"
    );
}

#[test]
fn yaml_with_bad_indentation_is_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "spec3.yml",
        b"openapi: 3.0.0\ninfo:\n    title: a\n  version: b\n",
    );
    let err = SpecDocument::read(&path).unwrap_err();
    assert!(matches!(err, SpecError::Syntax { line: 4, .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}:4:", path.display())),
        "{err}"
    );
}

#[test]
fn yaml_scalars_convert_as_yaml_1_2_says() {
    // `yes`/`no`/`on` are strings in YAML 1.2 (only `true`/`false` are
    // booleans), dates are strings, and unquoted numeric keys are the key's
    // text, as JSON would have it.
    let doc = SpecDocument::parse(
        Path::new("x.yaml"),
        b"a: yes\nb: no\nc: on\nd: 2023-08-16\ne: 1.0\nf: 7\ng: true\nresponses:\n  200: ok\n  1.50: k\n",
    )
    .unwrap();
    let expected = serde_json::json!({
        "a": "yes", "b": "no", "c": "on", "d": "2023-08-16", "e": 1.0, "f": 7, "g": true,
        "responses": {"200": "ok", "1.50": "k"},
    });
    assert_eq!(doc.value, expected);
    assert_eq!(doc.content_hash(), spec::content_hash(&expected));
}
