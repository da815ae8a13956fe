//! What the client tests share (`client/`, `faults/`, `examples.rs`): both clients behind one face,
//! Stripe's example objects of the pinned release, and checks on errors.

#![allow(dead_code)] // Each test binary uses a different part of this.

use portal_tests::pinned_fixture;
use serde_json::Value;
use stripe_billing_portal::{DecodeError, Error, TransportError};

/// The pinned release's example configuration.
pub fn configuration_json() -> Value {
    pinned_fixture("billing_portal.configuration")
}

/// `value` writes back as `original`, a nullable field `original` leaves out as `null`
/// ([`portal_tests::written_back`]).
#[track_caller]
pub fn assert_written_back(value: &impl serde::Serialize, original: &Value) {
    let back = serde_json::to_value(value).unwrap();
    if let Err(difference) = portal_tests::written_back(&back, original) {
        panic!("not written back as received: {difference}");
    }
}

/// The id of the pinned release's example configuration.
pub fn configuration_id() -> String {
    configuration_json()["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// The pinned release's example session.
pub fn session_json() -> Value {
    pinned_fixture("billing_portal.session")
}

/// `key` is in none of the error's texts: `Display`, `Debug`, and its sources'.
pub fn assert_key_hidden(err: &Error, key: &str) {
    let mut texts = vec![err.to_string(), format!("{err:?}")];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        texts.push(cause.to_string());
        texts.push(format!("{cause:?}"));
        source = cause.source();
    }
    for text in texts {
        assert!(!text.contains(key), "the secret key leaks: {text}");
    }
}

pub fn decode_error(err: &Error) -> &DecodeError {
    match err {
        Error::Decode(e) => e,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

pub fn transport_error(err: &Error) -> &TransportError {
    match err {
        Error::Transport(e) => e,
        other => panic!("expected Error::Transport, got {other:?}"),
    }
}

mod clients;
#[allow(unused_imports)] // `examples.rs` runs programs, not clients.
pub use clients::{AnyClient, Flavor, Settings};
