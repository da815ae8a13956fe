//! Rule "keyword fields".

use super::*;
use rule_specs::keyword_fields::params::CreateThingParams;
use rule_specs::keyword_fields::resources::Thing;

#[test]
fn request_fields_use_wire_names() {
    let mut params = CreateThingParams::new("card");
    assert_eq!(to_json(&params), json!({"type": "card"}));
    params.v3d_secure = Some(true);
    params.foo_bar = Some(7);
    params.match_ = Some("exact".into());
    params.self_ = Some("me".into());
    assert_eq!(
        to_json(&params),
        json!({"3d_secure": true, "fooBar": 7, "match": "exact", "self": "me", "type": "card"})
    );
}

#[test]
fn response_fields_read_wire_names() {
    let value = json!({"3d_secure": false, "id": "th_1", "match": "m", "self": "s", "type": "t", "fooBar": -1});
    let t: Thing = from_json(value.clone());
    assert!(!t.v3d_secure);
    assert_eq!(t.type_, "t");
    assert_eq!(t.self_.as_deref(), Some("s"));
    assert_eq!(t.match_.as_deref(), Some("m"));
    assert_eq!(t.foo_bar, Some(-1));
    assert_eq!(to_json(&t), value);
    // The Rust names are not accepted on the wire.
    let err = serde_json::from_value::<Thing>(json!({"3d_secure": true, "id": "x", "type_": "t"}));
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("missing field `type`")
    );
}
