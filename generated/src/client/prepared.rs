//! A request as either client puts it on the wire: URL, headers (key, version, agent,
//! idempotency key) and body, made once before the first attempt and resent unchanged.

use super::settings::Config;
use crate::error::Error;
use crate::runtime::{Method, Request};
use std::fmt;
use std::time::Duration;

/// A request as it goes on the wire: what a client's `send` sends, for inspection and tests.
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
    /// How long each attempt may take: the request's own timeout, else the client's.
    pub timeout: Duration,
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
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Config {
    /// `request` as sent with these settings; a POST without an idempotency key gets a new
    /// one here (a UUID v4), so that every retry carries the same. Errors have the key
    /// removed.
    pub(super) fn prepare<T>(&self, request: &Request<T>) -> Result<PreparedRequest, Error> {
        self.prepare_unredacted(request).map_err(|e| self.redact(e))
    }

    fn prepare_unredacted<T>(&self, request: &Request<T>) -> Result<PreparedRequest, Error> {
        let mut url = format!("{}{}", self.base_url, request.path()?);
        if let Some(query) = request.query()? {
            url.push('?');
            url.push_str(&query);
        }
        let mut headers: Vec<(&'static str, String)> = vec![
            (
                "Authorization",
                format!("Bearer {}", self.secret_key.expose()),
            ),
            ("Stripe-Version", self.api_version.clone()),
            ("User-Agent", self.user_agent.clone()),
        ];
        headers.extend(request.headers()?);
        let own_account = headers.iter().any(|(name, _)| *name == "Stripe-Account");
        if let (Some(account), false) = (&self.stripe_account, own_account) {
            headers.push(("Stripe-Account", account.clone()));
        }
        if request.method() == Method::Post && request.idempotency_key_value().is_none() {
            headers.push(("Idempotency-Key", uuid::Uuid::new_v4().to_string()));
        }
        Ok(PreparedRequest {
            method: request.method(),
            url,
            headers,
            body: request.form_body()?,
            timeout: request.timeout_value().unwrap_or(self.timeout),
        })
    }
}
