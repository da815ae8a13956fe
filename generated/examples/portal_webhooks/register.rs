//! `--register URL`: creates the webhook endpoint through the crate's own operation, with the
//! portal's event types and the crate's API version, and prints its signing secret (Stripe
//! returns it once, at creation).

use std::process::ExitCode;
use stripe_billing_portal::client::Client;
use stripe_billing_portal::params::{CreateWebhookEndpointParams, WebhookEndpointEnabledEvents};
use stripe_billing_portal::resources::EventDataObject;
use stripe_billing_portal::runtime::Clearable;
use stripe_billing_portal::{API_VERSION, operations};

/// What a customer does in the portal, as other resources' events: subscriptions changed or
/// cancelled, payment methods and billing details updated, tax ids edited.
const FOLLOW_UPS: &[&str] = &[
    "customer.subscription.deleted",
    "customer.subscription.updated",
    "customer.tax_id.created",
    "customer.tax_id.deleted",
    "customer.tax_id.updated",
    "customer.updated",
    "payment_method.attached",
    "payment_method.detached",
];

pub async fn run(url: &str) -> ExitCode {
    let Ok(key) = std::env::var("STRIPE_SECRET_KEY") else {
        eprintln!("set STRIPE_SECRET_KEY to your Stripe secret key");
        return ExitCode::from(2);
    };
    let mut builder = Client::builder(key);
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        builder = builder.base_url(base);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // The portal's own event types are the ones the crate types (from the spec, not a list here).
    let names = EventDataObject::TYPED_EVENTS.iter().chain(FOLLOW_UPS);
    let events: Result<Vec<WebhookEndpointEnabledEvents>, _> = names
        .map(|name| serde_json::from_value(serde_json::Value::from(*name)))
        .collect();
    let (events, api_version) = match (events, serde_json::from_value(API_VERSION.into())) {
        (Ok(events), Ok(version)) => (events, version),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: this API version does not take the event types: {e}");
            return ExitCode::FAILURE;
        }
    };
    let count = events.len();
    let params = CreateWebhookEndpointParams {
        // Events are rendered in the version this crate reads.
        api_version: Some(api_version),
        description: Some(Clearable::Set("Customer Portal events".into())),
        ..CreateWebhookEndpointParams::new(events, url)
    };
    match client
        .send(operations::create_webhook_endpoint(&params))
        .await
    {
        Ok(endpoint) => {
            println!(
                "registered {} for {count} event types at {}",
                endpoint.id, endpoint.url
            );
            match endpoint.secret.as_deref() {
                // Shown this once, on purpose: store it as STRIPE_WEBHOOK_SECRET.
                Some(secret) => println!("signing secret: {secret}"),
                None => println!("Stripe returned no signing secret"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
