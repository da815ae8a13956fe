//! The secret key stays secret: in `Debug` output, in errors that echo it, in excerpts and
//! decode paths.

use super::*;

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
    let (err, server) = error_answering(
        flavor,
        json_response(
            401,
            json!({"error": {
                "type": "invalid_request_error",
                "message": "Invalid API Key provided: sk_test_123",
                "param": "key sk_test_123",
                "doc_url": "https://stripe.com/docs/keys#sk_test_123",
            }}),
        ),
        2,
    )
    .await;

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
    let (err, _server) = error_answering(
        flavor,
        ResponseTemplate::new(401).set_body_raw(
            "<html><body>Bad key: sk_test_123</body></html>",
            "text/html",
        ),
        0,
    )
    .await;
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

/// Every field of an API error that `Display` prints is redacted, `decline_code` and `type`
/// included.
async fn every_quoted_field_of_an_error_object_is_redacted(flavor: Flavor) {
    let (err, _server) = error_answering(
        flavor,
        json_response(
            402,
            json!({"error": {
                "type": "card_error sk_test_123",
                "code": "card_declined",
                "decline_code": "sk_test_123",
                "message": "declined",
            }}),
        ),
        0,
    )
    .await;
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
