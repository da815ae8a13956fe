//! The `create_session` example's code path: build a client for a base URL, create the
//! session, print its URL.

use super::*;

/// What `examples/create_session.rs` does with `STRIPE_API_BASE` set and a return URL: build
/// a client for that base URL, create the session, print its URL.
async fn the_create_session_example_flow_prints_the_session_url(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(json_response(200, session_json()))
        .mount(&server)
        .await;

    let client = Settings {
        retry: Default::default(),
        ..Settings::new(KEY, server.uri(), 0)
    }
    .client(flavor);
    let params = CreateSessionParams {
        return_url: Some("https://example.com/account".into()),
        ..CreateSessionParams::for_customer("cus_123")
    };
    let session: BillingPortalSession = client
        .send(operations::create_session(&params))
        .await
        .unwrap();
    let printed = format!("{}\n", session.url);

    assert_eq!(
        printed,
        format!("{}\n", session_json()["url"].as_str().unwrap())
    );
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_post(
        &requests[0],
        SESSIONS,
        "customer=cus_123&return_url=https%3A%2F%2Fexample.com%2Faccount",
    );
}
both_clients!(the_create_session_example_flow_prints_the_session_url);
