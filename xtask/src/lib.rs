//! `cargo xtask`: the project's maintenance tasks, as a library so tests can drive them on a
//! scratch copy of the workspace.
//!
//! - [`regen`]: spec -> `generated/src/generated/`, or `--check` that it is up to date;
//! - [`fetch_spec`]: download the pinned spec release into the cache;
//! - [`fuzz`]: the generator on mutated small specs must not panic or hang.

pub mod bench;
pub mod build_cost;
pub mod format;
pub mod fuzz;
pub mod layout;
pub mod outputs;

use layout::Layout;
use outputs::{Change, Plan};
use spec::{Pin, SpecDocument, SpecError};
use std::fmt;
use std::path::PathBuf;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: `--check` found stale generated files.
pub const EXIT_STALE: u8 = 1;
/// Exit code: `fuzz` found a panic or a hang.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad input (spec, arguments) or an environment problem.
pub const EXIT_BAD_INPUT: u8 = 2;

/// What went wrong in a task.
#[derive(Debug)]
pub enum TaskError {
    /// Reading, finding or fetching the spec.
    Spec(SpecError),
    /// The spec does not generate (names the file and JSON pointer).
    Codegen(codegen::Error),
    /// Anything else (formatting, writing), with a sentence saying what.
    Other(String),
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::Spec(e) => write!(f, "{e}"),
            TaskError::Codegen(e) => write!(f, "{e}"),
            TaskError::Other(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for TaskError {}

impl From<SpecError> for TaskError {
    fn from(e: SpecError) -> Self {
        TaskError::Spec(e)
    }
}

/// Options of `cargo xtask regen`.
#[derive(Debug, Clone, Default)]
pub struct RegenOptions {
    /// Regenerate from this file and adopt it as the pinned spec.
    pub spec: Option<PathBuf>,
    /// The upstream tag of `spec` (inferred from its path when absent).
    pub tag: Option<String>,
    /// Compare only; write nothing.
    pub check: bool,
    /// Where a pinned spec missing from the cache is downloaded from (default:
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
    /// Per-file outcome.
    pub changes: Vec<(String, Change)>,
    /// Whether the pin file changed (or, with `check`, would change).
    pub pin_changed: bool,
    /// With `check`: the unified diff of every stale file.
    pub diff: String,
    /// When a different spec is adopted: the new section of `API_CHANGES.md`.
    pub api_changes: Option<String>,
    /// When a different spec is adopted but the old one cannot be read: why there is no
    /// change report.
    pub api_changes_missing: Option<String>,
}

impl RegenReport {
    /// Whether anything differs from what is committed.
    pub fn is_stale(&self) -> bool {
        self.pin_changed || self.changes.iter().any(|(_, c)| *c != Change::Unchanged)
    }

    /// The short summary printed after a run.
    pub fn summary(&self, check: bool) -> String {
        let count = |wanted: Change| self.changes.iter().filter(|(_, c)| *c == wanted).count();
        let hash = self.pin.content_hash.to_string();
        let short = hash.get(..19).unwrap_or(&hash);
        let mut out = format!(
            "spec {} (API version {}, {short}...): {} operations, {} types from {} component schemas\n",
            self.pin.tag, self.pin.api_version, self.operations, self.types, self.components
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
        if self.pin_changed {
            out.push_str(&format!("; spec/pinned.toml {verb}updated"));
        }
        if self.api_changes.is_some() {
            out.push_str(&format!("; generated/API_CHANGES.md {verb}updated"));
        }
        out.push('\n');
        for fallback in &self.fallbacks {
            out.push_str(&format!(
                "note: kept as raw JSON at {}: {}\n",
                fallback.pointer, fallback.reason
            ));
        }
        out
    }
}

/// Regenerates `generated/` (or checks it) from the pinned spec or from `options.spec`.
///
/// All the work happens in memory first; files are written only when everything succeeded,
/// each one atomically, so an error leaves `generated/` and `spec/` exactly as they were.
pub fn regen(layout: &Layout, options: &RegenOptions) -> Result<RegenReport, TaskError> {
    let (doc, pin) = load_spec(layout, options)?;
    let source = doc.path.display().to_string();
    let generated = codegen::generate(&doc.value, &source, &codegen::Options::default())
        .map_err(TaskError::Codegen)?;
    let files = generated
        .files
        .iter()
        .map(|f| Ok((f.path.clone(), format::rustfmt(&f.contents, &f.path)?)))
        .collect::<Result<Vec<_>, TaskError>>()?;

    let plan = Plan::new(&layout.generated_dir(), files).map_err(TaskError::Other)?;
    let old_pin = Pin::load(&layout.pin_file()).ok();
    let pin_changed = old_pin.as_ref() != Some(&pin);
    let (api_changes, api_changes_missing) = match &old_pin {
        Some(old) if pin_changed && options.spec.is_some() => {
            match change_report(layout, options, old, &pin, &generated.api) {
                Ok(section) => (Some(section), None),
                Err(why) => (None, Some(why)),
            }
        }
        _ => (None, None),
    };
    let diff = if options.check {
        plan.diff()
    } else {
        String::new()
    };
    if !options.check {
        if let Some(section) = &api_changes {
            let path = layout.changes_file();
            let existing = std::fs::read_to_string(&path).ok();
            let text = codegen::report::prepend(existing.as_deref(), section);
            outputs::write_atomically(&path, &text).map_err(TaskError::Other)?;
        }
        plan.apply().map_err(TaskError::Other)?;
        if pin_changed {
            pin.store(&layout.pin_file())?;
        }
    }
    Ok(RegenReport {
        operations: generated.api.operations.len(),
        types: generated.api.types.len(),
        components: generated.api.component_count,
        fallbacks: generated.api.fallbacks.clone(),
        changes: plan.changes(),
        pin,
        pin_changed,
        diff,
        api_changes,
        api_changes_missing,
    })
}

/// The change report from the previously pinned spec to the adopted one. The old spec is
/// looked for in the cache only (`STRIPE_OPENAPI_SPEC` names the new one), then downloaded.
fn change_report(
    layout: &Layout,
    options: &RegenOptions,
    old: &Pin,
    new: &Pin,
    new_api: &codegen::model::Api,
) -> Result<String, String> {
    let old_doc = match spec::locate_with(old, &layout.cache_dir(), None) {
        Ok(doc) => doc,
        Err(SpecError::NotFound { .. }) => {
            let from = options
                .download_from
                .clone()
                .unwrap_or_else(base_url_default);
            fetch_spec(layout, Some(old.tag.clone()), Some(from))
                .map(|(_, doc, _)| doc)
                .map_err(|e| e.to_string())?
        }
        Err(e) => return Err(e.to_string()),
    };
    let source = old_doc.path.display().to_string();
    let old_api = codegen::build_model(&old_doc.value, &source, codegen::DEFAULT_PATH_PREFIX)
        .map_err(|e| e.to_string())?;
    let changes = codegen::report::diff(
        &codegen::report::Surface::of(&old_api),
        &codegen::report::Surface::of(new_api),
    );
    Ok(codegen::report::render(
        &codegen::report::Release {
            tag: &old.tag,
            api_version: &old.api_version,
        },
        &codegen::report::Release {
            tag: &new.tag,
            api_version: &new.api_version,
        },
        &changes,
    ))
}

/// The spec to generate from, and the pin that describes it.
fn load_spec(layout: &Layout, options: &RegenOptions) -> Result<(SpecDocument, Pin), TaskError> {
    match &options.spec {
        Some(path) => {
            let doc = SpecDocument::read(path)?;
            let tag = match options.tag.clone().or_else(|| spec::infer_tag(path)) {
                Some(tag) => tag,
                None => {
                    return Err(TaskError::Other(format!(
                        "{}: cannot tell which stripe/openapi release this is (no `vNNN` in its path); pass --tag vNNN",
                        path.display()
                    )));
                }
            };
            let api_version = doc.api_version().unwrap_or_default().to_owned();
            let pin = Pin {
                tag,
                api_version,
                content_hash: doc.content_hash(),
            };
            Ok((doc, pin))
        }
        None => {
            let pin = Pin::load(&layout.pin_file())?;
            match spec::locate(&pin, &layout.cache_dir()) {
                Ok(doc) => Ok((doc, pin)),
                // Like cargo with crates: a pinned spec that is not cached yet is downloaded
                // (and verified against the pin). A spec named by STRIPE_OPENAPI_SPEC is never
                // replaced by a download.
                Err(not_found @ SpecError::NotFound { env_spec: None, .. }) => {
                    let from = options
                        .download_from
                        .clone()
                        .unwrap_or_else(base_url_default);
                    eprintln!(
                        "spec {} is not in {}; downloading it from {from}",
                        pin.tag,
                        layout.cache_dir().display(),
                    );
                    match fetch_spec(layout, Some(pin.tag.clone()), Some(from)) {
                        Ok((_, doc, _)) => Ok((doc, pin)),
                        Err(fetch_error) => Err(TaskError::Other(format!(
                            "{not_found}\n(downloading it failed: {fetch_error})"
                        ))),
                    }
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

/// Where releases are downloaded from: `$STRIPE_OPENAPI_BASE_URL` or GitHub.
fn base_url_default() -> String {
    std::env::var("STRIPE_OPENAPI_BASE_URL").unwrap_or_else(|_| spec::DEFAULT_BASE_URL.to_owned())
}

/// Downloads a release's spec into the cache; verifies it against the pin when the tag is the
/// pinned one.
pub fn fetch_spec(
    layout: &Layout,
    tag: Option<String>,
    base_url: Option<String>,
) -> Result<(PathBuf, SpecDocument, bool), TaskError> {
    let pin = Pin::load(&layout.pin_file()).ok();
    let tag = match (tag, &pin) {
        (Some(tag), _) => tag,
        (None, Some(pin)) => pin.tag.clone(),
        (None, None) => {
            return Err(TaskError::Other(format!(
                "{} is missing; name the release to fetch: cargo xtask fetch-spec vNNN",
                layout.pin_file().display()
            )));
        }
    };
    let expected = pin.filter(|p| p.tag == tag).map(|p| p.content_hash);
    let verified = expected.is_some();
    let (path, doc) = spec::fetch(&spec::FetchOptions {
        tag,
        base_url: base_url.unwrap_or_else(base_url_default),
        cache_dir: layout.cache_dir(),
        expected,
    })?;
    Ok((path, doc, verified))
}
