//! Rule "credentials are not shown": a response's `secret` and `*_secret` strings are readable
//! but never printed by `Debug`.

use super::*;
use rule_specs::secret_fields::{params::CreateThingParams, resources::Thing};

#[test]
fn debug_shows_that_a_secret_is_there_but_not_what_it_is() {
    let thing: Thing = from_json(json!({
        "client_secret": "pi_123_secret_abc",
        "id": "th_1",
        "secret": "whsec_abcdef",
        "secretary": "Ms. Moneypenny",
    }));
    assert_eq!(thing.secret.as_deref(), Some("whsec_abcdef"), "readable");
    assert_eq!(thing.client_secret, Some("pi_123_secret_abc".into()));
    let debug = format!("{thing:?} {thing:#?}");
    assert!(!debug.contains("whsec_abcdef"), "{debug}");
    assert!(!debug.contains("secret_abc"), "{debug}");
    assert!(debug.contains(r#"secret: Some(<redacted>)"#), "{debug}");
    assert!(
        debug.contains(r#"client_secret: Some(<redacted>)"#),
        "{debug}"
    );
    assert!(debug.contains("Ms. Moneypenny"), "not a secret: {debug}");
    let thing: Thing = from_json(json!({"id": "th_1", "client_secret": null}));
    assert!(format!("{thing:?}").contains("secret: None"));
}

#[test]
fn request_fields_are_what_the_caller_wrote_and_print_as_usual() {
    let params = CreateThingParams {
        secret: Some("mine".into()),
    };
    assert!(format!("{params:?}").contains("mine"));
}
