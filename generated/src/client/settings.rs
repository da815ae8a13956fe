//! A client's settings, for both clients: the builder that collects and checks them, and the
//! TLS crypto provider they share (given to each client, never installed for the process).

use super::{DEFAULT_BASE_URL, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT, RetryPolicy, SecretKey};
use crate::error::Error;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

/// A client's settings, checked.
#[derive(Clone)]
pub(super) struct Config {
    pub(super) secret_key: SecretKey,
    pub(super) base_url: String,
    pub(super) api_version: String,
    pub(super) user_agent: String,
    pub(super) retry: RetryPolicy,
    pub(super) timeout: Duration,
    pub(super) max_body: usize,
    /// The `Stripe-Account` of requests that do not set their own.
    pub(super) stripe_account: Option<String>,
}

impl Config {
    /// The time to set up a connection: the attempt's whole time, but not more than 30 s.
    pub(super) fn connect_timeout(&self) -> Duration {
        self.timeout.min(Duration::from_secs(30))
    }

    /// `error` without the secret key in any of its texts.
    pub(super) fn redact(&self, error: Error) -> Error {
        error.redact(self.secret_key.expose())
    }

    /// A client's `Debug`: the settings, the key shown by its kind only.
    pub(super) fn debug(&self, f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
        f.debug_struct(name)
            .field("secret_key", &self.secret_key)
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("stripe_account", &self.stripe_account)
            .finish()
    }
}

/// Builds a client: `Client` (async, feature `client`) or
/// `blocking::Client` (feature `blocking`), with the same settings and the same checks.
///
/// Made by `Client::builder(key)`; `build()` makes the client it came from.
pub struct ClientBuilder<C> {
    config: Config,
    allow_insecure_http: bool,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("secret_key", &self.config.secret_key)
            .field("base_url", &self.config.base_url)
            .finish_non_exhaustive()
    }
}

impl<C> ClientBuilder<C> {
    pub(super) fn new(secret_key: SecretKey) -> Self {
        ClientBuilder {
            config: Config {
                secret_key,
                base_url: DEFAULT_BASE_URL.to_owned(),
                api_version: crate::API_VERSION.to_owned(),
                user_agent: default_user_agent(),
                retry: RetryPolicy::default(),
                timeout: DEFAULT_TIMEOUT,
                max_body: DEFAULT_MAX_BODY,
                stripe_account: None,
            },
            allow_insecure_http: false,
            client: PhantomData,
        }
    }

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

    /// Makes every request on behalf of this connected account (`Stripe-Account`), as a
    /// Connect platform serving one account does; a request's own
    /// [`Request::stripe_account`](crate::runtime::Request::stripe_account) wins over it.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.config.stripe_account = Some(account.into());
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

    /// How long one attempt may take, from connecting to the last byte of the body
    /// (default 80 s).
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

    /// The settings, checked, with the key kept out of any error.
    pub(super) fn checked(self) -> Result<Config, Error> {
        let secret = self.config.secret_key.clone();
        let mut config = self.config;
        let checked =
            checked_base_url(&config.base_url, self.allow_insecure_http).and_then(|url| {
                check_key(&config.secret_key)?;
                if let Some(account) = &config.stripe_account {
                    crate::runtime::checked_header("Stripe-Account", account)?;
                }
                Ok(url)
            });
        config.base_url = checked.map_err(|e| e.redact(secret.expose()))?;
        Ok(config)
    }
}

fn check_key(key: &SecretKey) -> Result<(), Error> {
    if key.expose().is_empty() {
        return Err(Error::Config("the secret key is empty".into()));
    }
    if !key.expose().bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::Config(
            "the secret key has characters that cannot be sent in a header".into(),
        ));
    }
    Ok(())
}

/// The rustls crypto provider a client is given: the process's default if the program
/// installed one, else the feature's own (aws-lc-rs with `rustls-aws-lc`, else ring). It is
/// handed to each client rather than installed: a library must not change process state
/// another part of the program may set later (installing fails once one is set).
#[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
pub(super) fn crypto_provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    #[cfg(feature = "rustls-aws-lc")]
    let provider = rustls::crypto::aws_lc_rs::default_provider;
    #[cfg(not(feature = "rustls-aws-lc"))]
    let provider = rustls::crypto::ring::default_provider;
    rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| std::sync::Arc::new(provider()))
}

fn default_user_agent() -> String {
    format!("stripe-billing-portal-rust/{}", env!("CARGO_PKG_VERSION"))
}

/// `https://` anywhere; `http://` to loopback, or anywhere when allowed.
fn checked_base_url(base_url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let url = url::Url::parse(base_url)
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
