//! Verifying Stripe's webhook signatures (`Stripe-Signature`) and reading the event they sign,
//! sans-IO: bytes in, an [`Event`] or an error out, with any HTTP server.
//!
//! # Verify, then read
//!
//! Stripe signs every delivery to a webhook endpoint with the endpoint's signing secret
//! (`whsec_...`, on the endpoint's page in the Dashboard). A [`Verifier`] holds that secret;
//! [`Verifier::construct_event`] checks the `Stripe-Signature` header against the **raw**
//! request body and then reads the body as an [`Event`]:
//!
//! ```
//! use stripe_billing_portal::webhook::{self, Verifier, WebhookError};
//!
//! let verifier = Verifier::new("whsec_test_secret");
//! // What arrives: the body's bytes and the header (made here with `sign`, as in a test).
//! let body = br#"{
//!   "id": "evt_123",
//!   "object": "event",
//!   "api_version": "2026-07-29.dahlia",
//!   "created": 1780000000,
//!   "data": {"object": {"id": "cus_123", "object": "customer"}},
//!   "livemode": false,
//!   "pending_webhooks": 1,
//!   "request": {"id": null, "idempotency_key": null},
//!   "type": "customer.updated"
//! }"#;
//! let header = webhook::sign(body, "whsec_test_secret", 1_780_000_000);
//!
//! // `construct_event` reads the clock; `_at` takes it, for tests.
//! let event = verifier.construct_event_at(body, &header, 1_780_000_060)?;
//! assert_eq!((event.id.as_str(), event.type_.as_str()), ("evt_123", "customer.updated"));
//!
//! // One changed byte, and it is refused.
//! let tampered = String::from_utf8_lossy(body).replace("false", "true ");
//! let error = verifier.construct_event_at(tampered, &header, 1_780_000_060).unwrap_err();
//! assert!(matches!(error, WebhookError::Signature(webhook::SignatureError::NoMatch)));
//! # Ok::<(), WebhookError>(())
//! ```
//!
//! [`Verifier::verify`] only checks the signature; [`parse_event`] only reads (for a body
//! verified elsewhere, such as by a gateway, or read back from your own queue: it never
//! verifies).
//!
//! # The raw body
//!
//! The signature is over the body's bytes exactly as Stripe sent them: pass them unchanged.
//! A body parsed and serialized again (other spacing, key order, escapes) does not verify, nor
//! does one with a newline added or its encoding changed. In axum, take the body as `Bytes`
//! (or `String`), never as `Json<...>`, and the header from the `HeaderMap`; an absent header
//! is passed as `""` (it fails as [`SignatureError::MalformedHeader`]) or answered 400 by the
//! caller:
//!
//! ```ignore
//! async fn stripe_webhook(
//!     State(verifier): State<Verifier>,
//!     headers: HeaderMap,
//!     body: Bytes,
//! ) -> StatusCode {
//!     let signature = headers
//!         .get(webhook::SIGNATURE_HEADER)
//!         .map_or(&b""[..], |value| value.as_bytes());
//!     match verifier.construct_event(&body, signature) {
//!         // Stripe delivers at least once, in any order: dedupe by `event.id`, answer 2xx
//!         // within seconds and do slow work after answering.
//!         Ok(event) => StatusCode::OK,
//!         Err(error) => StatusCode::BAD_REQUEST,
//!     }
//! }
//! ```
//!
//! # Errors
//!
//! - [`SignatureError`]: the request is not proven to come from Stripe (or the body was
//!   changed, or the secret is another endpoint's): answer **400** and do nothing else.
//!   Stripe never sends such a request, so it is noise, an attack or a misconfiguration;
//!   [`SignatureError::NoMatch`] on every delivery usually means a re-serialized body or the
//!   wrong secret.
//! - [`EventError`]: the signature verified, so Stripe sent it, but the body does not read as
//!   an event (an endpoint pinned to an API version whose objects differ). Log it with its
//!   [path](EventError::path). Any non-2xx answer (the `portal_webhooks` example answers
//!   **500**) makes Stripe retry the delivery for up to three days, so a fixed deployment
//!   still receives it; answering 2xx drops it.
//! - [`WebhookError`] is either, from [`Verifier::construct_event`].
//!
//! No error, and no `Debug` output of a [`Verifier`], contains a secret: the verifier keeps
//! only keyed HMAC states and prints how many secrets it has.
//!
//! # Secret rolling and several endpoints
//!
//! When an endpoint's secret is rolled, Stripe signs with the old and the new secret for up to
//! 24 hours, sending two `v1` signatures in one header; a header passes when **any** `v1`
//! matches, so a verifier with either secret keeps working through the roll. To switch
//! without downtime, give the verifier both: [`Verifier::with_secrets`] passes when any
//! secret verifies any `v1`. The same serves one handler behind several endpoints (such as
//! a test-mode and a live-mode endpoint).
//!
//! # Tolerance
//!
//! The header's `t` is when Stripe signed. A signature made more than the tolerance ago is
//! refused ([`SignatureError::TooOld`]) after the signature itself is checked, to bound
//! replays: [`DEFAULT_TOLERANCE`] (300 s, as in Stripe's SDKs) unless set with
//! [`Verifier::tolerance`] (in whole seconds: a fraction is dropped). An age of exactly the
//! tolerance passes, and a `t` in the future passes (only the age is bounded, as in the
//! SDKs). [`Verifier::without_tolerance`] disables the check, which is what a tolerance of 0
//! does in the SDKs; here `tolerance(Duration::ZERO)` means what it says (only `t >= now`
//! passes).
//!
//! # Testing your handler
//!
//! [`sign`] makes a valid header for any body, secret and timestamp: the same header as
//! stripe-python's `generate_signature_header` and stripe-node's `generateTestHeaderString`.
//!
//! # Exactly Stripe's rules
//!
//! The header is read and checked as Stripe's SDKs do (stripe-python 16.1.0, stripe-node
//! 23.2.0; `tests/data/webhooks/cases.json` holds each SDK's verdict on 61 cases, and the tests
//! check all but the two with a negative tolerance, which cannot be written here):
//!
//! - items split on `,`; an item's key is the text before its first `=`, its value the text
//!   up to the next `=` (`v1=<sig>=extra` passes); keys are neither trimmed nor case-folded
//!   (`, v1=` is key ` v1`; `T=` is not `t`);
//! - the signed message is `"{t}.{raw body}"` with `t` in decimal, HMAC-SHA256 keyed by the
//!   secret's UTF-8 bytes (used as given, `whsec_` prefix included), as lowercase hex;
//! - a header passes when any `v1` equals the expected hex, compared in constant time;
//!   uppercase hex fails (the SDKs compare strings); `v0` and unknown schemes are ignored;
//! - failures in the SDKs' order: the header (empty, or no readable `t`) →
//!   [`MalformedHeader`](SignatureError::MalformedHeader); no `v1` →
//!   [`NoV1Signature`](SignatureError::NoV1Signature); no `v1` matches →
//!   [`NoMatch`](SignatureError::NoMatch); too old → [`TooOld`](SignatureError::TooOld).
//!
//! Where the SDKs disagree, this module follows stripe-python, the stricter reader:
//!
//! - **`t` must be an integer** as Python's `int()` reads it: surrounding ASCII spaces, a
//!   `+` or `-`, leading zeros and `_` between digits are fine (`t= +0_1780000090`); `t=`,
//!   `t=abc` and `t=1780000090.5` are malformed (stripe-node's `parseInt` reads the last as
//!   `1780000090`, and the first two as `NaN`, whose signature it accepts with no age
//!   check). `t=-1` is an ordinary timestamp (stripe-node reads it as "no timestamp").
//! - **Duplicate `t`**: the first counts (stripe-node: the last).
//! - **An empty `v1=`** is a signature that matches nothing (passes beside a good one);
//!   a bare `v1` or `t` item without `=` makes the header malformed (stripe-node throws a
//!   non-signature error for both).
//! - **An empty body** verifies when its signature does (stripe-node refuses it first); it
//!   then fails to read as an event.
//! - **A negative tolerance** (stripe-python refuses every `t` not in the future,
//!   stripe-node disables the check) cannot be written: the tolerance is a `Duration`.
//!
//! And where stripe-python itself has no better answer, this module is stricter or says so:
//!
//! - a `v1` value with a non-ASCII byte fails the verification if it comes before any
//!   match (stripe-python's compare raises `TypeError` there, stripe-node throws wherever it
//!   is);
//! - a `t` outside `i64`, or written with non-ASCII digits or spaces (which Python's `int()`
//!   reads), is malformed;
//! - the empty secret never verifies (both SDKs refuse it with "No webhook secret value was
//!   provided"; here it is [`NoMatch`](SignatureError::NoMatch), so that a verifier built from
//!   an unset variable refuses everything);
//! - the body is taken as bytes and signed as they are, even when not UTF-8 (as stripe-node
//!   does with a `Buffer`);
//! - no input panics: any header bytes, any body, any clock.
//!
//! [`Event`]: crate::resources::Event

