//! Stripe's own example objects (`fixtures3.json`, the objects the selection types committed
//! in `tests/data/`) decode into the generated types and encode back to the same JSON: the pinned
//! release's through the generated crate, older releases' through types generated from those
//! releases; and older types read what newer API versions send, as far as they can.

use portal_tests::{fixtures, v127, v524, written_back};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use stripe_billing_portal::resources as pinned;

/// The selected objects of a release's fixtures; the test fails on an object it does not know,
/// so a new resource in a new release cannot go untested.
fn selected_objects(release: &str) -> Vec<(String, Value)> {
    let objects: Vec<(String, Value)> = fixtures(release).into_iter().collect();
    assert!(!objects.is_empty(), "{release}: no fixtures");
    objects
}

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, json: &Value) -> T {
    let value: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{name} does not decode: {e}"));
    let back = serde_json::to_value(&value).unwrap();
    if let Err(difference) = written_back(&back, json) {
        panic!("{name} does not encode back to the same JSON: {difference}");
    }
    value
}

/// Decodes with the path of a failure, as the client reports it.
fn decode<T: DeserializeOwned>(json: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(json.clone())
        .map_err(|e| format!("{}: {}", e.path(), e.inner()))
}

#[test]
fn v2349_fixtures_round_trip_through_the_generated_crate() {
    for (name, json) in selected_objects("v2349") {
        match name.as_str() {
            "billing_portal.configuration" => {
                let config: pinned::BillingPortalConfiguration = round_trip(&name, &json);
                assert_eq!(config.id, "bpc_1Pgc70B7WZ01zgkWSnFO04Vt");
                assert_eq!(config.name, None, "name is present as null");
                let update = &config.features.subscription_update;
                assert_eq!(
                    update.trial_update_behavior,
                    pinned::PortalSubscriptionUpdateTrialUpdateBehavior::EndTrial
                );
                assert_eq!(
                    update.schedule_at_period_end.conditions[0].type_,
                    pinned::PortalResourceScheduleUpdateAtPeriodEndConditionType::DecreasingItemAmount
                );
            }
            "billing_portal.session" => {
                let session: pinned::BillingPortalSession = round_trip(&name, &json);
                assert_eq!(session.configuration.id(), "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX");
                assert_eq!(session.customer_account, None, "present as null");
                let debug = format!("{session:?}");
                assert!(
                    !debug.contains(&session.url),
                    "the login link is printed: {debug}"
                );
                assert!(debug.contains("url: <redacted>"), "{debug}");
                let flow = session.flow.expect("a flow");
                assert_eq!(
                    flow.kind.tag(),
                    pinned::PortalFlowsFlowType::SubscriptionUpdate
                );
            }
            "event" => {
                let event: pinned::Event = round_trip(&name, &json);
                assert_eq!(event.type_, "plan.created");
                assert_eq!(event.api_version, None, "present as null");
            }
            "webhook_endpoint" => {
                let endpoint: pinned::WebhookEndpoint = round_trip(&name, &json);
                assert_eq!(
                    endpoint.enabled_events,
                    ["charge.failed", "charge.succeeded"]
                );
                assert_eq!(endpoint.secret, None, "only returned at creation");
            }
            "deleted_webhook_endpoint" => {
                let deleted: pinned::DeletedWebhookEndpoint = round_trip(&name, &json);
                assert!(deleted.id.starts_with("we_"), "{}", deleted.id);
            }
            other => panic!("v2349 fixture `{other}` has no test: add it here"),
        }
    }
}

#[test]
fn v524_fixtures_round_trip_through_types_generated_from_v524() {
    for (name, json) in selected_objects("v524") {
        match name.as_str() {
            "billing_portal.configuration" => {
                let config: v524::resources::BillingPortalConfiguration = round_trip(&name, &json);
                assert_eq!(config.id, "bpc_1NnmXIGPxmnHQRkJ2qMAG5xu");
                assert_eq!(config.metadata, None, "metadata is present as null");
                assert!(!config.features.subscription_pause.enabled);
            }
            "billing_portal.session" => {
                let session: v524::resources::BillingPortalSession = round_trip(&name, &json);
                assert_eq!(session.configuration.id(), "bpc_1NnmXIGPxmnHQRkJTnfrwbzC");
                assert_eq!(session.flow, None, "present as null");
            }
            "event" => {
                let event: v524::resources::Event = round_trip(&name, &json);
                assert!(event.id.starts_with("evt_"), "{}", event.id);
            }
            "webhook_endpoint" => {
                let endpoint: v524::resources::WebhookEndpoint = round_trip(&name, &json);
                assert!(!endpoint.enabled_events.is_empty());
            }
            "deleted_webhook_endpoint" => {
                let _: v524::resources::DeletedWebhookEndpoint = round_trip(&name, &json);
            }
            other => panic!("v524 fixture `{other}` has no test: add it here"),
        }
    }
}

