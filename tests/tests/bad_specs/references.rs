//! `$ref`s that point nowhere, are not strings, point at a response, a path or another file,
//! run in a circle through required fields, or escape their names.

use super::*;

#[test]
pub(crate) fn ref_missing_schema() {
    rejected(
        "ref_missing_schema.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

/// `{"$ref": 5}` is no reference; it used to be read as an empty schema (any JSON).
#[test]
pub(crate) fn ref_not_a_string() {
    rejected("ref_not_a_string.json", &format!("at {SESSION}/flow/$ref:"));
}

#[test]
pub(crate) fn ref_to_response() {
    rejected(
        "ref_to_response.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

#[test]
pub(crate) fn ref_to_path() {
    rejected(
        "ref_to_path.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

#[test]
pub(crate) fn ref_external() {
    rejected(
        "ref_external.json",
        &format!("at {SESSION}/configuration/$ref:"),
    );
}

/// `session` holds itself (directly, through a single-arm `anyOf`, and through `edge`), `edge`
/// and `hop` hold each other, all through required fields: lowering terminates and boxes.
#[test]
pub(crate) fn ref_cycle_through_required() {
    let out = generates("ref_cycle_through_required.json");
    assert!(out.file("resources.rs").contains("Box<"));
    out.assert_contains(&[
        "pub parent: Box<Session>,",
        "pub wrapped_parent: Box<Session>,",
        "pub edge: Box<Edge>,",
        "pub to: Box<Session>,",
        "pub back: Box<Edge>,",
        "pub children: Vec<Session>,",
    ]);
    snapshot("ref_cycle_through_required.json", &out.outline());
}

/// A `$ref` is a JSON pointer: `~1` is `/` (RFC 6901), and the component `portal/link` exists.
#[test]
pub(crate) fn ref_escaped_name() {
    let out = generates("ref_escaped_name.json");
    out.assert_contains(&["pub struct PortalLink", "pub link: Option<PortalLink>,"]);
}
