//! Both clients (async and blocking) against a real HTTP server on loopback (wiremock): what
//! goes on the wire (method, path, headers, form body or query string), how answers and errors
//! come back, retries, pagination, timeouts, connection failures, and that the secret key never
//! leaks. Each test runs once per client (`both_clients!`); the files are its topics.
//!
//! Expected bodies and query strings are written out by hand from Stripe's rules (bracket
//! notation, indexed lists, `key=` to clear, everything but `A-Z a-z 0-9 - _ . ~ [ ]`
//! percent-encoded), not computed with the crate's encoder. Response bodies are Stripe's own
//! example objects from `fixtures3.json`.

mod accounts;
mod base_urls;
#[path = "../client_support/mod.rs"]
mod client_support;
mod errors;
mod events;
mod example;
mod no_answer;
mod own_http;
mod pagination;
mod per_request;
mod process_state;
mod request_ids;
mod retries;
mod secrets;
mod tracing_spans;
mod webhook_endpoints;
mod wire;

use client_support::{
    AnyClient, Flavor, Settings, assert_written_back, configuration_id, configuration_json,
    decode_error, session_json, transport_error,
};
use portal_tests::pinned_fixture;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use stripe_billing_portal::params::{
    AfterCompletionRedirectParams, BusinessProfileCreateParams, BusinessProfileUpdateParams,
    CouponOfferParams, CreateConfigurationParams, CreateSessionLocale, CreateSessionParams,
    CreateWebhookEndpointApiVersion, CreateWebhookEndpointParams, CustomerUpdateAllowedUpdates,
    CustomerUpdateCreateParams, FeaturesCreateParams, FlowDataAfterCompletionParams,
    FlowDataParams, FlowDataSubscriptionCancelParams, InvoiceListParams, ListConfigurationsParams,
    ListEventsCreated, ListEventsParams, ListWebhookEndpointsParams, LoginPageCreateParams,
    RangeQueryParams, RetentionParams, RetrieveConfigurationParams, RetrieveEventParams,
    RetrieveWebhookEndpointParams, ScheduleUpdateAtPeriodEndConditionParams,
    ScheduleUpdateAtPeriodEndConditionType, ScheduleUpdateAtPeriodEndCreateParams,
    SubscriptionCancelCreateParams, SubscriptionCancelMode,
    SubscriptionCancellationReasonCreateParams, SubscriptionCancellationReasonOptions,
    SubscriptionProrationBehavior, SubscriptionUpdateCreateParams,
    SubscriptionUpdateTrialUpdateBehavior, UpdateConfigurationParams, UpdateWebhookEndpointParams,
    WebhookEndpointEnabledEvents,
};
use stripe_billing_portal::resources::{
    BillingPortalConfiguration, BillingPortalSession, Event, EventDataObject, EventObject,
    PortalCustomerUpdateAllowedUpdates, PortalSubscriptionCancelMode, WebhookEndpointObject,
};
use stripe_billing_portal::runtime::{Clearable, Expandable};
use stripe_billing_portal::{API_VERSION, Error, TransportKind, operations};
use wiremock::matchers::{any, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

const KEY: &str = "sk_test_123";
const CONFIGURATIONS: &str = "/v1/billing_portal/configurations";
const SESSIONS: &str = "/v1/billing_portal/sessions";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn client(flavor: Flavor, server: &MockServer, max_retries: u32) -> AnyClient {
    Settings::new(KEY, server.uri(), max_retries).client(flavor)
}

fn json_response(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// Answers every request with `response`.
async fn always(server: &MockServer, response: ResponseTemplate) {
    Mock::given(any())
        .respond_with(response)
        .mount(server)
        .await;
}

/// Answers the first request with `first` and every later one with `then`.
async fn first_then(server: &MockServer, first: ResponseTemplate, then: ResponseTemplate) {
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .mount(server)
        .await;
    always(server, then).await;
}

/// A server that answers the configuration to every request.
async fn configuration_server() -> MockServer {
    let server = MockServer::start().await;
    always(&server, json_response(200, configuration_json())).await;
    server
}

/// A server that answers the configuration after `delay`.
async fn slow_server(delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(200, configuration_json()).set_delay(delay),
    )
    .await;
    server
}

/// A server that answers 503 (`Request-Id: req_503`) once, then the configuration
/// (`Request-Id: req_ok`).
async fn ok_after_a_503() -> MockServer {
    let server = MockServer::start().await;
    first_then(
        &server,
        ResponseTemplate::new(503).insert_header("Request-Id", "req_503"),
        json_response(200, configuration_json()).insert_header("Request-Id", "req_ok"),
    )
    .await;
    server
}

async fn received(server: &MockServer) -> Vec<Received> {
    server
        .received_requests()
        .await
        .expect("wiremock records requests")
}

/// A header's value; fails if the header was sent more than once.
fn header<'a>(request: &'a Received, name: &str) -> Option<&'a str> {
    let mut values = request.headers.get_all(name).iter();
    let first = values
        .next()
        .map(|v| v.to_str().expect("a visible-ASCII header value"));
    assert!(values.next().is_none(), "`{name}` sent more than once");
    first
}

