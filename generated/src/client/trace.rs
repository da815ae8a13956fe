//! `tracing` spans for both clients (feature `tracing`): one per request and one per attempt
//! under it. Without the feature these are empty types the compiler removes, so the clients
//! call them unconditionally. No span ever holds the key, a header or a body.

use super::Response;
use crate::error::Error;
use crate::runtime::Request;
use std::time::Instant;

/// The span of one request: method and path when it starts; status, attempts, request id
/// and duration when it ends.
pub(super) struct RequestSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    started: Instant,
}

/// The span of one attempt: its number, and the status when one came back.
#[derive(Clone)]
pub(super) struct AttemptSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl RequestSpan {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(super) fn start<T>(request: &Request<T>) -> Self {
        RequestSpan {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                "stripe.request",
                method = request.method().as_str(),
                path = request.path().unwrap_or_default(),
                status = tracing::field::Empty,
                attempts = tracing::field::Empty,
                request_id = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            ),
            started: Instant::now(),
        }
    }

    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(super) fn attempt(&self, number: u32) -> AttemptSpan {
        AttemptSpan {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                parent: &self.span,
                "stripe.attempt",
                attempt = number,
                status = tracing::field::Empty,
            ),
        }
    }

    /// Records how the request ended; `attempts` is how many were made.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(super) fn finish<T>(&self, result: &Result<Response<T>, Error>, attempts: u32) {
        #[cfg(feature = "tracing")]
        {
            let (status, request_id) = match result {
                Ok(response) => (Some(response.status), response.request_id.as_deref()),
                Err(e) => (e.status(), e.request_id()),
            };
            if let Some(status) = status {
                self.span.record("status", status);
            }
            if let Some(id) = request_id {
                self.span.record("request_id", id);
            }
            self.span.record("attempts", attempts);
            let elapsed = self.started.elapsed().as_millis();
            self.span
                .record("duration_ms", u64::try_from(elapsed).unwrap_or(u64::MAX));
        }
    }
}

impl AttemptSpan {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(super) fn status(&self, status: u16) {
        #[cfg(feature = "tracing")]
        self.span.record("status", status);
    }

    /// `attempt`, run inside the span (the async client).
    #[cfg(feature = "client")]
    pub(super) fn around<F: std::future::Future>(
        &self,
        attempt: F,
    ) -> impl std::future::Future<Output = F::Output> {
        #[cfg(feature = "tracing")]
        return tracing::Instrument::instrument(attempt, self.span.clone());
        #[cfg(not(feature = "tracing"))]
        attempt
    }

    /// `attempt`, run inside the span (the blocking client).
    #[cfg(feature = "blocking")]
    pub(super) fn run<R>(&self, attempt: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        return self.span.in_scope(attempt);
        #[cfg(not(feature = "tracing"))]
        attempt()
    }
}
