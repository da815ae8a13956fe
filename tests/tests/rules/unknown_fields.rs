//! Rule "unknown fields": parameters refuse a property they do not have, naming it (so a
//! misspelt field in a config file is never dropped silently); responses skip it (a newer API
//! version adds fields).

use super::*;
use rule_specs::emptyable_string::params::CreateThingParams;
use rule_specs::nullable_ref::resources::Thing;

#[test]
fn params_refuse_a_field_they_do_not_have() {
    let err = serde_json::from_value::<CreateThingParams>(json!({"name": "W", "nmae": "W"}))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("unknown field `nmae`, expected one of"),
        "{err}"
    );
    let err = stripe_billing_portal::runtime::read_params::<CreateThingParams, _>(json!({
        "name": "W", "nmae": "W"
    }))
    .unwrap_err();
    assert_eq!((err.path(), err.suggestion()), ("nmae", Some("name")));
}

#[test]
fn responses_skip_a_field_they_do_not_have() {
    let thing: Thing = from_json(json!({
        "after_completion": {"name": "a"},
        "flow": null,
        "id": "th_1",
        "login_page": {"name": "l"},
        "return_url": null,
        "added_in_a_newer_version": {"x": 1}
    }));
    assert_eq!(thing.id, "th_1");
}
