//! What a regen did or found ([`RegenReport`]), and the summary printed after it.

use crate::outputs::Change;
use spec::Pin;
use std::path::PathBuf;

/// What a regen did or found.
#[derive(Debug)]
pub struct RegenReport {
    /// The pin of the spec used (the new one when adopting).
    pub pin: Pin,
    /// The model's counts.
    pub operations: usize,
    /// Named types generated.
    pub types: usize,
    /// Component schemas selected.
    pub components: usize,
    /// Constructs kept as raw JSON, with where and why.
    pub fallbacks: Vec<codegen::model::Fallback>,
    /// Operations not generated, with why.
    pub left_out: Vec<codegen::model::LeftOut>,
    /// Rules whose shape a schema has but does not follow cleanly.
    pub not_applied: Vec<codegen::model::NotApplied>,
    /// The event types whose object is typed, with the Rust type (see `codegen::lower::events`).
    pub typed_events: Vec<(String, String)>,
    /// How many event type names the selection lists.
    pub event_type_count: usize,
    /// Per generated file (in `generated/src/generated/`): its outcome.
    pub changes: Vec<(String, Change)>,
    /// Per other file written by regen (`spec/selection.json`, `spec/pinned.toml`,
    /// `generated/API_CHANGES.md`), by path from the workspace root: its outcome.
    pub other_changes: Vec<(String, Change)>,
    /// Whether the pin file changed (or, with `check`, would change).
    pub pin_changed: bool,
    /// With `check`: the unified diff of every stale file.
    pub diff: String,
    /// When a different spec is adopted: the new section of `API_CHANGES.md`.
    pub api_changes: Option<String>,
    /// When a different spec is adopted but there is no committed selection to compare
    /// with: why there is no change report.
    pub api_changes_missing: Option<String>,
    /// With `check` and a cached full spec of the pinned release: that file, whose selection
    /// was compared with the committed one.
    pub checked_against: Option<PathBuf>,
}

impl RegenReport {
    /// Whether anything differs from what is committed.
    pub fn is_stale(&self) -> bool {
        self.changes
            .iter()
            .chain(&self.other_changes)
            .any(|(_, c)| *c != Change::Unchanged)
    }

    /// The short summary printed after a run.
    pub fn summary(&self, check: bool) -> String {
        let count = |wanted: Change| self.changes.iter().filter(|(_, c)| *c == wanted).count();
        let hash = self.pin.selection_hash.to_string();
        let short = hash.get(..19).unwrap_or(&hash);
        let release = match &self.pin.tag {
            Some(tag) => format!("spec {tag} (API version {}", self.pin.api_version),
            None => format!(
                "spec of API version {} (no release tag",
                self.pin.api_version
            ),
        };
        let mut out = format!(
            "{release}, selection {short}...): {} operations, {} types from {} component schemas\n",
            self.operations, self.types, self.components
        );
        let verb = if check { "would be " } else { "" };
        out.push_str(&format!(
            "{} files: {} unchanged, {} {verb}updated, {} {verb}created, {} {verb}removed",
            self.changes.len(),
            count(Change::Unchanged),
            count(Change::Modified),
            count(Change::Added),
            count(Change::Removed),
        ));
        for (label, change) in &self.other_changes {
            let what = match change {
                Change::Unchanged => continue,
                Change::Modified => "updated",
                Change::Added => "created",
                Change::Removed => "removed",
            };
            out.push_str(&format!("; {label} {verb}{what}"));
        }
        out.push('\n');
        if let Some(path) = &self.checked_against {
            out.push_str(&format!(
                "checked: the selection is what {} selects\n",
                path.display()
            ));
        }
        if self.event_type_count > 0 {
            out.push_str(&format!(
                "events: {} of {} event types typed",
                self.typed_events.len(),
                self.event_type_count
            ));
            let typed: Vec<String> = self
                .typed_events
                .iter()
                .map(|(event, ty)| format!("{event} ({ty})"))
                .collect();
            if !typed.is_empty() {
                out.push_str(&format!(": {}", typed.join(", ")));
            }
            out.push_str("; the others keep their object as JSON\n");
        }
        for fallback in &self.fallbacks {
            out.push_str(&format!(
                "note: kept as raw JSON at {}: {}\n",
                fallback.pointer, fallback.reason
            ));
        }
        for not_applied in &self.not_applied {
            out.push_str(&format!(
                "note: {} lowered as the spec says at {}: {}\n",
                not_applied.rule, not_applied.pointer, not_applied.reason
            ));
        }
        for left_out in &self.left_out {
            out.push_str(&format!(
                "note: left out {} (at {}): {}\n",
                left_out.operation, left_out.pointer, left_out.reason
            ));
        }
        out
    }
}
