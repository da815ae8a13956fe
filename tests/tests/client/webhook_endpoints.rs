//! Webhook endpoints, end to end: what goes on the wire for each operation and what comes
//! back, and the signing secret a created endpoint returns, readable but never printed.

use super::*;

const WEBHOOK_ENDPOINTS: &str = "/v1/webhook_endpoints";
/// What Stripe returns once, at creation, to check signatures with.
const SECRET: &str = "whsec_test_s3cr3tSigningValue";

/// Stripe's example webhook endpoint (which has no `secret`: it is only returned at creation).
fn endpoint_json() -> Value {
    pinned_fixture("webhook_endpoint")
}

fn endpoint_id() -> String {
    endpoint_json()["id"].as_str().expect("an id").to_owned()
}

async fn create_webhook_endpoint_sends_the_events_and_options_and_returns_the_secret(
    flavor: Flavor,
) {
    let server = MockServer::start().await;
    let mut answer = endpoint_json();
    answer["secret"] = json!(SECRET);
    Mock::given(method("POST"))
        .and(path(WEBHOOK_ENDPOINTS))
        .respond_with(json_response(200, answer.clone()))
        .mount(&server)
        .await;
    let params = CreateWebhookEndpointParams {
        api_version: Some(CreateWebhookEndpointApiVersion::V20260729Dahlia),
        connect: Some(true),
        description: Some(Clearable::Set("Portal events & more".into())),
        metadata: Some(Clearable::Set(BTreeMap::from([
            ("team".into(), "billing/ops".into()),
            ("tier".into(), "1".into()),
        ]))),
        ..CreateWebhookEndpointParams::new(
            vec![
                WebhookEndpointEnabledEvents::V2a,
                WebhookEndpointEnabledEvents::BillingPortalConfigurationUpdated,
                WebhookEndpointEnabledEvents::BillingPortalSessionCreated,
            ],
            "https://example.com/hooks?from=stripe",
        )
    };

    let result = client(flavor, &server, 0)
        .send(operations::create_webhook_endpoint(&params))
        .await;

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    // The wildcard `*` is not unreserved, so it is escaped; `.` and `_` are sent as they are.
    let key = assert_post(
        &requests[0],
        WEBHOOK_ENDPOINTS,
        "api_version=2026-07-29.dahlia\
         &connect=true\
         &description=Portal%20events%20%26%20more\
         &enabled_events[0]=%2A\
         &enabled_events[1]=billing_portal.configuration.updated\
         &enabled_events[2]=billing_portal.session.created\
         &metadata[team]=billing%2Fops\
         &metadata[tier]=1\
         &url=https%3A%2F%2Fexample.com%2Fhooks%3Ffrom%3Dstripe",
    );
    assert_uuid_v4(key);
    assert_eq!(header(&requests[0], "Stripe-Account"), None);

    // Neither the endpoint's `Debug` nor the result's (what `{:?}` of an `unwrap`'s caller
    // would print) shows the secret, which the field itself still gives.
    let shown = format!("{result:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    let endpoint = result.unwrap();
    for shown in [format!("{endpoint:?}"), format!("{endpoint:#?}")] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("Some(<redacted>)"), "{shown}");
        assert!(shown.contains(&endpoint_id()), "the rest is shown: {shown}");
    }
    assert_eq!(endpoint.secret.as_deref(), Some(SECRET));
    assert_eq!(endpoint.id, endpoint_id());
    assert_eq!(endpoint.object, WebhookEndpointObject::WebhookEndpoint);
    assert_eq!(endpoint.status, "enabled");
    assert_eq!(
        endpoint.enabled_events,
        ["charge.failed", "charge.succeeded"]
    );
    assert_eq!(endpoint.url, "https://example.com/my/webhook/endpoint");
    assert_eq!(
        endpoint.description,
        Some("This is my webhook, I like it a lot".into())
    );
    assert_eq!(endpoint.api_version, None);
    assert_eq!(serde_json::to_value(&endpoint).unwrap(), answer);
}
both_clients!(create_webhook_endpoint_sends_the_events_and_options_and_returns_the_secret);

