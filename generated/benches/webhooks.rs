//! Micro-benchmark of webhook handling: verifying and reading a delivery
//! (`Verifier::construct_event_at`) against a baseline of the least any handler does, a bare
//! HMAC-SHA256 of `"{t}.{body}"` plus a `serde_json::Value` parse of the same bytes.
//!
//! ```sh
//! cargo bench -p stripe-billing-portal --bench webhooks             # full criterion run
//! cargo bench -p stripe-billing-portal --bench webhooks -- --quick  # a quick estimate
//! ```
//!
//! The body is the `billing_portal.configuration.updated` event of the webhook test data
//! (`tests/data/webhooks/events/`, 2 KB, exact delivery bytes). After criterion, a short
//! interleaved loop of its own prints both medians and their ratio, which criterion does not
//! compute.

#[path = "support/paired.rs"]
mod paired;

use criterion::{Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use paired::paired_medians;
use serde_json::Value;
use sha2::Sha256;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;
use stripe_billing_portal::webhook::{self, Verifier};

const SECRET: &str = "whsec_test_secret_A";
const T: i64 = 1_780_000_090;
const NOW: i64 = T + 10;

/// What every benchmark works on, prepared once.
struct Inputs {
    body: Vec<u8>,
    header: String,
    verifier: Verifier,
}

impl Inputs {
    fn load() -> Self {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/data/webhooks/events/billing_portal.configuration.updated.json");
        let body =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let inputs = Inputs {
            header: webhook::sign(&body, SECRET, T),
            body,
            verifier: Verifier::new(SECRET),
        };
        inputs.check();
        inputs
    }

    /// Fails early (and loudly) if a benchmark would measure an error path instead of the
    /// work it is named after.
    fn check(&self) {
        let event = self
            .verifier
            .construct_event_at(&self.body, &self.header, NOW)
            .unwrap_or_else(|e| panic!("the delivery does not verify and read: {e}"));
        assert_eq!(event.type_, "billing_portal.configuration.updated");
        let (tag, value) = baseline(&self.body);
        assert_eq!(tag.as_ref().len(), 32);
        assert_eq!(value["id"], "evt_1");
    }
}

/// The baseline: a bare HMAC-SHA256 of `"{t}.{body}"` (keyed anew, no header, no compare)
/// and a parse into `serde_json::Value`.
fn baseline(body: &[u8]) -> (impl AsRef<[u8]>, Value) {
    let mut mac = <Hmac<Sha256>>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(b"1780000090.");
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    let value = serde_json::from_slice(body).expect("the body is JSON");
    (tag, value)
}

fn benches(c: &mut Criterion, inputs: &Inputs) {
    let (body, header, verifier) = (&inputs.body, &inputs.header, &inputs.verifier);
    let mut group = c.benchmark_group("webhook configuration.updated");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("HMAC + serde_json::Value (baseline)", |b| {
        b.iter(|| baseline(black_box(body)))
    });
    group.bench_function("construct_event_at", |b| {
        b.iter(|| verifier.construct_event_at(black_box(body), black_box(header), NOW))
    });
    group.bench_function("verify_at", |b| {
        b.iter(|| verifier.verify_at(black_box(body), black_box(header), NOW))
    });
    group.bench_function("parse_event", |b| {
        b.iter(|| webhook::parse_event(black_box(body)))
    });
    group.finish();
}

fn print_ratio(inputs: &Inputs) {
    let budget = Duration::from_millis(1000);
    let (body, header, verifier) = (&inputs.body, &inputs.header, &inputs.verifier);
    let (ours, base) = paired_medians(
        budget,
        || verifier.construct_event_at(black_box(body), black_box(header), NOW),
        || baseline(black_box(body)),
    );
    println!("\nown interleaved loop, medians of ~1 ms batches, {budget:?}:");
    println!(
        "  construct_event_at (verify + typed Event) {:>8.0} ns",
        ours * 1e9
    );
    println!(
        "  baseline (bare HMAC + serde_json::Value)  {:>8.0} ns",
        base * 1e9
    );
    println!("  ratio {:.2}", ours / base);
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
        print_ratio(&inputs);
    }
}
