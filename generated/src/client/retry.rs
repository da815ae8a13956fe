//! When to retry, and how long to wait: Stripe's rules, as its official SDKs apply them.
//!
//! - Retry connection failures and timeouts, 409 (conflict, often a concurrent idempotent
//!   request), 429 (rate limited) and 5xx; never other 4xx, which would fail the same way.
//! - `Stripe-Should-Retry: true|false` overrides the status rule.
//! - Wait `initial * 2^attempt`, capped at `max`, times a random factor in [0.5, 1) (so that
//!   many clients do not retry in lockstep), at least `initial`; a `Retry-After` of up to
//!   60 seconds is waited at least.

use std::time::Duration;

/// The retry settings of a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `max_retries + 1` sends).
    pub max_retries: u32,
    /// The first delay.
    pub initial_delay: Duration,
    /// The longest delay from the exponential schedule.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
        }
    }
}

/// The longest `Retry-After` honoured; a longer one is ignored and the usual backoff applies,
/// so that one header cannot stall a caller for minutes.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// What came back from one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No response (connection failure, timeout, broken response).
    Transport,
    /// A non-2xx response.
    Status {
        /// HTTP status.
        status: u16,
        /// `Stripe-Should-Retry`, if sent.
        should_retry: Option<bool>,
        /// `Retry-After` in seconds, if sent.
        retry_after: Option<u64>,
    },
}

impl RetryPolicy {
    /// The delay before retry number `retry` (0 for the first retry), or `None` to give up.
    /// `jitter` is a random number in [0, 1).
    pub fn delay(&self, outcome: Outcome, retry: u32, jitter: f64) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        let retry_after = match outcome {
            Outcome::Transport => None,
            Outcome::Status {
                status,
                should_retry,
                retry_after,
            } => {
                let by_status = status == 409 || status == 429 || status >= 500;
                if !should_retry.unwrap_or(by_status) {
                    return None;
                }
                retry_after.map(Duration::from_secs)
            }
        };
        let exponential = self
            .initial_delay
            .saturating_mul(2u32.saturating_pow(retry))
            .min(self.max_delay);
        let jittered = exponential.mul_f64(0.5 * (1.0 + jitter.clamp(0.0, 1.0)));
        let delay = jittered.max(self.initial_delay);
        Some(match retry_after {
            Some(wait) if wait <= MAX_RETRY_AFTER => delay.max(wait),
            _ => delay,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> Outcome {
        Outcome::Status {
            status,
            should_retry: None,
            retry_after: None,
        }
    }

    #[test]
    fn retries_what_can_succeed_later() {
        let policy = RetryPolicy::default();
        for s in [409, 429, 500, 502, 503] {
            assert!(policy.delay(status(s), 0, 0.0).is_some(), "{s}");
        }
        assert!(policy.delay(Outcome::Transport, 0, 0.0).is_some());
        for s in [400, 401, 402, 403, 404] {
            assert!(policy.delay(status(s), 0, 0.0).is_none(), "{s}");
        }
    }

    #[test]
    fn stripe_should_retry_overrides_the_status() {
        let policy = RetryPolicy::default();
        let with = |status, should_retry| Outcome::Status {
            status,
            should_retry: Some(should_retry),
            retry_after: None,
        };
        assert!(policy.delay(with(500, false), 0, 0.0).is_none());
        assert!(policy.delay(with(400, true), 0, 0.0).is_some());
    }

    #[test]
    fn stops_after_max_retries() {
        let policy = RetryPolicy {
            max_retries: 2,
            ..RetryPolicy::default()
        };
        assert!(policy.delay(status(500), 1, 0.0).is_some());
        assert!(policy.delay(status(500), 2, 0.0).is_none());
        let never = RetryPolicy {
            max_retries: 0,
            ..policy
        };
        assert!(never.delay(Outcome::Transport, 0, 0.0).is_none());
    }

    #[test]
    fn backs_off_exponentially_with_jitter_and_a_cap() {
        let policy = RetryPolicy {
            max_retries: 100,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
        };
        let d = |retry, jitter| policy.delay(status(500), retry, jitter).unwrap();
        assert_eq!(
            d(0, 0.0),
            Duration::from_millis(500),
            "never below the initial delay"
        );
        assert_eq!(d(1, 0.0), Duration::from_millis(500));
        assert_eq!(d(2, 0.0), Duration::from_millis(1000));
        assert_eq!(d(2, 0.5), Duration::from_millis(1500));
        assert_eq!(d(8, 0.999), Duration::from_secs(5).mul_f64(0.9995));
        assert_eq!(
            d(30, 0.0),
            Duration::from_millis(2500),
            "capped, no overflow"
        );
    }

    #[test]
    fn honours_a_reasonable_retry_after() {
        let policy = RetryPolicy::default();
        let after = |secs| Outcome::Status {
            status: 429,
            should_retry: None,
            retry_after: Some(secs),
        };
        assert_eq!(policy.delay(after(3), 0, 0.0), Some(Duration::from_secs(3)));
        assert_eq!(
            policy.delay(after(3600), 0, 0.0),
            Some(Duration::from_millis(500))
        );
    }
}
