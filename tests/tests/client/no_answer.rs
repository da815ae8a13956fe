//! No answer: a slow server times out, a refused connection is a connect error, and an
//! oversized body is refused once.

use super::*;

async fn a_slow_answer_times_out(flavor: Flavor) {
    let server = slow_server(Duration::from_secs(5)).await;
    let client = Settings::new(KEY, server.uri(), 0)
        .timeout(Duration::from_millis(200))
        .client(flavor);

    let started = Instant::now();
    let err = client.send(retrieve("bpc_123")).await.unwrap_err();
    let elapsed = started.elapsed();

    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Timeout);
    assert_eq!(transport.attempts, 1);
    assert_eq!(err.status(), None);
    assert!(
        err.to_string()
            .starts_with("Stripe did not answer in time ("),
        "{err}"
    );
    assert_eq!(received(&server).await.len(), 1);
    assert_key_hidden(&err);
}
both_clients!(a_slow_answer_times_out);

async fn a_refused_connection_is_a_connect_error_after_every_attempt(flavor: Flavor) {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Settings::new(KEY, format!("http://127.0.0.1:{port}"), 2).client(flavor);

    let started = Instant::now();
    let err = client.send(deactivate("bpc_123")).await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(2));
    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Connect);
    assert_eq!(transport.attempts, 3, "max_retries + 1");
    assert_eq!(err.status(), None);
    let text = err.to_string();
    assert!(text.starts_with("could not connect to Stripe ("), "{text}");
    assert!(text.ends_with("; 3 attempts)"), "{text}");
    assert!(
        std::error::Error::source(&err).is_some(),
        "the cause is kept"
    );
    assert_key_hidden(&err);
}
both_clients!(a_refused_connection_is_a_connect_error_after_every_attempt);

/// A body over the size limit ends the request with a `TooLarge` transport error; it is not
/// retried, since the same response would be downloaded again.
async fn an_oversized_body_is_refused_once(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(500).set_body_string("x".repeat(4096)),
    )
    .await;
    let client = Settings::new(KEY, server.uri(), 2)
        .max_body(1024)
        .client(flavor);
    let err = client.send(retrieve("bpc_123")).await.unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind, TransportKind::TooLarge);
    assert!(
        err.to_string()
            .contains("larger than the limit of 1024 bytes"),
        "{err}"
    );
    assert_eq!(received(&server).await.len(), 1);
}
both_clients!(an_oversized_body_is_refused_once);
