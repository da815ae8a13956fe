//! `cargo xtask`: the project's maintenance tasks, as a library so tests can drive them on a
//! scratch copy of the workspace.
//!
//! - [`regen`]: the committed selection (or a release to adopt) -> `spec/` and
//!   `generated/src/generated/`, or `--check` that they are up to date;
//! - [`fetch_spec`]: download a release's full spec into the cache;
//! - [`test_data`]: the small data of other releases that the tests need;
//! - [`stress`]: the generator over every resource group of a full spec, compiled;
//! - [`fuzz`]: the generator on mutated small specs must not panic or hang.

pub mod bench;
pub mod build_cost;
pub mod exit;
pub mod format;
pub mod fuzz;
pub mod layout;
pub mod outputs;
pub mod samples;
pub mod stress;
pub mod task_error;
pub mod test_data;

use layout::Layout;
use outputs::{Change, Plan};
use spec::{Pin, SpecDocument};
use std::path::PathBuf;
use task_error::TaskError;

/// Options of `cargo xtask regen`.
#[derive(Debug, Clone, Default)]
pub struct RegenOptions {
    /// Adopt this spec file (a full spec or an excerpt, JSON or YAML).
    pub spec: Option<PathBuf>,
    /// The release tag of `spec` (inferred from its path when absent); without `spec`, the
    /// release to adopt, from the cache or downloaded.
    pub tag: Option<String>,
    /// Compare only; write nothing.
    pub check: bool,
    /// Where a release missing from the cache is downloaded from (default:
    /// `$STRIPE_OPENAPI_BASE_URL`, else GitHub).
    pub download_from: Option<String>,
}

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

/// Where regen's single files are, relative to the workspace root (labels in reports).
const SELECTION_LABEL: &str = "spec/selection.json";
const PIN_LABEL: &str = "spec/pinned.toml";
const CHANGES_LABEL: &str = "generated/API_CHANGES.md";

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

/// The spec regen generates from: its selected part as a document, and the pin describing
/// where that came from.
struct Input {
    pin: Pin,
    selection: serde_json::Value,
    /// Names the input in errors (the spec file; pointers into it hold for the selection).
    source: String,
    /// Adopting: the spec's content hash (for a full spec), still being computed on another
    /// thread, which frees the spec afterwards; [`Input::finish_pin`] puts it in the pin.
    full_spec_hash: Option<std::thread::JoinHandle<Option<spec::ContentHash>>>,
}

