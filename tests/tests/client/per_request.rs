//! A request's own timeout and retries, winning over the client's for that request alone.

use super::*;

async fn a_request_timeout_fails_fast_where_the_client_would_wait(flavor: Flavor) {
    let server = slow_server(Duration::from_secs(5)).await;
    // The client's default (80 s) would wait for the answer.
    let client = client(flavor, &server, 0);
    let request = retrieve("bpc_123").timeout(Duration::from_millis(200));
    assert_eq!(
        client.prepare(&request).unwrap().timeout,
        Duration::from_millis(200)
    );
    assert_eq!(
        client.prepare(&retrieve("bpc_123")).unwrap().timeout,
        Duration::from_secs(80)
    );

    let started = Instant::now();
    let err = client.send(request).await.unwrap_err();
    let elapsed = started.elapsed();

    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(transport_error(&err).kind, TransportKind::Timeout);
    assert_eq!(received(&server).await.len(), 1);
}
both_clients!(a_request_timeout_fails_fast_where_the_client_would_wait);

async fn a_request_longer_than_the_client_timeout_gets_its_answer(flavor: Flavor) {
    let server = slow_server(Duration::from_millis(400)).await;
    let client = Settings::new(KEY, server.uri(), 0)
        .timeout(Duration::from_millis(100))
        .client(flavor);

    let config = client
        .send(retrieve("bpc_123").timeout(Duration::from_secs(5)))
        .await
        .unwrap();

    assert_eq!(config.id, configuration_id());
}
both_clients!(a_request_longer_than_the_client_timeout_gets_its_answer);

async fn request_retries_override_the_client_s(flavor: Flavor) {
    let server = MockServer::start().await;
    always(&server, ResponseTemplate::new(503)).await;
    let client = client(flavor, &server, 3);

    let err = client
        .send(retrieve("bpc_123").max_retries(0))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(received(&server).await.len(), 1, "sent once");

    server.reset().await;
    always(&server, ResponseTemplate::new(503)).await;
    let client = Settings::new(KEY, server.uri(), 0).client(flavor);
    client
        .send(retrieve("bpc_123").max_retries(2))
        .await
        .unwrap_err();
    assert_eq!(received(&server).await.len(), 3, "sent and retried twice");
}
both_clients!(request_retries_override_the_client_s);