mod error;
mod header;
mod signature;

pub use error::{EventError, SignatureError, WebhookError};
pub use signature::sign;

use crate::resources::Event;
use signature::Key;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The name of the HTTP header that carries the signature.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// How old a signature may be by default: 300 s, as in Stripe's SDKs.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Verifies webhook deliveries with one or several endpoint secrets; see the [module
/// docs](self).
///
/// Cheap to clone and to share; `Debug` prints how many secrets it has, never one.
#[derive(Clone)]
pub struct Verifier {
    keys: Vec<Key>,
    /// `None`: no age check.
    tolerance_secs: Option<u64>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secrets", &self.keys.len())
            .field("tolerance", &self.tolerance_secs.map(Duration::from_secs))
            .finish()
    }
}

impl Verifier {
    /// A verifier for one endpoint secret (`whsec_...`, used as given: its UTF-8 bytes are
    /// the HMAC key, as in the SDKs), with [`DEFAULT_TOLERANCE`]. The empty secret never
    /// verifies.
    pub fn new(secret: impl Into<String>) -> Self {
        Self::with_secrets([secret])
    }

    /// A verifier that passes when any of `secrets` verifies: the old and new secret during a
    /// roll, or several endpoints'. With no secrets (or only empty ones), nothing verifies.
    pub fn with_secrets(secrets: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let keys = secrets
            .into_iter()
            .map(|secret| Key::new(&secret.into()))
            .collect();
        Verifier {
            keys,
            tolerance_secs: Some(DEFAULT_TOLERANCE.as_secs()),
        }
    }

