//! What the service does with each verified event: the portal's own events are typed objects;
//! what the customer changed in the portal arrives as other resources' events, kept as JSON.

use stripe_billing_portal::API_VERSION;
use stripe_billing_portal::resources::{Event, EventDataObject};

/// Handles one event (here: says what happened, one line per event).
pub fn event(event: &Event) {
    let id = &event.id;
    // Events are rendered in the endpoint's API version; one the crate does not read may lack
    // fields it expects (register the endpoint with the crate's version: `--register`).
    let rendered = event.api_version.as_deref();
    if rendered.is_some_and(|v| v != API_VERSION) {
        println!("{id}: rendered in API version {rendered:?}, this build reads {API_VERSION}");
    }
    match &event.data.object {
        EventDataObject::BillingPortalSessionCreated(session) => {
            // Never log `session.url`: it signs the customer in without a password.
            println!(
                "{id}: portal session {} opened for {}",
                session.id, session.customer
            );
        }
        EventDataObject::BillingPortalConfigurationCreated(config) => {
            println!("{id}: portal configuration {} created", config.id);
        }
        EventDataObject::BillingPortalConfigurationUpdated(config) => {
            let was = match event.previous::<bool>("active") {
                Some(Ok(active)) => format!(" (active was {active}, is {})", config.active),
                _ => String::new(),
            };
            println!("{id}: portal configuration {} updated{was}", config.id);
        }
        // What the customer did in the portal: `customer.subscription.updated`, ...
        other => {
            let object_id = match other {
                EventDataObject::Other(object) => object.get("id").and_then(|v| v.as_str()),
                _ => None,
            };
            println!("{id}: {} {}", event.type_, object_id.unwrap_or("(no id)"));
        }
    }
}
