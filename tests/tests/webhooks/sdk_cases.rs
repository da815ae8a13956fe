//! Every case of `cases.json` against the verdicts Stripe's SDKs recorded: the crate's verdict
//! (ok, or which [`SignatureError`]) is stripe-python's, and stripe-node's where the two SDKs
//! agree. The cases where they disagree, and the cases the crate cannot express, are listed
//! here by name with the reason, and the test checks that the lists are exactly those.

use super::{Case, Verdict, case, cases};
use std::collections::BTreeSet;
use std::time::Duration;
use stripe_billing_portal::webhook::{SignatureError, Verifier, sign};

/// Cases the crate cannot express, with the reason.
const SKIPPED: &[(&str, &str)] = &[
    (
        "tolerance_negative_old_timestamp",
        "a negative tolerance (-1 s) cannot be written: the tolerance is a Duration",
    ),
    (
        "tolerance_negative_fresh_timestamp",
        "a negative tolerance (-1 s) cannot be written: the tolerance is a Duration",
    ),
];

/// Checked cases where stripe-node's verdict differs from stripe-python's: the crate follows
/// stripe-python (see the `webhook` module docs).
const PYTHON_OVER_NODE: &[(&str, &str)] = &[
    (
        "empty_payload",
        "node refuses an empty body before verifying; python verifies it",
    ),
    ("t_empty", "python: `t=` is no integer; node: NaN, no match"),
    (
        "t_empty_signed_as_NaN",
        "python: `t=` is no integer; node: accepts a signature over \"NaN.{body}\"",
    ),
    (
        "t_abc",
        "python: `t=abc` is no integer; node: NaN, no match",
    ),
    (
        "t_abc_signed_as_NaN",
        "python: `t=abc` is no integer; node: accepts a signature over \"NaN.{body}\"",
    ),
    (
        "t_decimal",
        "python: `t=1.5` is no integer; node: parseInt gives 1, no match",
    ),
    (
        "t_decimal_fresh_signed_truncated",
        "python: `t=<n>.5` is no integer; node: parseInt gives <n>, whose signature it accepts",
    ),
    (
        "t_minus_one_tolerance_0",
        "python: -1 is a timestamp; node: -1 is its 'no timestamp' marker",
    ),
    (
        "duplicate_t_signed_with_first",
        "python uses the first `t`, node the last",
    ),
    (
        "duplicate_t_signed_with_second",
        "python uses the first `t`, node the last",
    ),
    (
        "v1_empty",
        "python: an empty v1 matches nothing; node throws a non-signature error",
    ),
    (
        "v1_empty_beside_valid",
        "python: an empty v1 matches nothing, the good one passes; node throws",
    ),
    (
        "key_without_equals",
        "python: a bare `v1` item is a malformed header; node throws a non-signature error",
    ),
    (
        "key_without_equals_beside_valid",
        "python: a bare `v1` item is a malformed header; node throws a non-signature error",
    ),
];

/// A verdict, as the crate's result or an SDK's recorded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ok,
    MalformedHeader,
    NoV1Signature,
    NoMatch,
    TooOld,
    /// An SDK failure that is no signature verdict (stripe-node's "No webhook payload was
    /// provided" and "secureCompare must receive two arguments").
    NotASignatureVerdict,
}

/// An SDK's verdict as a kind, by the text of its message (both SDKs' wordings).
fn sdk_kind(sdk: &str, verdict: &Verdict) -> Kind {
    if verdict.ok {
        return Kind::Ok;
    }
    let error = verdict.error.as_deref().unwrap_or_default();
    let (class, message) = error.split_once(": ").unwrap_or(("", error));
    match (class, message) {
        // An absent or empty header: the crate takes an absent one as "".
        (_, m)
            if m.starts_with("No Stripe-Signature header value was provided")
                || m.starts_with("No stripe-signature header value was provided") =>
        {
            Kind::MalformedHeader
        }
        (_, m) if m.starts_with("Unable to extract timestamp and signatures from header") => {
            Kind::MalformedHeader
        }
        (_, m) if m.starts_with("No signatures found with expected scheme") => Kind::NoV1Signature,
        (_, m) if m.starts_with("No signatures found matching the expected signature") => {
            Kind::NoMatch
        }
        (_, m) if m.starts_with("Timestamp outside the tolerance zone") => Kind::TooOld,
        // Both SDKs refuse the empty secret; in the crate it never matches.
        (_, m) if m.starts_with("No webhook secret value was provided") => Kind::NoMatch,
        // A non-ASCII signature makes the SDKs' string compare throw: nothing matched.
        ("TypeError", m) if m.contains("non-ASCII") => Kind::NoMatch,
        ("RangeError", m) if m.contains("same byte length") => Kind::NoMatch,
        (_, m) if m.starts_with("No webhook payload was provided") => Kind::NotASignatureVerdict,
        ("Error", m) if m.starts_with("secureCompare must receive two arguments") => {
            Kind::NotASignatureVerdict
        }
        _ => panic!("{sdk}: unknown verdict {error:?}: teach sdk_kind its kind"),
    }
}

