//! The async client against a real HTTP server on loopback (wiremock): what goes on the wire
//! (method, path, headers, form body or query string), how answers and errors come back,
//! retries, pagination, timeouts, connection failures, and that the secret key never leaks.
//!
//! Expected bodies and query strings are written out by hand from Stripe's rules (bracket
//! notation, indexed lists, `key=` to clear, everything but `A-Z a-z 0-9 - _ . ~ [ ]`
//! percent-encoded), not computed with the crate's encoder. Response bodies are Stripe's own
//! example objects from `fixtures3.json`.

mod client_support;

use client_support::{
    AnyClient, Flavor, Settings, configuration_id, configuration_json, decode_error, session_json,
    transport_error,
};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use stripe_billing_portal::params::{
    AfterCompletionRedirectParam, BusinessProfileCreateParam, BusinessProfileUpdateParam,
    CouponOfferParam, CreateConfigurationParams, CreateSessionLocale, CreateSessionParams,
    CustomerUpdateAllowedUpdates, CustomerUpdateCreationParam, FeaturesCreationParam,
    FlowDataAfterCompletionParam, FlowDataParam, FlowDataSubscriptionCancelParam, InvoiceListParam,
    ListConfigurationsParams, LoginPageCreateParam, RetentionParam, RetrieveConfigurationParams,
    ScheduleUpdateAtPeriodEndConditionParam, ScheduleUpdateAtPeriodEndConditionParamType,
    ScheduleUpdateAtPeriodEndCreatingParam, SubscriptionCancelCreationParam,
    SubscriptionCancelMode, SubscriptionCancellationReasonCreationParam,
    SubscriptionCancellationReasonOptions, SubscriptionProrationBehavior,
    SubscriptionUpdateCreationParam, SubscriptionUpdateTrialUpdateBehavior,
    UpdateConfigurationParams,
};
use stripe_billing_portal::resources::{
    BillingPortalConfiguration, BillingPortalSession, PortalCustomerUpdateAllowedUpdates,
    PortalSubscriptionCancelMode,
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

// ---------------------------------------------------------------------------------------------
// 1. The five operations, end to end
// ---------------------------------------------------------------------------------------------

async fn create_configuration_sends_nested_features_clears_and_empty_lists(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CONFIGURATIONS))
        .respond_with(json_response(200, configuration_json()))
        .mount(&server)
        .await;
    let params = CreateConfigurationParams {
        default_return_url: Some(Clearable::Clear),
        login_page: Some(LoginPageCreateParam::new(false)),
        metadata: Some(BTreeMap::from([("order".into(), "a&b=c d/é".into())])),
        business_profile: Some(BusinessProfileCreateParam {
            headline: Some(Clearable::Set("Hi & welcome! 100%".into())),
            privacy_policy_url: Some("https://example.com/privacy?x=1".into()),
            ..BusinessProfileCreateParam::new()
        }),
        name: Some(Clearable::Set("Main portal".into())),
        ..CreateConfigurationParams::new(FeaturesCreationParam {
            customer_update: Some(CustomerUpdateCreationParam {
                allowed_updates: Some(Clearable::Set(vec![
                    CustomerUpdateAllowedUpdates::Email,
                    CustomerUpdateAllowedUpdates::TaxId,
                ])),
                ..CustomerUpdateCreationParam::new(true)
            }),
            invoice_history: Some(InvoiceListParam::new(true)),
            subscription_cancel: Some(SubscriptionCancelCreationParam {
                cancellation_reason: Some(SubscriptionCancellationReasonCreationParam::new(
                    true,
                    vec![
                        SubscriptionCancellationReasonOptions::TooExpensive,
                        SubscriptionCancellationReasonOptions::Other,
                    ],
                )),
                mode: Some(SubscriptionCancelMode::AtPeriodEnd),
                proration_behavior: Some(SubscriptionProrationBehavior::None),
                ..SubscriptionCancelCreationParam::new(true)
            }),
            // An empty list that was set, and a list that is cleared: both `key=`.
            subscription_update: Some(SubscriptionUpdateCreationParam {
                default_allowed_updates: Some(Clearable::Set(vec![])),
                products: Some(Clearable::Clear),
                schedule_at_period_end: Some(ScheduleUpdateAtPeriodEndCreatingParam {
                    conditions: Some(vec![ScheduleUpdateAtPeriodEndConditionParam::new(
                        ScheduleUpdateAtPeriodEndConditionParamType::ShorteningInterval,
                    )]),
                }),
                trial_update_behavior: Some(SubscriptionUpdateTrialUpdateBehavior::ContinueTrial),
                ..SubscriptionUpdateCreationParam::new(false)
            }),
            ..FeaturesCreationParam::new()
        })
    };

    let client = client(flavor, &server, 0);
    let config = client
        .send(operations::create_configuration(&params))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        CONFIGURATIONS,
        "business_profile[headline]=Hi%20%26%20welcome%21%20100%25\
         &business_profile[privacy_policy_url]=https%3A%2F%2Fexample.com%2Fprivacy%3Fx%3D1\
         &default_return_url=\
         &features[customer_update][allowed_updates][0]=email\
         &features[customer_update][allowed_updates][1]=tax_id\
         &features[customer_update][enabled]=true\
         &features[invoice_history][enabled]=true\
         &features[subscription_cancel][cancellation_reason][enabled]=true\
         &features[subscription_cancel][cancellation_reason][options][0]=too_expensive\
         &features[subscription_cancel][cancellation_reason][options][1]=other\
         &features[subscription_cancel][enabled]=true\
         &features[subscription_cancel][mode]=at_period_end\
         &features[subscription_cancel][proration_behavior]=none\
         &features[subscription_update][default_allowed_updates]=\
         &features[subscription_update][enabled]=false\
         &features[subscription_update][products]=\
         &features[subscription_update][schedule_at_period_end][conditions][0][type]=shortening_interval\
         &features[subscription_update][trial_update_behavior]=continue_trial\
         &login_page[enabled]=false\
         &metadata[order]=a%26b%3Dc%20d%2F%C3%A9\
         &name=Main%20portal",
    );
    assert_uuid_v4(key);
    assert_eq!(header(&requests[0], "Stripe-Account"), None);

    assert_eq!(config.id, configuration_id());
    assert!(config.active && config.is_default && config.livemode);
    assert_eq!(
        config.features.customer_update.allowed_updates,
        [
            PortalCustomerUpdateAllowedUpdates::Email,
            PortalCustomerUpdateAllowedUpdates::TaxId
        ]
    );
    assert_eq!(
        config.features.subscription_cancel.mode,
        PortalSubscriptionCancelMode::AtPeriodEnd
    );
    assert_eq!(config.business_profile.headline, Some(None));
    assert_eq!(config.created.unix_seconds(), 1_234_567_890);
    assert_eq!(serde_json::to_value(&config).unwrap(), configuration_json());
}
both_clients!(create_configuration_sends_nested_features_clears_and_empty_lists);

