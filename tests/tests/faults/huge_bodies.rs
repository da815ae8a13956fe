//! Huge bodies: a declared length over the limit is refused unread, an endless body is cut at
//! the limit.

use super::*;

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
