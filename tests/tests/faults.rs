//! Faults injected by a scripted HTTP server on loopback: broken connections, answers that
//! never come or come cut short, bodies that are not what the API describes, storms of 500s,
//! and many requests at once through one client. Each test bounds its own time; none relies on
//! the 80-second default timeout.
//!
//! The server is a plain TCP listener, not an HTTP library, so that it can misbehave in ways a
//! well-behaved server library would not allow (reset mid-body, lie about `Content-Length`).
//! It reads one request per connection and answers with `Connection: close`.

mod client_support;

use client_support::{
    AnyClient, Flavor, Settings, configuration_id, configuration_json, decode_error, session_json,
    transport_error,
};
use portal_tests::form_decoder;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stripe_billing_portal::client::{Client, RetryPolicy, blocking};
use stripe_billing_portal::params::{
    CreateSessionParams, RetrieveConfigurationParams, UpdateConfigurationParams,
};
use stripe_billing_portal::resources::{BillingPortalConfiguration, BillingPortalSession};
use stripe_billing_portal::runtime::Request;
use stripe_billing_portal::{Error, TransportKind, operations};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KEY: &str = "sk_test_faults_4242";

// ---------------------------------------------------------------------------------------------
// The scripted server
// ---------------------------------------------------------------------------------------------

/// A request as the server read it.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }
}

/// What the server does with one connection, after reading its request.
enum Answer {
    /// Write these bytes and close the connection.
    Bytes(Vec<u8>),
    /// Write these bytes, then reset the connection (RST, not a clean close).
    BytesThenReset(Vec<u8>),
    /// Say nothing and keep the connection open.
    Silence,
    /// Write these bytes and then nothing more, keeping the connection open.
    BytesThenSilence(Vec<u8>),
    /// Write these bytes (a head announcing a chunked body), then chunks of 64 KiB until the
    /// client hangs up.
    EndlessChunks(Vec<u8>),
}

/// An HTTP response with `Connection: close` and an exact `Content-Length`.
fn response(status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
    response_with_id(status, content_type, "req_fault", body)
}

fn response_with_id(status: u16, content_type: &str, request_id: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nRequest-Id: {request_id}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn json_answer(status: u16, body: &Value) -> Answer {
    Answer::Bytes(response(
        status,
        "application/json",
        body.to_string().as_bytes(),
    ))
}

type Script = dyn Fn(usize, &Received) -> Answer + Send + Sync;

struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Received>>>,
    /// Bytes written by [`Answer::EndlessChunks`] before the client hung up.
    streamed: Arc<AtomicU64>,
}

