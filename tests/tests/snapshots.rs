//! Snapshots of the generator's output for the hand-written specs in `tests/specs/`, one per
//! lowering rule. Each snapshot is the emitted files of one spec; the same specs are compiled
//! (by `build.rs`) and exercised in `rules/`.
//!
//! To review a change, or a new spec (a file put in `tests/specs/` is tested, and fails until it
//! has a snapshot): `INSTA_UPDATE=always cargo test -p portal-tests --test snapshots`, then read
//! the diff of `tests/snapshots/` before committing it.

use codegen::model::spelling::{Notation, Place};
use codegen::model::{Api, Method, OperationKind, ParamsLocation, Role, TypeId};
use std::fmt::Write as _;
use std::path::PathBuf;

fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("specs")
}

/// Runs the whole pipeline on `specs/<name>.json`. The source label is relative so that
/// nothing machine-specific ends up in a snapshot.
fn generate(name: &str) -> codegen::Generated {
    let path = specs_dir().join(format!("{name}.json"));
    let doc = spec::SpecDocument::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let options = codegen::Options {
        scope: codegen::Scope::one("/v1/test/"),
        emit: codegen::emit::EmitOptions::default(),
    };
    codegen::generate(&doc.value, &format!("tests/specs/{name}.json"), &options)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The emitted files, each under a `// ---- <path> ----` line.
fn files_text(generated: &codegen::Generated) -> String {
    let mut text = String::new();
    for file in &generated.files {
        writeln!(text, "// ---- {} ----\n{}", file.path, file.contents).unwrap();
    }
    text
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// Defines `SPECS`, the name of every spec, and a snapshot test per spec. `build.rs` calls it
/// with the specs it finds in `tests/specs/`, so that a new spec needs no list edited, and a
/// spec without a snapshot fails.
macro_rules! rule_specs {
    ($($name:ident),* $(,)?) => {
        const SPECS: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                let name = stringify!($name);
                snapshot(name, &files_text(&generate(name)));
            }
        )*
    };
}

include!(concat!(env!("OUT_DIR"), "/rule_spec_names.rs"));

/// The operations of a spec in a compact, reviewable form.
fn operations_text(api: &Api) -> String {
    let mut text = String::new();
    for op in &api.operations {
        let kind = match op.kind {
            OperationKind::List => "list",
            OperationKind::Create => "create",
            OperationKind::Retrieve => "retrieve",
            OperationKind::Update => "update",
            OperationKind::Delete => "delete",
            OperationKind::Other => "other",
        };
        let method = match op.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        };
        writeln!(
            text,
            "{} ({kind}, operationId {})",
            op.name, op.operation_id
        )
        .unwrap();
        writeln!(text, "  {method} {}", op.path).unwrap();
        let path_params: Vec<String> = op
            .path_params
            .iter()
            .map(|p| format!("{} -> {}", p.wire_name, p.rust_name))
            .collect();
        writeln!(text, "  path params: [{}]", path_params.join(", ")).unwrap();
        match op.params {
            Some(TypeId(params)) => {
                let location = match op.params_in {
                    ParamsLocation::Query => "query",
                    ParamsLocation::Form => "form",
                };
                writeln!(text, "  params: {} ({location})", api.types[params].name).unwrap();
            }
            None => writeln!(text, "  params: none").unwrap(),
        }
        let response = Notation::Rust(Place::Module(Role::Response));
        writeln!(text, "  response: {}", api.spell(&op.response, response)).unwrap();
    }
    text
}

#[test]
fn operations_of_list_response() {
    snapshot(
        "operations_list_response",
        &operations_text(&generate("list_response").api),
    );
}

#[test]
fn operations_of_operation_naming() {
    snapshot(
        "operations_operation_naming",
        &operations_text(&generate("operation_naming").api),
    );
}

