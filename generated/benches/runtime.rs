//! Micro-benchmarks of the sans-IO runtime: form-encoding request parameters and decoding
//! responses, with a bare `serde_json::Value` parse of the same bytes as the baseline.
//!
//! ```sh
//! cargo bench -p stripe-billing-portal --bench runtime             # full criterion run
//! cargo bench -p stripe-billing-portal --bench runtime -- --quick  # a quick estimate
//! ```
//!
//! The responses are Stripe's own examples of the pinned release, read at start from the
//! repository (`tests/data/<tag>/fixtures.json`, the tag as `spec/pinned.toml` names it).
//! After criterion, a short interleaved loop of its own prints the typed-decode /
//! `Value`-decode ratios, which criterion does not compute.

#[path = "support/paired.rs"]
mod paired;

use criterion::{Criterion, Throughput};
use paired::paired_medians;
use serde_json::{Value, json};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;
use stripe_billing_portal::operations;
use stripe_billing_portal::params::CreateConfigurationParams;
use stripe_billing_portal::resources::{BillingPortalConfiguration, BillingPortalSession};
use stripe_billing_portal::runtime::form;

/// What every benchmark works on, prepared once.
struct Inputs {
    params: CreateConfigurationParams,
    configuration: Vec<u8>,
    session: Vec<u8>,
}

fn fixtures_path() -> PathBuf {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let pin = std::fs::read_to_string(root.join("spec/pinned.toml"))
        .unwrap_or_else(|e| panic!("cannot read spec/pinned.toml: {e}"));
    let tag = pin
        .lines()
        .find_map(|line| line.strip_prefix("tag = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("spec/pinned.toml names the release tag");
    root.join("tests/data").join(tag).join("fixtures.json")
}

impl Inputs {
    fn load() -> Self {
        let path = fixtures_path();
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("cannot read Stripe's fixtures at {}: {e}", path.display()));
        let fixtures: Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let resource = |name: &str| {
            let value = fixtures
                .pointer(&format!("/resources/{name}"))
                .unwrap_or_else(|| panic!("{} has no `{name}` resource", path.display()));
            serde_json::to_vec(value).expect("a JSON value serializes")
        };
        let inputs = Inputs {
            params: full_create_params(),
            configuration: resource("billing_portal.configuration"),
            session: resource("billing_portal.session"),
        };
        inputs.check();
        inputs
    }

    /// Fails early (and loudly) if a benchmark would measure an error path instead of the
    /// work it is named after.
    fn check(&self) {
        let body = operations::create_configuration(&self.params)
            .form_body()
            .expect("the parameters encode")
            .expect("a POST has a body");
        for expected in [
            "business_profile[headline]=&",
            "features[subscription_update][products][2][prices][1]=price_3c",
            "metadata[legacy_id]=&",
        ] {
            assert!(body.contains(expected), "{expected} missing from {body}");
        }
        serde_json::from_slice::<BillingPortalConfiguration>(&self.configuration)
            .expect("the configuration fixture decodes");
        serde_json::from_slice::<BillingPortalSession>(&self.session)
            .expect("the session fixture decodes");
    }
}

/// A `CreateConfigurationParams` with every feature set, every list filled, clears and
/// metadata. Written as the JSON the API takes (a clear is `""`) rather than as Rust struct
/// literals, so the benchmark depends only on Stripe's parameter names, not on the names the
/// generator gives nested types.
fn full_create_params() -> CreateConfigurationParams {
    let products: Vec<Value> = ["a", "b", "c"]
        .iter()
        .map(|p| json!({"product": format!("prod_{p}"), "prices": [format!("price_1{p}"), format!("price_3{p}")]}))
        .collect();
    let value = json!({
        "business_profile": {
            "headline": "",
            "privacy_policy_url": "https://example.com/privacy?lang=en&v=2",
            "terms_of_service_url": "https://example.com/terms"
        },
        "default_return_url": "https://example.com/account",
        "expand": ["application"],
        "features": {
            "customer_update": {
                "allowed_updates": ["address", "email", "name", "phone", "shipping", "tax_id"],
                "enabled": true
            },
            "invoice_history": {"enabled": true},
            "payment_method_update": {"enabled": true},
            "subscription_cancel": {
                "cancellation_reason": {
                    "enabled": true,
                    "options": [
                        "customer_service", "low_quality", "missing_features", "other",
                        "switched_service", "too_complex", "too_expensive", "unused"
                    ]
                },
                "enabled": true,
                "mode": "at_period_end",
                "proration_behavior": "create_prorations"
            },
            "subscription_update": {
                "default_allowed_updates": ["price", "promotion_code", "quantity"],
                "enabled": true,
                "products": products,
                "proration_behavior": "always_invoice",
                "schedule_at_period_end": {"conditions": [{"type": "decreasing_item_amount"}]},
                "trial_update_behavior": "continue_trial"
            }
        },
        "login_page": {"enabled": true},
        "name": "Main portal",
        "metadata": {
            "legacy_id": "",
            "owner": "billing-team@example.com",
            "region": "eu-west",
            "rollout": "phase 2 (50%)"
        }
    });
    serde_json::from_value(value).expect("the parameters match CreateConfigurationParams")
}

fn benches(c: &mut Criterion, inputs: &Inputs) {
    let params = &inputs.params;
    let body_len = operations::create_configuration(params)
        .form_body()
        .ok()
        .flatten()
        .map_or(0, |b| b.len());
    let mut encode = c.benchmark_group("encode");
    encode.throughput(Throughput::Bytes(body_len as u64));
    encode.bench_function("create_configuration form_body", |b| {
        b.iter(|| operations::create_configuration(black_box(params)).form_body())
    });
    encode.bench_function("to_pairs", |b| b.iter(|| form::to_pairs(black_box(params))));
    let pairs = form::to_pairs(params).expect("the parameters encode");
    encode.bench_function("encode_pairs", |b| {
        b.iter(|| form::encode_pairs(black_box(&pairs)))
    });
    encode.finish();

    for (name, bytes) in [
        ("configuration", &inputs.configuration),
        ("session", &inputs.session),
    ] {
        let mut decode = c.benchmark_group(format!("decode {name}"));
        decode.throughput(Throughput::Bytes(bytes.len() as u64));
        decode.bench_function("serde_json::Value (baseline)", |b| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)))
        });
        if name == "configuration" {
            decode.bench_function("typed", |b| {
                b.iter(|| serde_json::from_slice::<BillingPortalConfiguration>(black_box(bytes)))
            });
            let request = operations::create_configuration(params);
            decode.bench_function("Request::parse_response (client path)", |b| {
                b.iter(|| request.parse_response(200, None, black_box(bytes)))
            });
        } else {
            decode.bench_function("typed", |b| {
                b.iter(|| serde_json::from_slice::<BillingPortalSession>(black_box(bytes)))
            });
        }
        decode.finish();
    }
}