impl Server {
    /// Answers the `n`th request (from 0) with `script(n, request)`.
    async fn start(script: impl Fn(usize, &Received) -> Answer + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let streamed = Arc::new(AtomicU64::new(0));
        let script: Arc<Script> = Arc::new(script);
        let (log, count) = (requests.clone(), streamed.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (log, count, script) = (log.clone(), count.clone(), script.clone());
                tokio::spawn(serve(stream, log, count, script));
            }
        });
        Server {
            addr,
            requests,
            streamed,
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn received(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(
    mut stream: TcpStream,
    log: Arc<Mutex<Vec<Received>>>,
    streamed: Arc<AtomicU64>,
    script: Arc<Script>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let answer = {
        let mut log = log.lock().unwrap();
        log.push(request.clone());
        script(log.len() - 1, &request)
    };
    match answer {
        Answer::Bytes(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Answer::BytesThenReset(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.flush().await;
            // Linger 0: closing sends RST instead of FIN.
            socket2::SockRef::from(&stream)
                .set_linger(Some(Duration::ZERO))
                .unwrap();
            drop(stream);
        }
        Answer::Silence => {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Answer::BytesThenSilence(bytes) => {
            let _ = stream.write_all(&bytes).await;
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Answer::EndlessChunks(head) => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
            while stream.write_all(chunk.as_bytes()).await.is_ok() {
                streamed.fetch_add(0x10000, Ordering::Relaxed);
            }
        }
    }
}

/// Reads a request head and a `Content-Length` body.
async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let (method, target) = (
        request_line.next()?.to_owned(),
        request_line.next()?.to_owned(),
    );
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received {
        method,
        target,
        headers,
        body,
    })
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A schedule of 20, 40, 80, 80... ms (before jitter).
fn policy(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        initial_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(80),
    }
}

fn settings(server: &Server, max_retries: u32) -> Settings {
    Settings {
        retry: policy(max_retries),
        ..Settings::new(KEY, server.url(), max_retries)
    }
}

fn client(flavor: Flavor, server: &Server, max_retries: u32) -> AnyClient {
    settings(server, max_retries)
        .timeout(Duration::from_secs(5))
        .client(flavor)
}

fn retrieve() -> Request<BillingPortalConfiguration> {
    operations::retrieve_configuration("bpc_123", &RetrieveConfigurationParams::new())
}

fn deactivate() -> Request<BillingPortalConfiguration> {
    let params = UpdateConfigurationParams {
        active: Some(false),
        ..UpdateConfigurationParams::new()
    };
    operations::update_configuration("bpc_123", &params)
}

fn assert_key_hidden(err: &Error) {
    client_support::assert_key_hidden(err, KEY);
}

/// Every attempt of a POST carried the same idempotency key and the same body bytes.
fn assert_one_logical_write(requests: &[Received]) {
    let first = &requests[0];
    let key = first.header("Idempotency-Key").expect("an idempotency key");
    for retry in requests {
        assert_eq!(retry.method, "POST");
        assert_eq!(retry.header("Idempotency-Key"), Some(key));
        assert_eq!(retry.body, first.body, "the body changed between attempts");
    }
}

// ---------------------------------------------------------------------------------------------
// Broken connections
// ---------------------------------------------------------------------------------------------

/// A reset after half a response is a transport failure; the POST is retried with the same
/// key and body, and succeeds once the server answers.
async fn a_connection_reset_mid_response_is_retried_with_the_same_key(flavor: Flavor) {
    let full = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let half = full[..full.len() / 2].to_vec();
    let server = Server::start(move |n, _| match n {
        0 | 1 => Answer::BytesThenReset(half.clone()),
        _ => Answer::Bytes(full.clone()),
    })
    .await;

    let config = client(flavor, &server, 2).send(deactivate()).await.unwrap();

    assert_eq!(config.id, configuration_id());
    let requests = server.received();
    assert_eq!(requests.len(), 3);
    assert_one_logical_write(&requests);
}
both_clients!(a_connection_reset_mid_response_is_retried_with_the_same_key);

async fn resets_on_every_attempt_end_in_a_transport_error(flavor: Flavor) {
    let full = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let server = Server::start(move |_, _| Answer::BytesThenReset(full[..100].to_vec())).await;

    let err = client(flavor, &server, 2)
        .send(deactivate())
        .await
        .unwrap_err();

    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Other, "{err}");
    assert_eq!(transport.attempts, 3);
    assert!(
        err.to_string()
            .starts_with("the connection to Stripe failed ("),
        "{err}"
    );
    assert!(err.to_string().ends_with("; 3 attempts)"), "{err}");
    assert_eq!(err.status(), None);
    assert_key_hidden(&err);
    assert_one_logical_write(&server.received());
}
both_clients!(resets_on_every_attempt_end_in_a_transport_error);

/// A body cut short of its `Content-Length` (the server closes cleanly, too early) is not
/// mistaken for a complete answer.
async fn a_truncated_body_is_a_transport_error_and_retried(flavor: Flavor) {
    let full = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let server = Server::start(move |_, _| Answer::Bytes(full[..full.len() - 10].to_vec())).await;

    let err = client(flavor, &server, 1)
        .send(retrieve())
        .await
        .unwrap_err();

    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Other, "{err}");
    assert_eq!(transport.attempts, 2);
    assert_key_hidden(&err);
    assert_eq!(server.received().len(), 2);
}
both_clients!(a_truncated_body_is_a_transport_error_and_retried);

