//! Stripe's fixtures of the *pinned* release (`tests/data/<tag>/fixtures.json`) round-trip
//! through the generated crate, whatever that release is. CI also runs this after regenerating
//! from other releases (v127, v524) in scratch copies of the workspace, so it only uses types
//! every release has.

use portal_tests::{pin, pinned_fixtures, written_back};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use stripe_billing_portal::resources::{
    BillingPortalConfiguration, BillingPortalSession, DeletedWebhookEndpoint, Event,
    WebhookEndpoint,
};

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, json: &Value) {
    let value: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{name} does not decode: {e}"));
    let back = serde_json::to_value(&value).unwrap();
    if let Err(difference) = written_back(&back, json) {
        panic!("{name} does not encode back to the same JSON: {difference}");
    }
}

#[test]
fn pinned_release_fixtures_round_trip_through_the_generated_crate() {
    let release = pin().release().to_owned();
    let resources = pinned_fixtures();
    let mut tested = 0;
    for (name, json) in &resources {
        match name.as_str() {
            "billing_portal.configuration" => round_trip::<BillingPortalConfiguration>(name, json),
            "billing_portal.session" => round_trip::<BillingPortalSession>(name, json),
            "event" => round_trip::<Event>(name, json),
            "webhook_endpoint" => round_trip::<WebhookEndpoint>(name, json),
            "deleted_webhook_endpoint" => round_trip::<DeletedWebhookEndpoint>(name, json),
            other => {
                panic!("{release}: fixture `{other}` has no test: add it here")
            }
        }
        tested += 1;
    }
    assert_eq!(
        tested, 5,
        "{release}: the portal's, events' and webhook endpoints' fixtures"
    );
}
