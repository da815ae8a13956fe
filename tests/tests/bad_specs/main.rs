//! `cargo xtask regen --spec` on a corpus of bad inputs (`tests/bad_specs/`, one small file per
//! case, named after it), each on a scratch copy of the workspace.
//!
//! - A rejected input must give an error that names the file and the place (`line:column` for
//!   syntax, a JSON pointer for content), and must leave `generated/` and `spec/` byte for byte
//!   as they were. Its message is snapshotted (`tests/snapshots/bad_spec__<file>.snap`) with the
//!   corpus directory written as `tests/bad_specs`, so snapshots do not depend on the machine.
//! - Some odd inputs must *not* be errors (recursion, keywords and odd names, colliding
//!   operation names, constructs kept as raw JSON); those tests check the generated code.
//! - Every case the corpus first found wrong (a poor message, wrong code, silent loss) was
//!   fixed; its test asserts the expected behaviour.
//!
//! Every regen runs on its own thread with a time limit, so a hang fails the test instead of
//! blocking the run, and a panic is reported as one.
//!
//! To add a case: put the file in `tests/bad_specs/`, add a test and a line in [`CORPUS`], then
//! `INSTA_UPDATE=always cargo test -p portal-tests --test bad_specs` and read the new snapshot.

mod colliding_names;
mod malformed;
mod not_a_spec;
mod odd_names;
mod raw_json;
mod references;
#[path = "../scratch/mod.rs"]
mod scratch;
mod selection;
mod versions;

use scratch::tree;
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use xtask::layout::Layout;
use xtask::regen::{RegenOptions, RegenReport, regen};
use xtask::task_error::TaskError;

/// Every entry of `tests/bad_specs/`, each with the test that runs it.
const CORPUS: &[(&str, fn())] = &[
    // Not a spec at all.
    ("a_directory.json", not_a_spec::a_directory),
    ("binary_garbage.bin", not_a_spec::binary_garbage),
    ("deeply_nested.json", not_a_spec::deeply_nested),
    ("empty.json", not_a_spec::empty),
    ("prose.json", not_a_spec::prose_json),
    ("prose.txt", not_a_spec::prose_txt),
    ("toml_not_yaml.yaml", not_a_spec::toml_not_yaml),
    ("truncated.json", not_a_spec::truncated),
    ("yaml_alias_bomb.yaml", not_a_spec::yaml_alias_bomb),
    // Versions.
    ("openapi_3_1_0.json", versions::openapi_3_1_0),
    ("openapi_missing.json", versions::openapi_missing),
    (
        "openapi_version_is_a_number.yaml",
        versions::openapi_version_is_a_number,
    ),
    ("swagger_2_0.json", versions::swagger_2_0),
    // Selection.
    ("no_matching_prefix.json", selection::no_matching_prefix),
    // References.
    (
        "ref_cycle_through_required.json",
        references::ref_cycle_through_required,
    ),
    ("ref_escaped_name.json", references::ref_escaped_name),
    ("ref_external.json", references::ref_external),
    ("ref_missing_schema.json", references::ref_missing_schema),
    ("ref_not_a_string.json", references::ref_not_a_string),
    ("ref_to_path.json", references::ref_to_path),
    ("ref_to_response.json", references::ref_to_response),
    // Constructs the lowering keeps as raw JSON, and component schemas it refuses.
    ("all_of_two_arms.json", raw_json::all_of_two_arms),
    ("component_array.json", raw_json::component_array),
    (
        "component_plain_string.json",
        raw_json::component_plain_string,
    ),
    ("nested_too_deep.json", raw_json::nested_too_deep),
    ("not_schema.json", raw_json::not_schema),
    ("object_with_any_of.json", raw_json::object_with_any_of),
    ("one_of_two_objects.json", raw_json::one_of_two_objects),
    // Names that collide.
    (
        "component_collides_with_params.json",
        colliding_names::component_collides_with_params,
    ),
    (
        "component_names_collide.json",
        colliding_names::component_names_collide,
    ),
    (
        "operation_ids_collide.json",
        colliding_names::operation_ids_collide,
    ),
    (
        "operation_names_collide.json",
        colliding_names::operation_names_collide,
    ),
    ("titles_collide.json", colliding_names::titles_collide),
    ("type_named_has_id.json", colliding_names::type_named_has_id),
    // Odd names that must generate.
    (
        "enum_values_collide.json",
        colliding_names::enum_values_collide,
    ),
    (
        "property_names_collide.json",
        colliding_names::property_names_collide,
    ),
    ("digit_names.json", odd_names::digit_names),
    ("empty_names.json", odd_names::empty_names),
    ("keyword_names.json", odd_names::keyword_names),
    (
        "keyword_names_capitalised.json",
        odd_names::keyword_names_capitalised,
    ),
    ("non_ascii_names.json", odd_names::non_ascii_names),
    ("symbol_names.json", odd_names::symbol_names),
    // Malformed structure.
    ("deep_wrong_member.json", malformed::deep_wrong_member),
    ("header_parameter.json", malformed::header_parameter),
    ("info_version_missing.json", malformed::info_version_missing),
    ("json_request_body.json", malformed::json_request_body),
    ("operation_is_string.json", malformed::operation_is_string),
    ("path_item_is_string.json", malformed::path_item_is_string),
    ("path_item_parameters.json", malformed::path_item_parameters),
    (
        "path_param_not_in_template.json",
        malformed::path_param_not_in_template,
    ),
    (
        "path_param_undeclared.json",
        malformed::path_param_undeclared,
    ),
    ("paths_not_object.json", malformed::paths_not_object),
    ("put_operation.json", malformed::put_operation),
    (
        "response_headers_nested.json",
        malformed::response_headers_nested,
    ),
    ("schema_is_a_string.json", malformed::schema_is_a_string),
];