async fn update_configuration_encodes_the_id_and_clears_one_metadata_key_and_the_name(
    flavor: Flavor,
) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{CONFIGURATIONS}/bpc_1%2F..%2Fx%3Fy")))
        .respond_with(json_response(200, configuration_json()))
        .mount(&server)
        .await;
    let params = UpdateConfigurationParams {
        active: Some(false),
        business_profile: Some(BusinessProfileUpdateParam {
            headline: Some(Clearable::Clear),
            terms_of_service_url: Some(Clearable::Set("https://example.com/terms".into())),
            ..BusinessProfileUpdateParam::new()
        }),
        metadata: Some(Clearable::Set(BTreeMap::from([
            ("k".into(), String::new()),
            ("keep".into(), "yes".into()),
        ]))),
        name: Some(Clearable::Clear),
        ..UpdateConfigurationParams::new()
    };
    let request = operations::update_configuration("bpc_1/../x?y", &params).idempotency_key("k1");

    let config = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        "/v1/billing_portal/configurations/bpc_1%2F..%2Fx%3Fy",
        "active=false\
         &business_profile[headline]=\
         &business_profile[terms_of_service_url]=https%3A%2F%2Fexample.com%2Fterms\
         &metadata[k]=\
         &metadata[keep]=yes\
         &name=",
    );
    assert_eq!(key, "k1");
    assert_eq!(config.id, configuration_id());
    assert_eq!(serde_json::to_value(&config).unwrap(), configuration_json());
}
both_clients!(update_configuration_encodes_the_id_and_clears_one_metadata_key_and_the_name);

