//! `cargo xtask regen` on scratch copies of the workspace: generating from the committed
//! selection, check mode, writing only what changed, a hand-edited selection, adopting another
//! release (a file, an untagged file, a full spec, a download), the cache check, and leaving
//! everything as it was on bad input.

mod scratch;
use portal_tests::data_dir;
use scratch::{scratch, tree};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use xtask::layout::Layout;
use xtask::outputs::Change;
use xtask::regen::{RegenOptions, regen};

/// The committed selection of an older release, as a spec file to adopt.
fn selection_of(release: &str) -> PathBuf {
    data_dir().join(release).join("selection.json")
}

fn with_spec(path: PathBuf, check: bool) -> RegenOptions {
    RegenOptions {
        spec: Some(path),
        check,
        ..RegenOptions::default()
    }
}

fn committed_options(check: bool) -> RegenOptions {
    RegenOptions {
        check,
        ..RegenOptions::default()
    }
}

/// v524's selection with one path outside the prefix added: a stand-in for a full spec.
fn full_spec_like(release: &str) -> Value {
    let text = fs::read_to_string(selection_of(release)).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["paths"]["/v1/customers"] = json!({"get": {"responses": {}}});
    doc
}

fn write_json(path: &Path, value: &Value) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, serde_json::to_vec(value).unwrap()).unwrap();
}

#[test]
fn committed_output_is_what_the_committed_selection_generates() {
    let (_dir, layout) = scratch();
    let report = regen(&layout, &committed_options(true)).unwrap();
    assert!(!report.is_stale(), "stale:\n{}", report.diff);
    assert_eq!(report.api_changes, None);
    assert_eq!(report.checked_against, None, "no cache in the scratch copy");
    assert_eq!(report.operations, 12);
    assert_eq!(report.components, 31);
    // The typed events, as regen prints them.
    assert_eq!(report.event_type_count, 265);
    let typed: Vec<(&str, &str)> = report
        .typed_events
        .iter()
        .map(|(event, ty)| (event.as_str(), ty.as_str()))
        .collect();
    assert_eq!(
        typed,
        [
            (
                "billing_portal.configuration.created",
                "BillingPortalConfiguration"
            ),
            (
                "billing_portal.configuration.updated",
                "BillingPortalConfiguration"
            ),
            ("billing_portal.session.created", "BillingPortalSession"),
        ]
    );
    let summary = report.summary(true);
    assert!(
        summary.contains("events: 3 of 265 event types typed: billing_portal.configuration.created (BillingPortalConfiguration), "),
        "{summary}"
    );
    assert_eq!(report.pin.api_version, "2026-07-29.dahlia");
    assert_eq!(report.pin.tag.as_deref(), Some("v2349"));
}

#[test]
fn check_shows_a_diff_and_writes_nothing() {
    let (dir, layout) = scratch();
    let params = layout.generated_dir().join("params.rs");
    let edited = fs::read_to_string(&params).unwrap().replace(
        "pub customer_account: Option<String>,",
        "pub customer_account: u32,",
    );
    fs::write(&params, &edited).unwrap();
    let before = tree(dir.path());

    let report = regen(&layout, &committed_options(true)).unwrap();
    assert!(report.is_stale());
    for line in [
        "-    pub customer_account: u32,",
        "+    pub customer_account: Option<String>,",
    ] {
        assert!(report.diff.contains(line), "{}", report.diff);
    }
    assert!(
        report.summary(true).contains("1 would be updated"),
        "{}",
        report.summary(true)
    );
    assert_eq!(tree(dir.path()), before, "check mode wrote something");
}

