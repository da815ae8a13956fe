//! Faults injected by a scripted HTTP server on loopback: broken connections, answers that
//! never come or come cut short, bodies that are not what the API describes, storms of 500s,
//! and many requests at once through one client. Each test bounds its own time; none relies on
//! the 80-second default timeout. Each runs once per client, async and blocking
//! (`both_clients!`); the files are its topics, this one holds the server.
//!
//! The server is a plain TCP listener, not an HTTP library, so that it can misbehave in ways a
//! well-behaved server library would not allow (reset mid-body, lie about `Content-Length`).
//! It reads one request per connection and answers with `Connection: close`.

#[path = "../client_support/mod.rs"]
mod client_support;

mod answers;
mod connections;
mod huge_bodies;
mod ids;
mod load;
mod secrets;
mod tls;

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

fn capped_client(flavor: Flavor, server: &Server, limit: usize) -> AnyClient {
    settings(server, 2)
        .max_body(limit)
        .timeout(Duration::from_secs(10))
        .client(flavor)
}
