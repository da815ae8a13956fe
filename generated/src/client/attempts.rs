//! What happens around each attempt, the same for both clients: reading a body within the
//! limit, deciding after each attempt whether to finish or retry (and after how long), keeping
//! the secret key out of what comes back, and finding a list's next page. A client only
//! carries bytes between these and its HTTP library.

use super::Response;
use super::retry::Outcome;
use super::settings::Config;
use super::trace::{AttemptSpan, RequestSpan};
use crate::error::{Error, TransportError, TransportKind};
use crate::runtime::{HasId, List, Request};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// One attempt's response, its body read whole.
pub(super) struct Answer {
    status: u16,
    request_id: Option<String>,
    should_retry: Option<bool>,
    retry_after: Option<u64>,
    body: Vec<u8>,
}

impl Answer {
    /// `header` finds a response header's value by name (any case).
    pub(super) fn new<'h>(
        status: u16,
        header: impl Fn(&str) -> Option<&'h str>,
        body: Vec<u8>,
    ) -> Self {
        Answer {
            status,
            request_id: header("request-id").map(str::to_owned),
            should_retry: header("stripe-should-retry").map(|v| v.eq_ignore_ascii_case("true")),
            retry_after: header("retry-after").and_then(|v| v.trim().parse().ok()),
            body,
        }
    }
}

/// A response body as it is read, refused as soon as it passes the limit: the buffer is what
/// bounds memory, so it grows by doubling but never past the limit.
pub(super) struct Body {
    status: u16,
    limit: usize,
    bytes: Vec<u8>,
}

impl Body {
    /// Starts reading a body of status `status`; a declared length over the limit is refused
    /// before any of it is read.
    pub(super) fn start(
        status: u16,
        announced: Option<u64>,
        limit: usize,
    ) -> Result<Self, TransportError> {
        let body = Body {
            status,
            limit,
            bytes: Vec::new(),
        };
        match announced {
            Some(length) if length > limit as u64 => {
                Err(body.too_large(&format!(", Content-Length {length}")))
            }
            _ => Ok(body),
        }
    }

    /// Adds the next chunk.
    pub(super) fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        let needed = self.bytes.len() + chunk.len();
        if needed > self.limit {
            return Err(self.too_large(""));
        }
        if needed > self.bytes.capacity() {
            let target = needed.max(2 * self.bytes.capacity()).min(self.limit);
            self.bytes.reserve_exact(target - self.bytes.len());
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The whole body.
    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn too_large(&self, announced: &str) -> TransportError {
        TransportError {
            kind: TransportKind::TooLarge,
            message: format!(
                "the response body (HTTP {}{announced}) is larger than the limit of {} bytes; the rest was not read",
                self.status, self.limit
            ),
            attempts: 1,
            source: None,
        }
    }
}

/// What a client does after an attempt.
pub(super) enum Next<T> {
    /// Return this.
    Done(Result<Response<T>, Error>),
    /// Wait this long, then send the same request again.
    Retry(Duration),
}

/// The attempts of one request: counts them, reads each answer, and applies the retry policy.
pub(super) struct Attempts<'a, T> {
    config: &'a Config,
    request: &'a Request<T>,
    made: u32,
    span: RequestSpan,
    attempt_span: Option<AttemptSpan>,
}

impl<'a, T: DeserializeOwned> Attempts<'a, T> {
    pub(super) fn new(config: &'a Config, request: &'a Request<T>) -> Self {
        Attempts {
            config,
            request,
            made: 0,
            span: RequestSpan::start(request),
            attempt_span: None,
        }
    }

    /// The span of the attempt about to be made, for the client to run it in.
    pub(super) fn next_span(&mut self) -> AttemptSpan {
        let span = self.span.attempt(self.made + 1);
        self.attempt_span = Some(span.clone());
        span
    }

    /// What to do after an attempt that ended with `attempt`. Whatever is returned has the
    /// secret key removed.
    pub(super) fn after(&mut self, attempt: Result<Answer, TransportError>) -> Next<T> {
        if let (Ok(answer), Some(span)) = (&attempt, &self.attempt_span) {
            span.status(answer.status);
        }
        let next = self.decide(attempt);
        if let Next::Done(result) = &next {
            self.span.finish(result, self.made);
        }
        next
    }

    fn decide(&mut self, attempt: Result<Answer, TransportError>) -> Next<T> {
        self.made += 1;
        let (outcome, result) = match attempt {
            Ok(answer) => {
                let made = self.made;
                let result = self
                    .request
                    .parse_response(answer.status, answer.request_id.as_deref(), &answer.body)
                    .map_err(|e| self.with_redacted_excerpt(e, &answer.body))
                    .map(|value| Response {
                        value,
                        request_id: answer.request_id,
                        status: answer.status,
                        attempts: made,
                    });
                if (200..300).contains(&answer.status) {
                    return Next::Done(result.map_err(|e| self.config.redact(e)));
                }
                let outcome = Outcome::Status {
                    status: answer.status,
                    should_retry: answer.should_retry,
                    retry_after: answer.retry_after,
                };
                (outcome, result)
            }
            Err(mut e) => {
                e.attempts = self.made;
                if e.kind == TransportKind::TooLarge {
                    // The same response would come again; do not download it again.
                    return Next::Done(Err(self.config.redact(Error::Transport(e))));
                }
                (Outcome::Transport, Err(Error::Transport(e)))
            }
        };
        let mut policy = self.config.retry;
        if let Some(retries) = self.request.max_retries_value() {
            policy.max_retries = retries;
        }
        match policy.delay(outcome, self.made - 1, fastrand::f64()) {
            Some(wait) => Next::Retry(wait),
            None => Next::Done(result.map_err(|e| self.config.redact(e))),
        }
    }

    /// Quotes a body in a decode error only after the secret key is removed from it, so that
    /// a key cut by the excerpt cannot survive in part.
    fn with_redacted_excerpt(&self, error: Error, body: &[u8]) -> Error {
        match error {
            Error::Decode(mut decode) => {
                let secret = self.config.secret_key.expose().as_bytes();
                let redacted = replace_bytes(body, secret, b"[redacted]");
                decode.excerpt = crate::runtime::excerpt(&redacted);
                Error::Decode(decode)
            }
            other => other,
        }
    }
}

/// The request for the page after `page`, if there is one: forwards (`starting_after` = the
/// last id of a page while `has_more`), or backwards when the request has `ending_before`
/// (`ending_before` = the first id of a page), as Stripe's SDKs do.
pub(super) fn next_page<T: HasId>(
    request: Request<List<T>>,
    page: &List<T>,
) -> Option<Request<List<T>>> {
    let backwards = request
        .params()
        .is_ok_and(|p| p.iter().any(|(k, _)| k == "ending_before"));
    let (cursor, edge) = if backwards {
        ("ending_before", page.data.first())
    } else {
        ("starting_after", page.data.last())
    };
    let edge = edge.filter(|_| page.has_more)?;
    let mut next = request;
    next.set_param(cursor, edge.id());
    Some(next)
}

/// An attempt that failed with the HTTP library's error `e`, of `kind`; its message is the
/// error's whole chain, and the error is kept as the source.
pub(super) fn failed(
    kind: TransportKind,
    e: impl std::error::Error + Send + Sync + 'static,
) -> TransportError {
    TransportError {
        kind,
        message: error_chain(&e),
        attempts: 1,
        source: Some(Box::new(e)),
    }
}

/// An error and its causes, joined: an HTTP library's own message alone is often just "error
/// sending request".
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if needle.is_empty() {
        return haystack.to_vec();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}
