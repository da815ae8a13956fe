//! Generates code that the tests compile, so that a rule's output is not only snapshotted but
//! also built (with the workspace's `-D warnings` in CI):
//!
//! - `$OUT_DIR/v127.rs`, `$OUT_DIR/v524.rs`: older releases of Stripe's spec (their selections
//!   in `data/`, written by `cargo xtask test-data`), to check that the generator is not tuned to
//!   the pinned release, and that their types read their own and newer fixtures;
//! - `$OUT_DIR/rule_specs.rs`: one inline module per hand-written spec in `specs/`, each
//!   isolating one lowering rule, generated with the path prefix `/v1/test/`;
//! - `$OUT_DIR/rule_spec_names.rs`: `rule_specs!(name, ...)` with the same specs, for
//!   `tests/snapshots.rs`, so that the folder is the one list of them;
//! - `$OUT_DIR/registry.rs`: every struct of the generated crate (made from the committed
//!   selection, `spec/selection.json`), listed for the property tests, which must cover every
//!   type without a hand-kept list falling behind a regen.
//!
//! Everything it reads is in the repository.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let scope_file = manifest.join("../spec/scope.toml");
    println!("cargo:rerun-if-changed={}", scope_file.display());
    let entries = spec::read_scope(&scope_file).unwrap_or_else(|e| panic!("{e}"));
    // Compiled in this crate, which has no cargo features: every type always.
    let scope = codegen::Scope::new(entries.into_iter().map(|e| e.path));
    let options = |scope: &codegen::Scope| codegen::Options {
        scope: scope.clone(),
        emit: codegen::emit::EmitOptions {
            runtime_path: "stripe_billing_portal::runtime".to_owned(),
        },
    };

    for release in ["v127", "v524"] {
        let selection = manifest.join("data").join(release).join("selection.json");
        println!("cargo:rerun-if-changed={}", selection.display());
        let code = generate(&selection, &options(&scope));
        std::fs::write(out.join(format!("{release}.rs")), code).unwrap();
    }

    let specs_dir = manifest.join("specs");
    println!("cargo:rerun-if-changed={}", specs_dir.display());
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&specs_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    specs.sort();
    let mut modules = String::new();
    let mut names = Vec::new();
    for path in specs {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('-', "_");
        let code = generate(&path, &options(&codegen::Scope::one("/v1/test/")));
        writeln!(modules, "pub mod {name} {{\n{code}\n}}").unwrap();
        names.push(name);
    }
    std::fs::write(out.join("rule_specs.rs"), modules).unwrap();
    let names = format!("rule_specs!({});\n", names.join(", "));
    std::fs::write(out.join("rule_spec_names.rs"), names).unwrap();

    let pinned = manifest.join("../spec/selection.json");
    println!("cargo:rerun-if-changed={}", pinned.display());
    let api = model(&pinned, &scope);
    std::fs::write(out.join("registry.rs"), registry(&api)).unwrap();
}

/// `visit_types`, calling the visitor once per struct of the generated crate, with its type.
fn registry(api: &codegen::model::Api) -> String {
    let mut calls = String::new();
    for ty in &api.types {
        if !matches!(ty.kind, codegen::model::TypeKind::Struct(_)) {
            continue;
        }
        let method = match ty.role {
            codegen::model::Role::Request => "request",
            codegen::model::Role::Response => "response",
        };
        let module = ty.role.module();
        writeln!(
            calls,
            "    visitor.{method}::<stripe_billing_portal::{module}::{name}>({name:?});",
            name = ty.name
        )
        .unwrap();
    }
    format!(
        "/// Calls the visitor once per struct of the generated crate, with its type and name.\n\
         pub fn visit_types(visitor: &mut impl TypeVisitor) {{\n{calls}}}\n"
    )
}

fn generate(path: &Path, options: &codegen::Options) -> String {
    let api = model(path, &options.scope);
    codegen::emit::emit_single_file(&api, &options.emit)
}

fn model(path: &Path, scope: &codegen::Scope) -> codegen::model::Api {
    let doc = spec::SpecDocument::read(path).unwrap_or_else(|e| {
        panic!("{e}\n(the test data is written by `cargo xtask test-data`, the selection by `cargo xtask regen`)")
    });
    let source = path.display().to_string();
    codegen::build_model(&doc.value, &source, scope).unwrap_or_else(|e| panic!("{e}"))
}
