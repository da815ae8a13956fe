//! Constructs kept as raw JSON (`allOf`, `oneOf` of objects, `not`, nesting too deep), and
//! component schemas that are refused.

use super::*;

#[test]
pub(crate) fn all_of_two_arms() {
    falls_back("all_of_two_arms.json", &format!("{SESSION}/flow"));
}

#[test]
pub(crate) fn one_of_two_objects() {
    falls_back("one_of_two_objects.json", &format!("{SESSION}/flow"));
}

#[test]
pub(crate) fn not_schema() {
    falls_back("not_schema.json", &format!("{SESSION}/flow"));
}

#[test]
pub(crate) fn object_with_any_of() {
    falls_back("object_with_any_of.json", &format!("{SESSION}/flow"));
}

#[test]
pub(crate) fn component_plain_string() {
    rejected(
        "component_plain_string.json",
        "at #/components/schemas/locale:",
    );
}

/// 45 single-arm `anyOf`s in one another: refused past 24 levels, where it used to overflow
/// the stack of an unoptimised build (fuzzing found it).
#[test]
pub(crate) fn nested_too_deep() {
    let message = rejected(
        "nested_too_deep.json",
        &format!(
            "at {SESSION}/flow{}: not supported: schemas nested more than 24 deep",
            "/anyOf/0".repeat(23)
        ),
    );
    assert!(!message.contains(&"/anyOf/0".repeat(24)), "{message}");
}

#[test]
pub(crate) fn component_array() {
    rejected("component_array.json", "at #/components/schemas/locales:");
}
