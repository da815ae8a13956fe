//! The section of `generated/API_CHANGES.md` for an adopted release: what changed in the API
//! from the committed selection to the adopted one.

use super::committed::Committed;
use crate::task_error::TaskError;
use spec::Pin;

/// The change report from the committed selection to the adopted one.
pub(super) fn change_report(
    old: &Committed,
    new: &Pin,
    new_api: &codegen::model::Api,
    scope: &codegen::Scope,
) -> Result<String, TaskError> {
    // The old selection may have been made with a smaller scope: its paths are what it has.
    let old_api = codegen::build_model(
        &old.selection,
        "spec/selection.json (committed)",
        &scope_of(&old.selection, scope),
    )
    .map_err(TaskError::Codegen)?;
    let changes = codegen::report::diff(
        &codegen::report::Surface::of(&old_api),
        &codegen::report::Surface::of(new_api),
    );
    Ok(codegen::report::render(
        &codegen::report::Release {
            tag: old.pin.tag.as_deref(),
            api_version: &old.pin.api_version,
        },
        &codegen::report::Release {
            tag: new.tag.as_deref(),
            api_version: &new.api_version,
        },
        &changes,
    ))
}

/// The prefixes of `scope` that select something in `doc`: a selection made before the
/// scope grew lacks the new prefixes' paths, and is compared as what it is.
fn scope_of(doc: &serde_json::Value, scope: &codegen::Scope) -> codegen::Scope {
    let paths = doc.get("paths").and_then(serde_json::Value::as_object);
    codegen::Scope::new(
        scope
            .prefixes()
            .iter()
            .filter(|prefix| {
                paths.is_some_and(|paths| paths.keys().any(|p| p.starts_with(prefix.as_str())))
            })
            .cloned(),
    )
}