/// No answer at all, and an answer whose body never comes: both end at the timeout, once per
/// attempt, and the total is bounded by the attempts' timeouts plus the backoff.
async fn an_answer_that_never_arrives_times_out_on_every_attempt(flavor: Flavor) {
    let head =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":";
    for (what, stall_after_head) in [("no answer", false), ("headers only", true)] {
        let server = Server::start(move |_, _| {
            if stall_after_head {
                // The head and a few bytes arrive, the rest never does: the connection stays
                // open because the client still waits for 500 bytes.
                Answer::BytesThenSilence(head.to_vec())
            } else {
                Answer::Silence
            }
        })
        .await;
        let client = settings(&server, 1)
            .timeout(Duration::from_millis(300))
            .client(flavor);

        let started = Instant::now();
        let err = client.send(deactivate()).await.unwrap_err();
        let elapsed = started.elapsed();

        let transport = transport_error(&err);
        assert_eq!(transport.kind, TransportKind::Timeout, "{what}: {err}");
        assert_eq!(transport.attempts, 2, "{what}");
        // Two timeouts of 300 ms and one backoff of 20..40 ms.
        assert!(elapsed >= Duration::from_millis(620), "{what}: {elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{what}: {elapsed:?}");
        assert_key_hidden(&err);
        assert_one_logical_write(&server.received());
    }
}
both_clients!(an_answer_that_never_arrives_times_out_on_every_attempt);

// ---------------------------------------------------------------------------------------------
// Answers that are not what the API describes
// ---------------------------------------------------------------------------------------------

/// A 2xx is never retried (the write happened); a body that does not decode is a decode error
/// that says what arrived. Returns the error and checks it was sent once.
async fn decode_failure(flavor: Flavor, answer: Vec<u8>) -> Error {
    let server = Server::start(move |_, _| Answer::Bytes(answer.clone())).await;
    let err = client(flavor, &server, 3)
        .send(deactivate())
        .await
        .unwrap_err();
    assert_eq!(server.received().len(), 1, "a 2xx is not retried: {err}");
    assert_eq!(err.request_id(), Some("req_fault"));
    assert_key_hidden(&err);
    err
}

async fn a_200_that_is_not_json_is_a_decode_error_quoting_the_body(flavor: Flavor) {
    let err = decode_failure(flavor, response(200, "text/plain", b"OK, done")).await;
    let decode = decode_error(&err);
    assert_eq!(decode.status, 200);
    assert_eq!(decode.path, "");
    assert!(
        decode.message.starts_with("expected value"),
        "{}",
        decode.message
    );
    assert_eq!(decode.excerpt, "OK, done");
}
both_clients!(a_200_that_is_not_json_is_a_decode_error_quoting_the_body);

async fn an_empty_200_says_the_body_is_empty(flavor: Flavor) {
    let err = decode_failure(flavor, response(200, "application/json", b"")).await;
    let decode = decode_error(&err);
    assert_eq!(
        (decode.path.as_str(), decode.message.as_str()),
        ("", "the body is empty")
    );
    assert_eq!(
        err.to_string(),
        "cannot decode Stripe's response (HTTP 200): the body is empty [request id: req_fault]; body starts with: \"\""
    );
}
both_clients!(an_empty_200_says_the_body_is_empty);

/// The path names the missing field itself, at the top level and nested.
async fn a_200_missing_a_required_field_names_that_field(flavor: Flavor) {
    let mut top = configuration_json();
    top.as_object_mut().unwrap().remove("livemode");
    let mut nested = configuration_json();
    nested["features"]["invoice_history"]
        .as_object_mut()
        .unwrap()
        .remove("enabled");
    for (json, path, field) in [
        (top, "livemode", "livemode"),
        (nested, "features.invoice_history.enabled", "enabled"),
    ] {
        let err = decode_failure(
            flavor,
            response(200, "application/json", json.to_string().as_bytes()),
        )
        .await;
        let decode = decode_error(&err);
        assert_eq!(decode.path, path);
        assert!(
            decode
                .message
                .starts_with(&format!("missing field `{field}` at line 1")),
            "{}",
            decode.message
        );
        assert!(
            err.to_string()
                .contains(&format!(" at `{path}`: missing field")),
            "{err}"
        );
    }
}
both_clients!(a_200_missing_a_required_field_names_that_field);

