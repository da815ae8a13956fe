//! A successful call's `Request-Id` (what Stripe's support asks for), status and attempts,
//! through `send_with_meta`.

use super::*;

async fn a_success_keeps_its_request_id_status_and_attempts(flavor: Flavor) {
    let server = ok_after_a_503().await;

    let response = client(flavor, &server, 1)
        .send_with_meta(retrieve("bpc_123"))
        .await
        .unwrap();

    assert_eq!(
        response.request_id.as_deref(),
        Some("req_ok"),
        "the last attempt's"
    );
    assert_eq!(response.status, 200);
    assert_eq!(response.attempts, 2);
    assert_eq!(response.into_value().id, configuration_id());
}
both_clients!(a_success_keeps_its_request_id_status_and_attempts);

async fn a_success_without_a_request_id_has_none(flavor: Flavor) {
    let server = configuration_server().await;

    let response = client(flavor, &server, 0)
        .send_with_meta(retrieve("bpc_123"))
        .await
        .unwrap();

    assert_eq!(response.request_id, None);
    assert_eq!(response.attempts, 1);
}
both_clients!(a_success_without_a_request_id_has_none);
