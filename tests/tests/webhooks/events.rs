//! The event bodies of `tests/data/webhooks/events/` read as events, with [`parse_event`] and
//! through [`Verifier::construct_event_at`] on the case that signs them; bodies that verify
//! but are not events fail as [`EventError`] (with the path), never as a signature error.
//!
//! Assertions on the event's object stay generic (the round trip through JSON): what the
//! object reads as is the generated code's business.

use super::{EVENT_FILES, case, cases, event_body};
use serde_json::Value;
use stripe_billing_portal::webhook::{
    EventError, SignatureError, Verifier, WebhookError, parse_event, sign,
};

const SECRET: &str = "whsec_test_secret_A";
const T: i64 = 1_780_000_090;

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the body is JSON")
}

fn event_error(result: Result<impl std::fmt::Debug, WebhookError>) -> EventError {
    match result {
        Err(WebhookError::Event(e)) => e,
        other => panic!("expected an EventError, got {other:?}"),
    }
}

#[test]
fn the_four_bodies_read_verified_or_not() {
    for (event_type, id) in EVENT_FILES {
        let body = event_body(event_type);
        let event = parse_event(&body).unwrap_or_else(|e| panic!("{event_type}: {e}"));
        assert_eq!(event.id, *id);
        assert_eq!(event.type_, *event_type);
        // Everything the body says survives reading (the event serializes back to it).
        let back = serde_json::to_value(&event).unwrap();
        if let Err(difference) = portal_tests::written_back(&back, &json(&body)) {
            panic!("{event_type}: {difference}");
        }

        // The case that delivers this body, signed with its secret.
        let delivery = cases()
            .iter()
            .find(|c| c.payload.as_bytes() == body.as_slice() && c.name.starts_with("valid"))
            .unwrap_or_else(|| panic!("no valid case delivers {event_type}"));
        let header = delivery.header.as_deref().unwrap();
        let verified = Verifier::new(delivery.secret.as_str())
            .construct_event_at(&body, header, delivery.now)
            .unwrap_or_else(|e| panic!("{}: {e}", delivery.name));
        assert_eq!(verified.id, *id);
        assert_eq!(verified.type_, *event_type);
        assert_eq!(
            serde_json::to_value(&verified).unwrap(),
            serde_json::to_value(&event).unwrap()
        );
    }
}

#[test]
fn a_non_ascii_body_reads_with_its_text() {
    let delivery = case("non_ascii_body");
    let event = Verifier::new(delivery.secret.as_str())
        .construct_event_at(
            &delivery.payload,
            delivery.header.as_deref().unwrap(),
            delivery.now,
        )
        .unwrap();
    assert_eq!(event.id, "evt_5");
    let value = serde_json::to_value(&event).unwrap();
    assert_eq!(
        value.pointer("/data/object/business_profile/headline"),
        Some(&Value::from("Café crème – 日本のお客様ポータル"))
    );
    portal_tests::written_back(&value, &json(delivery.payload.as_bytes())).unwrap();
}

#[test]
fn json_that_is_not_an_event_is_an_event_error_with_its_path() {
    let body = br#"{"id": 1}"#;
    let e = parse_event(body).unwrap_err();
    assert_eq!(e.path(), "id");
    assert_eq!((e.line(), e.column()), (1, 8));
    assert!(
        e.to_string()
            .starts_with("the body is not a readable Stripe event: at `id`: invalid type"),
        "{e}"
    );

    // Verified, then refused as an event: not a signature error.
    let header = sign(body, SECRET, T);
    let verifier = Verifier::new(SECRET);
    assert_eq!(verifier.verify_at(body, &header, T), Ok(()));
    let e = event_error(verifier.construct_event_at(body, &header, T));
    assert_eq!(e.path(), "id");

    // A field of the envelope several levels down, and one of the wrong type.
    let mut event = json(&event_body("billing_portal.session.created"));
    event["livemode"] = Value::from("yes");
    let e = parse_event(serde_json::to_vec(&event).unwrap()).unwrap_err();
    assert_eq!(e.path(), "livemode", "{e}");
    let mut event = json(&event_body("customer.subscription.updated"));
    event["request"]["idempotency_key"] = Value::from(5);
    let e = parse_event(serde_json::to_vec_pretty(&event).unwrap()).unwrap_err();
    assert_eq!(e.path(), "request.idempotency_key", "{e}");
    assert!(e.line() > 1, "{e:?}");
}

