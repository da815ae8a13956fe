//! The errors of webhook verification and reading: why a signature was refused, where a
//! verified body fails to read as an event, and the union of both.
//!
//! None of them holds a secret: the verifier keeps only keyed HMAC states, and the errors
//! carry timestamps, JSON paths and serde's messages about the body.

use std::fmt;

/// Why a `Stripe-Signature` header does not verify a body, in the order Stripe's SDKs check.
///
/// Every kind means "do not trust this request": answer it with 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureError {
    /// The header is empty (or was absent and passed as `""`), or has no timestamp `t` that
    /// reads as an integer, or an item `t` or `v1` without `=`.
    MalformedHeader,
    /// The header has no signature of scheme `v1` (only `v0`, or unknown schemes).
    NoV1Signature,
    /// No `v1` signature is the HMAC of this body with any of the secrets: the body is not the
    /// raw body as sent (re-serialized, re-encoded, trimmed), the secret is another endpoint's
    /// (or empty), or the request is forged.
    NoMatch,
    /// The signature matches but was made longer ago than the tolerance allows (a replay, or a
    /// clock far off).
    TooOld {
        /// The header's `t` (Unix seconds).
        timestamp: i64,
        /// The verifier's clock (Unix seconds).
        now: i64,
        /// The tolerance, in whole seconds.
        tolerance_secs: u64,
    },
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::MalformedHeader => f.write_str(
                "unable to extract timestamp and signatures from the Stripe-Signature header",
            ),
            SignatureError::NoV1Signature => {
                f.write_str("no signatures found with expected scheme v1")
            }
            SignatureError::NoMatch => f.write_str(
                "no signatures found matching the expected signature for the payload \
                 (is it the raw body, unchanged, and the endpoint's secret?)",
            ),
            SignatureError::TooOld {
                timestamp,
                now,
                tolerance_secs,
            } => {
                // i128: `now - timestamp` of any two i64 values fits.
                let age = i128::from(*now) - i128::from(*timestamp);
                write!(
                    f,
                    "timestamp outside the tolerance zone: signed at {timestamp}, {age} s \
                     before now, tolerance {tolerance_secs} s"
                )
            }
        }
    }
}

impl std::error::Error for SignatureError {}

/// A body whose signature verified (or that was verified elsewhere) but that does not read as
/// a Stripe event: where in the JSON, and serde's message.
///
/// The body came from Stripe, so this is not an attack but a mismatch between what the
/// endpoint sends and what this crate reads (an endpoint pinned to another API version, a
/// field Stripe changed); log it, with the event's id if the body has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    path: String,
    message: String,
    line: usize,
    column: usize,
}

impl EventError {
    pub(super) fn new(path: String, error: &serde_json::Error) -> Self {
        let message = error.to_string();
        // A typed object is read after the event, so serde names the event: take the field.
        let path = crate::runtime::events::object_path(&path, &message).unwrap_or(path);
        EventError {
            path,
            message,
            line: error.line(),
            column: error.column(),
        }
    }

    /// The JSON path of the value that does not read, such as `request.idempotency_key`, `id`
    /// or, in a typed object, `data.object.features.invoice_history.enabled` (`?` stands for a
    /// map key that does not read); `.` for the body as a whole (not JSON, trailing
    /// characters).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// serde's message (it ends with the line and column).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line (from 1) of the body where reading stopped; 0 when serde did not say.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1) of the body where reading stopped; 0 when serde did not say.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the body is not a readable Stripe event: at `{}`: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for EventError {}

/// What [`Verifier::construct_event`](super::Verifier::construct_event) refuses: a signature
/// that does not verify, or a verified body that does not read as an event.
///
/// `Display` and `source` are the inner error's (the variant says which stage failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookError {
    /// The request is not proven to come from Stripe: answer 400.
    Signature(SignatureError),
    /// The request is from Stripe but its body does not read as an event.
    Event(EventError),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::Signature(e) => e.fmt(f),
            WebhookError::Event(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Signature(e) => e.source(),
            WebhookError::Event(e) => e.source(),
        }
    }
}

impl From<SignatureError> for WebhookError {
    fn from(e: SignatureError) -> Self {
        WebhookError::Signature(e)
    }
}

impl From<EventError> for WebhookError {
    fn from(e: EventError) -> Self {
        WebhookError::Event(e)
    }
}