    /// How old a signature may be, in whole seconds (a fraction is dropped); default
    /// [`DEFAULT_TOLERANCE`]. `Duration::ZERO` accepts only `t >= now`; to disable the check
    /// (the SDKs' tolerance 0), use [`without_tolerance`](Self::without_tolerance).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance_secs = Some(tolerance.as_secs());
        self
    }

    /// Disables the age check: a valid signature passes however old (what a tolerance of 0
    /// does in Stripe's SDKs). For replaying stored deliveries, not for live traffic.
    pub fn without_tolerance(mut self) -> Self {
        self.tolerance_secs = None;
        self
    }

    /// Checks that `header` (the `Stripe-Signature` value, `""` if absent) signs `payload`
    /// (the raw body), with the system clock as now.
    pub fn verify(
        &self,
        payload: impl AsRef<[u8]>,
        header: impl AsRef<[u8]>,
    ) -> Result<(), SignatureError> {
        self.verify_at(payload, header, unix_now())
    }

    /// [`verify`](Self::verify) with the clock given: `now` in Unix seconds.
    pub fn verify_at(
        &self,
        payload: impl AsRef<[u8]>,
        header: impl AsRef<[u8]>,
        now: i64,
    ) -> Result<(), SignatureError> {
        let header = header::parse(header.as_ref())?;
        if header.v1.is_empty() {
            return Err(SignatureError::NoV1Signature);
        }
        let payload = payload.as_ref();
        // stripe-python compares the `v1` values in order and raises at the first one that is
        // not ASCII: only those before it can match.
        let comparable = header
            .v1
            .iter()
            .position(|value| !value.is_ascii())
            .unwrap_or(header.v1.len());
        let candidates = &header.v1[..comparable];
        let matched = self
            .keys
            .iter()
            .filter_map(|key| key.expected(header.timestamp, payload))
            .any(|expected| {
                candidates
                    .iter()
                    .any(|candidate| signature::matches(&expected, candidate))
            });
        if !matched {
            return Err(SignatureError::NoMatch);
        }
        if let Some(tolerance_secs) = self.tolerance_secs
            && i128::from(now) - i128::from(header.timestamp) > i128::from(tolerance_secs)
        {
            return Err(SignatureError::TooOld {
                timestamp: header.timestamp,
                now,
                tolerance_secs,
            });
        }
        Ok(())
    }

    /// Verifies (as [`verify`](Self::verify)), then reads the body as an [`Event`] (as
    /// [`parse_event`]).
    pub fn construct_event(
        &self,
        payload: impl AsRef<[u8]>,
        header: impl AsRef<[u8]>,
    ) -> Result<Event, WebhookError> {
        self.construct_event_at(payload, header, unix_now())
    }

    /// [`construct_event`](Self::construct_event) with the clock given: `now` in Unix seconds.
    pub fn construct_event_at(
        &self,
        payload: impl AsRef<[u8]>,
        header: impl AsRef<[u8]>,
        now: i64,
    ) -> Result<Event, WebhookError> {
        let payload = payload.as_ref();
        self.verify_at(payload, header, now)?;
        Ok(parse_event(payload)?)
    }
}

