//! The blocking client (feature `blocking`), for programs without an async runtime (CLIs,
//! sync web frameworks, build scripts): the same requests, settings and rules as the async
//! [`Client`](super::Client), carried by ureq.
//!
//! ```no_run
//! use stripe_billing_portal::{client::blocking::Client, operations, params::CreateSessionParams};
//!
//! # fn run() -> Result<(), stripe_billing_portal::Error> {
//! let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
//! let params = CreateSessionParams::for_customer("cus_123");
//! let session = client.send(operations::create_session(&params))?;
//! println!("{}", session.url);
//! # Ok(())
//! # }
//! ```

use super::attempts::{Answer, Attempts, Body, Next, failed, next_page};
use super::settings::{ClientBuilder, Config};
use super::{PreparedRequest, Response, SecretKey};
use crate::error::{Error, TransportError, TransportKind};
use crate::runtime::{HasId, List, Method, Request};
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::fmt;
use std::io::Read;
use std::sync::Arc;

/// A Stripe client that blocks the calling thread. Clone it freely, and share it between
/// threads: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    agent: ureq::Agent,
    config: Config,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.config.debug(f, "blocking::Client")
    }
}

impl ClientBuilder<Client> {
    /// Checks the settings and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        let config = self.checked()?;
        let builder = ureq::Agent::config_builder().timeout_connect(Some(config.connect_timeout()));
        #[cfg(any(
            feature = "rustls-ring",
            feature = "rustls-aws-lc",
            feature = "native-tls"
        ))]
        let builder = builder.tls_config(tls_config());
        let agent = builder.build().new_agent();
        Ok(Client {
            inner: Arc::new(Inner { agent, config }),
        })
    }

    /// Checks the settings and makes the client on the service's own `ureq::Agent` (its
    /// proxy, connection pool, middleware). That agent's TLS, proxy and connect timeout apply
    /// instead of this crate's; the key, version, idempotency keys, retries, body limit, the
    /// timeout of each attempt, refusing redirects and reading every status as a response
    /// (all set on every request) still apply.
    pub fn build_with_http(self, agent: ureq::Agent) -> Result<Client, Error> {
        let config = self.checked()?;
        Ok(Client {
            inner: Arc::new(Inner { agent, config }),
        })
    }
}

/// Certificates checked by the platform's verifier, as reqwest does for the async client;
/// native-tls only when no rustls feature is on. (Without a TLS feature ureq has no TLS: the
/// client then speaks plain http:// only.)
#[cfg(any(
    feature = "rustls-ring",
    feature = "rustls-aws-lc",
    feature = "native-tls"
))]
fn tls_config() -> ureq::tls::TlsConfig {
    let builder =
        ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::PlatformVerifier);
    // ureq would otherwise read (or, lacking one, fail without) the process's default.
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    let builder = builder.unversioned_rustls_crypto_provider(super::settings::crypto_provider());
    #[cfg(all(
        feature = "native-tls",
        not(any(feature = "rustls-ring", feature = "rustls-aws-lc"))
    ))]
    let builder = builder.provider(ureq::tls::TlsProvider::NativeTls);
    builder.build()
}

impl Client {
    /// A client for Stripe's API with default settings.
    pub fn new(secret_key: impl Into<SecretKey>) -> Result<Self, Error> {
        Self::builder(secret_key).build()
    }

    /// A builder, to change settings.
    pub fn builder(secret_key: impl Into<SecretKey>) -> ClientBuilder<Client> {
        ClientBuilder::new(secret_key.into())
    }

    /// The request exactly as [`Client::send`] would send it. A POST without an idempotency
    /// key gets a new one here (a UUID v4).
    pub fn prepare<T>(&self, request: &Request<T>) -> Result<PreparedRequest, Error> {
        self.inner.config.prepare(request)
    }

    /// Sends a request and reads the response, retrying what may succeed later (see
    /// [`RetryPolicy`](super::RetryPolicy)) with the same idempotency key and body every time;
    /// the thread sleeps between attempts.
    pub fn send<T: DeserializeOwned>(&self, request: Request<T>) -> Result<T, Error> {
        self.send_with_meta(request).map(Response::into_value)
    }

