//! The crate's one error type.
//!
//! It tells apart what a caller handles differently: Stripe refused the request (an
//! [`ApiError`], with everything Stripe said), the request never got an answer (transport), the
//! answer could not be read (decode, with where and what), or the request could not be built.
//! No variant ever holds the secret key: the client redacts it from anything quoted from a
//! response.

use crate::runtime::form::EncodeError;
use std::fmt;

/// Everything that can go wrong with a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error object (4xx or 5xx).
    Api(Box<ApiError>),
    /// No response arrived: connection refused or reset, TLS failure, timeout.
    Transport(TransportError),
    /// A response arrived but its body is not what the API describes.
    Decode(Box<DecodeError>),
    /// The parameters could not be encoded.
    Encode(EncodeError),
    /// The client or request was configured with an invalid value (base URL, header value).
    Config(String),
}

impl Error {
    /// The HTTP status of the response, if one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// Stripe's `Request-Id` of the response, if one arrived (quote it to Stripe's support).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// Replaces every occurrence of `secret` in text quoted from a response.
    #[cfg(any(feature = "client", feature = "blocking"))]
    pub(crate) fn redact(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let scrub = |text: &mut String| {
            if text.contains(secret) {
                *text = text.replace(secret, "[redacted]");
            }
        };
        match &mut self {
            Error::Api(e) => {
                scrub(&mut e.error_type);
                for text in [
                    &mut e.code,
                    &mut e.decline_code,
                    &mut e.message,
                    &mut e.param,
                    &mut e.doc_url,
                    &mut e.request_id,
                ]
                .into_iter()
                .flatten()
                {
                    scrub(text);
                }
            }
            Error::Decode(e) => {
                // The excerpt was cut from a body the client redacted first, so that a key
                // straddling the cut cannot survive in part.
                scrub(&mut e.excerpt);
                scrub(&mut e.message);
                scrub(&mut e.path);
                if let Some(id) = &mut e.request_id {
                    scrub(id);
                }
            }
            Error::Transport(e) => scrub(&mut e.message),
            Error::Config(text) => scrub(text),
            Error::Encode(e) => e.redact(secret),
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Encode(e) => write!(f, "cannot encode the parameters: {e}"),
            Error::Config(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => e
                .source
                .as_deref()
                .map(|s| s as &(dyn std::error::Error + 'static)),
            Error::Encode(e) => Some(e),
            _ => None,
        }
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Self {
        Error::Encode(e)
    }
}

/// Stripe's error object (`{"error": {...}}`), with the response's status and request id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status: 400 invalid request, 401 authentication, 402 card declined, 404 not
    /// found, 409 conflict, 429 rate limited, 5xx Stripe's side.
    pub status: u16,
    /// The `Request-Id` header.
    pub request_id: Option<String>,
    /// `type`: `invalid_request_error`, `card_error`, `api_error`, `idempotency_error`, ...
    pub error_type: String,
    /// `code`, such as `resource_missing` or `parameter_invalid_empty`.
    pub code: Option<String>,
    /// `decline_code`, for card errors.
    pub decline_code: Option<String>,
    /// `message`, meant for people.
    pub message: Option<String>,
    /// `param`: the parameter the error is about, such as `features[customer_update][enabled]`.
    pub param: Option<String>,
    /// `doc_url`: Stripe's page about the error code.
    pub doc_url: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe answered {} ({}", self.status, self.error_type)?;
        if let Some(code) = &self.code {
            write!(f, ", {code}")?;
        }
        if let Some(decline) = &self.decline_code {
            write!(f, ", decline code {decline}")?;
        }
        f.write_str(")")?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(param) = &self.param {
            write!(f, " [param: {param}]")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id: {id}]")?;
        }
        Ok(())
    }
}

/// Why no response arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// The connection could not be made (refused, DNS, TLS).
    Connect,
    /// No complete response within the timeout.
    Timeout,
    /// The response body was larger than the client's limit (not retried).
    TooLarge,
    /// The connection broke while sending or receiving.
    Other,
}

/// A request that got no (complete) response.
#[derive(Debug)]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportKind,
    /// What happened, for people.
    pub message: String,
    /// How many times the request was sent.
    pub attempts: u32,
    pub(crate) source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportKind::Connect => "could not connect to Stripe",
            TransportKind::Timeout => "Stripe did not answer in time",
            TransportKind::TooLarge => "Stripe's response was too large",
            TransportKind::Other => "the connection to Stripe failed",
        };
        write!(f, "{what} ({}", self.message)?;
        if self.attempts > 1 {
            write!(f, "; {} attempts", self.attempts)?;
        }
        f.write_str(")")
    }
}

/// A response body that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// HTTP status of the response.
    pub status: u16,
    /// The `Request-Id` header.
    pub request_id: Option<String>,
    /// Where in the JSON decoding failed, such as `features.subscription_cancel.mode`
    /// (empty when the body is not JSON at all).
    pub path: String,
    /// What failed there.
    pub message: String,
    /// The start of the body, to see what arrived instead.
    pub excerpt: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode Stripe's response (HTTP {})", self.status)?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id: {id}]")?;
        }
        write!(f, "; body starts with: {:?}", self.excerpt)
    }
}
