//! `cargo xtask regen`: the committed selection (or a release to adopt) -> `spec/` and
//! `generated/src/generated/`, or `--check` that they are up to date.

mod adopt;
mod changes;
mod committed;
mod report;

pub use committed::scope;
pub use report::RegenReport;

use crate::exit::{self, EXIT_OK, EXIT_STALE};
use crate::fetch_spec;
use crate::flags::RegenArgs;
use crate::format;
use crate::layout::Layout;
use crate::outputs::{Change, Plan};
use crate::task_error::TaskError;
use adopt::{Input, adopt};
use changes::change_report;
use committed::{Committed, check_against_cache, check_scope, load_committed};
use spec::SpecDocument;
use std::path::PathBuf;
use std::process::ExitCode;

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

/// `cargo xtask regen`: regenerates, or checks, and prints what it did or found.
pub fn run(layout: &Layout, args: RegenArgs) -> ExitCode {
    let options = RegenOptions {
        spec: args.spec,
        tag: args.tag,
        check: args.check,
        download_from: None,
    };
    let report = match regen(layout, &options) {
        Ok(report) => report,
        Err(e) => return exit::bad_input(e),
    };
    if options.check && report.is_stale() {
        eprint!("{}", report.diff);
        eprint!("{}", report.summary(true));
        if options.spec.is_some() || options.tag.is_some() {
            eprintln!(
                "error: adopting this release would change spec/ and generated/ as above; run the same command without --check to adopt it"
            );
        } else {
            eprintln!(
                "error: spec/ or generated/ is stale; run `cargo xtask regen` and commit the result"
            );
        }
        return ExitCode::from(EXIT_STALE);
    }
    if let Some(section) = &report.api_changes {
        println!("{section}");
    }
    if let Some(why) = &report.api_changes_missing {
        eprintln!("warning: no API change report: {why}");
    }
    print!("{}", report.summary(options.check));
    ExitCode::from(EXIT_OK)
}

/// Where regen's single files are, relative to the workspace root (labels in reports).
const SELECTION_LABEL: &str = "spec/selection.json";
const PIN_LABEL: &str = "spec/pinned.toml";
const CHANGES_LABEL: &str = "generated/API_CHANGES.md";

/// Regenerates `generated/` (or checks it): from the committed selection, or, adopting a
/// release, from `options.spec` or `options.tag`.
///
/// All the work happens in memory first; files are written only when everything succeeded,
/// each one atomically, so an error leaves `generated/` and `spec/` exactly as they were.
pub fn regen(layout: &Layout, options: &RegenOptions) -> Result<RegenReport, TaskError> {
    let scope = scope(layout)?;
    let adopting = options.spec.is_some() || options.tag.is_some();
    let Inputs {
        committed,
        input,
        checked_against,
    } = inputs(layout, options, &scope)?;

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
    let (pin, selection_text) = input.finish();

    let mut plan = Plan::new(&layout.generated_dir(), files).map_err(TaskError::Other)?;
    plan.add_file(SELECTION_LABEL, layout.selection_file(), selection_text)
        .map_err(TaskError::Other)?;
    plan.add_file(PIN_LABEL, layout.pin_file(), pin.to_toml())
        .map_err(TaskError::Other)?;
    let (api_changes, api_changes_missing) = match &committed {
        Ok(old) if adopting && old.pin.selection_hash != pin.selection_hash => {
            let section = change_report(old, &pin, &generated.api, &scope)?;
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
        typed_events: typed_events(&generated.api),
        event_type_count: generated.api.event_types.len(),
        changes: plan.changes(),
        other_changes: plan.other_changes(),
        pin_changed: plan.change_of(PIN_LABEL) != Some(Change::Unchanged),
        pin,
        diff,
        api_changes,
        api_changes_missing,
        checked_against,
    })
}

/// What regen reads before it generates.
struct Inputs {
    /// What is committed (the old side of a change report), or why it cannot be used.
    committed: Result<Committed, String>,
    /// The spec to generate from.
    input: Input,
    /// With `--check`, the cached full spec of the pinned release the selection was also
    /// checked against.
    checked_against: Option<PathBuf>,
}

/// What regen reads before it generates.
fn inputs(
    layout: &Layout,
    options: &RegenOptions,
    scope: &codegen::Scope,
) -> Result<Inputs, TaskError> {
    let Some(path) = &options.spec else {
        let committed = load_committed(layout);
        let (input, checked_against) = input(layout, options, &committed, scope)?;
        return Ok(Inputs {
            committed,
            input,
            checked_against,
        });
    };
    // The committed selection (the old side of the change report) is read and checked on
    // another core while this one reads the spec to adopt.
    std::thread::scope(|threads| {
        let committed = threads.spawn(|| load_committed(layout));
        let adopted = SpecDocument::read(path).map_err(TaskError::from);
        let committed = committed
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let tag = options.tag.clone().or_else(|| spec::infer_tag(path));
        let input = adopt(adopted?, tag, scope)?;
        Ok(Inputs {
            committed,
            input,
            checked_against: None,
        })
    })
}

/// The spec to generate from, but a file to adopt: a release to adopt, or the committed
/// selection, checked (with `--check`, also against the cached full spec of the pinned
/// release, which is returned).
fn input(
    layout: &Layout,
    options: &RegenOptions,
    committed: &Result<Committed, String>,
    scope: &codegen::Scope,
) -> Result<(Input, Option<PathBuf>), TaskError> {
    if let Some(tag) = &options.tag {
        let pin = committed.as_ref().ok().map(|c| &c.pin);
        let doc = fetch_spec::release(layout, tag, pin, options.download_from.clone())?;
        return Ok((adopt(doc, Some(tag.clone()), scope)?, None));
    }
    let committed = committed
        .as_ref()
        .map_err(|e| TaskError::Other(e.clone()))?;
    check_scope(layout, committed, scope)?;
    let checked_against = if options.check {
        check_against_cache(layout, committed, scope)?
    } else {
        None
    };
    let input = Input::committed(
        committed.pin.clone(),
        committed.selection.clone(),
        layout.selection_file().display().to_string(),
    );
    Ok((input, checked_against))
}

/// The event types whose object is typed, with the Rust type.
fn typed_events(api: &codegen::model::Api) -> Vec<(String, String)> {
    api.event_types
        .iter()
        .filter_map(|t| {
            let ty = api.type_def(t.object?);
            Some((t.name.clone(), ty.name.clone()))
        })
        .collect()
}