async fn list_configurations_sends_the_query_string(flavor: Flavor) {
    let server = MockServer::start().await;
    let list = json!({
        "object": "list",
        "data": [configuration_json()],
        "has_more": false,
        "url": CONFIGURATIONS,
    });
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .respond_with(json_response(200, list))
        .mount(&server)
        .await;
    let params = ListConfigurationsParams {
        active: Some(true),
        expand: Some(vec!["data.application".into()]),
        limit: Some(3),
        ..ListConfigurationsParams::new()
    };

    let page = client(flavor, &server, 0)
        .send(operations::list_configurations(&params))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(
        &requests[0],
        CONFIGURATIONS,
        Some("active=true&expand[0]=data.application&limit=3"),
    );
    assert_eq!(page.object, "list");
    assert!(!page.has_more);
    assert_eq!(page.url, CONFIGURATIONS);
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, configuration_id());
    assert_eq!(
        serde_json::to_value(&page.data[0]).unwrap(),
        configuration_json()
    );
}
both_clients!(list_configurations_sends_the_query_string);

async fn retrieve_configuration_with_a_connected_account_and_an_expansion(flavor: Flavor) {
    let server = MockServer::start().await;
    let application = json!({"id": "ca_1", "object": "application", "name": "Portal app"});
    let mut answer = configuration_json();
    answer["application"] = application.clone();
    Mock::given(method("GET"))
        .and(path(format!("{CONFIGURATIONS}/bpc_123")))
        .respond_with(json_response(200, answer))
        .mount(&server)
        .await;
    let params = RetrieveConfigurationParams {
        expand: Some(vec!["application".into()]),
    };
    let request = operations::retrieve_configuration("bpc_123", &params).stripe_account("acct_1");

    let config = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(
        &requests[0],
        "/v1/billing_portal/configurations/bpc_123",
        Some("expand[0]=application"),
    );
    assert_eq!(header(&requests[0], "Stripe-Account"), Some("acct_1"));
    assert_eq!(
        config.application,
        Some(Some(Expandable::Object(Box::new(application))))
    );
    assert_eq!(config.id, configuration_id());
}
both_clients!(retrieve_configuration_with_a_connected_account_and_an_expansion);

async fn create_session_with_flow_data_locale_and_an_appended_expansion(flavor: Flavor) {
    let server = MockServer::start().await;
    let mut answer = session_json();
    answer["configuration"] = configuration_json();
    answer["locale"] = json!("en-AU");
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(json_response(200, answer))
        .mount(&server)
        .await;
    let params = CreateSessionParams {
        flow_data: Some(FlowDataParam {
            after_completion: Some(FlowDataAfterCompletionParam::redirect(
                AfterCompletionRedirectParam::new("https://example.com/done"),
            )),
            ..FlowDataParam::subscription_cancel(FlowDataSubscriptionCancelParam {
                retention: Some(RetentionParam::coupon_offer(CouponOfferParam::new(
                    "SAVE 10%",
                ))),
                ..FlowDataSubscriptionCancelParam::new("sub_1")
            })
        }),
        locale: Some(CreateSessionLocale::EnAu),
        return_url: Some("https://example.com/account".into()),
        ..CreateSessionParams::for_customer("cus_123")
    };
    let request = operations::create_session(&params).expand(["configuration"]);

    let session = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        SESSIONS,
        "customer=cus_123\
         &flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fexample.com%2Fdone\
         &flow_data[after_completion][type]=redirect\
         &flow_data[subscription_cancel][retention][coupon_offer][coupon]=SAVE%2010%25\
         &flow_data[subscription_cancel][retention][type]=coupon_offer\
         &flow_data[subscription_cancel][subscription]=sub_1\
         &flow_data[type]=subscription_cancel\
         &locale=en-AU\
         &return_url=https%3A%2F%2Fexample.com%2Faccount\
         &expand[0]=configuration",
    );
    assert_uuid_v4(key);
    let fixture = session_json();
    assert_eq!(session.id, fixture["id"]);
    assert_eq!(session.customer, fixture["customer"]);
    assert_eq!(session.url, fixture["url"]);
    let configuration = session
        .configuration
        .as_object()
        .expect("the configuration is expanded");
    assert_eq!(configuration.id, configuration_id());
    assert_eq!(session.configuration.id(), configuration_id());
    assert_eq!(
        session.locale,
        Some(Some(
            stripe_billing_portal::resources::BillingPortalSessionLocale::EnAu
        ))
    );
}
both_clients!(create_session_with_flow_data_locale_and_an_appended_expansion);

