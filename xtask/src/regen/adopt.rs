//! Adopting a release: the selected part of its spec, and the pin that records where it came
//! from; the spec regen generates from ([`Input`]).

use crate::task_error::TaskError;
use spec::{Pin, SpecDocument};
use std::sync::{Arc, mpsc};

/// The spec regen generates from: its selected part as a document, and (through
/// [`Input::finish`]) the pin describing where that came from.
pub(super) struct Input {
    pub(super) selection: Arc<serde_json::Value>,
    /// Names the input in errors (the spec file; pointers into it hold for the selection).
    pub(super) source: String,
    pin: Pinning,
}

/// The pin of an [`Input`]: known, or being worked out on another core.
enum Pinning {
    Known(Pin),
    /// Adopting: the selection's and the full spec's hashes, and the selection's text, are
    /// not needed to generate, so another core makes them meanwhile (hashing and freeing a
    /// full spec take as long as generating from its selection). It sends them, then frees
    /// the spec, which no one waits for.
    Deriving {
        tag: Option<String>,
        api_version: String,
        derived: mpsc::Receiver<Derived>,
        thread: std::thread::JoinHandle<()>,
    },
}

/// What the other core derives for an adopted spec.
struct Derived {
    selection_hash: spec::ContentHash,
    selection_text: String,
    full_spec_hash: Option<spec::ContentHash>,
}

impl Input {
    /// The committed selection, as regen generates from it without adopting.
    pub(super) fn committed(pin: Pin, selection: serde_json::Value, source: String) -> Self {
        Input {
            selection: Arc::new(selection),
            source,
            pin: Pinning::Known(pin),
        }
    }

    /// The pin (waiting for the hashes when adopting), and the selection's text as
    /// `spec/selection.json` holds it.
    pub(super) fn finish(self) -> (Pin, String) {
        match self.pin {
            Pinning::Known(pin) => (pin, codegen::excerpt::render(&self.selection)),
            Pinning::Deriving {
                tag,
                api_version,
                derived,
                thread,
            } => {
                let Ok(derived) = derived.recv() else {
                    // It ended without sending: it panicked.
                    let panic = thread.join().err().unwrap_or_else(|| Box::new("no hashes"));
                    std::panic::resume_unwind(panic)
                };
                let pin = Pin {
                    tag,
                    api_version,
                    selection_hash: derived.selection_hash,
                    full_spec_hash: derived.full_spec_hash,
                };
                (pin, derived.selection_text)
            }
        }
    }
}

/// The selected part of `doc`; its pin is completed by [`Input::finish`].
pub(super) fn adopt(
    doc: SpecDocument,
    tag: Option<String>,
    scope: &codegen::Scope,
) -> Result<Input, TaskError> {
    let source = doc.path.display().to_string();
    let selection =
        codegen::excerpt_document(&doc.value, &source, scope).map_err(TaskError::Codegen)?;
    let selection = Arc::new(selection);
    let full = codegen::excerpt::is_full_spec(&doc.value, scope);
    let api_version = doc.api_version().unwrap_or_default().to_owned();
    let selected = Arc::clone(&selection);
    let (send, derived) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let selection_hash = spec::content_hash(&selected);
        let selection_text = codegen::excerpt::render(&selected);
        let full_spec_hash = full.then(|| doc.content_hash());
        // Nobody waits for the spec to be freed: at the end of `cargo xtask regen` the process
        // exits first.
        let _ = send.send(Derived {
            selection_hash,
            selection_text,
            full_spec_hash,
        });
        drop(doc);
    });
    Ok(Input {
        selection,
        source,
        pin: Pinning::Deriving {
            tag,
            api_version,
            derived,
            thread,
        },
    })
}
