//! Downloading into the cache, against a small HTTP server on 127.0.0.1 that
//! serves a real spec document (v524's committed selection) the way
//! github.com/stripe/openapi lays out its releases.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::OnceLock;

use common::{V127_HASH, V524_HASH, entries, v524};
use spec::{ContentHash, FetchOptions, SpecError, cached, fetch};

/// The bytes of v524's selection, read once.
fn v524_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| std::fs::read(v524()).unwrap())
}

/// Starts a server for this test and returns its base URL. It answers
/// `/v524/openapi/spec3.json` with the spec, `/html/openapi/spec3.json` with
/// an HTML page, `/broken/...` with status 500, and anything else with 404.
/// It serves at most a few connections and then stops.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(stream) = stream else { continue };
            let _ = answer(stream);
        }
    });
    base
}

fn answer(stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("");
    let (status, body): (&str, &[u8]) = match path {
        "/v524/openapi/spec3.json" => ("200 OK", v524_bytes()),
        "/html/openapi/spec3.json" => ("200 OK", b"<html><body>Sign in</body></html>"),
        "/broken/openapi/spec3.json" => ("500 Internal Server Error", b"oops"),
        _ => ("404 Not Found", b"404: Not Found"),
    };
    let mut stream = reader.into_inner();
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

fn options(base_url: &str, tag: &str, cache_dir: &Path, expected: Option<&str>) -> FetchOptions {
    FetchOptions {
        tag: tag.into(),
        base_url: base_url.into(),
        cache_dir: cache_dir.to_owned(),
        expected: expected.map(|h| h.parse::<ContentHash>().unwrap()),
    }
}

#[test]
fn fetch_writes_the_cache_file_and_the_cache_finds_it() {
    let base = serve();
    let cache = tempfile::tempdir().unwrap();
    let opts = options(&base, "v524", cache.path(), Some(V524_HASH));
    let (path, doc) = fetch(&opts).unwrap();

    assert_eq!(path, cache.path().join("v524/spec3.json"));
    assert_eq!(doc.path, path);
    assert_eq!(doc.content_hash().to_string(), V524_HASH);
    assert_eq!(doc.api_version(), Some("2023-08-16"));
    assert!(
        std::fs::read(&path).unwrap() == v524_bytes(),
        "cached bytes differ from the served ones"
    );
    // Nothing else (no temporary file) was left in the cache.
    assert_eq!(entries(cache.path()), ["v524"]);
    assert_eq!(entries(&cache.path().join("v524")), ["spec3.json"]);

    let found = cached(cache.path(), "v524", Some(doc.content_hash())).unwrap();
    assert_eq!(found.expect("cached").path, path);
}

#[test]
fn fetch_without_expected_hash_and_with_trailing_slash() {
    let base = serve();
    let cache = tempfile::tempdir().unwrap();
    let (path, _) = fetch(&options(&format!("{base}/"), "v524", cache.path(), None)).unwrap();
    assert_eq!(path, cache.path().join("v524/spec3.json"));
}

#[test]
fn wrong_expected_hash_is_an_error_and_writes_nothing() {
    let base = serve();
    let cache = tempfile::tempdir().unwrap();
    let url = format!("{base}/v524/openapi/spec3.json");
    let err = fetch(&options(&base, "v524", cache.path(), Some(V127_HASH))).unwrap_err();
    assert!(
        matches!(err, SpecError::FetchedHashMismatch { .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    for needle in [&url, V524_HASH, V127_HASH, "nothing was written"] {
        assert!(msg.contains(needle), "{needle:?} not in {msg}");
    }
    assert!(
        entries(cache.path()).is_empty(),
        "{:?}",
        entries(cache.path())
    );
}

#[test]
fn status_404_names_the_url_and_status() {
    let base = serve();
    let cache = tempfile::tempdir().unwrap();
    let err = fetch(&options(&base, "v999999", cache.path(), None)).unwrap_err();
    let SpecError::Http { ref url, .. } = err else {
        panic!("expected an HTTP error, got {err:?}");
    };
    assert_eq!(url, &format!("{base}/v999999/openapi/spec3.json"));
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("fetching {url} failed: HTTP status 404 Not Found")),
        "{msg}"
    );
    assert!(entries(cache.path()).is_empty());
}

#[test]
fn status_500_names_the_url_and_status() {
    let base = serve();
    let cache = tempfile::tempdir().unwrap();
    let err = fetch(&options(&base, "broken", cache.path(), None)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "fetching {base}/broken/openapi/spec3.json failed: HTTP status 500 Internal Server Error"
        )
    );
}

#[test]
fn a_body_that_is_not_json_is_a_syntax_error_naming_the_url() {
    let base = serve();
    let cache = tempfile::tempdir().unwrap();
    let err = fetch(&options(&base, "html", cache.path(), None)).unwrap_err();
    assert!(
        matches!(
            err,
            SpecError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{base}/html/openapi/spec3.json:1:1: invalid JSON")),
        "{err}"
    );
    assert!(entries(cache.path()).is_empty());
}

#[test]
fn connection_refused_names_the_url() {
    // A port that was free a moment ago: nothing listens there now.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let cache = tempfile::tempdir().unwrap();
    let err = fetch(&options(&base, "v524", cache.path(), None)).unwrap_err();
    assert!(matches!(err, SpecError::Http { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("fetching {base}/v524/openapi/spec3.json failed: ")),
        "{msg}"
    );
    assert!(msg.to_lowercase().contains("refused"), "{msg}");
    assert!(entries(cache.path()).is_empty());
}

#[test]
fn an_unsafe_tag_is_refused_before_any_request() {
    let cache = tempfile::tempdir().unwrap();
    // No server: a request would fail with a different error.
    let err = fetch(&options(
        "http://127.0.0.1:9",
        "../v524",
        cache.path(),
        None,
    ))
    .unwrap_err();
    assert!(matches!(err, SpecError::BadTag { .. }), "{err:?}");
}