/// Every spec answers errors with `default: {$ref: error}`; the selection must not follow it,
/// and no spec but the one that tests it needs a raw-JSON fallback.
#[test]
fn error_responses_are_cut_and_nothing_falls_back() {
    for name in SPECS {
        let api = generate(name).api;
        let spec_names: Vec<&str> = api
            .types
            .iter()
            .filter_map(|t| t.spec_name.as_deref())
            .collect();
        assert!(
            !spec_names.contains(&"error") && !spec_names.contains(&"api_errors"),
            "{name}: {spec_names:?}"
        );
        assert!(
            api.types.iter().all(|t| !t.name.contains("Error")),
            "{name}"
        );
        let fallbacks: Vec<(String, &str)> = api
            .fallbacks
            .iter()
            .map(|f| (f.pointer.to_string(), f.reason.as_str()))
            .collect();
        let expected: Vec<(String, &str)> = match *name {
            // The one deliberate fallback: the emptyable idiom in a response.
            "emptyable_items" => vec![(
                "#/components/schemas/thing/properties/odd".to_owned(),
                "the emptyable idiom (`anyOf: [X, {enum: [\"\"]}]`) in a response",
            )],
            // Two string arms: a union that cannot be told apart.
            "unions" => vec![(
                "#/components/schemas/payout/properties/arbitrary".to_owned(),
                "a union (`anyOf`/`oneOf`) whose arms cannot be told apart (neither distinct \
                 `object` types nor distinct kinds of JSON value)",
            )],
            _ => vec![],
        };
        assert_eq!(fallbacks, expected, "{name}");
    }
}

/// Each unclean tagged shape stays flat and is noted, with where and why; the clean ones are
/// not noted.
#[test]
fn tagged_shapes_that_are_not_clean_are_noted() {
    let noted = |name: &str| -> Vec<(String, String)> {
        generate(name)
            .api
            .not_applied
            .iter()
            .map(|n| {
                let at = n
                    .pointer
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_owned();
                (at, n.reason.clone())
            })
            .collect()
    };
    let reasons = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, r)| ((*a).to_owned(), (*r).to_owned()))
            .collect()
    };
    assert_eq!(
        noted("tagged_not_applied"),
        reasons(&[
            (
                "clearable",
                "`card`, named by a `type` value, can be cleared"
            ),
            (
                "not_object",
                "`link`, named by a `type` value, is not an object"
            ),
            (
                "optional_type",
                "its `type` may be absent, so an object may be of no kind"
            ),
            (
                "required_for_all",
                "`card` is required whatever the `type`, so it is no one kind's sub-object"
            ),
        ])
    );
    let tagged = |name: &str| -> Vec<String> {
        generate(name)
            .api
            .types
            .iter()
            .filter(
                |t| matches!(&t.kind, codegen::model::TypeKind::Struct(s) if s.tagged.is_some()),
            )
            .map(|t| t.name.clone())
            .collect()
    };
    assert_eq!(tagged("tagged_not_applied"), Vec::<String>::new());
    assert_eq!(
        tagged("tagged_request"),
        ["MethodParams", "RetentionParams"]
    );
    assert_eq!(tagged("tagged_response"), ["ChargeMethod"]);
    assert_eq!(noted("tagged_request"), []);
    assert_eq!(noted("tagged_response"), []);
}

#[test]
fn a_file_upload_is_left_out_and_named() {
    let generated = generate("file_upload");
    let ops: Vec<&str> = generated
        .api
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(ops, ["retrieve_file"]);
    let left_out = &generated.api.left_out;
    assert_eq!(left_out.len(), 1);
    assert_eq!(left_out[0].operation, "POST /v1/test/files");
    assert_eq!(
        left_out[0].pointer.as_str(),
        "/paths/~1v1~1test~1files/post/requestBody/content/multipart~1form-data"
    );
    assert!(
        left_out[0].reason.contains("file upload"),
        "{}",
        left_out[0].reason
    );
}
