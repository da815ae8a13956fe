//! The async HTTP client: sends [`Request`]s to Stripe with authentication, API version,
//! idempotency keys, retries and timeouts, and pages through lists.
//!
//! ```no_run
//! use stripe_billing_portal::{client::Client, operations, params::CreateSessionParams};
//!
//! # async fn run() -> Result<(), stripe_billing_portal::Error> {
//! let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
//! let params = CreateSessionParams {
//!     return_url: Some("https://example.com/account".into()),
//!     ..CreateSessionParams::for_customer("cus_123")
//! };
//! let session = client.send(operations::create_session(&params)).await?;
//! println!("{}", session.url);
//! # Ok(())
//! # }
//! ```
//!
//! The client is cheap to clone (an `Arc` inside) and meant to be shared.

mod retry;
mod secret;

pub use retry::{Outcome, RetryPolicy};
pub use secret::SecretKey;

use crate::error::{Error, TransportError, TransportKind};
use crate::runtime::{HasId, List, Method, Request};
use futures_util::Stream;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Stripe's API.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
/// How long one attempt may take, as Stripe's official SDKs default to.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
/// The largest response body read (Stripe's responses are kilobytes; a proxy error page or
/// a hostile server must not exhaust memory).
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

/// A Stripe client. Clone it freely: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    config: Config,
}

/// A client's settings.
#[derive(Clone)]
struct Config {
    secret_key: SecretKey,
    base_url: String,
    api_version: String,
    user_agent: String,
    retry: RetryPolicy,
    timeout: Duration,
    max_body: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.inner.config;
        f.debug_struct("Client")
            .field("secret_key", &c.secret_key)
            .field("base_url", &c.base_url)
            .field("api_version", &c.api_version)
            .field("retry", &c.retry)
            .field("timeout", &c.timeout)
            .finish()
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    config: Config,
    allow_insecure_http: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("secret_key", &self.config.secret_key)
            .field("base_url", &self.config.base_url)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Sends requests to `base_url` instead of Stripe (a proxy, a mock, a test server). Plain
    /// `http://` is accepted for loopback hosts only, unless [`Self::allow_insecure_http`].
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.config.base_url = base_url.into();
        self
    }

    /// Accepts a plain `http://` base URL to any host (the key then crosses the network in
    /// clear text; meant for a trusted proxy).
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
    }

    /// Sends this `Stripe-Version` instead of the one the types were generated for.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.config.api_version = version.into();
        self
    }

    /// How many times a failed request is retried (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.config.retry.max_retries = retries;
        self
    }

    /// The whole retry policy (delays too).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = policy;
        self
    }

    /// How long one attempt may take (default 80 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// The largest response body to read (default 16 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.config.max_body = bytes;
        self
    }

    /// Adds to the `User-Agent` (your application's name and version).
    pub fn app_info(mut self, app: &str) -> Self {
        self.config.user_agent = format!("{} {app}", default_user_agent());
        self
    }

    /// Checks the settings and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        let secret = self.config.secret_key.clone();
        self.build_unredacted()
            .map_err(|e| e.redact(secret.expose()))
    }

    fn build_unredacted(self) -> Result<Client, Error> {
        let mut config = self.config;
        config.base_url = checked_base_url(&config.base_url, self.allow_insecure_http)?;
        if config.secret_key.expose().is_empty() {
            return Err(Error::Config("the secret key is empty".into()));
        }
        if !config
            .secret_key
            .expose()
            .bytes()
            .all(|b| b.is_ascii_graphic())
        {
            return Err(Error::Config(
                "the secret key has characters that cannot be sent in a header".into(),
            ));
        }
        install_ring_provider();
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(30)))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner { http, config }),
        })
    }
}

