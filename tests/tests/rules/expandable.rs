//! Rule "expandable".

use super::*;
use rule_specs::expandable::resources::{Configuration, Session};

#[test]
fn selected_target_decodes_id_or_object() {
    let s: Session =
        from_json(json!({"id": "s_1", "configuration": "conf_1", "customer": "cus_1"}));
    assert_eq!(s.configuration, Expandable::Id("conf_1".into()));
    assert_eq!(s.configuration.id(), "conf_1");
    assert_eq!(s.application, None);

    let s: Session = from_json(json!({"id": "s_1", "customer": "cus_1",
        "configuration": {"id": "conf_2", "active": true}}));
    let expected = Configuration {
        active: true,
        id: "conf_2".into(),
    };
    assert_eq!(s.configuration.as_object(), Some(&expected));
    assert_eq!(s.configuration.id(), "conf_2");
}

#[test]
fn expanded_object_must_match_its_type() {
    let err = serde_json::from_value::<Session>(json!({"id": "s_1", "customer": "cus_1",
        "configuration": {"id": "conf_2"}}))
    .unwrap_err();
    assert!(err.to_string().contains("missing field `active`"), "{err}");
}

#[test]
fn target_outside_the_selection_is_raw_json() {
    let customer = json!({"id": "cus_9", "email": "a@example.com"});
    let s: Session =
        from_json(json!({"id": "s_1", "configuration": "conf_1", "customer": customer}));
    assert_eq!(s.customer.id(), "cus_9");
    assert_eq!(s.customer.as_object(), Some(&customer));
    assert_eq!(to_json(&s)["customer"], customer);
}

#[test]
fn optional_nullable_expandable() {
    let base = json!({"id": "s_1", "configuration": "conf_1", "customer": "cus_1"});
    let with = |application: Value| {
        let mut value = base.clone();
        value["application"] = application;
        value
    };
    let s: Session = from_json(with(Value::Null));
    assert_eq!(s.application, None);
    assert_eq!(to_json(&s), with(Value::Null));
    let s: Session = from_json(with(json!("ca_1")));
    assert_eq!(s.application, Some(Expandable::Id("ca_1".into())));
    let s: Session = from_json(with(json!({"id": "ca_2", "deleted": true})));
    let application = s.application.clone().unwrap();
    assert_eq!(application.id(), "ca_2");
    assert_eq!(application.as_object().unwrap()["deleted"], true);
    assert_eq!(to_json(&s), with(json!({"id": "ca_2", "deleted": true})));
}
