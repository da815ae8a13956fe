//! The generator: a Stripe OpenAPI document in, Rust source files out.
//!
//! The pipeline has one job per stage:
//!
//! 1. [`select`]: the paths a [`Scope`] covers and the schemas they need;
//! 2. [`lower`]: the selection becomes the [`model`], where every decision is data;
//! 3. [`emit`]: the model becomes formatted Rust files.
//!
//! [`excerpt`] writes the selection back as a small document (what the repository commits);
//! [`report`] compares the models of two specs for the API change report.
//!
//! Reading the spec file (JSON or YAML) and knowing which spec to read is the job of the
//! `spec` crate; this crate starts from a parsed document.

pub mod emit;
pub mod error;
pub mod excerpt;
pub mod lower;
pub mod model;
pub mod pointer;
pub mod report;
pub mod select;

pub use error::{Error, ErrorKind};
pub use select::Scope;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which paths are selected (the project's is the list in `spec/scope.toml`).
    pub scope: Scope,
    /// Emission settings.
    pub emit: emit::EmitOptions,
}

/// The result of a run: the model (for summaries and tests) and the files.
#[derive(Debug)]
pub struct Generated {
    /// The lowered API.
    pub api: model::Api,
    /// Files to write, relative to the generated module's directory.
    pub files: Vec<emit::File>,
}

/// Runs the whole pipeline on a parsed document. `source` names the input in errors.
pub fn generate(
    doc: &serde_json::Value,
    source: &str,
    options: &Options,
) -> Result<Generated, Error> {
    let api = build_model(doc, source, &options.scope)?;
    let files = emit::emit(&api, &options.emit);
    Ok(Generated { api, files })
}

/// The paths `scope` covers and the schemas they need, as a document of their own (see
/// [`excerpt`]): what the repository commits of a spec.
pub fn excerpt_document(
    doc: &serde_json::Value,
    source: &str,
    scope: &Scope,
) -> Result<serde_json::Value, Error> {
    let selection = select::select(doc, scope, source)?;
    Ok(excerpt::document(doc, &selection))
}

/// Selects and lowers, without emitting.
pub fn build_model(
    doc: &serde_json::Value,
    source: &str,
    scope: &Scope,
) -> Result<model::Api, Error> {
    let selection = select::select(doc, scope, source)?;
    lower::lower(doc, &selection, scope, source)
}
