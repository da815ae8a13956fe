//! Answers that are not what the API describes: not JSON, empty, missing a field, an HTML
//! error page.

use super::*;

/// A 2xx is never retried (the write happened); a body that does not decode is a decode error
/// that says what arrived. Returns the error and checks it was sent once.
async fn decode_failure(flavor: Flavor, answer: Vec<u8>) -> Error {
    let server = Server::start(move |_, _| Answer::Bytes(answer.clone())).await;
    let err = client(flavor, &server, 3)
        .send(deactivate())
        .await
        .unwrap_err();
    assert_eq!(server.received().len(), 1, "a 2xx is not retried: {err}");
    assert_eq!(err.request_id(), Some("req_fault"));
    assert_key_hidden(&err);
    err
}

async fn a_200_that_is_not_json_is_a_decode_error_quoting_the_body(flavor: Flavor) {
    let err = decode_failure(flavor, response(200, "text/plain", b"OK, done")).await;
    let decode = decode_error(&err);
    assert_eq!(decode.status, 200);
    assert_eq!(decode.path, "");
    assert!(
        decode.message.starts_with("expected value"),
        "{}",
        decode.message
    );
    assert_eq!(decode.excerpt, "OK, done");
}
both_clients!(a_200_that_is_not_json_is_a_decode_error_quoting_the_body);

async fn an_empty_200_says_the_body_is_empty(flavor: Flavor) {
    let err = decode_failure(flavor, response(200, "application/json", b"")).await;
    let decode = decode_error(&err);
    assert_eq!(
        (decode.path.as_str(), decode.message.as_str()),
        ("", "the body is empty")
    );
    assert_eq!(
        err.to_string(),
        "cannot decode Stripe's response (HTTP 200): the body is empty [request id: req_fault]; body starts with: \"\""
    );
}
both_clients!(an_empty_200_says_the_body_is_empty);

/// The path names the missing field itself, at the top level and nested.
async fn a_200_missing_a_required_field_names_that_field(flavor: Flavor) {
    let mut top = configuration_json();
    top.as_object_mut().unwrap().remove("livemode");
    let mut nested = configuration_json();
    nested["features"]["invoice_history"]
        .as_object_mut()
        .unwrap()
        .remove("enabled");
    for (json, path, field) in [
        (top, "livemode", "livemode"),
        (nested, "features.invoice_history.enabled", "enabled"),
    ] {
        let err = decode_failure(
            flavor,
            response(200, "application/json", json.to_string().as_bytes()),
        )
        .await;
        let decode = decode_error(&err);
        assert_eq!(decode.path, path);
        assert!(
            decode
                .message
                .starts_with(&format!("missing field `{field}` at line 1")),
            "{}",
            decode.message
        );
        assert!(
            err.to_string()
                .contains(&format!(" at `{path}`: missing field")),
            "{err}"
        );
    }
}
both_clients!(a_200_missing_a_required_field_names_that_field);

/// A proxy's HTML error page on a 502: retried like any 5xx, then reported as what it is.
async fn an_html_502_is_retried_then_quoted(flavor: Flavor) {
    let page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server = Server::start(move |_, _| Answer::Bytes(response(502, "text/html", page))).await;
    let err = client(flavor, &server, 2)
        .send(deactivate())
        .await
        .unwrap_err();
    let decode = decode_error(&err);
    assert_eq!(decode.status, 502);
    assert!(
        decode
            .message
            .starts_with("the error response is not Stripe's error object"),
        "{}",
        decode.message
    );
    assert_eq!(decode.excerpt.as_bytes(), page);
    assert_one_logical_write(&server.received());
    assert_eq!(server.received().len(), 3);
}
both_clients!(an_html_502_is_retried_then_quoted);
