//! `cargo xtask regen` on scratch copies of the workspace: check mode, writing only what
//! changed, adopting another spec, and leaving everything as it was on bad input.

mod scratch;
use portal_tests::shared_dir;
use scratch::{scratch, tree};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use xtask::outputs::Change;
use xtask::{RegenOptions, TaskError, layout::Layout, regen};

fn v524() -> PathBuf {
    shared_dir().join("v524/spec3.json")
}

fn with_spec(path: PathBuf, check: bool) -> RegenOptions {
    RegenOptions {
        spec: Some(path),
        check,
        ..RegenOptions::default()
    }
}

#[test]
fn committed_output_is_what_the_pinned_spec_generates() {
    let (_dir, layout) = scratch();
    let report = regen(&layout, &with_spec(v524(), true)).unwrap();
    assert!(!report.is_stale(), "stale:\n{}", report.diff);
    assert_eq!(report.api_changes, None);
    assert_eq!(report.api_changes_missing, None);
    assert_eq!(report.operations, 5);
    assert_eq!(report.components, 24);
    assert_eq!(report.pin.api_version, "2023-08-16");
    assert_eq!(report.pin.tag, "v524");
}

#[test]
fn check_shows_a_diff_and_writes_nothing() {
    let (dir, layout) = scratch();
    let params = layout.generated_dir().join("params.rs");
    let edited = fs::read_to_string(&params)
        .unwrap()
        .replace("pub customer: String,", "pub customer: u32,");
    fs::write(&params, &edited).unwrap();
    let before = tree(dir.path());

    let report = regen(&layout, &with_spec(v524(), true)).unwrap();
    assert!(report.is_stale());
    assert!(
        report.diff.contains("-    pub customer: u32,"),
        "{}",
        report.diff
    );
    assert!(
        report.diff.contains("+    pub customer: String,"),
        "{}",
        report.diff
    );
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

    let report = regen(&layout, &with_spec(v524(), false)).unwrap();
    let changes: BTreeMap<String, Change> = report.changes.into_iter().collect();
    assert_eq!(changes["params.rs"], Change::Modified);
    assert_eq!(changes["leftover.rs"], Change::Removed);
    assert_eq!(changes["resources.rs"], Change::Unchanged);
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

/// Puts a release's spec into the scratch workspace's cache, as `fetch-spec` would.
fn cache(layout: &Layout, release: &str) {
    let dir = layout.cache_dir().join(release);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        shared_dir().join(release).join("spec3.json"),
        dir.join("spec3.json"),
    )
    .unwrap();
}

#[test]
fn adopting_another_release_updates_the_pin_and_the_files() {
    let (_dir, layout) = scratch();
    cache(&layout, "v524");
    let v127 = shared_dir().join("v127/spec3.json");
    let report = regen(&layout, &with_spec(v127.clone(), false)).unwrap();
    assert!(report.pin_changed);
    // The change report, written beside the generated code.
    let section = report.api_changes.as_deref().expect("a change report");
    assert!(
        section.starts_with("## v127 (API version 2020-08-27), from v524 (API version 2023-08-16)\n\n### Breaking changes"),
        "{section}"
    );
    assert!(section.contains("  - `flow`: removed field"), "{section}");
    let written = fs::read_to_string(layout.changes_file()).unwrap();
    assert!(written.starts_with(codegen::report::CHANGES_HEADER));
    assert!(written.contains(section));
    assert_eq!(report.components, 12);
    let pin = spec::Pin::load(&layout.pin_file()).unwrap();
    assert_eq!(
        (pin.tag.as_str(), pin.api_version.as_str()),
        ("v127", "2020-08-27")
    );
    let index = fs::read_to_string(layout.generated_dir().join("mod.rs")).unwrap();
    assert!(index.contains(r#"API_VERSION: &str = "2020-08-27""#));

    let again = regen(&layout, &with_spec(v127, true)).unwrap();
    assert_eq!(
        again.api_changes, None,
        "nothing changed, nothing to report"
    );
    assert!(
        !again.is_stale(),
        "a second run must find nothing to do:\n{}",
        again.diff
    );

    // Back to v524: the newest section comes first, the older one stays.
    cache(&layout, "v127");
    let back = regen(&layout, &with_spec(v524(), false)).unwrap();
    let newest = back.api_changes.expect("a change report");
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
fn without_the_old_spec_the_report_is_skipped_with_a_reason() {
    let (_dir, layout) = scratch();
    let options = RegenOptions {
        download_from: Some(serve("/elsewhere", Vec::new())),
        ..with_spec(shared_dir().join("v127/spec3.json"), true)
    };
    let report = regen(&layout, &options).unwrap();
    assert_eq!(report.api_changes, None);
    let why = report.api_changes_missing.expect("a reason");
    assert!(why.contains("404"), "{why}");
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

#[test]
fn a_spec_without_a_release_tag_in_its_path_needs_one() {
    let (_dir, layout) = scratch();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("stripe.json");
    fs::copy(v524(), &copy).unwrap();
    let err = regen(&layout, &with_spec(copy.clone(), true)).unwrap_err();
    assert!(matches!(err, TaskError::Other(_)));
    assert!(err.to_string().contains("--tag"), "{err}");

    let tagged = RegenOptions {
        tag: Some("v524".into()),
        ..with_spec(copy, true)
    };
    assert!(!regen(&layout, &tagged).unwrap().is_stale());
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
fn a_pinned_spec_missing_from_the_cache_is_downloaded_and_verified() {
    let (_dir, layout) = scratch();
    let base = serve("/v524/openapi/spec3.json", fs::read(v524()).unwrap());
    let options = RegenOptions {
        check: true,
        download_from: Some(base),
        ..RegenOptions::default()
    };
    let report = regen(&layout, &options).unwrap();
    assert!(!report.is_stale(), "{}", report.diff);
    assert!(layout.cache_dir().join("v524/spec3.json").is_file());

    // The pinned hash is checked: a different file under the pinned tag is refused.
    let (_dir, layout) = scratch();
    let v127 = fs::read(shared_dir().join("v127/spec3.json")).unwrap();
    let options = RegenOptions {
        download_from: Some(serve("/v524/openapi/spec3.json", v127)),
        ..options
    };
    let err = regen(&layout, &options).unwrap_err().to_string();
    assert!(err.contains("downloading it failed"), "{err}");
    assert!(!layout.cache_dir().join("v524/spec3.json").exists());
}
