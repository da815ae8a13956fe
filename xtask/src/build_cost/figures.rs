//! How the report writes its figures: durations in seconds, sizes in bytes and MiB.

use std::time::Duration;

/// A duration in seconds.
pub(super) fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// A size in bytes and MiB.
pub(super) fn bytes(n: u64) -> String {
    format!("{n} bytes ({:.2} MiB)", n as f64 / (1024.0 * 1024.0))
}
