//! Stripe's fixtures of the *pinned* release round-trip through the generated crate,
//! whatever that release is. CI also runs this after regenerating from another release
//! (v127) in a scratch copy of the workspace, so it only uses types every release has.

use portal_tests::{shared_dir, workspace_root};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use stripe_billing_portal::resources::{BillingPortalConfiguration, BillingPortalSession};

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, json: &Value) {
    let value: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{name} does not decode: {e}"));
    assert_eq!(
        &serde_json::to_value(&value).unwrap(),
        json,
        "{name} does not encode back to the same JSON"
    );
}

#[test]
fn pinned_release_fixtures_round_trip_through_the_generated_crate() {
    let pin = spec::Pin::load(&workspace_root().join("spec/pinned.toml")).unwrap();
    let path = shared_dir().join(&pin.tag).join("fixtures3.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let fixtures: Value = serde_json::from_str(&text).unwrap();
    let resources = fixtures["resources"]
        .as_object()
        .expect("a resources object");
    let mut tested = 0;
    for (name, json) in resources {
        match name.as_str() {
            "billing_portal.configuration" => round_trip::<BillingPortalConfiguration>(name, json),
            "billing_portal.session" => round_trip::<BillingPortalSession>(name, json),
            other if other.starts_with("billing_portal.") => {
                panic!("{}: fixture `{other}` has no test: add it here", pin.tag)
            }
            _ => continue,
        }
        tested += 1;
    }
    assert_eq!(tested, 2, "{}: both billing_portal fixtures", pin.tag);
}