/// With the `rustls-ring` feature, makes ring the process's rustls crypto provider, unless the
/// program installed one already (then that one is used) or `rustls-aws-lc` is on (reqwest then
/// brings its own). reqwest reads the default when it builds its TLS configuration.
fn install_ring_provider() {
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one in between; either is then the default.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

fn default_user_agent() -> String {
    format!("stripe-billing-portal-rust/{}", env!("CARGO_PKG_VERSION"))
}

/// `https://` anywhere; `http://` to loopback, or anywhere when allowed.
fn checked_base_url(base_url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let url = reqwest::Url::parse(base_url)
        .map_err(|e| Error::Config(format!("invalid base URL {base_url:?}: {e}")))?;
    let host = url.host_str().unwrap_or_default();
    let loopback = host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback || allow_insecure_http => {}
        "http" => {
            return Err(Error::Config(format!(
                "refusing plain http:// to {}: the secret key would cross the network unencrypted; use https://, or ClientBuilder::allow_insecure_http for a trusted proxy",
                url.host_str().unwrap_or("?")
            )));
        }
        other => {
            return Err(Error::Config(format!(
                "invalid base URL {base_url:?}: scheme {other} is not http(s)"
            )));
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "invalid base URL {base_url:?}: it must not have a query or fragment"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// A request as it goes on the wire: what [`Client::send`] sends, for inspection and tests.
/// Its `Debug` hides the `Authorization` header.
#[derive(Clone)]
pub struct PreparedRequest {
    /// HTTP method.
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    headers: Vec<(&'static str, String)>,
    /// The form body (POST).
    pub body: Option<String>,
}

impl PreparedRequest {
    /// All headers, in the order they are sent.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.headers.iter().map(|(k, v)| (*k, v.as_str()))
    }

    /// One header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| match *k {
                "Authorization" => (*k, "Bearer [redacted]"),
                _ => (*k, v.as_str()),
            })
            .collect();
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

impl Client {
    /// A client for Stripe's API with default settings.
    pub fn new(secret_key: impl Into<SecretKey>) -> Result<Self, Error> {
        Self::builder(secret_key).build()
    }

    /// A builder, to change settings.
    pub fn builder(secret_key: impl Into<SecretKey>) -> ClientBuilder {
        ClientBuilder {
            config: Config {
                secret_key: secret_key.into(),
                base_url: DEFAULT_BASE_URL.to_owned(),
                api_version: crate::API_VERSION.to_owned(),
                user_agent: default_user_agent(),
                retry: RetryPolicy::default(),
                timeout: DEFAULT_TIMEOUT,
                max_body: DEFAULT_MAX_BODY,
            },
            allow_insecure_http: false,
        }
    }

    /// The request exactly as [`Client::send`] would send it. A POST without an idempotency
    /// key gets a new one here (a UUID v4).
    pub fn prepare<T>(&self, request: &Request<T>) -> Result<PreparedRequest, Error> {
        self.prepare_unredacted(request)
            .map_err(|e| e.redact(self.inner.config.secret_key.expose()))
    }

    fn prepare_unredacted<T>(&self, request: &Request<T>) -> Result<PreparedRequest, Error> {
        let config = &self.inner.config;
        let mut url = format!("{}{}", config.base_url, request.path()?);
        if let Some(query) = request.query()? {
            url.push('?');
            url.push_str(&query);
        }
        let mut headers: Vec<(&'static str, String)> = vec![
            (
                "Authorization",
                format!("Bearer {}", config.secret_key.expose()),
            ),
            ("Stripe-Version", config.api_version.clone()),
            ("User-Agent", config.user_agent.clone()),
        ];
        headers.extend(request.headers()?);
        if request.method() == Method::Post && request.idempotency_key_value().is_none() {
            headers.push(("Idempotency-Key", uuid::Uuid::new_v4().to_string()));
        }
        Ok(PreparedRequest {
            method: request.method(),
            url,
            headers,
            body: request.form_body()?,
        })
    }

    /// Sends a request and reads the response, retrying what may succeed later (see
    /// [`RetryPolicy`]) with the same idempotency key and body every time.
    pub async fn send<T: DeserializeOwned>(&self, request: Request<T>) -> Result<T, Error> {
        let secret = self.inner.config.secret_key.expose();
        self.send_inner(&request)
            .await
            .map_err(|e| e.redact(secret))
    }

    async fn send_inner<T: DeserializeOwned>(&self, request: &Request<T>) -> Result<T, Error> {
        let prepared = self.prepare_unredacted(request)?;
        let http_request = self.http_request(&prepared)?;
        let policy = self.inner.config.retry;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let attempt = http_request
                .try_clone()
                .ok_or_else(|| Error::Config("the request body cannot be resent".into()))?;
            let (outcome, result) = match self.execute(attempt).await {
                Ok((status, headers, body)) => {
                    let request_id = header_str(&headers, "request-id");
                    let result = request
                        .parse_response(status, request_id, &body)
                        .map_err(|e| self.with_redacted_excerpt(e, &body));
                    if (200..300).contains(&status) {
                        return result;
                    }
                    let outcome = Outcome::Status {
                        status,
                        should_retry: header_str(&headers, "stripe-should-retry")
                            .map(|v| v.eq_ignore_ascii_case("true")),
                        retry_after: header_str(&headers, "retry-after")
                            .and_then(|v| v.trim().parse().ok()),
                    };
                    (outcome, result)
                }
                Err(mut e) => {
                    e.attempts = attempts;
                    if e.kind == TransportKind::TooLarge {
                        // The same response would come again; do not download it again.
                        return Err(Error::Transport(e));
                    }
                    (Outcome::Transport, Err(Error::Transport(e)))
                }
            };
            match policy.delay(outcome, attempts - 1, fastrand::f64()) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return result,
            }
        }
    }

    /// Quotes a body in a decode error only after the secret key is removed from it.
    fn with_redacted_excerpt(&self, error: Error, body: &[u8]) -> Error {
        match error {
            Error::Decode(mut decode) => {
                let secret = self.inner.config.secret_key.expose().as_bytes();
                let redacted = replace_bytes(body, secret, b"[redacted]");
                decode.excerpt = crate::runtime::excerpt(&redacted);
                Error::Decode(decode)
            }
            other => other,
        }
    }

    fn http_request(&self, prepared: &PreparedRequest) -> Result<reqwest::Request, Error> {
        let method = match prepared.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.inner.http.request(method, &prepared.url);
        for (name, value) in &prepared.headers {
            builder = builder.header(*name, value);
        }
        if let Some(body) = &prepared.body {
            builder = builder.body(body.clone());
        }
        builder.build().map_err(|e| {
            let what = if e.is_builder() {
                "invalid request"
            } else {
                "cannot build the request"
            };
            Error::Config(format!("{what}: {}", error_chain(&e)))
        })
    }

    /// One attempt: status, headers and body, the body read up to the size limit.
    async fn execute(
        &self,
        request: reqwest::Request,
    ) -> Result<(u16, reqwest::header::HeaderMap, Vec<u8>), TransportError> {
        let mut response = self
            .inner
            .http
            .execute(request)
            .await
            .map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let limit = self.inner.config.max_body;
        let too_large = |announced: &str| TransportError {
            kind: TransportKind::TooLarge,
            message: format!(
                "the response body (HTTP {status}{announced}) is larger than the limit of {limit} bytes; the rest was not read"
            ),
            attempts: 1,
            source: None,
        };
        // A declared length over the limit is refused before reading any of it.
        if let Some(length) = response.content_length()
            && length > limit as u64
        {
            return Err(too_large(&format!(", Content-Length {length}")));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            let needed = body.len() + chunk.len();
            if needed > limit {
                return Err(too_large(""));
            }
            // Grow by doubling, but never past the limit: the buffer is what bounds memory.
            if needed > body.capacity() {
                body.reserve_exact(needed.max(2 * body.capacity()).min(limit) - body.len());
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, body))
    }

    /// Every item of a list, page after page, as a stream: forwards (`starting_after` = the
    /// last id of a page while `has_more`), or backwards when the request has `ending_before`
    /// (`ending_before` = the first id of a page), as Stripe's SDKs do. Each page is one
    /// request, retried like any other.
    pub fn paginate<T>(&self, request: Request<List<T>>) -> impl Stream<Item = Result<T, Error>>
    where
        T: DeserializeOwned + HasId + Send + 'static,
    {
        struct State<T> {
            client: Client,
            next: Option<Request<List<T>>>,
            items: VecDeque<T>,
        }
        let state = State {
            client: self.clone(),
            next: Some(request),
            items: VecDeque::new(),
        };
        futures_util::stream::unfold(state, |mut state| async move {
            loop {
                if let Some(item) = state.items.pop_front() {
                    return Some((Ok(item), state));
                }
                let request = state.next.take()?;
                match state.client.send(request.clone()).await {
                    Ok(page) => {
                        let backwards = request
                            .params()
                            .is_ok_and(|p| p.iter().any(|(k, _)| k == "ending_before"));
                        let (cursor, edge) = if backwards {
                            ("ending_before", page.data.first())
                        } else {
                            ("starting_after", page.data.last())
                        };
                        if page.has_more
                            && let Some(edge) = edge
                        {
                            let mut next = request;
                            next.set_param(cursor, edge.id());
                            state.next = Some(next);
                        }
                        state.items = page.data.into();
                    }
                    Err(e) => return Some((Err(e), state)),
                }
            }
        })
    }
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

fn header_str<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn transport_error(e: reqwest::Error) -> TransportError {
    let kind = if e.is_timeout() {
        TransportKind::Timeout
    } else if e.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    };
    TransportError {
        kind,
        message: error_chain(&e),
        attempts: 1,
        source: Some(Box::new(e)),
    }
}

/// An error and its causes, joined: reqwest's own message alone is often just "error
/// sending request".
fn error_chain(e: &dyn std::error::Error) -> String {
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