/// The one case that is deliberately not in the corpus: a path where there is no file.
const MISSING: &str = "missing.json";

/// Longer than any regen of these small specs takes, even unoptimised on a busy machine.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Where a pinned spec missing from the cache would be downloaded from: a closed local port,
/// so that no test ever reaches the network.
const NO_DOWNLOADS: &str = "http://127.0.0.1:9";

/// The pointer of the `session` component's properties, where most cases put their oddity.
const SESSION: &str = "#/components/schemas/session/properties";

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bad_specs")
}

/// `regen --spec tests/bad_specs/<file> --tag v1` on `layout`, on a thread with a time limit.
fn run(layout: &Layout, file: &str) -> Result<RegenReport, TaskError> {
    let options = RegenOptions {
        spec: Some(corpus_dir().join(file)),
        tag: Some("v1".into()),
        // `check: false` (the default): a rejected input must not write, an accepted one does.
        download_from: Some(NO_DOWNLOADS.into()),
        ..RegenOptions::default()
    };
    let layout = layout.clone();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(regen(&layout, &options));
    });
    match receive.recv_timeout(TIME_LIMIT) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{file}: regen did not finish within {TIME_LIMIT:?}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{file}: regen panicked"),
    }
}

/// The snapshot of one case: `bad_spec__` and the file name, `.` spelled `_`.
fn snapshot(file: &str, text: &str) {
    let name = format!("bad_spec__{}", file.replace('.', "_"));
    insta::with_settings!({
        snapshot_path => "../../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// A scratch workspace whose scope is the portal's paths only: the corpus' specs are portal
/// specs, each isolating one problem, and none has the other paths of `spec/scope.toml`.
fn portal_scratch() -> (tempfile::TempDir, Layout) {
    let (dir, layout) = scratch::scratch();
    fs::write(
        layout.scope_file(),
        "[[prefix]]\npath = \"/v1/billing_portal/\"\nwhy = \"the corpus' specs\"\n",
    )
    .unwrap();
    (dir, layout)
}

/// Runs a case that must fail, checks that it changed nothing, and returns its message with
/// the corpus directory written as `tests/bad_specs`.
fn error_of(file: &str) -> String {
    let (dir, layout) = portal_scratch();
    let before = tree(dir.path());
    let err = match run(&layout, file) {
        Ok(report) => panic!(
            "{file}: expected an error, but regen succeeded:\n{}",
            report.summary(false)
        ),
        Err(err) => err,
    };
    let after = tree(dir.path());
    let changed: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    assert!(
        changed.is_empty(),
        "{file} changed the workspace: {changed:?}"
    );
    let message = err
        .to_string()
        .replace(&corpus_dir().display().to_string(), "tests/bad_specs");
    assert!(
        message.contains(&format!("tests/bad_specs/{file}")),
        "the message does not name the file: {message}"
    );
    message
}

/// A case that must fail with a message naming `place` (`at <pointer>:` or `:<line>:<column>:`),
/// snapshotted. Returns the message.
fn rejected(file: &str, place: &str) -> String {
    let message = error_of(file);
    assert!(
        message.contains(place),
        "the message does not name `{place}`: {message}"
    );
    snapshot(file, &message);
    message
}

/// What a successful regen wrote, by file name.
struct Output {
    report: RegenReport,
    files: BTreeMap<String, String>,
}

impl Output {
    fn file(&self, name: &str) -> &str {
        self.files
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", self.files.keys()))
    }

    /// Every generated `.rs` file, one after the other.
    fn code(&self) -> String {
        ["operations.rs", "params.rs", "resources.rs"]
            .iter()
            .map(|name| self.file(name))
            .collect()
    }

    /// Asserts that each of `needles` is in the generated code.
    fn assert_contains(&self, needles: &[&str]) {
        let code = self.code();
        for needle in needles {
            assert!(code.contains(needle), "no `{needle}` in:\n{code}");
        }
    }

    /// The declarations of the generated files (functions, types, fields, variants and their
    /// wire names), without docs or bodies: what a reviewer needs to see how names came out.
    fn outline(&self) -> String {
        let mut out = String::new();
        for name in ["operations.rs", "params.rs", "resources.rs"] {
            out.push_str(&format!("// ---- {name} ----\n"));
            for line in self.file(name).lines() {
                let line = line.trim();
                let variant = line
                    .strip_suffix(',')
                    .map(|v| v.strip_suffix("(String)").unwrap_or(v))
                    .is_some_and(|v| {
                        v.starts_with(|c: char| c.is_ascii_uppercase())
                            && v.chars().all(|c| c.is_ascii_alphanumeric())
                    });
                let keep = [
                    "pub fn ",
                    "pub struct ",
                    "pub enum ",
                    "#[serde(rename",
                    "rename = ",
                ]
                .iter()
                .any(|start| line.starts_with(start))
                    || (line.starts_with("pub ") && line.contains(':'))
                    || variant;
                if keep {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The `note:` lines of the summary (the constructs kept as raw JSON).
    fn notes(&self) -> String {
        self.report
            .summary(false)
            .lines()
            .filter(|line| line.starts_with("note:"))
            .map(|line| format!("{line}\n"))
            .collect()
    }
}

/// Runs a case that must succeed, and returns what it wrote (with the API change report from
/// the committed selection).
fn generates(file: &str) -> Output {
    let (_dir, layout) = portal_scratch();

    let report = run(&layout, file).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(report.api_changes_missing, None, "{file}: no change report");
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(layout.generated_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, fs::read_to_string(&path).unwrap());
        }
    }
    for (name, text) in &files {
        assert!(
            !text.contains("compile_error!"),
            "{file}: the emitter gave up on {name}:\n{text}"
        );
    }
    Output { report, files }
}

/// A case whose only oddity is kept as raw JSON at `pointer`: it generates, the report says
/// where and why, and the field is a `serde_json::Value`.
fn falls_back(file: &str, pointer: &str) {
    let out = generates(file);
    let fallbacks: Vec<String> = out
        .report
        .fallbacks
        .iter()
        .map(|f| f.pointer.to_string())
        .collect();
    assert_eq!(fallbacks, [pointer], "{file}");
    out.assert_contains(&["pub flow: Option<serde_json::Value>,"]);
    snapshot(file, &out.notes());
}

#[test]
fn every_corpus_file_has_a_test() {
    let mut found: Vec<String> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<&str> = CORPUS.iter().map(|(file, _)| *file).collect();
    listed.sort_unstable();
    assert_eq!(found, listed, "add the new file and its test to CORPUS");
    assert!(
        !corpus_dir().join(MISSING).exists(),
        "{MISSING} must not exist"
    );
}