async fn every_post_gets_its_own_idempotency_key(flavor: Flavor) {
    let server = MockServer::start().await;
    always(&server, json_response(200, configuration_json())).await;
    let client = client(flavor, &server, 0);
    client.send(deactivate("bpc_123")).await.unwrap();
    client.send(deactivate("bpc_123")).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let first = assert_post(
        &requests[0],
        &format!("{CONFIGURATIONS}/bpc_123"),
        "active=false",
    );
    let second = assert_post(
        &requests[1],
        &format!("{CONFIGURATIONS}/bpc_123"),
        "active=false",
    );
    assert_uuid_v4(first);
    assert_uuid_v4(second);
    assert_ne!(first, second, "two calls are two operations");
}
both_clients!(every_post_gets_its_own_idempotency_key);

// ---------------------------------------------------------------------------------------------
// 2. Retries
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// 3. Errors
// ---------------------------------------------------------------------------------------------

async fn a_402_card_error_keeps_every_field(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(
            402,
            json!({"error": {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "insufficient_funds",
                "message": "Your card has insufficient funds.",
                "param": "x",
                "doc_url": "https://stripe.com/docs/error-codes/card-declined",
            }}),
        )
        .insert_header("Request-Id", "req_123"),
    )
    .await;

    let err = client(flavor, &server, 2)
        .send(deactivate("bpc_123"))
        .await
        .unwrap_err();

    let api = api_error(&err);
    assert_eq!(api.status, 402);
    assert_eq!(api.request_id.as_deref(), Some("req_123"));
    assert_eq!(api.error_type, "card_error");
    assert_eq!(api.code.as_deref(), Some("card_declined"));
    assert_eq!(api.decline_code.as_deref(), Some("insufficient_funds"));
    assert_eq!(
        api.message.as_deref(),
        Some("Your card has insufficient funds.")
    );
    assert_eq!(api.param.as_deref(), Some("x"));
    assert_eq!(
        api.doc_url.as_deref(),
        Some("https://stripe.com/docs/error-codes/card-declined")
    );
    assert_eq!(err.status(), Some(402));
    assert_eq!(err.request_id(), Some("req_123"));
    assert_eq!(
        err.to_string(),
        "Stripe answered 402 (card_error, card_declined, decline code insufficient_funds): \
         Your card has insufficient funds. [param: x] [request id: req_123]"
    );
    assert_eq!(received(&server).await.len(), 1, "a 402 is not retried");
    assert_key_hidden(&err);
}
both_clients!(a_402_card_error_keeps_every_field);

async fn a_400_invalid_request_error_keeps_every_field(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(
            400,
            json!({"error": {
                "type": "invalid_request_error",
                "code": "parameter_missing",
                "message": "Missing required param: features[customer_update][enabled].",
                "param": "features[customer_update][enabled]",
                "doc_url": "https://stripe.com/docs/error-codes/parameter-missing",
            }}),
        )
        .insert_header("Request-Id", "req_400"),
    )
    .await;

    let err = client(flavor, &server, 2)
        .send(deactivate("bpc_123"))
        .await
        .unwrap_err();

    let api = api_error(&err);
    assert_eq!(api.status, 400);
    assert_eq!(api.request_id.as_deref(), Some("req_400"));
    assert_eq!(api.error_type, "invalid_request_error");
    assert_eq!(api.code.as_deref(), Some("parameter_missing"));
    assert_eq!(api.decline_code, None);
    assert_eq!(
        api.message.as_deref(),
        Some("Missing required param: features[customer_update][enabled].")
    );
    assert_eq!(
        api.param.as_deref(),
        Some("features[customer_update][enabled]")
    );
    assert_eq!(
        api.doc_url.as_deref(),
        Some("https://stripe.com/docs/error-codes/parameter-missing")
    );
    assert_eq!(
        err.to_string(),
        "Stripe answered 400 (invalid_request_error, parameter_missing): \
         Missing required param: features[customer_update][enabled]. \
         [param: features[customer_update][enabled]] [request id: req_400]"
    );
    assert_eq!(received(&server).await.len(), 1);
    assert_key_hidden(&err);
}
both_clients!(a_400_invalid_request_error_keeps_every_field);

