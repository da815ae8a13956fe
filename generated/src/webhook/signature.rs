//! The signature itself: HMAC-SHA256 of `"{t}.{raw body}"` keyed by the endpoint secret's
//! UTF-8 bytes, as lowercase hex, compared in constant time; and [`sign`], which makes a
//! header for tests.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// The length of a `v1` signature: 32 bytes of HMAC-SHA256, as hex.
const HEX_LEN: usize = 64;

/// One endpoint secret, kept only as its keyed HMAC state (never as the secret text), so that
/// nothing the verifier holds can print it and each verification skips the key setup.
#[derive(Clone)]
pub(super) struct Key {
    /// `None` for the empty secret, which never verifies: both SDKs refuse it ("No webhook
    /// secret value was provided"), and a header signed with the empty key must not pass
    /// a verifier built from an unset environment variable.
    mac: Option<HmacSha256>,
}

impl Key {
    pub(super) fn new(secret: &str) -> Self {
        let mac = if secret.is_empty() {
            None
        } else {
            // HMAC takes a key of any length: this never fails.
            HmacSha256::new_from_slice(secret.as_bytes()).ok()
        };
        Key { mac }
    }

    /// The expected `v1` for this body and timestamp, or `None` for the empty secret.
    pub(super) fn expected(&self, timestamp: i64, payload: &[u8]) -> Option<[u8; HEX_LEN]> {
        let mac = self.mac.clone()?;
        Some(finish(mac, timestamp, payload))
    }
}

/// Whether `candidate` (a `v1` value as it appears in the header) is `expected`, in time that
/// does not depend on where they differ. Uppercase hex does not match, as in the SDKs, which
/// compare the strings.
pub(super) fn matches(expected: &[u8; HEX_LEN], candidate: &[u8]) -> bool {
    // Unequal lengths return false at once: the length of a signature is no secret.
    expected.as_slice().ct_eq(candidate).into()
}

fn finish(mut mac: HmacSha256, timestamp: i64, payload: &[u8]) -> [u8; HEX_LEN] {
    let mut digits = [0u8; 20];
    mac.update(format_i64(timestamp, &mut digits));
    mac.update(b".");
    mac.update(payload);
    hex_lower(&mac.finalize().into_bytes())
}

/// The decimal form of `value` (what Python's `"%d"` prints), written into `buf`.
fn format_i64(value: i64, buf: &mut [u8; 20]) -> &[u8] {
    // 19 digits and a sign fit in 20 bytes.
    let mut n = value.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

fn hex_lower(bytes: &[u8]) -> [u8; HEX_LEN] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; HEX_LEN];
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    out
}

/// A valid `Stripe-Signature` header value for `payload`, signed with `secret` at `timestamp`
/// (Unix seconds): `t={timestamp},v1={hex}`, the same bytes as stripe-python's
/// `WebhookSignature.generate_signature_header` and stripe-node's
/// `webhooks.generateTestHeaderString`.
///
/// For your own tests of a webhook handler: sign a body, send it with this header. The empty
/// secret signs too (with the empty key), but no [`Verifier`](super::Verifier) accepts it.
///
/// ```
/// use stripe_billing_portal::webhook::{Verifier, sign};
///
/// let header = sign(r#"{"id": "evt_1"}"#, "whsec_test", 1_780_000_000);
/// assert!(header.starts_with("t=1780000000,v1="));
/// assert!(Verifier::new("whsec_test").verify_at(r#"{"id": "evt_1"}"#, &header, 1_780_000_000).is_ok());
/// ```
pub fn sign(payload: impl AsRef<[u8]>, secret: &str, timestamp: i64) -> String {
    // Any key length is accepted, the empty one included.
    let hex = match HmacSha256::new_from_slice(secret.as_bytes()) {
        Ok(mac) => finish(mac, timestamp, payload.as_ref()),
        Err(_) => [b'0'; HEX_LEN],
    };
    let hex = std::str::from_utf8(&hex).unwrap_or_default();
    format!("t={timestamp},v1={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_timestamps() {
        let mut buf = [0u8; 20];
        for value in [0, 1, -1, 9, 10, -100, 1_780_000_090, i64::MAX, i64::MIN] {
            assert_eq!(format_i64(value, &mut buf), value.to_string().as_bytes());
        }
    }

    #[test]
    fn hmac_sha256_rfc4231_case_2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        let mut mac = HmacSha256::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            &hex_lower(&mac.finalize().into_bytes()),
            b"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn sign_matches_the_message_layout() {
        // "{t}.{payload}" keyed by the secret.
        let mut mac = HmacSha256::new_from_slice(b"whsec_x").unwrap();
        mac.update(b"-5.body");
        let hex = hex_lower(&mac.finalize().into_bytes());
        assert_eq!(
            sign("body", "whsec_x", -5),
            format!("t=-5,v1={}", std::str::from_utf8(&hex).unwrap())
        );
    }

    #[test]
    fn compare() {
        let expected = Key::new("whsec_x").expected(1, b"body").unwrap();
        assert!(matches(&expected, &expected));
        assert!(!matches(&expected, &expected.to_ascii_uppercase()));
        assert!(!matches(&expected, &expected[..63]));
        assert!(!matches(&expected, b""));
        assert!(Key::new("").expected(1, b"body").is_none());
    }
}