impl Input {
    /// Waits for the full spec's hash and records it in the pin.
    fn finish_pin(&mut self) {
        if let Some(hashing) = self.full_spec_hash.take() {
            self.pin.full_spec_hash = hashing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    }
}

/// What is committed: the pin and the selection made from the release it names.
struct Committed {
    pin: Pin,
    selection: serde_json::Value,
}

/// Regenerates `generated/` (or checks it): from the committed selection, or, adopting a
/// release, from `options.spec` or `options.tag`.
///
/// All the work happens in memory first; files are written only when everything succeeded,
/// each one atomically, so an error leaves `generated/` and `spec/` exactly as they were.
pub fn regen(layout: &Layout, options: &RegenOptions) -> Result<RegenReport, TaskError> {
    let scope = scope(layout)?;
    let committed = load_committed(layout);
    let adopting = options.spec.is_some() || options.tag.is_some();
    let mut checked_against = None;
    let mut input = if let Some(path) = &options.spec {
        let doc = SpecDocument::read(path)?;
        let tag = options.tag.clone().or_else(|| spec::infer_tag(path));
        adopt(doc, tag, &scope)?
    } else if let Some(tag) = &options.tag {
        let doc = release(layout, tag, committed.as_ref().ok(), options)?;
        adopt(doc, Some(tag.clone()), &scope)?
    } else {
        let committed = committed
            .as_ref()
            .map_err(|e| TaskError::Other(e.clone()))?;
        check_scope(layout, committed, &scope)?;
        if options.check {
            checked_against = check_against_cache(layout, committed, &scope)?;
        }
        Input {
            pin: committed.pin.clone(),
            selection: committed.selection.clone(),
            source: layout.selection_file().display().to_string(),
            full_spec_hash: None,
        }
    };

    let generated = codegen::generate(
        &input.selection,
        &input.source,
        &codegen::Options {
            scope: scope.clone(),
            emit: codegen::emit::EmitOptions::default(),
        },
    )
    .map_err(TaskError::Codegen)?;
    let cache_dir = layout.rustfmt_cache_dir();
    let cache = if options.check {
        format::Cache::Read(&cache_dir)
    } else {
        format::Cache::ReadWrite(&cache_dir)
    };
    let files = format::rustfmt_all(&generated.files, cache)?;
    input.finish_pin();

    let mut plan = Plan::new(&layout.generated_dir(), files).map_err(TaskError::Other)?;
    let selection_text = codegen::excerpt::render(&input.selection);
    plan.add_file(SELECTION_LABEL, layout.selection_file(), selection_text)
        .map_err(TaskError::Other)?;
    plan.add_file(PIN_LABEL, layout.pin_file(), input.pin.to_toml())
        .map_err(TaskError::Other)?;
    let (api_changes, api_changes_missing) = match &committed {
        Ok(old) if adopting && old.pin.selection_hash != input.pin.selection_hash => {
            let section = change_report(old, &input.pin, &generated.api, &scope)?;
            let existing = std::fs::read_to_string(layout.changes_file()).ok();
            let text = codegen::report::prepend(existing.as_deref(), &section);
            plan.add_file(CHANGES_LABEL, layout.changes_file(), text)
                .map_err(TaskError::Other)?;
            (Some(section), None)
        }
        Err(why) if adopting => (None, Some(why.clone())),
        _ => (None, None),
    };
    let diff = if options.check {
        plan.diff()
    } else {
        String::new()
    };
    if !options.check {
        plan.apply().map_err(TaskError::Other)?;
    }
    Ok(RegenReport {
        operations: generated.api.operations.len(),
        types: generated.api.types.len(),
        components: generated.api.component_count,
        fallbacks: generated.api.fallbacks.clone(),
        left_out: generated.api.left_out.clone(),
        not_applied: generated.api.not_applied.clone(),
        typed_events: generated
            .api
            .event_types
            .iter()
            .filter_map(|t| {
                let ty = generated.api.type_def(t.object?);
                Some((t.name.clone(), ty.name.clone()))
            })
            .collect(),
        event_type_count: generated.api.event_types.len(),
        changes: plan.changes(),
        other_changes: plan.other_changes(),
        pin_changed: plan.change_of(PIN_LABEL) != Some(Change::Unchanged),
        pin: input.pin,
        diff,
        api_changes,
        api_changes_missing,
        checked_against,
    })
}

/// The committed pin and selection, checked against each other; the error says what is wrong
/// in a sentence.
fn load_committed(layout: &Layout) -> Result<Committed, String> {
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
fn check_scope(
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

/// The selected part of `doc`, and its pin.
fn adopt(
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

/// With `--check`: when the cache holds the full spec of the pinned release, the committed
/// selection must be what it selects. Returns the file checked, if any.
fn check_against_cache(
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

/// The full spec of release `tag`: from the cache, else downloaded into it (checked against
/// the pin's hash when `tag` is the pinned release).
fn release(
    layout: &Layout,
    tag: &str,
    committed: Option<&Committed>,
    options: &RegenOptions,
) -> Result<SpecDocument, TaskError> {
    let expected = committed
        .filter(|c| c.pin.tag.as_deref() == Some(tag))
        .and_then(|c| c.pin.full_spec_hash);
    if let Some(doc) = spec::cached(&layout.cache_dir(), tag, expected)? {
        return Ok(doc);
    }
    let base_url = options
        .download_from
        .clone()
        .unwrap_or_else(base_url_default);
    eprintln!(
        "spec {tag} is not in {}; downloading it from {base_url}",
        layout.cache_dir().display()
    );
    let (_, doc) = spec::fetch(&spec::FetchOptions {
        tag: tag.to_owned(),
        base_url,
        cache_dir: layout.cache_dir(),
        expected,
    })?;
    Ok(doc)
}

/// The change report from the committed selection to the adopted one.
fn change_report(
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

/// Where releases are downloaded from: `$STRIPE_OPENAPI_BASE_URL` or GitHub.
fn base_url_default() -> String {
    std::env::var("STRIPE_OPENAPI_BASE_URL").unwrap_or_else(|_| spec::DEFAULT_BASE_URL.to_owned())
}

/// Downloads a release's full spec into the cache (default: the pinned release); verifies it
/// when it is the pinned release and the pin knows its full spec's hash.
pub fn fetch_spec(
    layout: &Layout,
    tag: Option<String>,
    base_url: Option<String>,
) -> Result<(PathBuf, SpecDocument, bool), TaskError> {
    let pin = Pin::load(&layout.pin_file()).ok();
    let tag = match (tag, pin.as_ref().and_then(|p| p.tag.clone())) {
        (Some(tag), _) | (None, Some(tag)) => tag,
        (None, None) => {
            return Err(TaskError::Other(format!(
                "{} names no release tag; name the release to fetch: cargo xtask fetch-spec vNNN",
                layout.pin_file().display()
            )));
        }
    };
    let expected = pin
        .filter(|p| p.tag.as_deref() == Some(tag.as_str()))
        .and_then(|p| p.full_spec_hash);
    let verified = expected.is_some();
    let (path, doc) = spec::fetch(&spec::FetchOptions {
        tag,
        base_url: base_url.unwrap_or_else(base_url_default),
        cache_dir: layout.cache_dir(),
        expected,
    })?;
    Ok((path, doc, verified))
}