#[test]
fn v127_fixtures_round_trip_through_types_generated_from_v127() {
    for (name, json) in selected_objects("v127") {
        match name.as_str() {
            "billing_portal.configuration" => {
                let config: v127::resources::BillingPortalConfiguration = round_trip(&name, &json);
                assert!(config.is_default);
            }
            "billing_portal.session" => {
                let session: v127::resources::BillingPortalSession = round_trip(&name, &json);
                assert_eq!(session.customer, "cus_LTOMaDA1ov9ZEp");
            }
            "event" => {
                let event: v127::resources::Event = round_trip(&name, &json);
                assert!(event.id.starts_with("evt_"), "{}", event.id);
            }
            "webhook_endpoint" => {
                let endpoint: v127::resources::WebhookEndpoint = round_trip(&name, &json);
                assert!(!endpoint.enabled_events.is_empty());
            }
            "deleted_webhook_endpoint" => {
                let _: v127::resources::DeletedWebhookEndpoint = round_trip(&name, &json);
            }
            other => panic!("v127 fixture `{other}` has no test: add it here"),
        }
    }
}

/// A crate generated from an older spec still decodes what a newer API version sends: new
/// fields are ignored and new enum values are kept.
#[test]
fn older_types_decode_newer_sessions_and_v524s_configuration() {
    for release in ["v524", "v2349"] {
        let session = &fixtures(release)["billing_portal.session"];
        decode::<v127::resources::BillingPortalSession>(session)
            .unwrap_or_else(|e| panic!("v127 types reject {release}'s session: {e}"));
    }
    let session = &fixtures("v2349")["billing_portal.session"];
    let decoded: v524::resources::BillingPortalSession = decode(session).unwrap();
    let flow = decoded.flow.expect("the flow of v2349's session");
    assert!(
        matches!(
            flow.kind,
            v524::resources::PortalFlowsFlowKind::SubscriptionUpdate(Some(_))
        ),
        "{:?}",
        flow.kind
    );

    let config = &fixtures("v524")["billing_portal.configuration"];
    decode::<v127::resources::BillingPortalConfiguration>(config)
        .unwrap_or_else(|e| panic!("v127 types reject v524's configuration: {e}"));
}

/// Where a newer API version removed a field that an older release requires, the older types
/// refuse the object, and the error names the field's path.
#[test]
fn a_field_removed_since_an_older_release_is_named_by_its_path() {
    let config = &fixtures("v2349")["billing_portal.configuration"];
    let v524_err = decode::<v524::resources::BillingPortalConfiguration>(config).unwrap_err();
    let v127_err = decode::<v127::resources::BillingPortalConfiguration>(config).unwrap_err();
    for err in [v524_err, v127_err] {
        assert_eq!(
            err, "features: missing field `subscription_pause`",
            "the path of the object that lacks it, and the field"
        );
    }
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let mut json = fixtures("v2349")["billing_portal.session"].clone();
    json["locale"] = Value::from("tlh-KLINGON");
    let session: pinned::BillingPortalSession = round_trip("session", &json);
    assert_eq!(
        session.locale,
        Some(pinned::BillingPortalSessionLocale::Unknown(
            "tlh-KLINGON".into()
        ))
    );
}

#[test]
fn an_expanded_configuration_decodes_inside_a_session() {
    let all = fixtures("v2349");
    let mut session = all["billing_portal.session"].clone();
    session["configuration"] = all["billing_portal.configuration"].clone();
    let session: pinned::BillingPortalSession = round_trip("expanded session", &session);
    let config = session.configuration.as_object().expect("expanded");
    assert_eq!(config.id, "bpc_1Pgc70B7WZ01zgkWSnFO04Vt");
    assert_eq!(session.configuration.id(), config.id);
}
