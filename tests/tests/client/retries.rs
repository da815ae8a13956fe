//! What is retried and what is not, with the same idempotency key and body every time.

use super::*;

async fn a_500_then_a_200_is_retried_with_the_same_idempotency_key_and_body(flavor: Flavor) {
    let server = MockServer::start().await;
    first_then(
        &server,
        json_response(500, stripe_error("api_error", "Something went wrong")),
        json_response(200, configuration_json()),
    )
    .await;

    let config = client(flavor, &server, 2)
        .send(deactivate("bpc_123"))
        .await
        .unwrap();

    assert_eq!(config.id, configuration_id());
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let path = format!("{CONFIGURATIONS}/bpc_123");
    let first = assert_post(&requests[0], &path, "active=false");
    let second = assert_post(&requests[1], &path, "active=false");
    assert_uuid_v4(first);
    assert_eq!(first, second, "a retry is the same operation");
    assert_eq!(requests[0].body, requests[1].body);
}
both_clients!(a_500_then_a_200_is_retried_with_the_same_idempotency_key_and_body);

async fn conflicts_and_rate_limits_are_retried(flavor: Flavor) {
    for status in [409, 429] {
        let server = MockServer::start().await;
        first_then(
            &server,
            json_response(status, stripe_error("invalid_request_error", "Try again")),
            json_response(200, configuration_json()),
        )
        .await;
        let config = client(flavor, &server, 1).send(retrieve("bpc_123")).await;
        assert_eq!(config.unwrap().id, configuration_id(), "{status}");
        let requests = received(&server).await;
        assert_eq!(requests.len(), 2, "{status}");
        for request in &requests {
            assert_get(request, "/v1/billing_portal/configurations/bpc_123", None);
        }
    }
}
both_clients!(conflicts_and_rate_limits_are_retried);

async fn stripe_should_retry_false_stops_a_500(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(500, stripe_error("api_error", "Do not retry this"))
            .insert_header("Stripe-Should-Retry", "false"),
    )
    .await;
    let err = client(flavor, &server, 3)
        .send(deactivate("bpc_123"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(api_error(&err).error_type, "api_error");
    assert_eq!(received(&server).await.len(), 1);
}
both_clients!(stripe_should_retry_false_stops_a_500);

async fn stripe_should_retry_true_retries_a_400(flavor: Flavor) {
    let server = MockServer::start().await;
    first_then(
        &server,
        json_response(400, stripe_error("invalid_request_error", "Retry this one"))
            .insert_header("Stripe-Should-Retry", "true"),
        json_response(200, configuration_json()),
    )
    .await;
    let config = client(flavor, &server, 2).send(deactivate("bpc_123")).await;
    assert_eq!(config.unwrap().id, configuration_id());
    assert_eq!(received(&server).await.len(), 2);
}
both_clients!(stripe_should_retry_true_retries_a_400);

async fn a_400_is_not_retried(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(400, stripe_error("invalid_request_error", "Bad")),
    )
    .await;
    let err = client(flavor, &server, 3)
        .send(deactivate("bpc_123"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(received(&server).await.len(), 1);
}
both_clients!(a_400_is_not_retried);

async fn a_storm_of_500s_stops_after_max_retries(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(500, stripe_error("api_error", "Still broken"))
            .insert_header("Request-Id", "req_storm"),
    )
    .await;
    let started = Instant::now();
    let err = client(flavor, &server, 3)
        .send(deactivate("bpc_123"))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let api = api_error(&err);
    assert_eq!(api.status, 500);
    assert_eq!(api.message.as_deref(), Some("Still broken"));
    assert_eq!(err.request_id(), Some("req_storm"));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 4, "max_retries + 1");
    let keys: Vec<_> = requests
        .iter()
        .map(|r| header(r, "Idempotency-Key"))
        .collect();
    assert!(
        keys.iter().all(|k| k.is_some() && *k == keys[0]),
        "{keys:?}"
    );
}
both_clients!(a_storm_of_500s_stops_after_max_retries);

async fn retry_after_is_waited(flavor: Flavor) {
    let server = MockServer::start().await;
    first_then(
        &server,
        json_response(
            429,
            stripe_error("invalid_request_error", "Too many requests"),
        )
        .insert_header("Retry-After", "1"),
        json_response(200, configuration_json()),
    )
    .await;
    let started = Instant::now();
    let config = client(flavor, &server, 2)
        .send(retrieve("bpc_123"))
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(config.id, configuration_id());
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(received(&server).await.len(), 2);
}
both_clients!(retry_after_is_waited);