fn body(request: &Received) -> &str {
    std::str::from_utf8(&request.body).expect("a UTF-8 body")
}

/// The headers the client adds to every request.
fn assert_client_headers(request: &Received) {
    assert_eq!(header(request, "Authorization"), Some("Bearer sk_test_123"));
    assert_eq!(API_VERSION, "2026-07-29.dahlia");
    assert_eq!(header(request, "Stripe-Version"), Some(API_VERSION));
    let agent = header(request, "User-Agent").expect("a User-Agent");
    assert!(agent.starts_with("stripe-billing-portal-rust/"), "{agent}");
}

/// A GET to `path` with exactly this query string, no body and no idempotency key.
fn assert_get(request: &Received, path: &str, query: Option<&str>) {
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), query);
    assert_client_headers(request);
    assert_eq!(header(request, "Idempotency-Key"), None, "none on a GET");
    assert_eq!(header(request, "Content-Type"), None);
    assert_eq!(body(request), "");
}

/// A POST to `path` with exactly this form body; returns its idempotency key.
fn assert_post<'a>(request: &'a Received, path: &str, form: &str) -> &'a str {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), None);
    assert_client_headers(request);
    assert_eq!(
        header(request, "Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(body(request), form);
    header(request, "Idempotency-Key").expect("an Idempotency-Key on every POST")
}

/// `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, lowercase hex.
fn assert_uuid_v4(key: &str) {
    let groups: Vec<&str> = key.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    assert_eq!(lengths, [8, 4, 4, 4, 12], "{key}");
    assert!(
        key.bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{key}"
    );
    assert!(groups[2].starts_with('4'), "version 4: {key}");
    assert!(
        groups[3].starts_with(['8', '9', 'a', 'b']),
        "RFC 4122 variant: {key}"
    );
}

fn assert_key_hidden(err: &Error) {
    client_support::assert_key_hidden(err, KEY);
}

fn api_error(err: &Error) -> &stripe_billing_portal::ApiError {
    match err {
        Error::Api(e) => e,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn retrieve(id: &str) -> stripe_billing_portal::runtime::Request<BillingPortalConfiguration> {
    operations::retrieve_configuration(id, &RetrieveConfigurationParams::new())
}

fn deactivate(id: &str) -> stripe_billing_portal::runtime::Request<BillingPortalConfiguration> {
    let params = UpdateConfigurationParams {
        active: Some(false),
        ..UpdateConfigurationParams::new()
    };
    operations::update_configuration(id, &params)
}

fn stripe_error(error_type: &str, message: &str) -> Value {
    json!({"error": {"type": error_type, "message": message}})
}

/// The error `retrieve("bpc_123")` ends with when the server answers every request with
/// `response`, and the server (for what it received).
async fn error_answering(
    flavor: Flavor,
    response: ResponseTemplate,
    max_retries: u32,
) -> (Error, MockServer) {
    let server = MockServer::start().await;
    always(&server, response).await;
    let err = client(flavor, &server, max_retries)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();
    (err, server)
}
