//! Paired timing for the benches' ratios: two functions measured in interleaved batches, so
//! that a slow phase of a noisy machine hits both alike. Shared by `runtime.rs` and
//! `webhooks.rs` (a folder of its own, so that cargo does not take it for a bench).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median time per call of `f`, measured in batches; `a` and `b` are interleaved batch by
/// batch so that a slow phase of a noisy machine hits both alike.
pub fn paired_medians<A, B>(
    budget: Duration,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> (f64, f64) {
    // Size a batch to roughly 1 ms of the slower side.
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(20) {
        black_box(a());
        black_box(b());
        calls += 1;
    }
    let per_pair = start.elapsed().as_secs_f64() / f64::from(calls);
    let batch = ((1e-3 / per_pair) as u32).max(1);
    let (mut times_a, mut times_b) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while start.elapsed() < budget || times_a.len() < 5 {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(a());
        }
        times_a.push(t.elapsed().as_secs_f64() / f64::from(batch));
        let t = Instant::now();
        for _ in 0..batch {
            black_box(b());
        }
        times_b.push(t.elapsed().as_secs_f64() / f64::from(batch));
    }
    (median(&mut times_a), median(&mut times_b))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}
