//! What is committed: the pin, the selection made from the release it names, and the scope
//! (`spec/scope.toml`); and the checks that they agree with each other and with the cached full
//! spec of the pinned release.

use crate::layout::Layout;
use crate::task_error::TaskError;
use spec::{Pin, SpecDocument};
use std::path::PathBuf;

/// What is committed: the pin and the selection made from the release it names.
pub(super) struct Committed {
    pub(super) pin: Pin,
    pub(super) selection: serde_json::Value,
}

/// The committed pin and selection, checked against each other; the error says what is wrong
/// in a sentence.
pub(super) fn load_committed(layout: &Layout) -> Result<Committed, String> {
    let pin = Pin::load(&layout.pin_file()).map_err(|e| {
        format!("{e}\n(adopt a release with `cargo xtask regen --spec PATH` or `--tag vNNN`)")
    })?;
    let path = layout.selection_file();
    let doc = SpecDocument::read(&path).map_err(|e| {
        format!("{e}\n(the committed selection is written by `cargo xtask regen --spec PATH`; restore it with `git checkout -- spec/`)")
    })?;
    let found = doc.content_hash();
    if found != pin.selection_hash {
        return Err(format!(
            "{}: its content hash is {found}, but {} records {} for it: the selection was changed by hand.\n\
             It is written by `cargo xtask regen --spec PATH` (or `--tag vNNN`) from a release of Stripe's spec; \
             restore it with `git checkout -- spec/`, or adopt the edited file as a spec of its own with \
             `cargo xtask regen --spec {}`.",
            path.display(),
            layout.pin_file().display(),
            pin.selection_hash,
            path.display(),
        ));
    }
    Ok(Committed {
        pin,
        selection: doc.value,
    })
}

/// The committed list of path prefixes the crate covers (`spec/scope.toml`).
pub fn scope(layout: &Layout) -> Result<codegen::Scope, TaskError> {
    let entries = spec::read_scope(&layout.scope_file())?;
    Ok(codegen::Scope::with_features(
        entries.into_iter().map(|e| (e.path, e.feature)),
    ))
}

/// The committed selection must be what the scope selects from it: after `spec/scope.toml`
/// changed, the release is adopted again rather than generated from a selection made for
/// another list.
pub(super) fn check_scope(
    layout: &Layout,
    committed: &Committed,
    scope: &codegen::Scope,
) -> Result<(), TaskError> {
    let stale = |why: String| {
        TaskError::Other(format!(
            "{} does not match {} ({why}): adopt the release again with `cargo xtask regen --spec PATH` or `--tag {}`",
            layout.selection_file().display(),
            layout.scope_file().display(),
            committed.pin.tag.as_deref().unwrap_or("vNNN"),
        ))
    };
    let source = layout.selection_file().display().to_string();
    let selected = codegen::excerpt_document(&committed.selection, &source, scope)
        .map_err(|e| stale(e.to_string()))?;
    if selected != committed.selection {
        return Err(stale(format!(
            "it holds paths outside {scope}, or schemas they alone need"
        )));
    }
    Ok(())
}

/// With `--check`: when the cache holds the full spec of the pinned release, the committed
/// selection must be what it selects. Returns the file checked, if any.
pub(super) fn check_against_cache(
    layout: &Layout,
    committed: &Committed,
    scope: &codegen::Scope,
) -> Result<Option<PathBuf>, TaskError> {
    let Some(tag) = &committed.pin.tag else {
        return Ok(None);
    };
    let Some(doc) = spec::cached(&layout.cache_dir(), tag, committed.pin.full_spec_hash)? else {
        return Ok(None);
    };
    // Only the selection is compared: no pin, so no hash of the whole spec.
    let selected = codegen::excerpt_document(&doc.value, &doc.path.display().to_string(), scope)
        .map_err(TaskError::Codegen)?;
    if selected != committed.selection {
        let diff = similar::TextDiff::from_lines(
            codegen::excerpt::render(&committed.selection),
            codegen::excerpt::render(&selected),
        )
        .unified_diff()
        .context_radius(3)
        .header(
            "spec/selection.json (committed)",
            &format!("{} (selected)", doc.path.display()),
        )
        .to_string();
        return Err(TaskError::Other(format!(
            "spec/selection.json is not what {} (the cached full spec of {tag}) selects:\n{diff}\
             adopt it again with `cargo xtask regen --tag {tag}` and commit the result",
            doc.path.display()
        )));
    }
    Ok(Some(doc.path))
}
