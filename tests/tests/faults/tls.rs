//! TLS: a handshake that fails is a connect error, and setting TLS up does not panic.

use super::*;

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
