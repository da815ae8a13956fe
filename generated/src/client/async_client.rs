//! The async client (feature `client`): carries prepared requests over reqwest and its answers
//! back to the rules in `attempts`, sleeping on tokio between retries.

use super::attempts::{Answer, Attempts, Body, Next, error_chain, failed, next_page};
use super::settings::{ClientBuilder, Config};
use super::{PreparedRequest, Response, SecretKey};
use crate::error::{Error, TransportError, TransportKind};
use crate::runtime::{HasId, List, Method, Request};
use futures_util::Stream;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

/// A Stripe client for async programs (tokio). Clone it freely: clones share one connection
/// pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    config: Config,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.config.debug(f, "Client")
    }
}

impl ClientBuilder<Client> {
    /// Checks the settings and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        let config = self.checked()?;
        let builder = reqwest::Client::builder();
        #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
        let builder = builder.tls_backend_preconfigured(rustls_config()?);
        let http = builder
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout())
            // Stripe's API does not redirect; a redirect comes from something in between,
            // and following it would carry the request (and the key) elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner { http, config }),
        })
    }

    /// Checks the settings and makes the client on the service's own `reqwest::Client` (its
    /// proxies, connection pool, DNS and TLS settings). That client's TLS,
    /// proxy, redirect policy and connect timeout apply instead of this crate's (give it
    /// `redirect::Policy::none()`: a redirect would carry the request elsewhere); the key,
    /// version, idempotency keys, retries, body limit and the timeout of each attempt (set on
    /// every request, winning over the client's own) still apply.
    pub fn build_with_http(self, http: reqwest::Client) -> Result<Client, Error> {
        let config = self.checked()?;
        Ok(Client {
            inner: Arc::new(Inner { http, config }),
        })
    }
}

/// rustls with the crate's crypto provider, given to this client alone, and certificates
/// checked by the platform's verifier, as reqwest would configure it.
#[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
fn rustls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let tls_error = |e: rustls::Error| Error::Config(format!("cannot set up TLS: {e}"));
    let mut tls = rustls::ClientConfig::builder_with_provider(super::settings::crypto_provider())
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_platform_verifier()
        .map_err(tls_error)?
        .with_no_client_auth();
    // reqwest is built for HTTP/1 only here; it would announce the same.
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tls)
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
    /// [`RetryPolicy`](super::RetryPolicy)) with the same idempotency key and body every time.
    pub async fn send<T: DeserializeOwned>(&self, request: Request<T>) -> Result<T, Error> {
        self.send_with_meta(request).await.map(Response::into_value)
    }

    /// [`Client::send`], answering the value with the response's `Request-Id`, status and
    /// number of attempts (what Stripe's support asks for about a request that succeeded).
    pub async fn send_with_meta<T: DeserializeOwned>(
        &self,
        request: Request<T>,
    ) -> Result<Response<T>, Error> {
        let config = &self.inner.config;
        let prepared = config.prepare(&request)?;
        let http_request = self.http_request(&prepared).map_err(|e| config.redact(e))?;
        let mut attempts = Attempts::new(config, &request);
        loop {
            let attempt = match http_request.try_clone() {
                Some(attempt) => attempt,
                None => return Err(Error::Config("the request body cannot be resent".into())),
            };
            let span = attempts.next_span();
            match attempts.after(span.around(self.execute(attempt)).await) {
                Next::Done(result) => return result,
                Next::Retry(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    fn http_request(&self, prepared: &PreparedRequest) -> Result<reqwest::Request, Error> {
        let method = match prepared.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .inner
            .http
            .request(method, &prepared.url)
            .timeout(prepared.timeout);
        for (name, value) in prepared.headers() {
            builder = builder.header(name, value);
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

    /// One attempt: status, headers and the body, read up to the size limit.
    async fn execute(&self, request: reqwest::Request) -> Result<Answer, TransportError> {
        let mut response = self
            .inner
            .http
            .execute(request)
            .await
            .map_err(transport_error)?;
        let status = response.status().as_u16();
        let mut body = Body::start(
            status,
            response.content_length(),
            self.inner.config.max_body,
        )?;
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            body.push(&chunk)?;
        }
        let headers = response.headers();
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        Ok(Answer::new(status, header, body.into_bytes()))
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
                        state.next = next_page(request, &page);
                        state.items = page.data.into();
                    }
                    Err(e) => return Some((Err(e), state)),
                }
            }
        })
    }
}

fn transport_error(e: reqwest::Error) -> TransportError {
    let kind = if e.is_timeout() {
        TransportKind::Timeout
    } else if e.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    };
    failed(kind, e)
}
