//! What a case's expectation file (`tests/bad_specs/<file>.expect.toml`) says regen must do
//! with it, and the check of one case against it.
//!
//! ```toml
//! [rejected]             # regen fails, names the file, and changes nothing
//! has = ["at #/paths:"]  # the message has each of these (the place first)
//! lacks = []             # and none of these
//! snapshot = false       # the message is not snapshotted (it is by default)
//! ```
//!
//! ```toml
//! [generated]            # regen succeeds, and the emitter never gives up (`compile_error!`)
//! fallbacks = []         # the pointers kept as raw JSON, all of them
//! has = []               # in the generated code
//! lacks = []             # in none of the generated files
//! snapshot = "outline"   # or "notes" (the summary's `note:` lines); none by default
//!
//! [generated.has_in]     # in one file of the generated code
//! "params.rs" = []
//! ```

use super::{error_of, generates, snapshot};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Expectation {
    Rejected(Rejected),
    Generated(Generated),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rejected {
    has: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
    #[serde(default = "yes")]
    snapshot: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Generated {
    #[serde(default)]
    fallbacks: Vec<String>,
    #[serde(default)]
    has: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
    #[serde(default)]
    has_in: BTreeMap<String, Vec<String>>,
    snapshot: Option<Snapshot>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Snapshot {
    Outline,
    Notes,
}

/// Runs `file` and panics where it does not do what `expectation` (the text of its
/// expectation file) says.
pub(crate) fn check(file: &str, expectation: &str) {
    let expectation: Expectation = toml::from_str(expectation)
        .unwrap_or_else(|e| panic!("its expectation file does not read: {e}"));
    match expectation {
        Expectation::Rejected(expected) => {
            let message = error_of(file);
            has_and_lacks("the message", &message, &expected.has, &expected.lacks);
            if expected.snapshot {
                snapshot(file, &message);
            }
        }
        Expectation::Generated(expected) => {
            let out = generates(file);
            let fallbacks: Vec<String> = out
                .report
                .fallbacks
                .iter()
                .map(|f| f.pointer.to_string())
                .collect();
            assert_eq!(fallbacks, expected.fallbacks, "the fallbacks");
            has_and_lacks("the code", &out.code(), &expected.has, &expected.lacks);
            for (name, needles) in &expected.has_in {
                has_and_lacks(name, out.file(name), needles, &[]);
            }
            match expected.snapshot {
                Some(Snapshot::Outline) => snapshot(file, &out.outline()),
                Some(Snapshot::Notes) => snapshot(file, &out.notes()),
                None => {}
            }
        }
    }
}

/// Asserts that `text` (`what`, in the failure) has each of `has` and none of `lacks`.
fn has_and_lacks(what: &str, text: &str, has: &[String], lacks: &[String]) {
    for needle in has {
        assert!(text.contains(needle), "no `{needle}` in {what}:\n{text}");
    }
    for needle in lacks {
        assert!(!text.contains(needle), "`{needle}` in {what}:\n{text}");
    }
}
