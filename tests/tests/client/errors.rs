//! Stripe's error objects and bodies that do not decode, as errors that keep every field.

use super::*;

/// A Stripe error object and what the error made of it shows.
struct ErrorCase {
    name: &'static str,
    status: u16,
    request_id: &'static str,
    error: Value,
    display: &'static str,
}

/// Every field of Stripe's error object is kept, and `Display` says them; a 4xx is not
/// retried.
async fn stripe_error_objects_keep_every_field(flavor: Flavor) {
    let cases = [
        ErrorCase {
            name: "402 card error",
            status: 402,
            request_id: "req_123",
            error: json!({
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "insufficient_funds",
                "message": "Your card has insufficient funds.",
                "param": "x",
                "doc_url": "https://stripe.com/docs/error-codes/card-declined",
            }),
            display: "Stripe answered 402 (card_error, card_declined, decline code insufficient_funds): \
                      Your card has insufficient funds. [param: x] [request id: req_123]",
        },
        ErrorCase {
            name: "400 invalid request, no decline code",
            status: 400,
            request_id: "req_400",
            error: json!({
                "type": "invalid_request_error",
                "code": "parameter_missing",
                "message": "Missing required param: features[customer_update][enabled].",
                "param": "features[customer_update][enabled]",
                "doc_url": "https://stripe.com/docs/error-codes/parameter-missing",
            }),
            display: "Stripe answered 400 (invalid_request_error, parameter_missing): \
                      Missing required param: features[customer_update][enabled]. \
                      [param: features[customer_update][enabled]] [request id: req_400]",
        },
    ];
    for case in cases {
        let server = MockServer::start().await;
        always(
            &server,
            json_response(case.status, json!({ "error": case.error }))
                .insert_header("Request-Id", case.request_id),
        )
        .await;

        let err = client(flavor, &server, 2)
            .send(deactivate("bpc_123"))
            .await
            .unwrap_err();

        let name = case.name;
        let api = api_error(&err);
        let field = |key: &str| case.error[key].as_str();
        assert_eq!(api.status, case.status, "{name}");
        assert_eq!(api.request_id.as_deref(), Some(case.request_id), "{name}");
        assert_eq!(Some(api.error_type.as_str()), field("type"), "{name}");
        assert_eq!(api.code.as_deref(), field("code"), "{name}");
        assert_eq!(api.decline_code.as_deref(), field("decline_code"), "{name}");
        assert_eq!(api.message.as_deref(), field("message"), "{name}");
        assert_eq!(api.param.as_deref(), field("param"), "{name}");
        assert_eq!(api.doc_url.as_deref(), field("doc_url"), "{name}");
        assert_eq!(err.status(), Some(case.status), "{name}");
        assert_eq!(err.request_id(), Some(case.request_id), "{name}");
        assert_eq!(err.to_string(), case.display, "{name}");
        assert_eq!(received(&server).await.len(), 1, "{name}: not retried");
        assert_key_hidden(&err);
    }
}
both_clients!(stripe_error_objects_keep_every_field);

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