/// A proxy's HTML error page on a 502: retried like any 5xx, then reported as what it is.
async fn an_html_502_is_retried_then_quoted(flavor: Flavor) {
    let page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server = Server::start(move |_, _| Answer::Bytes(response(502, "text/html", page))).await;
    let err = client(flavor, &server, 2)
        .send(deactivate())
        .await
        .unwrap_err();
    let decode = decode_error(&err);
    assert_eq!(decode.status, 502);
    assert!(
        decode
            .message
            .starts_with("the error response is not Stripe's error object"),
        "{}",
        decode.message
    );
    assert_eq!(decode.excerpt.as_bytes(), page);
    assert_one_logical_write(&server.received());
    assert_eq!(server.received().len(), 3);
}
both_clients!(an_html_502_is_retried_then_quoted);

// ---------------------------------------------------------------------------------------------
// Huge bodies
// ---------------------------------------------------------------------------------------------

fn capped_client(flavor: Flavor, server: &Server, limit: usize) -> AnyClient {
    settings(server, 2)
        .max_body(limit)
        .timeout(Duration::from_secs(10))
        .client(flavor)
}

/// A `Content-Length` over the limit is refused from the head, before reading the body, and
/// not retried (the same answer would come again).
async fn a_huge_declared_body_is_refused_unread(flavor: Flavor) {
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{";
    let server = Server::start(move |_, _| Answer::BytesThenSilence(head.to_vec())).await;
    let started = Instant::now();
    let err = capped_client(flavor, &server, 1 << 20)
        .send(retrieve())
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::TooLarge);
    assert_eq!(transport.attempts, 1);
    assert_eq!(
        err.to_string(),
        "Stripe's response was too large (the response body (HTTP 200, Content-Length 10737418240) is larger than the limit of 1048576 bytes; the rest was not read)"
    );
    assert_eq!(server.received().len(), 1);
}
both_clients!(a_huge_declared_body_is_refused_unread);

/// A body without a length that never ends: reading stops at the limit and the connection is
/// dropped, so the server can write only a bounded amount (the limit plus what the kernel's
/// socket buffers hold). `bounded_memory.rs` measures the client's own memory.
async fn an_endless_chunked_body_is_cut_at_the_limit(flavor: Flavor) {
    let head =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    let server = Server::start(move |_, _| Answer::EndlessChunks(head.clone())).await;
    let limit = 1 << 20;
    let err = capped_client(flavor, &server, limit)
        .send(retrieve())
        .await
        .unwrap_err();
    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::TooLarge, "{err}");
    assert!(
        err.to_string()
            .contains("larger than the limit of 1048576 bytes; the rest was not read"),
        "{err}"
    );
    // Give the server a moment to notice the hang-up.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let streamed = server.streamed.load(Ordering::Relaxed);
    assert!(streamed >= limit as u64, "{streamed}");
    assert!(
        streamed < 64 << 20,
        "the server kept writing: {streamed} bytes"
    );
    assert_eq!(server.received().len(), 1, "not retried");
}
both_clients!(an_endless_chunked_body_is_cut_at_the_limit);

// ---------------------------------------------------------------------------------------------
// A storm of 500s, and many requests at once
// ---------------------------------------------------------------------------------------------

/// The server applies a write the first time it sees an idempotency key and answers 500 every
/// time: the client stops after `max_retries`, within the backoff schedule, and the server has
/// applied exactly one write.
async fn a_storm_of_500s_is_one_logical_write_within_the_backoff_schedule(flavor: Flavor) {
    let writes: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::default();
    let ledger = writes.clone();
    let server = Server::start(move |_, request| {
        let key = request.header("Idempotency-Key").unwrap_or("").to_owned();
        let mut ledger = ledger.lock().unwrap();
        match ledger.get(&key) {
            Some(first) => assert_eq!(first, &request.body, "same key, other body"),
            None => {
                ledger.insert(key, request.body.clone());
            }
        }
        json_answer(
            500,
            &json!({"error": {"type": "api_error", "message": "Try later"}}),
        )
    })
    .await;

    let started = Instant::now();
    let err = client(flavor, &server, 4)
        .send(deactivate())
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    assert_eq!(err.status(), Some(500));
    let requests = server.received();
    assert_eq!(requests.len(), 5, "max_retries + 1");
    assert_one_logical_write(&requests);
    assert_eq!(writes.lock().unwrap().len(), 1, "one logical write");
    // Delays: max(initial, min(20 * 2^n, 80) * [0.5, 1)) for n = 0..4: at least
    // 20 + 20 + 40 + 40 = 120 ms, at most 20 + 40 + 80 + 80 = 220 ms, plus the exchanges.
    assert!(elapsed >= Duration::from_millis(120), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(220 + 1000), "{elapsed:?}");
}
both_clients!(a_storm_of_500s_is_one_logical_write_within_the_backoff_schedule);