#[test]
fn regen_rewrites_only_what_changed_and_removes_stale_files() {
    let (_dir, layout) = scratch();
    let gen_dir = layout.generated_dir();
    let params = gen_dir.join("params.rs");
    let original = fs::read_to_string(&params).unwrap();
    fs::write(&params, "// edited by hand\n").unwrap();
    fs::write(gen_dir.join("leftover.rs"), "// from an older generator\n").unwrap();
    let mtime = |name: &str| {
        fs::metadata(gen_dir.join(name))
            .unwrap()
            .modified()
            .unwrap()
    };
    let resources_before = mtime("resources.rs");
    std::thread::sleep(std::time::Duration::from_millis(20));

    let report = regen(&layout, &committed_options(false)).unwrap();
    let changes: BTreeMap<String, Change> = report.changes.into_iter().collect();
    assert_eq!(changes["params.rs"], Change::Modified);
    assert_eq!(changes["leftover.rs"], Change::Removed);
    assert_eq!(changes["resources.rs"], Change::Unchanged);
    assert!(
        report
            .other_changes
            .iter()
            .all(|(_, c)| *c == Change::Unchanged),
        "{:?}",
        report.other_changes
    );
    assert_eq!(fs::read_to_string(&params).unwrap(), original);
    assert!(!gen_dir.join("leftover.rs").exists());
    assert_eq!(
        mtime("resources.rs"),
        resources_before,
        "an unchanged file was rewritten"
    );
    let leftovers: Vec<_> = fs::read_dir(&gen_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_hand_edited_selection_is_refused_by_check_and_by_regen() {
    let (dir, layout) = scratch();
    let path = layout.selection_file();
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replacen("\"description\": \"", "\"description\": \"Edited. ", 1);
    assert_ne!(edited, text);
    fs::write(&path, edited).unwrap();
    let before = tree(dir.path());
    for check in [true, false] {
        let err = regen(&layout, &committed_options(check))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("spec/selection.json: its content hash is"),
            "{err}"
        );
        assert!(err.contains("changed by hand"), "{err}");
        assert_eq!(tree(dir.path()), before, "check = {check} wrote something");
    }
}

#[test]
fn a_reformatted_selection_is_stale_and_regen_writes_it_back_in_its_layout() {
    let (_dir, layout) = scratch();
    let path = layout.selection_file();
    let committed = fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&committed).unwrap();
    fs::write(&path, serde_json::to_string(&value).unwrap()).unwrap();

    let report = regen(&layout, &committed_options(true)).unwrap();
    let other: BTreeMap<String, Change> = report.other_changes.into_iter().collect();
    assert_eq!(other["spec/selection.json"], Change::Modified);
    assert_eq!(
        other["spec/pinned.toml"],
        Change::Unchanged,
        "the same content hash"
    );
    regen(&layout, &committed_options(false)).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), committed);
}

#[test]
fn a_selection_made_for_another_scope_is_refused_until_the_release_is_adopted_again() {
    for (scope, why) in [
        (
            "/v1/billing_portal/",
            "it holds paths outside `/v1/billing_portal/`",
        ),
        ("/v1/customers", "no path starts with `/v1/customers`"),
    ] {
        let (dir, layout) = scratch();
        fs::write(
            layout.scope_file(),
            format!("[[prefix]]\npath = \"{scope}\"\nwhy = \"a test\"\n"),
        )
        .unwrap();
        let before = tree(dir.path());
        for check in [true, false] {
            let e = regen(&layout, &committed_options(check))
                .unwrap_err()
                .to_string();
            assert!(e.contains("spec/selection.json does not match"), "{e}");
            assert!(e.contains("spec/scope.toml"), "{e}");
            assert!(e.contains(why), "{e}");
            assert!(e.contains("--tag v2349"), "{e}");
        }
        assert!(tree(dir.path()) == before, "{scope}: nothing written");
    }
}

