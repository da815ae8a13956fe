//! Names that collide: enum values, properties, components, titles, operation names and ids
//! whose Rust names would be the same, and a type that collides with the runtime's `HasId`.

use super::*;

#[test]
pub(crate) fn enum_values_collide() {
    // `en-AU` and `en_AU` would both be `EnAu`: both are spelled out, `en` keeps its name.
    let out = generates("enum_values_collide.json");
    out.assert_contains(&[
        "En,",
        "EnMinusAu,",
        "EnUnderscoreAu,",
        r#""en-AU" => Self::EnMinusAu,"#,
        r#""en_AU" => Self::EnUnderscoreAu,"#,
    ]);
    snapshot("enum_values_collide.json", &out.outline());
}

#[test]
pub(crate) fn property_names_collide() {
    // `fooBar` and `foo_bar` would both be `foo_bar`: the one whose name has punctuation says it.
    let out = generates("property_names_collide.json");
    out.assert_contains(&[
        r#"#[serde(rename = "fooBar""#,
        "pub foo_bar: Option<String>,",
        r#"#[serde(rename = "foo_bar""#,
        "pub foo_underscore_bar: Option<String>,",
    ]);
    snapshot("property_names_collide.json", &out.outline());
}

#[test]
pub(crate) fn component_names_collide() {
    rejected(
        "component_names_collide.json",
        "at #/components/schemas/foo_bar:",
    );
}

/// A component named like an operation's parameters struct: not a collision, since
/// parameters and resources live in different modules (names are unique per role).
#[test]
pub(crate) fn component_collides_with_params() {
    let out = generates("component_collides_with_params.json");
    assert!(
        out.file("params.rs")
            .contains("pub struct CreateSessionParams ")
    );
    assert!(
        out.file("resources.rs")
            .contains("pub struct CreateSessionParams ")
    );
}

/// Two inline objects titled `Link`, and one titled like the component `session`: the inline
/// ones take their fallback names.
#[test]
pub(crate) fn titles_collide() {
    let out = generates("titles_collide.json");
    out.assert_contains(&[
        "pub struct SessionLogin",
        "pub struct SessionLogout",
        "pub struct SessionHome",
        "pub struct Session ",
    ]);
    assert!(!out.code().contains("pub struct Link"));
    snapshot("titles_collide.json", &out.outline());
}

/// `POST /sessions` and `POST /session` are both `create_session` by the path rule, the two GETs
/// both `retrieve_session`: all four fall back to their operationIds.
#[test]
pub(crate) fn operation_names_collide() {
    let out = generates("operation_names_collide.json");
    let operations = out.file("operations.rs");
    for name in [
        "post_sessions",
        "post_session",
        "get_sessions_session",
        "get_session_id",
    ] {
        assert!(
            operations.contains(&format!("pub fn {name}(")),
            "no {name}:\n{operations}"
        );
    }
    assert!(!operations.contains("pub fn create_session("));
    assert!(!operations.contains("pub fn retrieve_session("));
    snapshot("operation_names_collide.json", &out.outline());
}

/// Two operations with the same operationId whose path-rule names collide too.
#[test]
pub(crate) fn operation_ids_collide() {
    let message = error_of("operation_ids_collide.json");
    assert!(message.contains("post_sessions"), "{message}");
    assert!(
        message.contains("#/paths/~1v1~1billing_portal~1sessions/post"),
        "{message}"
    );
    assert!(
        message.contains("#/paths/~1v1~1billing_portal~1session/post"),
        "{message}"
    );
}

/// A component whose Rust name is the runtime trait the generated code imports.
#[test]
pub(crate) fn type_named_has_id() {
    let out = generates("type_named_has_id.json");
    let resources = out.file("resources.rs");
    assert!(!resources.contains("pub struct HasId "), "{resources}");
}