async fn update_webhook_endpoint_disables_it_and_clears_the_description_and_one_key(
    flavor: Flavor,
) {
    let server = MockServer::start().await;
    let mut answer = endpoint_json();
    answer["status"] = json!("disabled");
    answer["description"] = Value::Null;
    answer["metadata"] = json!({"tier": "1"});
    Mock::given(method("POST"))
        .and(path(format!("{WEBHOOK_ENDPOINTS}/we_123")))
        .respond_with(json_response(200, answer.clone()))
        .mount(&server)
        .await;
    let params = UpdateWebhookEndpointParams {
        description: Some(Clearable::Clear),
        disabled: Some(true),
        enabled_events: Some(vec![WebhookEndpointEnabledEvents::PlanCreated]),
        metadata: Some(Clearable::Set(BTreeMap::from([
            ("team".into(), String::new()),
            ("tier".into(), "1".into()),
        ]))),
        ..UpdateWebhookEndpointParams::new()
    };
    let request = operations::update_webhook_endpoint("we_123", &params).idempotency_key("k1");

    let endpoint = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        "/v1/webhook_endpoints/we_123",
        "description=\
         &disabled=true\
         &enabled_events[0]=plan.created\
         &metadata[team]=\
         &metadata[tier]=1",
    );
    assert_eq!(key, "k1");
    assert_eq!(endpoint.status, "disabled");
    assert_eq!(endpoint.description, None);
    assert_eq!(endpoint.secret, None, "only returned at creation");
    assert_eq!(serde_json::to_value(&endpoint).unwrap(), answer);
}
both_clients!(update_webhook_endpoint_disables_it_and_clears_the_description_and_one_key);

async fn retrieve_webhook_endpoint_for_a_connected_account(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{WEBHOOK_ENDPOINTS}/we_123")))
        .respond_with(json_response(200, endpoint_json()))
        .mount(&server)
        .await;
    let request =
        operations::retrieve_webhook_endpoint("we_123", &RetrieveWebhookEndpointParams::new())
            .stripe_account("acct_1");

    let endpoint = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(&requests[0], "/v1/webhook_endpoints/we_123", None);
    assert_eq!(header(&requests[0], "Stripe-Account"), Some("acct_1"));
    assert_eq!(endpoint.id, endpoint_id());
    assert_eq!(endpoint.secret, None);
    let shown = format!("{endpoint:?}");
    assert!(shown.contains("secret: None"), "{shown}");
    assert_eq!(serde_json::to_value(&endpoint).unwrap(), endpoint_json());
}
both_clients!(retrieve_webhook_endpoint_for_a_connected_account);

/// A DELETE has neither body nor query string, and, being idempotent, no idempotency key.
async fn delete_webhook_endpoint_sends_a_bare_delete(flavor: Flavor) {
    let server = MockServer::start().await;
    let answer = pinned_fixture("deleted_webhook_endpoint");
    Mock::given(method("DELETE"))
        .and(path(format!("{WEBHOOK_ENDPOINTS}/we_123")))
        .respond_with(json_response(200, answer.clone()))
        .mount(&server)
        .await;

    let deleted = client(flavor, &server, 0)
        .send(operations::delete_webhook_endpoint("we_123"))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/v1/webhook_endpoints/we_123");
    assert_eq!(request.url.query(), None);
    assert_client_headers(request);
    assert_eq!(header(request, "Idempotency-Key"), None);
    assert_eq!(header(request, "Content-Type"), None);
    assert_eq!(body(request), "");
    assert!(deleted.deleted);
    assert_eq!(deleted.id, endpoint_id());
    assert_eq!(deleted.object, WebhookEndpointObject::WebhookEndpoint);
    assert_eq!(serde_json::to_value(&deleted).unwrap(), answer);
}
both_clients!(delete_webhook_endpoint_sends_a_bare_delete);

async fn list_webhook_endpoints_sends_the_limit(flavor: Flavor) {
    let server = MockServer::start().await;
    let mut second = endpoint_json();
    second["id"] = json!("we_2");
    second["status"] = json!("disabled");
    let list = json!({
        "object": "list",
        "data": [endpoint_json(), second],
        "has_more": true,
        "url": WEBHOOK_ENDPOINTS,
    });
    Mock::given(method("GET"))
        .and(path(WEBHOOK_ENDPOINTS))
        .respond_with(json_response(200, list))
        .mount(&server)
        .await;
    let params = ListWebhookEndpointsParams {
        limit: Some(3),
        ..ListWebhookEndpointsParams::new()
    };

    let page = client(flavor, &server, 0)
        .send(operations::list_webhook_endpoints(&params))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(&requests[0], WEBHOOK_ENDPOINTS, Some("limit=3"));
    assert!(page.has_more);
    assert_eq!(page.url, WEBHOOK_ENDPOINTS);
    let found: Vec<(&str, &str)> = page
        .data
        .iter()
        .map(|endpoint| (endpoint.id.as_str(), endpoint.status.as_str()))
        .collect();
    assert_eq!(
        found,
        [(endpoint_id().as_str(), "enabled"), ("we_2", "disabled")]
    );
}
both_clients!(list_webhook_endpoints_sends_the_limit);
