//! `cargo xtask regen --spec` on a corpus of bad inputs (`tests/bad_specs/`, one small file per
//! case, named after it), each on a scratch copy of the workspace.
//!
//! The folder is the list of cases: beside each input `<file>` is `<file>.expect.toml`, saying
//! what regen must do with it ([`expectation`]), and one test runs them all.
//!
//! - A rejected input must give an error that names the file and the place (`line:column` for
//!   syntax, a JSON pointer for content), and must leave `generated/` and `spec/` byte for byte
//!   as they were. Its message is snapshotted (`tests/snapshots/bad_spec__<file>.snap`) with the
//!   corpus directory written as `tests/bad_specs`, so snapshots do not depend on the machine.
//! - Some odd inputs must *not* be errors (recursion, keywords and odd names, colliding
//!   operation names, constructs kept as raw JSON); their expectations check the generated code.
//! - Every case the corpus first found wrong (a poor message, wrong code, silent loss) was
//!   fixed; its expectation asserts the expected behaviour.
//!
//! Every regen runs on its own thread with a time limit, so a hang fails the case instead of
//! blocking the run, and a panic is reported as one.
//!
//! To add a case: put the file in `tests/bad_specs/` and its expectation beside it, then
//! `INSTA_UPDATE=always cargo test -p portal-tests --test bad_specs` and read the new snapshot.

mod expectation;
#[path = "../scratch/mod.rs"]
mod scratch;

use scratch::tree;
use std::collections::BTreeMap;
use std::fs;
use std::panic;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use xtask::fuzz::EXPECTATION;
use xtask::layout::Layout;
use xtask::regen::{RegenOptions, RegenReport, regen};
use xtask::task_error::TaskError;

/// The one case that is deliberately not in the corpus: a path where there is no file.
const MISSING: &str = "missing.json";

/// Longer than any regen of these small specs takes, even unoptimised on a busy machine.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Where a pinned spec missing from the cache would be downloaded from: a closed local port,
/// so that no test ever reaches the network.
const NO_DOWNLOADS: &str = "http://127.0.0.1:9";

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
            panic!("regen did not finish within {TIME_LIMIT:?}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("regen panicked"),
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
            "expected an error, but regen succeeded:\n{}",
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
        "regen changed the workspace: {changed:?}"
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

    let report = run(&layout, file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.api_changes_missing, None, "no change report");
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
            "the emitter gave up on {name}:\n{text}"
        );
    }
    Output { report, files }
}

/// Each input of the corpus does what its expectation file says. Every case runs, and the
/// failures are listed together (each by its first line; the whole message is printed above),
/// so that one change's effect on the corpus shows at once.
#[test]
fn every_case_does_what_its_expectation_says() {
    let mut inputs = Vec::new();
    let mut expectations = Vec::new();
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        match name.strip_suffix(EXPECTATION) {
            Some(input) => expectations.push(input.to_owned()),
            None => inputs.push(name),
        }
    }
    inputs.sort();
    expectations.sort();
    let mut failures = Vec::new();
    for orphan in expectations.iter().filter(|e| !inputs.contains(e)) {
        failures.push(format!(
            "{orphan}{EXPECTATION}: no input {orphan} beside it"
        ));
    }
    for file in &inputs {
        let Ok(text) = fs::read_to_string(corpus_dir().join(format!("{file}{EXPECTATION}"))) else {
            failures.push(format!("{file}: no {file}{EXPECTATION} beside it"));
            continue;
        };
        if let Err(payload) = panic::catch_unwind(|| expectation::check(file, &text)) {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(a panic without a message)");
            let first_line = message.lines().next().unwrap_or_default();
            failures.push(format!("{file}: {first_line}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

/// The one path that is not in the corpus, since no file can stand for a missing one.
#[test]
fn missing_file() {
    assert!(
        !corpus_dir().join(MISSING).exists(),
        "{MISSING} must not exist"
    );
    expectation::check(MISSING, "[rejected]\nhas = [\"not found\"]");
}