async fn an_html_502_is_a_decode_error_with_an_excerpt(flavor: Flavor) {
    let server = MockServer::start().await;
    let html = format!(
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>{}\
         </body></html>",
        "<p>The upstream server did not answer.</p>".repeat(10)
    );
    always(
        &server,
        ResponseTemplate::new(502)
            .set_body_raw(html.clone(), "text/html")
            .insert_header("Request-Id", "req_502"),
    )
    .await;

    let err = client(flavor, &server, 2)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 3, "a 502 is retried");
    let decode = decode_error(&err);
    assert_eq!(decode.status, 502);
    assert_eq!(decode.request_id.as_deref(), Some("req_502"));
    assert_eq!(decode.path, "", "the body is not JSON at all");
    assert!(
        decode
            .message
            .starts_with("the error response is not Stripe's error object"),
        "{}",
        decode.message
    );
    // The start of the page, cut and marked as cut.
    let cut = decode
        .excerpt
        .strip_suffix('…')
        .expect("a long body is cut");
    assert!(
        cut.starts_with("<html><head><title>502 Bad Gateway</title>"),
        "{cut}"
    );
    assert!(html.starts_with(cut) && cut.len() < html.len());
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.request_id(), Some("req_502"));
    let text = err.to_string();
    assert!(
        text.starts_with("cannot decode Stripe's response (HTTP 502): "),
        "{text}"
    );
    assert!(text.contains("<title>502 Bad Gateway</title>"), "{text}");
    assert_key_hidden(&err);
}
both_clients!(an_html_502_is_a_decode_error_with_an_excerpt);

async fn a_200_that_does_not_match_the_types_names_the_path(flavor: Flavor) {
    let server = MockServer::start().await;
    let mut answer = configuration_json();
    answer["features"]["subscription_cancel"]["mode"] = json!(42);
    always(
        &server,
        json_response(200, answer).insert_header("Request-Id", "req_200"),
    )
    .await;

    let err = client(flavor, &server, 2)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 1, "a 200 is not retried");
    let decode = decode_error(&err);
    assert_eq!(decode.status, 200);
    assert_eq!(decode.path, "features.subscription_cancel.mode");
    assert_eq!(decode.request_id.as_deref(), Some("req_200"));
    assert!(
        decode
            .message
            .starts_with("invalid type: integer `42`, expected a string"),
        "{}",
        decode.message
    );
    assert!(decode.excerpt.starts_with('{'), "{}", decode.excerpt);
    let text = err.to_string();
    assert!(
        text.starts_with(
            "cannot decode Stripe's response (HTTP 200) at `features.subscription_cancel.mode`: \
             invalid type: integer `42`"
        ),
        "{text}"
    );
    assert!(text.contains("[request id: req_200]"), "{text}");
    assert_key_hidden(&err);
}
both_clients!(a_200_that_does_not_match_the_types_names_the_path);

// ---------------------------------------------------------------------------------------------
// 4. Pagination
// ---------------------------------------------------------------------------------------------

fn page(ids: &[&str], has_more: bool) -> Value {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| {
            let mut config = configuration_json();
            config["id"] = json!(id);
            config
        })
        .collect();
    json!({"object": "list", "data": data, "has_more": has_more, "url": CONFIGURATIONS})
}

