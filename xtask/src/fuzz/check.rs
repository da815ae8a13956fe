//! What must hold whatever the input ([`check`]): reading and generating do not panic, an error
//! names the file or points into the document, and an accepted document gives code that parses.

use super::cases::{Case, Input};
use super::vocabulary::{PORTAL_PREFIX, TEST_PREFIX};
use serde_json::Value;
use std::path::Path;

/// How a case ended when nothing went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Code was generated.
    Generated,
    /// The input was rejected with an error.
    Rejected {
        /// The error's kind, like `codegen Malformed: invalid type` (for the summary).
        kind: String,
        /// The whole message.
        message: String,
    },
}

/// What runs a case: [`check`], or a stand-in in tests.
pub type Target = fn(&Case) -> Outcome;

/// The path prefix a document is generated with: the hand-written specs' `/v1/test/` when it
/// has a path under it, else the bad-spec corpus' portal prefix.
pub fn prefix_for(doc: &Value) -> &'static str {
    let test = doc
        .get("paths")
        .and_then(Value::as_object)
        .is_some_and(|paths| paths.keys().any(|k| k.starts_with(TEST_PREFIX)));
    if test { TEST_PREFIX } else { PORTAL_PREFIX }
}

/// Runs one case: reads it (for a file) and generates from it. Panics when something that must
/// hold for any input does not (see the [module docs](super)), as well as when the code under
/// test does.
pub fn check(case: &Case) -> Outcome {
    match &case.input {
        Input::Document(doc) => generate(doc, "fuzz.json"),
        Input::Text { file_name, bytes } => {
            match spec::SpecDocument::parse(Path::new(file_name), bytes) {
                Ok(parsed) => {
                    let _ = parsed.content_hash();
                    let _ = parsed.api_version();
                    generate(&parsed.value, file_name)
                }
                Err(e) => {
                    let message = e.to_string();
                    assert!(
                        message.starts_with(file_name.as_str()),
                        "a spec error that does not start with the file name: {message}"
                    );
                    Outcome::Rejected {
                        kind: format!("spec {}", variant(&format!("{e:?}"))),
                        message,
                    }
                }
            }
        }
    }
}

fn generate(doc: &Value, source: &str) -> Outcome {
    let options = codegen::Options {
        scope: codegen::Scope::one(prefix_for(doc)),
        emit: codegen::emit::EmitOptions::default(),
    };
    match codegen::generate(doc, source, &options) {
        Ok(generated) => {
            for file in &generated.files {
                let body = file
                    .contents
                    .strip_prefix(codegen::emit::HEADER)
                    .unwrap_or(&file.contents);
                assert!(
                    !body.starts_with("compile_error!"),
                    "the emitted {} does not parse: {}",
                    file.path,
                    body.lines().next().unwrap_or_default()
                );
            }
            Outcome::Generated
        }
        Err(e) => {
            assert!(
                points_into(doc, &e),
                "the error points at {}, which is not in the document: {e}",
                e.pointer
            );
            let message = e.to_string();
            Outcome::Rejected {
                kind: format!("codegen {}", error_kind(&e.kind)),
                message,
            }
        }
    }
}

/// Whether an error's pointer is in the document: the node itself, or, for a member that is
/// missing, its parent (or, when the message says what is missing, any of its ancestors).
fn points_into(doc: &Value, e: &codegen::Error) -> bool {
    let at = e.pointer.as_str();
    let parent = at.rfind('/').map_or("", |i| &at[..i]);
    let missing =
        matches!(&e.kind, codegen::ErrorKind::Malformed(what) if what.contains("missing"));
    doc.pointer(at).is_some() || doc.pointer(parent).is_some() || missing
}

/// The variant name at the start of a `Debug` rendering.
fn variant(debug: &str) -> &str {
    let end = debug
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(debug.len());
    &debug[..end]
}

/// A codegen error kind for the summary: the variant, and the first words of free-text ones.
fn error_kind(kind: &codegen::ErrorKind) -> String {
    let name = variant(&format!("{kind:?}")).to_owned();
    let text = match kind {
        codegen::ErrorKind::Malformed(text) | codegen::ErrorKind::Unsupported(text) => text,
        _ => return name,
    };
    // Quoted names and values vary from case to case: keep the words around them.
    let mut plain = String::new();
    let mut quote = None;
    for ch in text.chars() {
        match quote {
            Some(end) if ch == end => quote = None,
            Some(_) => {}
            None if ch == '`' || ch == '"' => {
                quote = Some(ch);
                plain.push('_');
            }
            None => plain.push(ch),
        }
    }
    let gist: Vec<&str> = plain
        .split([':', ';'])
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .take(8)
        .collect();
    format!("{name}: {}", gist.join(" "))
}
