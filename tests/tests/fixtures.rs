//! Stripe's own example objects (`fixtures3.json`) decode into the generated types and encode
//! back to the same JSON.

use portal_tests::{shared_dir, v127};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use stripe_billing_portal::resources as v524;

fn fixtures(release: &str) -> serde_json::Map<String, Value> {
    let path = shared_dir().join(release).join("fixtures3.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut all: Value = serde_json::from_str(&text).unwrap();
    let Value::Object(resources) = all["resources"].take() else {
        panic!("{}: no `resources` object", path.display());
    };
    resources
}

/// The `billing_portal.*` objects of a fixtures file; the test fails on an object it does not
/// know, so a new resource in a new release cannot go untested.
fn billing_portal_objects(release: &str) -> Vec<(String, Value)> {
    let objects: Vec<(String, Value)> = fixtures(release)
        .into_iter()
        .filter(|(name, _)| name.starts_with("billing_portal."))
        .collect();
    assert!(!objects.is_empty(), "{release}: no billing_portal fixtures");
    objects
}

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, json: &Value) -> T {
    let value: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{name} does not decode: {e}"));
    let back = serde_json::to_value(&value).unwrap();
    assert_eq!(&back, json, "{name} does not encode back to the same JSON");
    value
}

#[test]
fn v524_fixtures_round_trip_through_the_generated_crate() {
    for (name, json) in billing_portal_objects("v524") {
        match name.as_str() {
            "billing_portal.configuration" => {
                let config: v524::BillingPortalConfiguration = round_trip(&name, &json);
                assert_eq!(config.id, "bpc_1NnmXIGPxmnHQRkJ2qMAG5xu");
                assert_eq!(config.metadata, Some(None), "metadata is present as null");
                assert_eq!(config.features.subscription_update.products, None, "absent");
                assert_eq!(
                    config.features.subscription_cancel.mode,
                    v524::PortalSubscriptionCancelMode::AtPeriodEnd
                );
            }
            "billing_portal.session" => {
                let session: v524::BillingPortalSession = round_trip(&name, &json);
                assert_eq!(session.configuration.id(), "bpc_1NnmXIGPxmnHQRkJTnfrwbzC");
                assert_eq!(session.locale, Some(None), "present as null");
                assert_eq!(session.flow, Some(None), "present as null");
            }
            other => panic!("v524 fixture `{other}` has no test: add it here"),
        }
    }
}

#[test]
fn v127_fixtures_round_trip_through_types_generated_from_v127() {
    for (name, json) in billing_portal_objects("v127") {
        match name.as_str() {
            "billing_portal.configuration" => {
                let config: v127::resources::BillingPortalConfiguration = round_trip(&name, &json);
                assert!(config.is_default);
            }
            "billing_portal.session" => {
                let session: v127::resources::BillingPortalSession = round_trip(&name, &json);
                assert_eq!(session.customer, "cus_LTOMaDA1ov9ZEp");
            }
            other => panic!("v127 fixture `{other}` has no test: add it here"),
        }
    }
}

/// A crate generated from an older spec still decodes what a newer API version sends: new
/// fields are ignored and new enum values are kept.
#[test]
fn v127_types_decode_v524_responses() {
    for (name, json) in billing_portal_objects("v524") {
        let decoded = match name.as_str() {
            "billing_portal.configuration" => {
                serde_json::from_value::<v127::resources::BillingPortalConfiguration>(json)
                    .map(drop)
            }
            "billing_portal.session" => {
                serde_json::from_value::<v127::resources::BillingPortalSession>(json).map(drop)
            }
            other => panic!("v524 fixture `{other}` has no test: add it here"),
        };
        decoded.unwrap_or_else(|e| panic!("v127 types reject v524's {name}: {e}"));
    }
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let mut json = fixtures("v524")["billing_portal.session"].clone();
    json["locale"] = Value::from("tlh-KLINGON");
    let session: v524::BillingPortalSession = round_trip("session", &json);
    assert_eq!(
        session.locale,
        Some(Some(v524::BillingPortalSessionLocale::Unknown(
            "tlh-KLINGON".into()
        )))
    );
}

#[test]
fn an_expanded_configuration_decodes_inside_a_session() {
    let all = fixtures("v524");
    let mut session = all["billing_portal.session"].clone();
    session["configuration"] = all["billing_portal.configuration"].clone();
    let session: v524::BillingPortalSession = round_trip("expanded session", &session);
    let config = session.configuration.as_object().expect("expanded");
    assert_eq!(config.id, "bpc_1NnmXIGPxmnHQRkJ2qMAG5xu");
    assert_eq!(session.configuration.id(), config.id);
}