fn print_ratios(inputs: &Inputs) {
    let budget = Duration::from_millis(500);
    let (cfg, session) = (&inputs.configuration, &inputs.session);
    let request = operations::create_configuration(&inputs.params);
    let rows = [
        (
            "configuration: typed / Value",
            paired_medians(
                budget,
                || serde_json::from_slice::<BillingPortalConfiguration>(cfg),
                || serde_json::from_slice::<Value>(cfg),
            ),
        ),
        (
            "configuration: parse_response / Value",
            paired_medians(
                budget,
                || request.parse_response(200, None, cfg),
                || serde_json::from_slice::<Value>(cfg),
            ),
        ),
        (
            "session: typed / Value",
            paired_medians(
                budget,
                || serde_json::from_slice::<BillingPortalSession>(session),
                || serde_json::from_slice::<Value>(session),
            ),
        ),
    ];
    println!("\nratios (own interleaved loop, medians of ~1 ms batches, {budget:?} each):");
    for (name, (typed, value)) in rows {
        println!(
            "  {name:<40} {:>8.0} ns / {:>8.0} ns = {:.2}",
            typed * 1e9,
            value * 1e9,
            typed / value
        );
    }
}

fn main() {
    let inputs = Inputs::load();
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion, &inputs);
    criterion.final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and only wants each
    // benchmark run once, so the ratio loop is skipped there (and when listing).
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--list") {
        print_ratios(&inputs);
    }
}
