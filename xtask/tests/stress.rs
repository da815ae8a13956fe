//! `cargo xtask stress` on small specs (generation only; CI runs it on full specs and
//! compiles the output): every group and the whole API are reported, a group the generator
//! refuses fails the run, and the scratch crates are written.

use std::fs;
use std::path::Path;
use xtask::layout::Layout;
use xtask::stress::{Outcome, WHOLE_API, generate_all};

fn scratch() -> (tempfile::TempDir, Layout) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let layout = Layout::new(dir.path());
    (dir, layout)
}

#[test]
fn every_group_and_the_whole_api_generate_from_a_selection() {
    let (_dir, layout) = scratch();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/v524/selection.json");
    let report = generate_all(&layout, &spec, false).unwrap();
    let prefixes: Vec<&str> = report.outcomes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        prefixes,
        [
            "/v1/billing_portal/",
            "/v1/events",
            "/v1/webhook_endpoints",
            WHOLE_API
        ]
    );
    assert!(report.passed(), "{}", report.summary());
    assert!(
        matches!(report.outcomes[0].1, Outcome::Generated { types: 78, .. }),
        "{:?}",
        report.outcomes[0]
    );
    let summary = report.summary();
    assert!(summary.contains("groups: 3 of 3 generate ("), "{summary}");
    let crates = layout.root().join("target/stress/crate");
    assert!(crates.join("Cargo.toml").is_file());
    let modules: Vec<String> = fs::read_dir(&crates)
        .unwrap()
        .filter_map(|e| fs::read_dir(e.unwrap().path().join("src")).ok())
        .flatten()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "lib.rs")
        .collect();
    let mut modules = modules;
    modules.sort();
    assert_eq!(
        modules,
        [
            "v1_billing_portal.rs",
            "v1_events.rs",
            "v1_webhook_endpoints.rs",
            "whole_v1.rs"
        ]
    );
}

#[test]
fn a_group_the_generator_refuses_fails_the_run_and_is_named() {
    let (dir, layout) = scratch();
    let spec = dir.path().join("spec.json");
    let doc = serde_json::json!({
        "openapi": "3.0.0",
        "info": {"version": "2099-01-01"},
        "paths": {
            "/v1/good": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}}}},
            "/v1/bad": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/missing"}}}}}}}
        }
    });
    fs::write(&spec, serde_json::to_vec(&doc).unwrap()).unwrap();
    let report = generate_all(&layout, &spec, false).unwrap();
    assert!(!report.passed());
    let summary = report.summary();
    assert!(summary.contains("/v1/bad"), "{summary}");
    assert!(summary.contains("FAILED"), "{summary}");
    assert!(summary.contains("groups: 1 of 2 generate"), "{summary}");
}
