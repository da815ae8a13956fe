//! Adopting a release: the selected part of its spec, and the pin that records where it came
//! from; the spec regen generates from ([`Input`]).

use crate::task_error::TaskError;
use spec::{Pin, SpecDocument};

/// The spec regen generates from: its selected part as a document, and the pin describing
/// where that came from.
pub(super) struct Input {
    pub(super) pin: Pin,
    pub(super) selection: serde_json::Value,
    /// Names the input in errors (the spec file; pointers into it hold for the selection).
    pub(super) source: String,
    /// Adopting: the spec's content hash (for a full spec), still being computed on another
    /// thread, which frees the spec afterwards; [`Input::finish_pin`] puts it in the pin.
    pub(super) full_spec_hash: Option<std::thread::JoinHandle<Option<spec::ContentHash>>>,
}

impl Input {
    /// Waits for the full spec's hash and records it in the pin.
    pub(super) fn finish_pin(&mut self) {
        if let Some(hashing) = self.full_spec_hash.take() {
            self.pin.full_spec_hash = hashing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    }
}

/// The selected part of `doc`, and its pin.
pub(super) fn adopt(
    doc: SpecDocument,
    tag: Option<String>,
    scope: &codegen::Scope,
) -> Result<Input, TaskError> {
    let source = doc.path.display().to_string();
    let selection =
        codegen::excerpt_document(&doc.value, &source, scope).map_err(TaskError::Codegen)?;
    let full = codegen::excerpt::is_full_spec(&doc.value, scope);
    let pin = Pin {
        tag,
        api_version: doc.api_version().unwrap_or_default().to_owned(),
        selection_hash: spec::content_hash(&selection),
        full_spec_hash: None,
    };
    // Hashing a full spec takes as long as generating from its selection, and freeing its tree
    // a tenth of the run: another core does both while this one generates.
    let hashing = std::thread::spawn(move || {
        let hash = full.then(|| doc.content_hash());
        drop(doc);
        hash
    });
    Ok(Input {
        pin,
        selection,
        source,
        full_spec_hash: Some(hashing),
    })
}
