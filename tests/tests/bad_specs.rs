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

mod scratch;
use scratch::{scratch, tree};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use xtask::{RegenOptions, RegenReport, TaskError, layout::Layout, regen};

/// Every entry of `tests/bad_specs/`, each with the test that runs it.
const CORPUS: &[(&str, fn())] = &[
    // Not a spec at all.
    ("a_directory.json", a_directory),
    ("binary_garbage.bin", binary_garbage),
    ("deeply_nested.json", deeply_nested),
    ("empty.json", empty),
    ("prose.json", prose_json),
    ("prose.txt", prose_txt),
    ("toml_not_yaml.yaml", toml_not_yaml),
    ("truncated.json", truncated),
    ("yaml_alias_bomb.yaml", yaml_alias_bomb),
    // Versions.
    ("openapi_3_1_0.json", openapi_3_1_0),
    ("openapi_missing.json", openapi_missing),
    (
        "openapi_version_is_a_number.yaml",
        openapi_version_is_a_number,
    ),
    ("swagger_2_0.json", swagger_2_0),
    // Selection.
    ("no_matching_prefix.json", no_matching_prefix),
    // References.
    (
        "ref_cycle_through_required.json",
        ref_cycle_through_required,
    ),
    ("ref_escaped_name.json", ref_escaped_name),
    ("ref_external.json", ref_external),
    ("ref_missing_schema.json", ref_missing_schema),
    ("ref_not_a_string.json", ref_not_a_string),
    ("ref_to_path.json", ref_to_path),
    ("ref_to_response.json", ref_to_response),
    // Constructs the lowering keeps as raw JSON, and component schemas it refuses.
    ("all_of_two_arms.json", all_of_two_arms),
    ("component_array.json", component_array),
    ("component_plain_string.json", component_plain_string),
    ("nested_too_deep.json", nested_too_deep),
    ("not_schema.json", not_schema),
    ("object_with_any_of.json", object_with_any_of),
    ("one_of_two_objects.json", one_of_two_objects),
    // Names that collide.
    (
        "component_collides_with_params.json",
        component_collides_with_params,
    ),
    ("component_names_collide.json", component_names_collide),
    ("operation_ids_collide.json", operation_ids_collide),
    ("operation_names_collide.json", operation_names_collide),
    ("titles_collide.json", titles_collide),
    ("type_named_has_id.json", type_named_has_id),
    // Odd names that must generate.
    ("enum_values_collide.json", enum_values_collide),
    ("property_names_collide.json", property_names_collide),
    ("digit_names.json", digit_names),
    ("empty_names.json", empty_names),
    ("keyword_names.json", keyword_names),
    ("keyword_names_capitalised.json", keyword_names_capitalised),
    ("non_ascii_names.json", non_ascii_names),
    ("symbol_names.json", symbol_names),
    // Malformed structure.
    ("deep_wrong_member.json", deep_wrong_member),
    ("header_parameter.json", header_parameter),
    ("info_version_missing.json", info_version_missing),
    ("json_request_body.json", json_request_body),
    ("operation_is_string.json", operation_is_string),
    ("path_item_is_string.json", path_item_is_string),
    ("path_item_parameters.json", path_item_parameters),
    (
        "path_param_not_in_template.json",
        path_param_not_in_template,
    ),
    ("path_param_undeclared.json", path_param_undeclared),
    ("paths_not_object.json", paths_not_object),
    ("put_operation.json", put_operation),
    ("response_headers_nested.json", response_headers_nested),
    ("schema_is_a_string.json", schema_is_a_string),
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
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// Runs a case that must fail, checks that it changed nothing, and returns its message with
/// the corpus directory written as `tests/bad_specs`.
fn error_of(file: &str) -> String {
    let (dir, layout) = scratch();
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
    let (_dir, layout) = scratch();

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

// ---- Not a spec at all --------------------------------------------------------------------

#[test]
fn a_directory() {
    rejected("a_directory.json", "is a directory");
}

#[test]
fn missing_file() {
    rejected(MISSING, "not found");
}

#[test]
fn empty() {
    rejected("empty.json", "is empty");
}

#[test]
fn binary_garbage() {
    rejected("binary_garbage.bin", "binary_garbage.bin:1:1:");
}

#[test]
fn prose_json() {
    rejected("prose.json", "prose.json:1:1:");
}

/// Prose without a `.json` extension is read as YAML, where it is one string.
#[test]
fn prose_txt() {
    rejected("prose.txt", "top level is a string");
}

#[test]
fn toml_not_yaml() {
    // The YAML parser gives no position here; the message says what is wrong instead of
    // blaming several documents on a file that has none.
    let message = rejected("toml_not_yaml.yaml", "toml_not_yaml.yaml: invalid YAML: ");
    assert!(message.contains("one YAML document"), "{message}");
    assert!(!message.contains("more than one document"), "{message}");
}

#[test]
fn truncated() {
    rejected("truncated.json", "truncated.json:45:16: invalid JSON: EOF");
}

/// 5000 nested arrays: serde_json's recursion limit, not a stack overflow.
#[test]
fn deeply_nested() {
    rejected("deeply_nested.json", "deeply_nested.json:1:");
}

/// Nine levels of nine aliases (387 million strings once expanded): refused, not expanded.
#[test]
fn yaml_alias_bomb() {
    rejected("yaml_alias_bomb.yaml", "repetition limit exceeded");
}

// ---- Versions -------------------------------------------------------------------------------

#[test]
fn swagger_2_0() {
    let message = rejected("swagger_2_0.json", "at #/swagger:");
    assert!(message.contains("reads OpenAPI 3.0.x"), "{message}");
}

#[test]
fn openapi_3_1_0() {
    let message = rejected("openapi_3_1_0.json", "at #/openapi:");
    assert!(message.contains("reads OpenAPI 3.0.x"), "{message}");
}

#[test]
fn openapi_missing() {
    rejected("openapi_missing.json", "at #/openapi:");
}

#[test]
fn openapi_version_is_a_number() {
    let message = error_of("openapi_version_is_a_number.yaml");
    assert!(message.contains("at #/openapi: "), "{message}");
    assert!(!message.contains("is missing"), "{message}");
    assert!(message.contains("string"), "{message}");
    assert!(message.contains("number"), "{message}");
}

// ---- Selection ------------------------------------------------------------------------------

#[test]
fn no_matching_prefix() {
    rejected(
        "no_matching_prefix.json",
        // Each selects something: `/v1/charges` is a path of its own (`/v1/charges/` would
        // select nothing), and `/v1/customers` covers `/v1/customers/{customer}` too.
        "prefixes in this spec: /v1/, /v1/billing/, /v1/charges, /v1/customers, /v2/core/",
    );
}

// ---- References -----------------------------------------------------------------------------

#[test]
fn ref_missing_schema() {
    rejected(
        "ref_missing_schema.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

/// `{"$ref": 5}` is no reference; it used to be read as an empty schema (any JSON).
#[test]
fn ref_not_a_string() {
    rejected("ref_not_a_string.json", &format!("at {SESSION}/flow/$ref:"));
}

#[test]
fn ref_to_response() {
    rejected(
        "ref_to_response.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

#[test]
fn ref_to_path() {
    rejected(
        "ref_to_path.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

#[test]
fn ref_external() {
    rejected(
        "ref_external.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

/// `session` holds itself (directly, through a single-arm `anyOf`, and through `edge`), `edge`
/// and `hop` hold each other, all through required fields: lowering terminates and boxes.
#[test]
fn ref_cycle_through_required() {
    let out = generates("ref_cycle_through_required.json");
    assert!(out.file("resources.rs").contains("Box<"));
    out.assert_contains(&[
        "pub parent: Box<Session>,",
        "pub wrapped_parent: Box<Session>,",
        "pub edge: Box<Edge>,",
        "pub to: Box<Session>,",
        "pub back: Box<Edge>,",
        "pub children: Vec<Session>,",
    ]);
    snapshot("ref_cycle_through_required.json", &out.outline());
}

/// A `$ref` is a JSON pointer: `~1` is `/` (RFC 6901), and the component `portal/link` exists.
#[test]
fn ref_escaped_name() {
    let out = generates("ref_escaped_name.json");
    out.assert_contains(&["pub struct PortalLink", "pub link: Option<PortalLink>,"]);
}

// ---- Constructs kept as raw JSON, and component schemas that are refused ----------------------

#[test]
fn all_of_two_arms() {
    falls_back("all_of_two_arms.json", &format!("{SESSION}/flow"));
}

#[test]
fn one_of_two_objects() {
    falls_back("one_of_two_objects.json", &format!("{SESSION}/flow"));
}

#[test]
fn not_schema() {
    falls_back("not_schema.json", &format!("{SESSION}/flow"));
}

#[test]
fn object_with_any_of() {
    falls_back("object_with_any_of.json", &format!("{SESSION}/flow"));
}

#[test]
fn component_plain_string() {
    rejected(
        "component_plain_string.json",
        "at #/components/schemas/locale:",
    );
}

/// 45 single-arm `anyOf`s in one another: refused past 24 levels, where it used to overflow
/// the stack of an unoptimised build (fuzzing found it).
#[test]
fn nested_too_deep() {
    let message = rejected(
        "nested_too_deep.json",
        &format!(
            "at {SESSION}/flow{}: not supported: schemas nested more than 24 deep",
            "/anyOf/0".repeat(23)
        ),
    );
    assert!(!message.contains(&"/anyOf/0".repeat(24)), "{message}");
}

#[test]
fn component_array() {
    rejected("component_array.json", "at #/components/schemas/locales:");
}

// ---- Names that collide ---------------------------------------------------------------------

#[test]
fn enum_values_collide() {
    // `en-AU` and `en_AU` would both be `EnAu`: both are spelled out, `en` keeps its name.
    let out = generates("enum_values_collide.json");
    out.assert_contains(&[
        "En,",
        "EnMinusAu,",
        "EnUnderscoreAu,",
        r#""en-AU" => Self::EnMinusAu,"#,
        r#""en_AU" => Self::EnUnderscoreAu,"#,
    ]);
    snapshot("enum_values_collide.json", &out.outline());
}

#[test]
fn property_names_collide() {
    // `fooBar` and `foo_bar` would both be `foo_bar`: the one whose name has punctuation says it.
    let out = generates("property_names_collide.json");
    out.assert_contains(&[
        r#"#[serde(rename = "fooBar""#,
        "pub foo_bar: Option<String>,",
        r#"#[serde(rename = "foo_bar""#,
        "pub foo_underscore_bar: Option<String>,",
    ]);
    snapshot("property_names_collide.json", &out.outline());
}

#[test]
fn component_names_collide() {
    rejected(
        "component_names_collide.json",
        "at #/components/schemas/foo_bar:",
    );
}

/// A component named like an operation's parameters struct: not a collision, since
/// parameters and resources live in different modules (names are unique per role).
#[test]
fn component_collides_with_params() {
    let out = generates("component_collides_with_params.json");
    assert!(
        out.file("params.rs")
            .contains("pub struct CreateSessionParams ")
    );
    assert!(
        out.file("resources.rs")
            .contains("pub struct CreateSessionParams ")
    );
}

/// Two inline objects titled `Link`, and one titled like the component `session`: the inline
/// ones take their fallback names.
#[test]
fn titles_collide() {
    let out = generates("titles_collide.json");
    out.assert_contains(&[
        "pub struct SessionLogin",
        "pub struct SessionLogout",
        "pub struct SessionHome",
        "pub struct Session ",
    ]);
    assert!(!out.code().contains("pub struct Link"));
    snapshot("titles_collide.json", &out.outline());
}

/// `POST /sessions` and `POST /session` are both `create_session` by the path rule, the two GETs
/// both `retrieve_session`: all four fall back to their operationIds.
#[test]
fn operation_names_collide() {
    let out = generates("operation_names_collide.json");
    let operations = out.file("operations.rs");
    for name in [
        "post_sessions",
        "post_session",
        "get_sessions_session",
        "get_session_id",
    ] {
        assert!(
            operations.contains(&format!("pub fn {name}(")),
            "no {name}:\n{operations}"
        );
    }
    assert!(!operations.contains("pub fn create_session("));
    assert!(!operations.contains("pub fn retrieve_session("));
    snapshot("operation_names_collide.json", &out.outline());
}

/// Two operations with the same operationId whose path-rule names collide too.
#[test]
fn operation_ids_collide() {
    let message = error_of("operation_ids_collide.json");
    assert!(message.contains("post_sessions"), "{message}");
    assert!(
        message.contains("#/paths/~1v1~1billing_portal~1sessions/post"),
        "{message}"
    );
    assert!(
        message.contains("#/paths/~1v1~1billing_portal~1session/post"),
        "{message}"
    );
}

/// A component whose Rust name is the runtime trait the generated code imports.
#[test]
fn type_named_has_id() {
    let out = generates("type_named_has_id.json");
    let resources = out.file("resources.rs");
    assert!(!resources.contains("pub struct HasId "), "{resources}");
}

// ---- Odd names that must generate -------------------------------------------------------------

#[test]
fn keyword_names() {
    let out = generates("keyword_names.json");
    out.assert_contains(&[
        "pub type_: Option<String>,",
        "pub self_: Option<String>,",
        "pub crate_: Option<String>,",
        "pub super_: Option<String>,",
        "pub fn_: Option<String>,",
        "pub async_: Option<String>,",
        r#"#[serde(rename = "self")]"#,
        "SelfValue,",
        "Crate,",
        // A response enum's value `unknown` must not take the catch-all's name.
        "UnknownValue,",
        "Unknown(String),",
    ]);
    snapshot("keyword_names.json", &out.outline());
}

#[test]
fn keyword_names_capitalised() {
    let out = generates("keyword_names_capitalised.json");
    out.assert_contains(&[
        r#"#[serde(rename = "Self", default, skip_serializing_if = "Option::is_none")]"#,
        "pub self_: Option<String>,",
        "pub crate_: Option<String>,",
        "pub type_: Option<String>,",
        "SelfValue,",
    ]);
    snapshot("keyword_names_capitalised.json", &out.outline());
}

#[test]
fn digit_names() {
    let out = generates("digit_names.json");
    out.assert_contains(&[
        "pub v3d_secure: Option<String>,",
        "pub v1: Option<String>,",
        "pub v2fa: Option<String>,",
        "pub v100_percent: Option<String>,",
        "V3d,",
        "V1,",
        "V100,",
    ]);
    snapshot("digit_names.json", &out.outline());
}

/// The property `""` and the response enum value `""`.
#[test]
fn empty_names() {
    let out = generates("empty_names.json");
    out.assert_contains(&[
        r#"#[serde(rename = "", default, skip_serializing_if = "Option::is_none")]"#,
        "pub field_: Option<String>,",
        r#"#[serde(rename = "")]"#,
        "Empty,",
    ]);
    snapshot("empty_names.json", &out.outline());
}

#[test]
fn symbol_names() {
    let out = generates("symbol_names.json");
    out.assert_contains(&[
        "pub field_2d: Option<String>,",
        "pub field_24: Option<String>,",
        "pub field_2b: Option<String>,",
        "pub field_5f: Option<String>,",
        "V2d,",
        "V24,",
        "V2a,",
    ]);
    snapshot("symbol_names.json", &out.outline());
}

#[test]
fn non_ascii_names() {
    let out = generates("non_ascii_names.json");
    out.assert_contains(&[
        r#"#[serde(rename = "naïve", default, skip_serializing_if = "Option::is_none")]"#,
        "pub nau00efve: Option<String>,",
        "pub u65e5u672cu8a9e: Option<String>,",
        "CafU00e9,",
        "U65e5U672c,",
    ]);
    snapshot("non_ascii_names.json", &out.outline());
}

// ---- Malformed structure --------------------------------------------------------------------

const SESSIONS_POST: &str = "#/paths/~1v1~1billing_portal~1sessions/post";
const SESSION_GET: &str = "#/paths/~1v1~1billing_portal~1sessions~1{session}/get";

/// A wrong member (`type: [string, null]`) 22 schemas deep: the error points at it, and comes
/// at once. It used to point at the outermost schema and take time doubling with each level
/// (`openapiv3` parses a failing schema again to word its error); fuzzing found it.
#[test]
fn deep_wrong_member() {
    rejected(
        "deep_wrong_member.json",
        &format!("at {SESSION}/flow{}/type:", "/anyOf/0".repeat(22)),
    );
}

/// Response headers nested in media type encodings 15 deep, the innermost with a wrong member:
/// the generator does not read response headers (nor links, callbacks, encodings, examples),
/// so this generates. Parsing them used to take time doubling with each level (fuzzing found
/// it), to fail pointing at `responses` only.
#[test]
fn response_headers_nested() {
    let out = generates("response_headers_nested.json");
    out.assert_contains(&["pub flow: Option<String>,"]);
}

#[test]
fn paths_not_object() {
    rejected("paths_not_object.json", "at #/paths:");
}

#[test]
fn operation_is_string() {
    rejected("operation_is_string.json", &format!("at {SESSIONS_POST}:"));
}

#[test]
fn info_version_missing() {
    rejected("info_version_missing.json", "at #/info/version:");
}

#[test]
fn path_param_undeclared() {
    rejected(
        "path_param_undeclared.json",
        &format!("at {SESSION_GET}/parameters:"),
    );
}

#[test]
fn path_param_not_in_template() {
    rejected(
        "path_param_not_in_template.json",
        &format!("at {SESSION_GET}/parameters:"),
    );
}

#[test]
fn json_request_body() {
    rejected(
        "json_request_body.json",
        &format!("at {SESSIONS_POST}/requestBody/content:"),
    );
}

#[test]
fn header_parameter() {
    rejected(
        "header_parameter.json",
        &format!("at {SESSION_GET}/parameters/1:"),
    );
}

/// A property whose schema is the string `"string"` instead of `{"type": "string"}`.
#[test]
fn schema_is_a_string() {
    let message = error_of("schema_is_a_string.json");
    assert!(
        message.contains(&format!("at {SESSION}/url: ")),
        "{message}"
    );
}

/// A path item that is a string: its operations must not vanish without a word.
#[test]
fn path_item_is_string() {
    let message = error_of("path_item_is_string.json");
    assert!(
        message.contains("at #/paths/~1v1~1billing_portal~1sessions: "),
        "{message}"
    );
}

/// A `put` operation under the selected prefix: Stripe has none, but dropping one silently
/// loses an endpoint.
#[test]
fn put_operation() {
    let message = error_of("put_operation.json");
    assert!(
        message.contains("#/paths/~1v1~1billing_portal~1sessions~1{session}/put: "),
        "{message}"
    );
}

/// `parameters` on the path item (OpenAPI 3.0 lets operations inherit them).
#[test]
fn path_item_parameters() {
    let out = generates("path_item_parameters.json");
    assert!(
        out.file("operations.rs")
            .contains("pub fn retrieve_session(session: &str)"),
        "{}",
        out.file("operations.rs")
    );
}
