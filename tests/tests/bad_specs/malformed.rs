//! Malformed structure: members of the wrong JSON type or missing, path parameters that do not
//! match the template, and what the generator does not take (JSON bodies, header parameters,
//! PUT), each named by its pointer.

use super::*;

const SESSIONS_POST: &str = "#/paths/~1v1~1billing_portal~1sessions/post";
const SESSION_GET: &str = "#/paths/~1v1~1billing_portal~1sessions~1{session}/get";

/// A wrong member (`type: [string, null]`) 22 schemas deep: the error points at it, and comes
/// at once. It used to point at the outermost schema and take time doubling with each level
/// (`openapiv3` parses a failing schema again to word its error); fuzzing found it.
#[test]
pub(crate) fn deep_wrong_member() {
    rejected(
        "deep_wrong_member.json",
        &format!("at {SESSION}/flow{}/type:", "/anyOf/0".repeat(22)),
    );
}

/// Response headers nested in media type encodings 15 deep, the innermost with a wrong member:
/// the generator does not read response headers (nor links, callbacks, encodings, examples),
/// so this generates. Parsing them used to take time doubling with each level (fuzzing found
/// it), to fail pointing at `responses` only.
#[test]
pub(crate) fn response_headers_nested() {
    let out = generates("response_headers_nested.json");
    out.assert_contains(&["pub flow: Option<String>,"]);
}

#[test]
pub(crate) fn paths_not_object() {
    rejected("paths_not_object.json", "at #/paths:");
}

#[test]
pub(crate) fn operation_is_string() {
    rejected("operation_is_string.json", &format!("at {SESSIONS_POST}:"));
}

#[test]
pub(crate) fn info_version_missing() {
    rejected("info_version_missing.json", "at #/info/version:");
}

#[test]
pub(crate) fn path_param_undeclared() {
    rejected(
        "path_param_undeclared.json",
        &format!("at {SESSION_GET}/parameters:"),
    );
}

#[test]
pub(crate) fn path_param_not_in_template() {
    rejected(
        "path_param_not_in_template.json",
        &format!("at {SESSION_GET}/parameters:"),
    );
}

#[test]
pub(crate) fn json_request_body() {
    rejected(
        "json_request_body.json",
        &format!("at {SESSIONS_POST}/requestBody/content:"),
    );
}

#[test]
pub(crate) fn header_parameter() {
    rejected(
        "header_parameter.json",
        &format!("at {SESSION_GET}/parameters/1:"),
    );
}

/// A property whose schema is the string `"string"` instead of `{"type": "string"}`.
#[test]
pub(crate) fn schema_is_a_string() {
    let message = error_of("schema_is_a_string.json");
    assert!(
        message.contains(&format!("at {SESSION}/url: ")),
        "{message}"
    );
}

/// A path item that is a string: its operations must not vanish without a word.
#[test]
pub(crate) fn path_item_is_string() {
    let message = error_of("path_item_is_string.json");
    assert!(
        message.contains("at #/paths/~1v1~1billing_portal~1sessions: "),
        "{message}"
    );
}

/// A `put` operation under the selected prefix: Stripe has none, but dropping one silently
/// loses an endpoint.
#[test]
pub(crate) fn put_operation() {
    let message = error_of("put_operation.json");
    assert!(
        message.contains("#/paths/~1v1~1billing_portal~1sessions~1{session}/put: "),
        "{message}"
    );
}

/// `parameters` on the path item (OpenAPI 3.0 lets operations inherit them).
#[test]
pub(crate) fn path_item_parameters() {
    let out = generates("path_item_parameters.json");
    assert!(
        out.file("operations.rs")
            .contains("pub fn retrieve_session(session: &str)"),
        "{}",
        out.file("operations.rs")
    );
}
