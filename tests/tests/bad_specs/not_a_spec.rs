//! Inputs that are not a spec at all: no file, a directory, empty, binary, prose, the wrong
//! format, cut short, nested too deep, an alias bomb.

use super::*;

#[test]
pub(crate) fn a_directory() {
    rejected("a_directory.json", "is a directory");
}

#[test]
pub(crate) fn missing_file() {
    rejected(MISSING, "not found");
}

#[test]
pub(crate) fn empty() {
    rejected("empty.json", "is empty");
}

#[test]
pub(crate) fn binary_garbage() {
    rejected("binary_garbage.bin", "binary_garbage.bin:1:1:");
}

#[test]
pub(crate) fn prose_json() {
    rejected("prose.json", "prose.json:1:1:");
}

/// Prose without a `.json` extension is read as YAML, where it is one string.
#[test]
pub(crate) fn prose_txt() {
    rejected("prose.txt", "top level is a string");
}

#[test]
pub(crate) fn toml_not_yaml() {
    // The YAML parser gives no position here; the message says what is wrong instead of
    // blaming several documents on a file that has none.
    let message = rejected("toml_not_yaml.yaml", "toml_not_yaml.yaml: invalid YAML: ");
    assert!(message.contains("one YAML document"), "{message}");
    assert!(!message.contains("more than one document"), "{message}");
}

#[test]
pub(crate) fn truncated() {
    rejected("truncated.json", "truncated.json:45:16: invalid JSON: EOF");
}

/// 5000 nested arrays: serde_json's recursion limit, not a stack overflow.
#[test]
pub(crate) fn deeply_nested() {
    rejected("deeply_nested.json", "deeply_nested.json:1:");
}

/// Nine levels of nine aliases (387 million strings once expanded): refused, not expanded.
#[test]
pub(crate) fn yaml_alias_bomb() {
    rejected("yaml_alias_bomb.yaml", "repetition limit exceeded");
}
