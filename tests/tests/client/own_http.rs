//! A client built on the service's own `reqwest::Client` / `ureq::Agent`: requests go through
//! it, and this crate's rules (key, retries, errors from any status) still hold.

use super::*;
use stripe_billing_portal::client::{Client, blocking};

/// A client of `flavor` on an HTTP client of the caller's that adds `X-Caller: yes` to every
/// request, which this crate never sends: seeing it proves the caller's client carried it.
fn client_on_callers_http(flavor: Flavor, server: &MockServer, max_retries: u32) -> AnyClient {
    let settings = Settings::new(KEY, server.uri(), max_retries);
    let built = match flavor {
        Flavor::Async => {
            let headers = reqwest::header::HeaderMap::from_iter([(
                reqwest::header::HeaderName::from_static("x-caller"),
                reqwest::header::HeaderValue::from_static("yes"),
            )]);
            // The crate turns on reqwest's rustls without a provider and installs none for
            // the process, so a caller's reqwest client is given its TLS configuration.
            let tls = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth();
            let http = reqwest::Client::builder()
                .tls_backend_preconfigured(tls)
                .default_headers(headers)
                .build()
                .unwrap();
            settings
                .apply(Client::builder)
                .build_with_http(http)
                .map(AnyClient::Async)
        }
        Flavor::Blocking => {
            let agent = ureq::Agent::config_builder()
                .middleware(
                    |mut request: ureq::http::Request<ureq::SendBody>,
                     next: ureq::middleware::MiddlewareNext| {
                        request
                            .headers_mut()
                            .insert("x-caller", ureq::http::HeaderValue::from_static("yes"));
                        next.handle(request)
                    },
                )
                .build()
                .new_agent();
            settings
                .apply(blocking::Client::builder)
                .build_with_http(agent)
                .map(AnyClient::Blocking)
        }
    };
    built.unwrap()
}

async fn sends_through_the_callers_http_client(flavor: Flavor) {
    let server = configuration_server().await;

    let config = client_on_callers_http(flavor, &server, 0)
        .send(retrieve("bpc_123"))
        .await
        .unwrap();

    assert_eq!(config.id, configuration_id());
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(&requests[0], &format!("{CONFIGURATIONS}/bpc_123"), None);
    assert_eq!(header(&requests[0], "X-Caller"), Some("yes"));
}
both_clients!(sends_through_the_callers_http_client);

async fn keeps_retries_and_stripe_errors_on_the_callers_http_client(flavor: Flavor) {
    let server = MockServer::start().await;
    first_then(
        &server,
        ResponseTemplate::new(503),
        json_response(
            400,
            stripe_error("invalid_request_error", "No such configuration"),
        ),
    )
    .await;

    let err = client_on_callers_http(flavor, &server, 1)
        .send(retrieve("bpc_123"))
        .await
        .unwrap_err();

    // A ureq agent's default turns 4xx into its own error; the client reads it as Stripe's.
    assert_eq!(
        api_error(&err).message.as_deref(),
        Some("No such configuration")
    );
    assert_eq!(received(&server).await.len(), 2, "the 503 was retried");
    assert_key_hidden(&err);
}
both_clients!(keeps_retries_and_stripe_errors_on_the_callers_http_client);