async fn paginate_follows_starting_after_across_three_pages(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .and(query_param_is_missing("starting_after"))
        .respond_with(json_response(200, page(&["bpc_1", "bpc_2"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .and(query_param("starting_after", "bpc_2"))
        .respond_with(json_response(200, page(&["bpc_3", "bpc_4"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .and(query_param("starting_after", "bpc_4"))
        .respond_with(json_response(200, page(&["bpc_5"], false)))
        .mount(&server)
        .await;
    let params = ListConfigurationsParams {
        active: Some(true),
        limit: Some(2),
        ..ListConfigurationsParams::new()
    };

    let items: Vec<Result<BillingPortalConfiguration, Error>> = client(flavor, &server, 0)
        .paginate_all(operations::list_configurations(&params))
        .await;

    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["bpc_1", "bpc_2", "bpc_3", "bpc_4", "bpc_5"]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_get(&requests[0], CONFIGURATIONS, Some("active=true&limit=2"));
    assert_get(
        &requests[1],
        CONFIGURATIONS,
        Some("active=true&limit=2&starting_after=bpc_2"),
    );
    assert_get(
        &requests[2],
        CONFIGURATIONS,
        Some("active=true&limit=2&starting_after=bpc_4"),
    );
}
both_clients!(paginate_follows_starting_after_across_three_pages);

async fn paginate_yields_an_error_and_ends(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("starting_after"))
        .respond_with(json_response(200, page(&["bpc_1", "bpc_2"], true)))
        .mount(&server)
        .await;
    Mock::given(query_param("starting_after", "bpc_2"))
        .respond_with(json_response(
            404,
            stripe_error("invalid_request_error", "No such configuration"),
        ))
        .mount(&server)
        .await;
    let params = ListConfigurationsParams {
        limit: Some(2),
        ..ListConfigurationsParams::new()
    };

    let items: Vec<Result<BillingPortalConfiguration, Error>> = client(flavor, &server, 2)
        .paginate_all(operations::list_configurations(&params))
        .await;

    assert_eq!(items.len(), 3, "two items, then the error, then the end");
    assert_eq!(items[0].as_ref().unwrap().id, "bpc_1");
    assert_eq!(items[1].as_ref().unwrap().id, "bpc_2");
    assert_eq!(items[2].as_ref().unwrap_err().status(), Some(404));
    assert_eq!(received(&server).await.len(), 2, "a 404 is not retried");
}
both_clients!(paginate_yields_an_error_and_ends);

// ---------------------------------------------------------------------------------------------
// 5, 6. No answer
// ---------------------------------------------------------------------------------------------

async fn a_slow_answer_times_out(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(200, configuration_json()).set_delay(Duration::from_secs(5)),
    )
    .await;
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

// ---------------------------------------------------------------------------------------------
// 7. The secret key stays secret
// ---------------------------------------------------------------------------------------------

async fn the_key_is_not_in_the_debug_output_of_a_client_or_a_prepared_request(flavor: Flavor) {
    let server = MockServer::start().await;
    let client = client(flavor, &server, 0);
    let text = format!("{client:?}");
    assert!(!text.contains(KEY), "{text}");
    assert!(text.contains("SecretKey(sk_test_…)"), "{text}");

    let post = client.prepare(&deactivate("bpc_123"));
    let get = client.prepare(&retrieve("bpc_123"));
    for prepared in [&post, &get] {
        let text = format!("{prepared:?}");
        assert!(!text.contains(KEY), "{text}");
        assert!(text.contains("Bearer [redacted]"), "{text}");
        // ... while the header itself carries it.
        let prepared = prepared.as_ref().unwrap();
        assert_eq!(prepared.header("Authorization"), Some("Bearer sk_test_123"));
    }
    let post = post.unwrap();
    assert_eq!(
        post.url,
        format!("{}/v1/billing_portal/configurations/bpc_123", server.uri())
    );
    assert_eq!(post.body.as_deref(), Some("active=false"));
}
both_clients!(the_key_is_not_in_the_debug_output_of_a_client_or_a_prepared_request);

async fn an_error_that_echoes_the_key_is_redacted(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(
            401,
            json!({"error": {
                "type": "invalid_request_error",
                "message": "Invalid API Key provided: sk_test_123",
                "param": "key sk_test_123",
                "doc_url": "https://stripe.com/docs/keys#sk_test_123",
            }}),
        ),
    )
    .await;

    let err = client(flavor, &server, 2)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();

    assert_key_hidden(&err);
    let api = api_error(&err);
    assert_eq!(api.status, 401);
    assert_eq!(
        api.message.as_deref(),
        Some("Invalid API Key provided: [redacted]")
    );
    assert_eq!(api.param.as_deref(), Some("key [redacted]"));
    assert_eq!(
        api.doc_url.as_deref(),
        Some("https://stripe.com/docs/keys#[redacted]")
    );
    assert_eq!(received(&server).await.len(), 1, "a 401 is not retried");
}
both_clients!(an_error_that_echoes_the_key_is_redacted);

async fn a_page_that_echoes_the_key_is_redacted(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(401).set_body_raw(
            "<html><body>Bad key: sk_test_123</body></html>",
            "text/html",
        ),
    )
    .await;
    let err = client(flavor, &server, 0)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();
    assert_key_hidden(&err);
    assert_eq!(
        decode_error(&err).excerpt,
        "<html><body>Bad key: [redacted]</body></html>"
    );
}
both_clients!(a_page_that_echoes_the_key_is_redacted);

/// Ids that no percent-encoding keeps from changing the path (the URL parser resolves `.` and
/// `..`; an empty id names the collection) are refused before anything is sent, as are header
/// values that could start another header.
async fn unsafe_ids_and_header_values_are_refused_before_sending(flavor: Flavor) {
    let server = MockServer::start().await;
    always(&server, json_response(200, configuration_json())).await;
    let client = client(flavor, &server, 0);
    for id in [".", "..", ""] {
        let err = client.send(deactivate(id)).await.unwrap_err();
        let Error::Config(message) = &err else {
            panic!("{id:?}: expected Error::Config, got {err:?}");
        };
        assert_eq!(
            message,
            &format!(
                "invalid path parameter `configuration`: {id:?} would change which endpoint is called"
            )
        );
    }
    let err = client
        .send(retrieve("bpc_1").stripe_account("acct_1\r\nX-Injected: 1"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.starts_with("invalid Stripe-Account header value")),
        "{err:?}"
    );
    let err = client
        .send(deactivate("bpc_1").idempotency_key("k1\nX-Injected: 1"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.starts_with("invalid Idempotency-Key header value")),
        "{err:?}"
    );
    let sent: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url))
        .collect();
    assert!(sent.is_empty(), "sent anyway: {sent:?}");
}
both_clients!(unsafe_ids_and_header_values_are_refused_before_sending);

// ---------------------------------------------------------------------------------------------
// 8. Base URLs
// ---------------------------------------------------------------------------------------------

async fn plain_http_is_refused_unless_allowed_or_loopback(flavor: Flavor) {
    let err = Settings::new(KEY, "http://example.com", 0)
        .build(flavor)
        .unwrap_err();
    let Error::Config(message) = &err else {
        panic!("expected Error::Config, got {err:?}");
    };
    assert!(message.contains("http://"), "{message}");
    assert!(message.contains("example.com"), "{message}");
    assert_key_hidden(&err);

    let client = Settings::new(KEY, "http://example.com", 0)
        .allow_insecure_http()
        .client(flavor);
    let prepared = client.prepare(&retrieve("bpc_1")).unwrap();
    assert_eq!(
        prepared.url,
        "http://example.com/v1/billing_portal/configurations/bpc_1"
    );

    let client = Settings::new(KEY, "https://proxy.example.com/stripe/", 0).client(flavor);
    let prepared = client.prepare(&retrieve("bpc_1")).unwrap();
    assert_eq!(
        prepared.url,
        "https://proxy.example.com/stripe/v1/billing_portal/configurations/bpc_1"
    );

    for loopback in [
        "http://localhost:12111",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
    ] {
        let built = Settings::new(KEY, loopback, 0).build(flavor);
        assert!(built.is_ok(), "{loopback}: {built:?}");
    }
    let refused = Settings::new(KEY, "ftp://example.com", 0).build(flavor);
    assert!(matches!(refused, Err(Error::Config(_))), "{refused:?}");
}
both_clients!(plain_http_is_refused_unless_allowed_or_loopback);

// ---------------------------------------------------------------------------------------------
// 9. The `create_session` example's code path
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Found by these tests and fixed: redaction everywhere, backwards pages, excerpts
// ---------------------------------------------------------------------------------------------

/// Every field of an API error that `Display` prints is redacted, `decline_code` and `type`
/// included.
async fn every_quoted_field_of_an_error_object_is_redacted(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(
            402,
            json!({"error": {
                "type": "card_error sk_test_123",
                "code": "card_declined",
                "decline_code": "sk_test_123",
                "message": "declined",
            }}),
        ),
    )
    .await;
    let err = client(flavor, &server, 0)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();
    assert_key_hidden(&err);
}
both_clients!(every_quoted_field_of_an_error_object_is_redacted);

/// The body is redacted before the excerpt is cut, so a key that straddles the cut does not
/// survive in part.
async fn a_key_cut_by_the_excerpt_is_redacted(flavor: Flavor) {
    let key = "sk_test_51HsecretSECRETsecretSECRET";
    let server = MockServer::start().await;
    let page = format!("{}{key} more text", "x".repeat(180));
    always(
        &server,
        ResponseTemplate::new(500).set_body_raw(page, "text/html"),
    )
    .await;
    let client = Settings::new(key, server.uri(), 0).client(flavor);
    let err = client.send(retrieve("bpc_123")).await.unwrap_err();
    let text = format!("{err} {err:?}");
    // 20 bytes of the key fall inside the excerpt: `sk_test_` and 12 secret characters.
    assert!(!text.contains("sk_test_51Hsecret"), "{text}");
}
both_clients!(a_key_cut_by_the_excerpt_is_redacted);

/// A `DecodeError`'s `path` is built from the response's keys and printed by `Display`; it is
/// redacted too.
async fn a_decode_path_that_echoes_the_key_is_redacted(flavor: Flavor) {
    let server = MockServer::start().await;
    let mut answer = configuration_json();
    answer["metadata"] = json!({"sk_test_123": 1});
    always(&server, json_response(200, answer)).await;
    let err = client(flavor, &server, 0)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();
    assert_eq!(decode_error(&err).status, 200);
    assert_key_hidden(&err);
}
both_clients!(a_decode_path_that_echoes_the_key_is_redacted);

/// Paging from `ending_before` goes backwards (`ending_before` = the first id of the page),
/// as Stripe's official SDKs do; the two cursors, which Stripe refuses together, are never
/// sent at once.
async fn paginate_from_ending_before_never_sends_both_cursors(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("starting_after"))
        .and(query_param("ending_before", "bpc_9"))
        .respond_with(json_response(200, page(&["bpc_7", "bpc_8"], true)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    always(
        &server,
        json_response(200, page(&["bpc_5", "bpc_6"], false)),
    )
    .await;
    let params = ListConfigurationsParams {
        ending_before: Some("bpc_9".into()),
        limit: Some(2),
        ..ListConfigurationsParams::new()
    };
    let items: Vec<Result<BillingPortalConfiguration, Error>> = client(flavor, &server, 0)
        .paginate_all(operations::list_configurations(&params))
        .await;
    assert_eq!(items.len(), 4);
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        ["ending_before=bpc_9&limit=2", "ending_before=bpc_7&limit=2"]
    );
}
both_clients!(paginate_from_ending_before_never_sends_both_cursors);

/// The excerpt is cut at a character boundary: a character that straddles byte 200 is left
/// out whole, not turned into U+FFFD.
async fn the_excerpt_is_cut_at_a_character_boundary(flavor: Flavor) {
    let server = MockServer::start().await;
    let page = format!("{}é and more", "x".repeat(199));
    always(
        &server,
        ResponseTemplate::new(502).set_body_raw(page, "text/html"),
    )
    .await;
    let err = client(flavor, &server, 0)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();
    let excerpt = &decode_error(&err).excerpt;
    assert!(!excerpt.contains('\u{FFFD}'), "{excerpt:?}");
    assert!(excerpt.starts_with(&"x".repeat(199)), "{excerpt:?}");
}
both_clients!(the_excerpt_is_cut_at_a_character_boundary);

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