/// 50 requests at once through one client, each first answered 500 so that retries
/// interleave. The server echoes what it received (idempotency key as the id, body's
/// customer, `Stripe-Account` as `on_behalf_of`): every caller gets its own answer, and no
/// retry carries another request's key, account or body.
async fn fifty_concurrent_requests_through_one_client_do_not_cross(flavor: Flavor) {
    let template = session_json();
    let seen: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let counts = seen.clone();
    let server = Server::start(move |_, request| {
        let key = request.header("Idempotency-Key").unwrap().to_owned();
        let attempt = {
            let mut counts = counts.lock().unwrap();
            let n = counts.entry(key.clone()).or_default();
            *n += 1;
            *n
        };
        if attempt == 1 {
            return json_answer(500, &json!({"error": {"type": "api_error"}}));
        }
        let form = form_decoder::pairs(request.body_text()).unwrap();
        let form: BTreeMap<String, String> = form.into_iter().collect();
        let mut session = template.clone();
        session["id"] = json!(format!("bps_{key}"));
        session["customer"] = json!(form["customer"]);
        session["return_url"] = json!(form["return_url"]);
        session["on_behalf_of"] = json!(request.header("Stripe-Account"));
        json_answer(200, &session)
    })
    .await;
    let client = client(flavor, &server, 2);

    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let params = CreateSessionParams {
                    return_url: Some(format!("https://example.com/{i}")),
                    ..CreateSessionParams::for_customer(format!("cus_{i}"))
                };
                let mut request =
                    operations::create_session(&params).stripe_account(format!("acct_{i}"));
                // Half choose their key; the client makes one for the others.
                if i % 2 == 0 {
                    request = request.idempotency_key(format!("key-{i}"));
                }
                client.send(request).await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for (i, task) in tasks.into_iter().enumerate() {
        let session: BillingPortalSession = task.await.unwrap().unwrap();
        assert_eq!(session.customer, format!("cus_{i}"));
        assert_eq!(
            session.return_url,
            Some(Some(format!("https://example.com/{i}")))
        );
        assert_eq!(session.on_behalf_of, Some(Some(format!("acct_{i}"))));
        if i % 2 == 0 {
            assert_eq!(session.id, format!("bps_key-{i}"));
        }
        ids.push(session.id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50, "every request had its own idempotency key");

    let requests = server.received();
    assert_eq!(requests.len(), 100, "one 500 and one retry each");
    let mut by_key: HashMap<&str, Vec<&Received>> = HashMap::new();
    for request in &requests {
        by_key
            .entry(request.header("Idempotency-Key").unwrap())
            .or_default()
            .push(request);
    }
    assert_eq!(by_key.len(), 50);
    for (key, attempts) in by_key {
        assert_eq!(attempts.len(), 2, "{key}");
        let form = form_decoder::pairs(attempts[0].body_text()).unwrap();
        let customer = &form.iter().find(|(k, _)| k == "customer").unwrap().1;
        let i = customer.strip_prefix("cus_").unwrap();
        for attempt in &attempts {
            assert_eq!(attempt.body, attempts[0].body, "{key}");
            assert_eq!(
                attempt.header("Stripe-Account"),
                Some(format!("acct_{i}").as_str()),
                "{key}"
            );
            assert_eq!(
                attempt.header("Authorization"),
                Some(format!("Bearer {KEY}").as_str())
            );
            assert_eq!(attempt.target, "/v1/billing_portal/sessions");
        }
    }
}
both_clients!(fifty_concurrent_requests_through_one_client_do_not_cross);

// ---------------------------------------------------------------------------------------------
// The secret key, on every error path
// ---------------------------------------------------------------------------------------------

/// One request against a server that answers once with `answer`.
async fn error_from(
    flavor: Flavor,
    answer: Vec<u8>,
    request: Request<BillingPortalConfiguration>,
) -> Error {
    let server = Server::start(move |_, _| Answer::Bytes(answer.clone())).await;
    client(flavor, &server, 0).send(request).await.unwrap_err()
}

/// Every kind of error, provoked with the key echoed back wherever a server or a caller could
/// put it (error fields, `Request-Id`, HTML pages, JSON keys, header values, map keys, base
/// URLs): none shows the key in `Display`, `Debug` or a source, and where the key was echoed
/// the text says `[redacted]` instead.
async fn the_key_is_hidden_on_every_error_path(flavor: Flavor) {
    let echo_id = format!("req_{KEY}");
    let mut errors: Vec<(&str, bool, Error)> = Vec::new();

    let fields = json!({"error": {
        "type": format!("invalid_request_error {KEY}"), "code": KEY, "decline_code": KEY,
        "message": format!("Invalid API Key provided: {KEY}"), "param": KEY,
        "doc_url": format!("https://stripe.com/docs#{KEY}"),
    }});
    let answer = response_with_id(
        401,
        "application/json",
        &echo_id,
        fields.to_string().as_bytes(),
    );
    errors.push((
        "api error",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let answer = response_with_id(
        200,
        "text/plain",
        &echo_id,
        format!("your key is {KEY}").as_bytes(),
    );
    errors.push((
        "2xx not JSON",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let mut config = configuration_json();
    config["metadata"] = json!({KEY: 5});
    let answer = response_with_id(
        200,
        "application/json",
        &echo_id,
        config.to_string().as_bytes(),
    );
    errors.push((
        "2xx wrong type under a key-named field",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let page = format!("<html>502 for {KEY}</html>");
    let answer = response_with_id(502, "text/html", &echo_id, page.as_bytes());
    errors.push((
        "non-2xx not Stripe's error",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let refused = {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Settings::new(KEY, format!("http://127.0.0.1:{port}"), 0).client(flavor)
    };
    errors.push((
        "connection refused",
        false,
        refused.send(retrieve()).await.unwrap_err(),
    ));

    let silent = Server::start(|_, _| Answer::Silence).await;
    let impatient = Settings::new(KEY, silent.url(), 0)
        .timeout(Duration::from_millis(100))
        .client(flavor);
    errors.push((
        "timeout",
        false,
        impatient.send(retrieve()).await.unwrap_err(),
    ));

    let reset = Server::start(|_, _| {
        Answer::BytesThenReset(b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{".to_vec())
    })
    .await;
    errors.push((
        "reset",
        false,
        client(flavor, &reset, 0)
            .send(retrieve())
            .await
            .unwrap_err(),
    ));

    let huge = Server::start(|_, _| {
        Answer::BytesThenSilence(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n".to_vec())
    })
    .await;
    errors.push((
        "too large",
        false,
        capped_client(flavor, &huge, 1024)
            .send(retrieve())
            .await
            .unwrap_err(),
    ));

    let built = Settings::new(KEY, format!("ftp://{KEY}.example.com"), 0).build(flavor);
    errors.push(("config: base URL", true, built.unwrap_err()));

    let server = Server::start(|_, _| Answer::Silence).await;
    let client = client(flavor, &server, 0);
    let header = || retrieve().stripe_account(format!("{KEY}\r\nX-Injected: 1"));
    errors.push((
        "config: header value, sent",
        true,
        client.send(header()).await.unwrap_err(),
    ));
    errors.push((
        "config: header value, prepared",
        true,
        client.prepare(&header()).unwrap_err(),
    ));

    let bad_metadata = || {
        let params = UpdateConfigurationParams {
            metadata: Some(BTreeMap::from([(format!("{KEY}[x]"), "v".to_owned())]).into()),
            ..UpdateConfigurationParams::new()
        };
        operations::update_configuration("bpc_1", &params)
    };
    errors.push((
        "encode, sent",
        true,
        client.send(bad_metadata()).await.unwrap_err(),
    ));
    errors.push((
        "encode, prepared",
        true,
        client.prepare(&bad_metadata()).unwrap_err(),
    ));
    assert!(server.received().is_empty(), "refused requests were sent");

    let mut kinds = BTreeSet::new();
    for (what, echoed, err) in &errors {
        assert_key_hidden(err);
        let text = format!("{err} {err:?}");
        assert_eq!(text.contains("[redacted]"), *echoed, "{what}: {text}");
        kinds.insert(match err {
            Error::Api(_) => "api".to_owned(),
            Error::Decode(e) => format!("decode {}", e.status / 100),
            Error::Transport(e) => format!("transport {:?}", e.kind),
            Error::Config(_) => "config".to_owned(),
            Error::Encode(_) => "encode".to_owned(),
            other => panic!("a new kind of error, add it here: {other:?}"),
        });
    }
    let expected = [
        "api",
        "config",
        "decode 2",
        "decode 5",
        "encode",
        "transport Connect",
        "transport Other",
        "transport Timeout",
        "transport TooLarge",
    ];
    assert_eq!(
        kinds.iter().map(String::as_str).collect::<Vec<_>>(),
        expected
    );

    // And the values that hold the key.
    let builder = Client::builder(KEY).base_url(server.url());
    let blocking_builder = blocking::Client::builder(KEY).base_url(server.url());
    for text in [
        format!("{builder:?}"),
        format!("{blocking_builder:?}"),
        format!("{client:?}"),
        format!("{:?}", client.prepare(&deactivate()).unwrap()),
    ] {
        assert!(!text.contains(KEY), "{text}");
    }
}
both_clients!(the_key_is_hidden_on_every_error_path);

// ---------------------------------------------------------------------------------------------
// TLS
// ---------------------------------------------------------------------------------------------

/// `https://` to a server that answers in plain HTTP: the client's TLS stack (the crate's
/// default features) starts a handshake and fails it, a connect error after every attempt;
/// nothing in setting TLS up panics.
async fn https_to_a_plain_http_server_fails_the_handshake(flavor: Flavor) {
    // Answers each connection at once, before reading anything: the client's ClientHello
    // gets plain HTTP back.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicU64::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::Relaxed);
            let answer = response(200, "application/json", b"{}");
            tokio::spawn(async move {
                let _ = stream.write_all(&answer).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    let client = Settings {
        retry: policy(1),
        ..Settings::new(KEY, format!("https://{addr}"), 1)
    }
    .timeout(Duration::from_secs(5))
    .client(flavor);

    let err = client.send(retrieve()).await.unwrap_err();

    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Connect, "{err}");
    assert_eq!(transport.attempts, 2, "{err}");
    assert_eq!(connections.load(Ordering::Relaxed), 2, "one per attempt");
    assert_key_hidden(&err);
}
both_clients!(https_to_a_plain_http_server_fails_the_handshake);

// ---------------------------------------------------------------------------------------------
// Hostile ids
// ---------------------------------------------------------------------------------------------

/// Ids that would change the path or add a query if pasted in reach the server as one path
/// segment that decodes back to the id, with no query.
async fn hostile_ids_stay_one_path_segment_on_the_wire(flavor: Flavor) {
    let config = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let server = Server::start(move |_, _| Answer::Bytes(config.clone())).await;
    let client = client(flavor, &server, 0);
    let ids = [
        "a/b", "a?b=c", "a#frag", "../x", "..%2F", "x/..", "sp ace", "é😀", "%2F", "a\r\nb", "\0",
        "a&b=c", "a;b", "+", "~.", "...",
    ];
    for id in ids {
        let request = operations::retrieve_configuration(id, &RetrieveConfigurationParams::new());
        client
            .send(request)
            .await
            .unwrap_or_else(|e| panic!("{id:?}: {e}"));
    }
    let received = server.received();
    assert_eq!(received.len(), ids.len());
    for (id, request) in ids.iter().zip(&received) {
        assert_eq!(request.method, "GET");
        let segment = request
            .target
            .strip_prefix("/v1/billing_portal/configurations/")
            .unwrap_or_else(|| panic!("{id:?}: {}", request.target));
        assert!(
            !segment.contains(['/', '?', '#']),
            "{id:?}: {}",
            request.target
        );
        // The form decoder's unescaping is the path's too, but for `+`, which a path keeps.
        let decoded = form_decoder::pairs(&format!("x={}", segment.replace('+', "%2B"))).unwrap();
        assert_eq!(decoded[0].1, *id, "{}", request.target);
    }
}
both_clients!(hostile_ids_stay_one_path_segment_on_the_wire);