/// Reads a webhook body as an [`Event`], **without verifying it**: for a body whose signature
/// was checked elsewhere (or one read back from your own storage). The error names the JSON
/// path that does not read.
pub fn parse_event(payload: impl AsRef<[u8]>) -> Result<Event, EventError> {
    let payload = payload.as_ref();
    // The common case without tracking the path (which costs on every field); a body that
    // does not read is read again to find where.
    if let Ok(event) = serde_json::from_slice(payload) {
        return Ok(event);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(payload);
    let event = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| EventError::new(e.path().to_string(), e.inner()))?;
    deserializer
        .end()
        .map_err(|e| EventError::new(".".to_owned(), &e))?;
    Ok(event)
}

/// The system clock in whole Unix seconds (floored, as stripe-node does).
fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"id": "evt_1"}"#;
    const T: i64 = 1_780_000_090;

    #[test]
    fn order_of_checks() {
        let v = Verifier::new("whsec_a");
        let good = sign(BODY, "whsec_a", T);
        assert_eq!(v.verify_at(BODY, &good, T + 300), Ok(()));
        assert_eq!(
            v.verify_at(BODY, &good, T + 301),
            Err(SignatureError::TooOld {
                timestamp: T,
                now: T + 301,
                tolerance_secs: 300
            })
        );
        // A wrong signature is reported before the age.
        let other = sign(BODY, "whsec_b", T);
        assert_eq!(
            v.verify_at(BODY, &other, T + 10_000),
            Err(SignatureError::NoMatch)
        );
        assert_eq!(
            v.verify_at(BODY, format!("t={T},v0=00"), T + 10_000),
            Err(SignatureError::NoV1Signature)
        );
        assert_eq!(
            v.verify_at(BODY, "v0=00", T),
            Err(SignatureError::MalformedHeader)
        );
    }

    #[test]
    fn non_ascii_signature_stops_the_search() {
        let v = Verifier::new("whsec_a");
        let good = sign(BODY, "whsec_a", T);
        let sig = good.split_once(",v1=").unwrap().1;
        assert_eq!(
            v.verify_at(BODY, format!("t={T},v1={sig},v1=\u{e9}"), T),
            Ok(())
        );
        assert_eq!(
            v.verify_at(BODY, format!("t={T},v1=\u{e9},v1={sig}"), T),
            Err(SignatureError::NoMatch)
        );
        assert_eq!(
            v.verify_at(BODY, format!("t={T},v1=\u{e9}"), T),
            Err(SignatureError::NoMatch)
        );
    }

    #[test]
    fn tolerance_settings() {
        let good = sign(BODY, "whsec_a", T);
        let v = Verifier::new("whsec_a");
        assert_eq!(
            v.clone()
                .without_tolerance()
                .verify_at(BODY, &good, i64::MAX),
            Ok(())
        );
        let zero = v.clone().tolerance(Duration::ZERO);
        assert_eq!(zero.verify_at(BODY, &good, T), Ok(()));
        assert!(zero.verify_at(BODY, &good, T + 1).is_err());
        let fraction = v.clone().tolerance(Duration::from_millis(1999));
        assert_eq!(fraction.verify_at(BODY, &good, T + 1), Ok(()));
        assert!(fraction.verify_at(BODY, &good, T + 2).is_err());
        // Extremes do not overflow.
        let max = v.tolerance(Duration::MAX);
        assert_eq!(max.verify_at(BODY, &good, i64::MAX), Ok(()));
        let old = sign(BODY, "whsec_a", i64::MIN);
        let e = Verifier::new("whsec_a")
            .verify_at(BODY, &old, i64::MAX)
            .unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("{} s before now", u64::MAX)),
            "{e}"
        );
    }

    #[test]
    fn empty_and_no_secrets_never_verify() {
        let header = sign(BODY, "", T);
        assert_eq!(
            Verifier::new("").verify_at(BODY, &header, T),
            Err(SignatureError::NoMatch)
        );
        let none: [&str; 0] = [];
        assert_eq!(
            Verifier::with_secrets(none).verify_at(BODY, &header, T),
            Err(SignatureError::NoMatch)
        );
    }

    #[test]
    fn debug_shows_no_secret() {
        let v = Verifier::with_secrets(["whsec_one", "whsec_two"]);
        let debug = format!("{v:?}");
        assert_eq!(debug, "Verifier { secrets: 2, tolerance: Some(300s) }");
        assert_eq!(
            format!("{:?}", v.without_tolerance()),
            "Verifier { secrets: 2, tolerance: None }"
        );
    }

    #[test]
    fn the_clock_reads() {
        assert!(unix_now() > 1_700_000_000);
    }
}