fn crate_kind(result: &Result<(), SignatureError>) -> Kind {
    match result {
        Ok(()) => Kind::Ok,
        Err(SignatureError::MalformedHeader) => Kind::MalformedHeader,
        Err(SignatureError::NoV1Signature) => Kind::NoV1Signature,
        Err(SignatureError::NoMatch) => Kind::NoMatch,
        Err(SignatureError::TooOld { .. }) => Kind::TooOld,
        Err(other) => panic!("a SignatureError this test does not know: {other:?}"),
    }
}

/// The verifier a case describes, or `None` when the crate cannot express it.
fn verifier_for(case: &Case) -> Option<Verifier> {
    let verifier = Verifier::new(case.secret.as_str());
    match u64::try_from(case.tolerance) {
        Ok(0) => Some(verifier.without_tolerance()),
        Ok(secs) => Some(verifier.tolerance(Duration::from_secs(secs))),
        Err(_) => None,
    }
}

fn names(list: &[(&str, &str)]) -> BTreeSet<String> {
    list.iter().map(|(name, _)| name.to_string()).collect()
}

#[test]
fn every_case_gives_stripe_pythons_verdict_and_stripe_nodes_where_they_agree() {
    let (mut checked, mut checked_against_node) = (0, 0);
    let mut skipped = BTreeSet::new();
    let mut disagree = BTreeSet::new();
    let mut failures = Vec::new();
    for case in cases() {
        let Some(verifier) = verifier_for(case) else {
            skipped.insert(case.name.clone());
            continue;
        };
        // An absent header is passed as "".
        let header = case.header.as_deref().unwrap_or_default();
        let result = verifier.verify_at(&case.payload, header, case.now);
        let got = crate_kind(&result);
        let python = sdk_kind("stripe-python", &case.python);
        let node = sdk_kind("stripe-node", &case.node);
        if got != python {
            failures.push(format!(
                "{}: crate {got:?} ({result:?}), stripe-python {python:?} ({:?}) [{}]",
                case.name, case.python.error, case.why
            ));
        }
        if python == node {
            checked_against_node += 1;
            if got != node {
                failures.push(format!(
                    "{}: crate {got:?}, stripe-node {node:?} [{}]",
                    case.name, case.why
                ));
            }
        } else {
            disagree.insert(case.name.clone());
        }
        if let Err(SignatureError::TooOld {
            timestamp,
            now,
            tolerance_secs,
        }) = result
        {
            // stripe-python's message ends with the timestamp: "... zone (1779999799)".
            let message = case.python.error.as_deref().unwrap_or_default();
            assert!(
                message.ends_with(&format!("({timestamp})")),
                "{}: {message} vs {timestamp}",
                case.name
            );
            assert_eq!(now, case.now, "{}", case.name);
            assert_eq!(Ok(tolerance_secs), u64::try_from(case.tolerance));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert_eq!(
        skipped,
        names(SKIPPED),
        "the cases skipped are the ones listed"
    );
    assert_eq!(
        disagree,
        names(PYTHON_OVER_NODE),
        "the cases where the SDKs disagree are the ones listed"
    );
    println!(
        "checked {checked} of {} webhook cases against stripe-python, {checked_against_node} also \
         against stripe-node (the SDKs disagree on {}); skipped {}: {:?}",
        cases().len(),
        disagree.len(),
        skipped.len(),
        SKIPPED
    );
    assert!(checked > 50, "only {checked} cases checked");
}

#[test]
fn sign_makes_the_sdks_headers() {
    // The headers of these cases were checked equal to stripe-python's
    // generate_signature_header (and `sdk_generated_header` is stripe-node's
    // generateTestHeaderString), each signed ten seconds before `now`.
    for name in [
        "valid",
        "valid_session_created",
        "valid_configuration_created",
        "valid_subscription_updated",
        "non_ascii_body",
        "empty_payload",
        "sdk_generated_header",
    ] {
        let case = case(name);
        assert_eq!(
            Some(sign(&case.payload, &case.secret, case.now - 10)),
            case.header,
            "{name}"
        );
    }
}

#[test]
fn messages() {
    let cases: [(SignatureError, &str); 4] = [
        (
            SignatureError::MalformedHeader,
            "unable to extract timestamp and signatures from the Stripe-Signature header",
        ),
        (
            SignatureError::NoV1Signature,
            "no signatures found with expected scheme v1",
        ),
        (
            SignatureError::NoMatch,
            "no signatures found matching the expected signature for the payload (is it the \
             raw body, unchanged, and the endpoint's secret?)",
        ),
        (
            SignatureError::TooOld {
                timestamp: 1779999799,
                now: 1780000100,
                tolerance_secs: 300,
            },
            "timestamp outside the tolerance zone: signed at 1779999799, 301 s before now, \
             tolerance 300 s",
        ),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
    }
}