#[test]
fn a_typed_object_that_does_not_read_names_its_field() {
    let mut event = json(&event_body("billing_portal.configuration.updated"));
    event["data"]["object"]["features"]["invoice_history"]["enabled"] = Value::from("yes");
    let e = parse_event(serde_json::to_vec(&event).unwrap()).unwrap_err();
    // The object is read in a second step, after the event; the path is still the field's.
    assert_eq!(
        e.path(),
        "data.object.features.invoice_history.enabled",
        "{e:?}"
    );
    let text = e.to_string();
    assert!(
        text.contains("the object of a `billing_portal.configuration.updated` event"),
        "{text}"
    );
}

#[test]
fn a_body_that_is_not_json_has_a_position() {
    // serde_path_to_error writes `?` for a map key it could not read.
    for (body, path, line, column) in [
        (&b"not json"[..], ".", 1, 2),
        (b"{\n  \"id\": \"evt_1\",\n  oops", "?", 3, 3),
    ] {
        let e = parse_event(body).unwrap_err();
        assert_eq!(e.path(), path, "{e}");
        assert_eq!((e.line(), e.column()), (line, column), "{e}");
    }
    // Trailing bytes after the event.
    let mut body = event_body("customer.subscription.updated");
    body.extend_from_slice(b" x");
    let e = parse_event(&body).unwrap_err();
    assert!(e.message().starts_with("trailing characters"), "{e}");
    // Trailing whitespace is fine (but not for the signature: see `trailing_newline`).
    let mut body = event_body("customer.subscription.updated");
    body.push(b'\n');
    assert!(parse_event(&body).is_ok());

    // The empty body of `empty_payload` verifies (as in stripe-python), then is no event.
    let delivery = case("empty_payload");
    let e = event_error(Verifier::new(delivery.secret.as_str()).construct_event_at(
        &delivery.payload,
        delivery.header.as_deref().unwrap(),
        delivery.now,
    ));
    assert!(e.message().starts_with("EOF while parsing"), "{e}");
}

#[test]
fn the_signature_is_checked_before_the_body_is_read() {
    let verifier = Verifier::new(SECRET);
    let header = sign("something else", SECRET, T);
    for body in [&b"not json"[..], br#"{"id": 1}"#] {
        assert_eq!(
            verifier.construct_event_at(body, &header, T).unwrap_err(),
            WebhookError::Signature(SignatureError::NoMatch)
        );
    }
    // A good event body that was tampered with: a signature error, not an event.
    let delivery = case("tampered_body");
    let error = Verifier::new(delivery.secret.as_str())
        .construct_event_at(
            &delivery.payload,
            delivery.header.as_deref().unwrap(),
            delivery.now,
        )
        .unwrap_err();
    assert_eq!(error, WebhookError::Signature(SignatureError::NoMatch));
    assert!(
        parse_event(&delivery.payload).is_ok(),
        "it is an event, unverified"
    );

    // The two kinds convert and print as themselves.
    let from_signature: WebhookError = SignatureError::NoV1Signature.into();
    assert_eq!(
        from_signature.to_string(),
        SignatureError::NoV1Signature.to_string()
    );
    let event = parse_event("[]").unwrap_err();
    let from_event: WebhookError = event.clone().into();
    assert_eq!(from_event.to_string(), event.to_string());
    assert!(matches!(from_event, WebhookError::Event(_)));
}

#[test]
fn construct_event_with_the_system_clock() {
    let body = event_body("customer.subscription.updated");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let header = sign(&body, SECRET, now);
    let event = Verifier::new(SECRET)
        .construct_event(&body, &header)
        .unwrap();
    assert_eq!(event.id, "evt_4");
    // The cases' headers were signed at 1780000090 (May 2026): too old by now, unless the
    // clock is earlier (a timestamp in the future passes).
    let delivery = case("valid");
    let result =
        Verifier::new(SECRET).verify(&delivery.payload, delivery.header.as_deref().unwrap());
    if now - T > 300 {
        assert!(
            matches!(result, Err(SignatureError::TooOld { timestamp: T, .. })),
            "{result:?}"
        );
    } else {
        assert_eq!(result, Ok(()));
    }
}
