//! Properties of the verifier over generated inputs: any header bytes, body and clock give an
//! answer, never a panic; what `sign` makes verifies within the tolerance; one changed byte of
//! the body or of the signature fails; a header signed with several secrets passes for each;
//! no `Debug` or `Display` output contains a secret.

use proptest::collection::vec;
use proptest::prelude::*;
use std::time::Duration;
use stripe_billing_portal::webhook::{SignatureError, Verifier, WebhookError, parse_event, sign};

/// Header values: arbitrary bytes, or items that look like a real header's.
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    let item = prop_oneof![
        "t=[ +-]?[0-9_]{0,21}[ .]?[0-9a-z]{0,2}",
        "v1=[0-9a-fA-F]{0,66}(=[a-z]{0,3})?",
        "v0=[0-9a-f]{0,64}",
        "[tv01 ]{0,3}",
        "[a-z]{0,3}=[^,]{0,8}",
        ".{0,12}",
    ];
    prop_oneof![
        vec(any::<u8>(), 0..300),
        vec(item, 0..12).prop_map(|items| items.join(",").into_bytes()),
    ]
}

fn secret() -> impl Strategy<Value = String> {
    "whsec_[A-Za-z0-9]{8,32}"
}

/// The `v1` value of a header made by `sign`.
fn signature_of(header: &str) -> &str {
    header
        .split_once(",v1=")
        .expect("sign makes `t=..,v1=..`")
        .1
}

proptest! {
    #[test]
    fn any_input_is_an_answer_never_a_panic(
        header in header_bytes(),
        body in vec(any::<u8>(), 0..300),
        now in any::<i64>(),
        tolerance in proptest::option::of(any::<u64>()),
        secrets in vec(".{0,12}", 0..3),
    ) {
        let verifier = Verifier::with_secrets(secrets);
        let verifier = match tolerance {
            Some(secs) => verifier.tolerance(Duration::from_secs(secs)),
            None => verifier.without_tolerance(),
        };
        let result = verifier.verify_at(&body, &header, now);
        let _ = result.map_err(|e| e.to_string());
        let _ = verifier.construct_event_at(&body, &header, now);
        let _ = parse_event(&body).map_err(|e| e.to_string());
        let _ = parse_event(&header);
    }

    #[test]
    fn what_sign_makes_verifies_within_the_tolerance(
        body in vec(any::<u8>(), 0..500),
        secret in ".{1,40}",
        timestamp in (i64::MIN + 300)..(i64::MAX - 300),
        age in 0i64..=300,
        future in any::<bool>(),
    ) {
        let header = sign(&body, &secret, timestamp);
        let prefix = format!("t={timestamp},v1=");
        prop_assert!(header.starts_with(&prefix));
        let signature = signature_of(&header);
        prop_assert_eq!(signature.len(), 64);
        prop_assert!(signature.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
        let now = if future { timestamp - age } else { timestamp + age };
        let verifier = Verifier::new(secret.as_str());
        prop_assert_eq!(verifier.verify_at(&body, &header, now), Ok(()));
        // One second more is too old (the edge itself passes).
        prop_assert_eq!(
            verifier.verify_at(&body, &header, timestamp + 301),
            Err(SignatureError::TooOld { timestamp, now: timestamp + 301, tolerance_secs: 300 })
        );
    }

    #[test]
    fn one_changed_byte_of_the_body_fails(
        body in vec(any::<u8>(), 1..500),
        secret in secret(),
        index in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let header = sign(&body, &secret, 1_780_000_090);
        let mut changed = body.clone();
        changed[index.index(body.len())] ^= flip;
        prop_assert_eq!(
            Verifier::new(secret.as_str()).verify_at(&changed, &header, 1_780_000_100),
            Err(SignatureError::NoMatch)
        );
    }

    #[test]
    fn one_changed_byte_of_the_signature_fails(
        body in vec(any::<u8>(), 0..200),
        secret in secret(),
        index in 0usize..64,
        flip in 1u8..=255,
    ) {
        let header = sign(&body, &secret, 1_780_000_090);
        let start = header.len() - 64;
        let mut changed = header.into_bytes();
        changed[start + index] ^= flip;
        // Whatever the byte becomes (another digit, uppercase, `,`, `=`, non-ASCII), no v1
        // matches.
        prop_assert_eq!(
            Verifier::new(secret.as_str()).verify_at(&body, &changed, 1_780_000_100),
            Err(SignatureError::NoMatch)
        );
    }

    #[test]
    fn a_header_signed_with_several_secrets_passes_for_each(
        body in vec(any::<u8>(), 0..200),
        secrets in proptest::collection::btree_set(secret(), 2..5),
        other in secret(),
    ) {
        prop_assume!(!secrets.contains(&other));
        let t = 1_780_000_090;
        let header = secrets.iter().fold(format!("t={t}"), |mut header, secret| {
            header.push_str(",v1=");
            header.push_str(signature_of(&sign(&body, secret, t)));
            header
        });
        for secret in &secrets {
            prop_assert_eq!(Verifier::new(secret.as_str()).verify_at(&body, &header, t), Ok(()));
            let rolled = Verifier::with_secrets([other.as_str(), secret.as_str()]);
            prop_assert_eq!(rolled.verify_at(&body, &header, t), Ok(()));
        }
        prop_assert_eq!(
            Verifier::new(other.as_str()).verify_at(&body, &header, t),
            Err(SignatureError::NoMatch)
        );
    }

    #[test]
    fn no_output_contains_a_secret(
        secret in secret(),
        second in secret(),
        header in header_bytes(),
        now in any::<i64>(),
    ) {
        let body = br#"{"id": 1}"#;
        let verifiers = [
            Verifier::new(secret.as_str()),
            Verifier::with_secrets([secret.as_str(), second.as_str()]),
            Verifier::new(secret.as_str()).without_tolerance(),
        ];
        let mut outputs = Vec::new();
        for verifier in &verifiers {
            outputs.push(format!("{verifier:?}"));
            // Every kind of outcome: malformed, no v1, no match, too old, not an event.
            let headers = [
                header.clone(),
                sign(body, &secret, 1_000).into_bytes(),
                sign(body, &secret, now).into_bytes(),
                sign(body, "whsec_wrong", now).into_bytes(),
                b"t=1,v0=00".to_vec(),
            ];
            for header in &headers {
                match verifier.construct_event_at(body, header, now) {
                    Ok(event) => outputs.push(format!("{event:?}")),
                    Err(e) => {
                        outputs.push(format!("{e:?}"));
                        outputs.push(e.to_string());
                        if let WebhookError::Signature(inner) = &e {
                            outputs.push(format!("{inner:?} {inner}"));
                        }
                    }
                }
            }
        }
        for output in outputs {
            prop_assert!(!output.contains(&secret), "{output}");
            prop_assert!(!output.contains(&second), "{output}");
            prop_assert!(!output.contains("whsec_wrong"), "{output}");
        }
    }
}

#[test]
fn debug_of_a_verifier_counts_its_secrets() {
    let verifier = Verifier::with_secrets(["whsec_one", "whsec_two", "whsec_three"]);
    assert_eq!(
        format!("{verifier:?}"),
        "Verifier { secrets: 3, tolerance: Some(300s) }"
    );
    let verifier = verifier.tolerance(Duration::from_secs(60));
    assert_eq!(
        format!("{verifier:#?}"),
        "Verifier {\n    secrets: 3,\n    tolerance: Some(\n        60s,\n    ),\n}"
    );
}
