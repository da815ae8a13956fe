//! `cargo xtask test-data`: the small data of other releases that the tests need (the
//! selection of a release's spec, and the objects of its fixtures that the selection types),
//! made from
//! Stripe's full files, so that `cargo test` needs nothing outside the repository.
//!
//! Each argument is a release folder laid out as Stripe's repository is at a tag: `spec3.json`
//! or `spec3.yaml` (a full spec), `fixtures3.json`. The folder's name is the tag. It writes
//! `tests/data/<tag>/selection.json` (what regen would commit for that release) and
//! `tests/data/<tag>/fixtures.json`, for what the folder has.

use crate::exit::{self, EXIT_OK, EXIT_STALE};
use crate::flags::TestDataArgs;
use crate::layout::Layout;
use crate::outputs::{Change, Plan};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The spec files looked for in a release folder, in order: full specs only (an excerpt does
/// not name itself like this).
const SPEC_FILES: [&str; 2] = ["spec3.json", "spec3.yaml"];

/// The fixtures file of a release folder.
const FIXTURES_FILE: &str = "fixtures3.json";

/// What a run did: the files by label and outcome, and (when checking) the diff.
#[derive(Debug)]
pub struct TestDataReport {
    /// Per file, by path from the workspace root.
    pub changes: Vec<(String, Change)>,
    /// With `check`: a unified diff of every stale file.
    pub diff: String,
}

impl TestDataReport {
    /// Whether a file differs from what is committed.
    pub fn is_stale(&self) -> bool {
        self.changes.iter().any(|(_, c)| *c != Change::Unchanged)
    }

    /// One line per file.
    pub fn summary(&self, check: bool) -> String {
        let verb = if check { "would be " } else { "" };
        self.changes
            .iter()
            .map(|(label, change)| {
                let what = match change {
                    Change::Unchanged => "unchanged".to_owned(),
                    Change::Modified => format!("{verb}updated"),
                    Change::Added => format!("{verb}created"),
                    Change::Removed => format!("{verb}removed"),
                };
                format!("{label}: {what}\n")
            })
            .collect()
    }
}

/// `cargo xtask test-data`: makes (or checks) the test data, and prints what it did or found.
pub fn run(layout: &Layout, args: TestDataArgs) -> ExitCode {
    let dirs: Vec<&Path> = args.releases.iter().map(PathBuf::as_path).collect();
    match make(layout, &dirs, args.check) {
        Ok(report) if args.check && report.is_stale() => {
            eprint!("{}", report.diff);
            eprint!("{}", report.summary(true));
            eprintln!(
                "error: tests/data/ is stale; run `cargo xtask test-data` on the same folders and commit the result"
            );
            ExitCode::from(EXIT_STALE)
        }
        Ok(report) => {
            print!("{}", report.summary(args.check));
            ExitCode::from(EXIT_OK)
        }
        Err(e) => exit::bad_input(e),
    }
}

/// Makes (or, with `check`, compares) the test data of each release folder in `releases`.
pub fn make(layout: &Layout, releases: &[&Path], check: bool) -> Result<TestDataReport, String> {
    if releases.is_empty() {
        return Err("name at least one release folder: a folder named by its tag (such as v524) holding spec3.json and fixtures3.json".into());
    }
    let scope = crate::regen::scope(layout).map_err(|e| e.to_string())?;
    let pinned = spec::SpecDocument::read(&layout.selection_file()).map_err(|e| e.to_string())?;
    let mut plan = Plan::files_only(layout.root());
    for dir in releases {
        let tag = dir
            .canonicalize()
            .ok()
            .and_then(|real| spec::infer_tag(&real.join("spec3.json")))
            .ok_or_else(|| {
                format!(
                    "{}: the folder's name must be a release tag such as v524",
                    dir.display()
                )
            })?;
        let out_dir = layout.test_data_dir().join(&tag);
        let mut found = false;
        let mut selected = None;
        if let Some(path) = SPEC_FILES.iter().map(|f| dir.join(f)).find(|p| p.is_file()) {
            let doc = spec::SpecDocument::read(&path).map_err(|e| e.to_string())?;
            let source = path.display().to_string();
            let selection = codegen::excerpt_document(&doc.value, &source, &scope)
                .map_err(|e| e.to_string())?;
            let label = format!("tests/data/{tag}/selection.json");
            let text = codegen::excerpt::render(&selection);
            plan.add_file(&label, out_dir.join("selection.json"), text)?;
            selected = Some(selection);
            found = true;
        }
        let fixtures = dir.join(FIXTURES_FILE);
        if fixtures.is_file() {
            let doc = spec::SpecDocument::read(&fixtures).map_err(|e| e.to_string())?;
            // A folder without a full spec (the pinned release's excerpts) keeps what the
            // committed selection types.
            let kinds = selected_objects(selected.as_ref().unwrap_or(&pinned.value));
            let text = codegen::excerpt::render(&kept_fixtures(&doc.value, &fixtures, &kinds)?);
            let label = format!("tests/data/{tag}/fixtures.json");
            plan.add_file(&label, out_dir.join("fixtures.json"), text)?;
            found = true;
        }
        if !found {
            return Err(format!(
                "{}: holds none of {}, {FIXTURES_FILE}",
                dir.display(),
                SPEC_FILES.join(", ")
            ));
        }
    }
    let diff = if check { plan.diff() } else { String::new() };
    if !check {
        plan.apply()?;
    }
    Ok(TestDataReport {
        changes: plan.other_changes(),
        diff,
    })
}

/// The component schemas a selection types (not the stubs it holds so that every `$ref`
/// resolves): the names under which a fixtures file holds their example objects.
fn selected_objects(selection: &Value) -> Vec<String> {
    let schemas = selection
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    schemas
        .into_iter()
        .flatten()
        .filter(|(_, schema)| {
            schema.get("description").and_then(Value::as_str)
                != Some(codegen::excerpt::STUB_DESCRIPTION)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// `{"resources": {...}}` with only the objects of a fixtures file whose name is in `kinds`.
fn kept_fixtures(all: &Value, path: &Path, kinds: &[String]) -> Result<Value, String> {
    let resources = all
        .get("resources")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{}: no `resources` object", path.display()))?;
    let kept: Map<String, Value> = resources
        .iter()
        .filter(|(name, _)| kinds.contains(name))
        .map(|(name, object)| (name.clone(), object.clone()))
        .collect();
    if kept.is_empty() {
        return Err(format!(
            "{}: no object in `resources` is one the selection types ({})",
            path.display(),
            kinds.join(", ")
        ));
    }
    let mut out = Map::new();
    out.insert("resources".to_owned(), Value::Object(kept));
    Ok(Value::Object(out))
}