#[test]
fn adopting_another_release_updates_the_selection_the_pin_the_files_and_the_report() {
    let (_dir, layout) = scratch();
    let report = regen(&layout, &with_spec(selection_of("v127"), false)).unwrap();
    assert!(report.pin_changed);
    let section = report.api_changes.as_deref().expect("a change report");
    assert!(
        section.starts_with(
            "## v127 (API version 2020-08-27), from v2349 (API version 2026-07-29.dahlia)\n\n### Breaking changes"
        ),
        "{section}"
    );
    assert!(section.contains("  - `flow`: removed field"), "{section}");
    assert!(section.contains("  - `name`: removed field"), "{section}");
    let written = fs::read_to_string(layout.changes_file()).unwrap();
    assert!(written.starts_with(codegen::report::CHANGES_HEADER));
    assert!(written.contains(section));
    assert_eq!(report.components, 17);
    let pin = spec::Pin::load(&layout.pin_file()).unwrap();
    assert_eq!(pin.tag.as_deref(), Some("v127"));
    assert_eq!(pin.api_version, "2020-08-27");
    assert_eq!(
        pin.full_spec_hash, None,
        "adopted from a selection, not a full spec"
    );
    assert_eq!(
        fs::read(layout.selection_file()).unwrap(),
        fs::read(selection_of("v127")).unwrap(),
        "the selection of a selection is itself, byte for byte"
    );
    let index = fs::read_to_string(layout.generated_dir().join("mod.rs")).unwrap();
    assert!(index.contains(r#"API_VERSION: &str = "2020-08-27""#));

    let again = regen(&layout, &committed_options(true)).unwrap();
    assert!(
        !again.is_stale(),
        "a second run must find nothing to do:\n{}",
        again.diff
    );
    let same = regen(&layout, &with_spec(selection_of("v127"), true)).unwrap();
    assert_eq!(same.api_changes, None, "nothing changed, nothing to report");
    assert!(!same.is_stale(), "{}", same.diff);

    // On to v524: the newest section comes first, the older ones stay.
    let next = regen(&layout, &with_spec(selection_of("v524"), false)).unwrap();
    let newest = next.api_changes.expect("a change report");
    assert!(
        newest.starts_with("## v524 (API version 2023-08-16), from v127"),
        "{newest}"
    );
    let written = fs::read_to_string(layout.changes_file()).unwrap();
    let (first, second) = (
        written.find(&newest).unwrap(),
        written.find(section).unwrap(),
    );
    assert!(first < second, "newest first:\n{written}");
}

#[test]
fn a_spec_whose_path_names_no_release_is_adopted_untagged() {
    let (_dir, layout) = scratch();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("stripe.json");
    fs::copy(selection_of("v524"), &copy).unwrap();
    let report = regen(&layout, &with_spec(copy.clone(), false)).unwrap();
    assert_eq!(report.pin.tag, None);
    assert_eq!(report.pin.api_version, "2023-08-16");
    let section = report.api_changes.clone().expect("a change report");
    assert!(
        section
            .starts_with("## API version 2023-08-16, from v2349 (API version 2026-07-29.dahlia)"),
        "{section}"
    );
    assert!(
        report
            .summary(false)
            .starts_with("spec of API version 2023-08-16 (no release tag"),
        "{}",
        report.summary(false)
    );

    // --tag names it.
    let tagged = RegenOptions {
        tag: Some("v524".into()),
        ..with_spec(copy, false)
    };
    let report = regen(&layout, &tagged).unwrap();
    assert_eq!(report.pin.tag.as_deref(), Some("v524"));
    assert_eq!(
        report.api_changes, None,
        "the same selection: no API change"
    );
}

#[test]
fn adopting_a_full_spec_records_its_hash_and_commits_only_the_selection() {
    let (_dir, layout) = scratch();
    let spec_dir = tempfile::tempdir().unwrap();
    let path = spec_dir.path().join("v524/spec3.json");
    let full = full_spec_like("v524");
    write_json(&path, &full);
    let report = regen(&layout, &with_spec(path, false)).unwrap();
    assert_eq!(report.pin.full_spec_hash, Some(spec::content_hash(&full)));
    assert_eq!(
        fs::read(layout.selection_file()).unwrap(),
        fs::read(selection_of("v524")).unwrap(),
        "the path outside the prefix is not committed"
    );
}

/// Puts a full spec of `tag` into the scratch workspace's cache, as `fetch-spec` would.
fn cache(layout: &Layout, tag: &str, doc: &Value) -> PathBuf {
    let path = layout.cache_dir().join(tag).join("spec3.json");
    write_json(&path, doc);
    path
}

#[test]
fn check_compares_the_selection_with_a_cached_full_spec_of_the_pinned_release() {
    let (_dir, layout) = scratch();
    let full = full_spec_like("v524");
    let path = cache(&layout, "v524", &full);
    let tagged = RegenOptions {
        tag: Some("v524".into()),
        ..RegenOptions::default()
    };
    regen(&layout, &tagged).unwrap();
    let report = regen(&layout, &committed_options(true)).unwrap();
    assert!(!report.is_stale(), "{}", report.diff);
    assert_eq!(report.checked_against.as_deref(), Some(path.as_path()));
    assert!(
        report
            .summary(true)
            .contains("checked: the selection is what")
    );

    // Another file under the pinned tag is not the release the selection was made from.
    let mut other = full.clone();
    other["info"]["title"] = json!("Another");
    cache(&layout, "v524", &other);
    let err = regen(&layout, &committed_options(true))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("this is not the release the selection was made from"),
        "{err}"
    );
}

#[test]
fn check_with_a_cached_spec_that_selects_something_else_fails_with_a_diff() {
    let (_dir, layout) = scratch();
    // The pin records no full spec hash (adopted from an excerpt), so the cached file is
    // compared by what it selects.
    let excerpt_dir = tempfile::tempdir().unwrap();
    let excerpt = excerpt_dir.path().join("v524/spec3.billing_portal.json");
    fs::create_dir_all(excerpt.parent().unwrap()).unwrap();
    fs::copy(selection_of("v524"), &excerpt).unwrap();
    regen(&layout, &with_spec(excerpt, false)).unwrap();
    let mut full = full_spec_like("v524");
    full["paths"]["/v1/billing_portal/sessions"]["post"]["description"] =
        json!("Changed upstream.");
    cache(&layout, "v524", &full);
    let err = regen(&layout, &committed_options(true))
        .unwrap_err()
        .to_string();
    assert!(err.contains("spec/selection.json is not what"), "{err}");
    assert!(
        err.contains("+") && err.contains("Changed upstream."),
        "{err}"
    );
}

#[test]
fn without_a_committed_selection_the_report_is_skipped_with_a_reason() {
    let (_dir, layout) = scratch();
    fs::remove_file(layout.selection_file()).unwrap();
    let report = regen(&layout, &with_spec(selection_of("v127"), true)).unwrap();
    assert_eq!(report.api_changes, None);
    let why = report.api_changes_missing.expect("a reason");
    assert!(why.contains("selection.json"), "{why}");
}

#[test]
fn a_bad_spec_leaves_generated_and_spec_untouched() {
    let (dir, layout) = scratch();
    let before = tree(dir.path());
    let bad_dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 3] = [
        ("v900/truncated.json", br#"{"openapi": "3.0.0", "paths": {"#),
        (
            "v901/spec3.json",
            br#"{"openapi": "3.0.0", "info": {"version": "x"}, "paths": {}}"#,
        ),
        ("v902/spec3.json", br#"{"swagger": "2.0"}"#),
    ];
    for (name, bytes) in cases {
        let path = bad_dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        let err = regen(&layout, &with_spec(path.clone(), false)).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&*path.to_string_lossy()),
            "{name}: {message}"
        );
        assert_eq!(tree(dir.path()), before, "{name} changed the workspace");
    }
}