    /// [`Client::send`], answering the value with the response's `Request-Id`, status and
    /// number of attempts (what Stripe's support asks for about a request that succeeded).
    pub fn send_with_meta<T: DeserializeOwned>(
        &self,
        request: Request<T>,
    ) -> Result<Response<T>, Error> {
        let config = &self.inner.config;
        let prepared = config.prepare(&request)?;
        let mut attempts = Attempts::new(config, &request);
        loop {
            let span = attempts.next_span();
            match attempts.after(span.run(|| self.execute(&prepared))) {
                Next::Done(result) => return result,
                Next::Retry(wait) => std::thread::sleep(wait),
            }
        }
    }

    /// One attempt: status, headers and the body, read up to the size limit.
    fn execute(&self, prepared: &PreparedRequest) -> Result<Answer, TransportError> {
        // Set on each request rather than on the agent, so that they hold on an agent the
        // caller made too.
        fn with_headers<B>(
            mut builder: ureq::RequestBuilder<B>,
            prepared: &PreparedRequest,
        ) -> ureq::RequestBuilder<B> {
            for (name, value) in prepared.headers() {
                builder = builder.header(name, value);
            }
            builder
                .config()
                // Every status comes back as a response: Stripe's error object is in its body.
                .http_status_as_error(false)
                .timeout_global(Some(prepared.timeout))
                // Stripe's API does not redirect; a redirect comes from something in between,
                // and following it would carry the request (and the key) elsewhere.
                .max_redirects(0)
                .build()
        }
        let agent = &self.inner.agent;
        let url = prepared.url.as_str();
        let sent = match prepared.method {
            Method::Get => with_headers(agent.get(url), prepared).call(),
            Method::Delete => with_headers(agent.delete(url), prepared).call(),
            Method::Post => with_headers(agent.post(url), prepared)
                .send(prepared.body.as_deref().unwrap_or_default().as_bytes()),
        };
        let mut response = sent.map_err(|e| {
            let mut error = transport_error(e);
            error.message = format!(
                "error sending request for url ({}): {}",
                prepared.url, error.message
            );
            error
        })?;
        let status = response.status().as_u16();
        let mut body = Body::start(
            status,
            response.body().content_length(),
            self.inner.config.max_body,
        )?;
        let mut reader = response.body_mut().as_reader();
        let mut chunk = vec![0; 64 * 1024];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => body.push(&chunk[..n])?,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error(e)),
            }
        }
        let headers = response.headers();
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        Ok(Answer::new(status, header, body.into_bytes()))
    }

    /// Every item of a list, page after page: forwards (`starting_after` = the last id of a
    /// page while `has_more`), or backwards when the request has `ending_before`
    /// (`ending_before` = the first id of a page), as Stripe's SDKs do. Each page is one
    /// request, retried like any other, sent when the items before it are used up; after an
    /// error the iterator ends.
    pub fn paginate<T>(&self, request: Request<List<T>>) -> impl Iterator<Item = Result<T, Error>>
    where
        T: DeserializeOwned + HasId,
    {
        let client = self.clone();
        let mut next = Some(request);
        let mut items = VecDeque::new();
        std::iter::from_fn(move || {
            loop {
                if let Some(item) = items.pop_front() {
                    return Some(Ok(item));
                }
                let request = next.take()?;
                match client.send(request.clone()) {
                    Ok(page) => {
                        next = next_page(request, &page);
                        items = page.data.into();
                    }
                    Err(e) => return Some(Err(e)),
                }
            }
        })
    }
}

fn transport_error(e: ureq::Error) -> TransportError {
    let kind = match &e {
        ureq::Error::Timeout(_) => TransportKind::Timeout,
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => TransportKind::Connect,
        ureq::Error::Io(io) => io_kind(io),
        _ => TransportKind::Other,
    };
    failed(kind, e)
}

/// A failure while reading the body; ureq wraps its own errors (a timeout) in `io::Error`.
fn io_error(e: std::io::Error) -> TransportError {
    let kind = match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
    {
        Some(ureq::Error::Timeout(_)) => TransportKind::Timeout,
        Some(ureq::Error::Io(io)) => io_kind(io),
        Some(_) => TransportKind::Other,
        None => io_kind(&e),
    };
    failed(kind, e)
}

/// A failed TLS handshake counts as failing to connect, as reqwest counts it.
fn io_kind(e: &std::io::Error) -> TransportKind {
    use std::io::ErrorKind;
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    if e.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
        return TransportKind::Connect;
    }
    match e.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => TransportKind::Timeout,
        ErrorKind::ConnectionRefused | ErrorKind::AddrNotAvailable => TransportKind::Connect,
        _ => TransportKind::Other,
    }
}
