//! Specs of a version the generator does not read: Swagger 2.0, OpenAPI 3.1, none, a number.

use super::*;

#[test]
pub(crate) fn swagger_2_0() {
    let message = rejected("swagger_2_0.json", "at #/swagger:");
    assert!(message.contains("reads OpenAPI 3.0.x"), "{message}");
}

#[test]
pub(crate) fn openapi_3_1_0() {
    let message = rejected("openapi_3_1_0.json", "at #/openapi:");
    assert!(message.contains("reads OpenAPI 3.0.x"), "{message}");
}

#[test]
pub(crate) fn openapi_missing() {
    rejected("openapi_missing.json", "at #/openapi:");
}

#[test]
pub(crate) fn openapi_version_is_a_number() {
    let message = error_of("openapi_version_is_a_number.yaml");
    assert!(message.contains("at #/openapi: "), "{message}");
    assert!(!message.contains("is missing"), "{message}");
    assert!(message.contains("string"), "{message}");
    assert!(message.contains("number"), "{message}");
}
