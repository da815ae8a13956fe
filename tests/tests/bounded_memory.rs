//! The client's memory stays bounded when a server sends a body that never ends: this test
//! binary counts every allocation (its own global allocator) and measures the peak while one
//! request reads an endless chunked body.
//!
//! Alone in its binary so that no other test's allocations blur the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use stripe_billing_portal::client::Client;
use stripe_billing_portal::params::RetrieveConfigurationParams;
use stripe_billing_portal::{Error, TransportKind, operations};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What the server sends at most: far beyond the limit, so that a client without one would
/// blow the bound, yet finite, so that such a client fails the test instead of the machine.
const SERVER_SENDS: usize = 256 << 20;
const LIMIT: usize = 4 << 20;

/// Answers one request with a chunked body of `SERVER_SENDS` bytes.
fn endless_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            head.push(byte[0]);
        }
        let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        );
        for _ in 0..SERVER_SENDS / 0x10000 {
            if stream.write_all(chunk.as_bytes()).is_err() {
                return;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    });
    format!("http://{addr}")
}

#[tokio::test(flavor = "current_thread")]
async fn an_endless_body_is_read_in_bounded_memory() {
    let client = Client::builder("sk_test_memory")
        .base_url(endless_server())
        .max_retries(0)
        .max_body_size(LIMIT)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let request = operations::retrieve_configuration("bpc_1", &RetrieveConfigurationParams::new());

    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let err = client.send(request).await.unwrap_err();
    let growth = PEAK.load(Ordering::Relaxed) - before;

    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportKind::TooLarge),
        "{err:?}"
    );
    eprintln!(
        "peak heap growth while reading an endless body: {:.1} MiB (limit {} MiB, server offers {} MiB)",
        growth as f64 / (1 << 20) as f64,
        LIMIT >> 20,
        SERVER_SENDS >> 20
    );
    // The body buffer (never more than the limit), plus the HTTP stack's own buffers.
    assert!(
        growth < LIMIT + (2 << 20),
        "peak heap growth {growth} bytes"
    );
}
