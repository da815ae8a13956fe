//! The clients' `tracing` spans (feature `tracing`), captured by a small subscriber: one per
//! request with its outcome, one per attempt under it, and never the secret key.

use super::*;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[derive(Debug, Clone)]
struct Span {
    name: &'static str,
    parent: Option<u64>,
    fields: BTreeMap<String, String>,
}

/// Every span (and event, as a span without a parent) made while it is the default.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Span>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        let mut spans = self.0.lock().unwrap();
        spans.push(Span {
            name: attributes.metadata().name(),
            parent: attributes.parent().map(Id::into_u64),
            fields,
        });
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.0.lock().unwrap();
        let span = &mut spans[span.into_u64() as usize - 1];
        values.record(&mut Fields(&mut span.fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Span {
            name: event.metadata().name(),
            parent: None,
            fields,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// `request` sent by `client` with a capturing subscriber as the default of the thread that
/// sends it; what it answered, and the spans.
async fn send_captured<T>(
    client: &AnyClient,
    request: stripe_billing_portal::runtime::Request<T>,
) -> (Result<T, Error>, Vec<Span>)
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    let capture = Capture::default();
    let result = match client {
        AnyClient::Async(client) => {
            let _default = tracing::subscriber::set_default(capture.clone());
            client.send(request).await
        }
        AnyClient::Blocking(client) => {
            let (client, capture) = (client.clone(), capture.clone());
            tokio::task::spawn_blocking(move || {
                tracing::subscriber::with_default(capture, || client.send(request))
            })
            .await
            .unwrap()
        }
    };
    let spans = capture.0.lock().unwrap().clone();
    (result, spans)
}

async fn a_request_and_its_attempts_have_spans_without_the_key(flavor: Flavor) {
    let server = ok_after_a_503().await;
    let (result, all) = send_captured(&client(flavor, &server, 1), deactivate("bpc_123")).await;

    result.unwrap();
    let ids_of = |name: &str| -> Vec<u64> {
        (1..)
            .zip(&all)
            .filter(|(_, span)| span.name == name)
            .map(|(id, _)| id)
            .collect()
    };
    let requests = ids_of("stripe.request");
    assert_eq!(requests.len(), 1, "{all:#?}");
    let request = &all[requests[0] as usize - 1].fields;
    assert_eq!(request["method"], "POST");
    assert_eq!(request["path"], format!("{CONFIGURATIONS}/bpc_123"));
    assert_eq!(request["status"], "200");
    assert_eq!(request["attempts"], "2");
    assert_eq!(request["request_id"], "req_ok");
    assert!(request["duration_ms"].parse::<u64>().is_ok(), "{request:?}");

    let attempts: Vec<&Span> = ids_of("stripe.attempt")
        .into_iter()
        .map(|id| &all[id as usize - 1])
        .collect();
    assert_eq!(attempts.len(), 2, "{all:#?}");
    for (number, (span, status)) in (1..).zip(attempts.iter().zip(["503", "200"])) {
        assert_eq!(span.parent, Some(requests[0]), "under the request's span");
        assert_eq!(span.fields["attempt"], number.to_string());
        assert_eq!(span.fields["status"], status);
    }

    for span in &all {
        for (name, value) in &span.fields {
            assert!(!value.contains(KEY), "the key in {}.{name}", span.name);
            assert!(
                !value.contains("features["),
                "a body in {}.{name}",
                span.name
            );
        }
    }
}
both_clients!(a_request_and_its_attempts_have_spans_without_the_key);

async fn a_failed_request_records_its_status_and_request_id(flavor: Flavor) {
    let server = MockServer::start().await;
    always(
        &server,
        json_response(
            400,
            stripe_error("invalid_request_error", "No such configuration"),
        )
        .insert_header("Request-Id", "req_400"),
    )
    .await;
    let (result, all) = send_captured(&client(flavor, &server, 2), retrieve("bpc_123")).await;

    result.unwrap_err();
    let request = all
        .iter()
        .find(|span| span.name == "stripe.request")
        .expect("a request span");
    assert_eq!(request.fields["method"], "GET");
    assert_eq!(request.fields["status"], "400");
    assert_eq!(request.fields["attempts"], "1", "a 400 is not retried");
    assert_eq!(request.fields["request_id"], "req_400");
}
both_clients!(a_failed_request_records_its_status_and_request_id);
