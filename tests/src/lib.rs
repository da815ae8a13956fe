//! Code generated at build time for the tests (see `build.rs`), and the committed data they
//! read: the pinned release in `spec/`, other releases' selections and fixtures in
//! `tests/data/` (see its README). Nothing outside the repository.

use serde_json::{Map, Value};
use std::path::PathBuf;

pub mod form_decoder;

/// What [`registry::visit_types`] calls for each struct of the generated crate.
pub trait TypeVisitor {
    /// A request parameters struct (`params` module).
    fn request<T>(&mut self, name: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + 'static;
    /// A response struct (`resources` module).
    fn response<T>(&mut self, name: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + 'static;
}

/// Every struct of the generated crate (see `build.rs`).
pub mod registry {
    use super::TypeVisitor;
    include!(concat!(env!("OUT_DIR"), "/registry.rs"));
}

/// Types generated from the v127 release of Stripe's spec (2022, API version 2020-08-27).
#[allow(missing_docs)]
pub mod v127 {
    include!(concat!(env!("OUT_DIR"), "/v127.rs"));
}

/// Types generated from the v524 release of Stripe's spec (2023, API version 2023-08-16).
#[allow(missing_docs)]
pub mod v524 {
    include!(concat!(env!("OUT_DIR"), "/v524.rs"));
}

/// One module per hand-written spec in `tests/specs/`.
#[allow(missing_docs)]
pub mod rule_specs {
    include!(concat!(env!("OUT_DIR"), "/rule_specs.rs"));
}

/// `tests/data/`: the selections and fixtures of releases other than the pinned one.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The pin of the release `generated/` is made from.
pub fn pin() -> spec::Pin {
    spec::Pin::load(&workspace_root().join("spec/pinned.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// The committed list of path prefixes the crate covers (`spec/scope.toml`).
pub fn pinned_scope() -> codegen::Scope {
    let entries = spec::read_scope(&workspace_root().join("spec/scope.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    codegen::Scope::with_features(entries.into_iter().map(|e| (e.path, e.feature)))
}

/// The committed selection of the pinned release (`spec/selection.json`).
pub fn pinned_selection() -> Value {
    let path = workspace_root().join("spec/selection.json");
    spec::SpecDocument::read(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .value
}

/// The selection of an older release (`tests/data/<release>/selection.json`).
pub fn selection(release: &str) -> Value {
    let path = data_dir().join(release).join("selection.json");
    spec::SpecDocument::read(&path)
        .unwrap_or_else(|e| panic!("{e} (written by `cargo xtask test-data`)"))
        .value
}

/// The `billing_portal.*` objects of a release's `fixtures3.json`, by name
/// (`tests/data/<release>/fixtures.json`).
pub fn fixtures(release: &str) -> Map<String, Value> {
    let path = data_dir().join(release).join("fixtures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}\n(the fixtures of a release are written by `cargo xtask test-data DIR`, DIR \
             holding the release's fixtures3.json)",
            path.display()
        )
    });
    let mut all: Value = serde_json::from_str(&text).unwrap();
    match all["resources"].take() {
        Value::Object(resources) => resources,
        _ => panic!("{}: no `resources` object", path.display()),
    }
}

/// The fixtures of the pinned release.
pub fn pinned_fixtures() -> Map<String, Value> {
    let pin = pin();
    let tag = pin.tag.unwrap_or_else(|| {
        panic!("spec/pinned.toml names no release tag, so the tests cannot tell whose fixtures to use; adopt the release with --tag")
    });
    fixtures(&tag)
}

/// One object of the pinned release's fixtures, like `billing_portal.session`.
pub fn pinned_fixture(name: &str) -> Value {
    let object = pinned_fixtures().remove(name);
    object.unwrap_or_else(|| panic!("the pinned release's fixtures have no {name:?}"))
}

/// Whether `written` is `original` written back by the generated types: the same JSON, except
/// that a field `original` leaves out may be written as `null` (a nullable response field reads
/// absent and `null` as one `None`, and writes it as `null`). On a difference, its path.
pub fn written_back(written: &Value, original: &Value) -> Result<(), String> {
    fn at(path: &str, written: &Value, original: &Value) -> Result<(), String> {
        match (written, original) {
            (Value::Object(w), Value::Object(o)) => {
                for (key, value) in w {
                    let path = format!("{path}.{key}");
                    match o.get(key) {
                        Some(original) => at(&path, value, original)?,
                        None if value.is_null() => {}
                        None => return Err(format!("{path}: added {value}")),
                    }
                }
                match o.keys().find(|key| !w.contains_key(*key)) {
                    Some(key) => Err(format!("{path}.{key}: dropped")),
                    None => Ok(()),
                }
            }
            (Value::Array(w), Value::Array(o)) if w.len() == o.len() => w
                .iter()
                .zip(o)
                .enumerate()
                .try_for_each(|(i, (w, o))| at(&format!("{path}[{i}]"), w, o)),
            _ if written == original => Ok(()),
            _ => Err(format!("{path}: {original} written as {written}")),
        }
    }
    at("$", written, original)
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The crate README's Rust examples (also the crate's front page), compiled and run as
/// doctests with every feature the tests use, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../generated/README.md")]
pub struct ReadmeDoctests;
