//! What the client tests share (`client.rs`, `faults.rs`): Stripe's example objects, and
//! checks on errors.

use portal_tests::shared_dir;
use serde_json::Value;
use stripe_billing_portal::{DecodeError, Error, TransportError};

/// `resources[name]` of the pinned release's `fixtures3.json`, read at test time.
pub fn fixture(name: &str) -> Value {
    let file = shared_dir().join("v524/fixtures3.json");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let all: Value = serde_json::from_str(&text).unwrap();
    let object = all["resources"][name].clone();
    assert!(
        object.is_object(),
        "{}: no resources[{name:?}]",
        file.display()
    );
    object
}

pub fn configuration_json() -> Value {
    fixture("billing_portal.configuration")
}

pub fn session_json() -> Value {
    fixture("billing_portal.session")
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