/// Serves `body` at `path` to every request on a loopback port; other paths get 404.
fn serve(path: &'static str, body: Vec<u8>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut request_line).unwrap_or_default();
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let found = request_line.split(' ').nth(1) == Some(path);
            let (status, body) = if found {
                ("200 OK", &body[..])
            } else {
                ("404 Not Found", &b""[..])
            };
            let head = format!(
                "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream
                .write_all(head.as_bytes())
                .and_then(|()| stream.write_all(body));
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_release_named_by_tag_is_downloaded_adopted_and_verified_the_next_time() {
    let (dir, layout) = scratch();
    let full = full_spec_like("v524");
    let base = serve(
        "/v524/openapi/spec3.json",
        serde_json::to_vec(&full).unwrap(),
    );
    let by_tag = RegenOptions {
        tag: Some("v524".into()),
        download_from: Some(base),
        ..RegenOptions::default()
    };
    let report = regen(&layout, &by_tag).unwrap();
    assert_eq!(report.pin.tag.as_deref(), Some("v524"));
    assert_eq!(report.pin.full_spec_hash, Some(spec::content_hash(&full)));
    assert!(report.api_changes.expect("a report").starts_with("## v524"));
    assert!(layout.cache_dir().join("v524/spec3.json").is_file());

    // The pinned release is verified: a different file served under its tag is refused, and
    // nothing is written.
    fs::remove_dir_all(layout.cache_dir()).unwrap();
    let before = tree(dir.path());
    let mut other = full;
    other["info"]["title"] = json!("Not Stripe's");
    let options = RegenOptions {
        download_from: Some(serve(
            "/v524/openapi/spec3.json",
            serde_json::to_vec(&other).unwrap(),
        )),
        ..by_tag
    };
    let err = regen(&layout, &options).unwrap_err().to_string();
    assert!(err.contains("downloaded spec has content hash"), "{err}");
    assert_eq!(
        tree(dir.path()),
        before,
        "a refused download wrote something"
    );

    // A release that is not there: the error says so.
    let missing = RegenOptions {
        tag: Some("v1".into()),
        download_from: Some(serve("/elsewhere", Vec::new())),
        ..RegenOptions::default()
    };
    let err = regen(&layout, &missing).unwrap_err().to_string();
    assert!(err.contains("404"), "{err}");
}
