//! Both clients behind one face, so that every client test runs against the async client and
//! the blocking one: `both_clients!` makes two tests of one body, and [`AnyClient`] sends
//! through either (the blocking one on tokio's blocking pool, so that the test's server keeps
//! running on the test's runtime).

use serde::de::DeserializeOwned;
use std::time::Duration;
use stripe_billing_portal::Error;
use stripe_billing_portal::client::{
    Client, ClientBuilder, PreparedRequest, Response, RetryPolicy, SecretKey, blocking,
};
use stripe_billing_portal::runtime::{HasId, List, Request};

/// Which client a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// [`Client`]: reqwest on tokio.
    Async,
    /// [`blocking::Client`]: ureq.
    Blocking,
}

/// For each `async fn name(flavor: Flavor)`, a module `name` with two tests, `async_client`
/// and `blocking_client`, that run it with that [`Flavor`]: a failure names the test and the
/// client. (A test function left out of it is never called, which the dead-code lint refuses.)
#[macro_export]
macro_rules! both_clients {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn async_client() {
                super::$name($crate::client_support::Flavor::Async).await
            }

            #[tokio::test]
            async fn blocking_client() {
                super::$name($crate::client_support::Flavor::Blocking).await
            }
        }
    };
}

/// The settings a test gives a client; what it leaves `None` keeps the default.
#[derive(Debug, Clone)]
pub struct Settings {
    pub key: String,
    pub base_url: String,
    pub retry: RetryPolicy,
    pub timeout: Option<Duration>,
    pub max_body: Option<usize>,
    pub allow_insecure_http: bool,
    pub stripe_account: Option<String>,
}

impl Settings {
    /// `key` to `base_url`, retrying `max_retries` times with delays of a few milliseconds so
    /// that the suites stay fast.
    pub fn new(key: &str, base_url: impl Into<String>, max_retries: u32) -> Self {
        Settings {
            key: key.to_owned(),
            base_url: base_url.into(),
            retry: RetryPolicy {
                max_retries,
                initial_delay: Duration::from_millis(2),
                max_delay: Duration::from_millis(20),
            },
            timeout: None,
            max_body: None,
            allow_insecure_http: false,
            stripe_account: None,
        }
    }

    pub fn timeout(self, timeout: Duration) -> Self {
        Settings {
            timeout: Some(timeout),
            ..self
        }
    }

    pub fn max_body(self, bytes: usize) -> Self {
        Settings {
            max_body: Some(bytes),
            ..self
        }
    }

    pub fn allow_insecure_http(self) -> Self {
        Settings {
            allow_insecure_http: true,
            ..self
        }
    }

    pub fn stripe_account(self, account: &str) -> Self {
        Settings {
            stripe_account: Some(account.to_owned()),
            ..self
        }
    }

    pub fn apply<C>(&self, builder: fn(SecretKey) -> ClientBuilder<C>) -> ClientBuilder<C> {
        let mut builder = builder(self.key.as_str().into())
            .base_url(&self.base_url)
            .retry_policy(self.retry);
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(bytes) = self.max_body {
            builder = builder.max_body_size(bytes);
        }
        if self.allow_insecure_http {
            builder = builder.allow_insecure_http();
        }
        if let Some(account) = &self.stripe_account {
            builder = builder.stripe_account(account);
        }
        builder
    }

    /// The client of `flavor` with these settings.
    pub fn build(&self, flavor: Flavor) -> Result<AnyClient, Error> {
        Ok(match flavor {
            Flavor::Async => AnyClient::Async(self.apply(Client::builder).build()?),
            Flavor::Blocking => AnyClient::Blocking(self.apply(blocking::Client::builder).build()?),
        })
    }

    /// The same, for settings a test expects to be accepted.
    pub fn client(&self, flavor: Flavor) -> AnyClient {
        self.build(flavor)
            .unwrap_or_else(|e| panic!("{flavor:?} client refused {self:?}: {e}"))
    }
}

/// Either client.
#[derive(Debug, Clone)]
pub enum AnyClient {
    Async(Client),
    Blocking(blocking::Client),
}

impl AnyClient {
    pub async fn send<T>(&self, request: Request<T>) -> Result<T, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.send_with_meta(request).await.map(Response::into_value)
    }

    pub async fn send_with_meta<T>(&self, request: Request<T>) -> Result<Response<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        match self {
            AnyClient::Async(client) => client.send_with_meta(request).await,
            AnyClient::Blocking(client) => {
                let client = client.clone();
                tokio::task::spawn_blocking(move || client.send_with_meta(request))
                    .await
                    .expect("the blocking client does not panic")
            }
        }
    }

    /// Every item `paginate` yields, up to and with the first error.
    pub async fn paginate_all<T>(&self, request: Request<List<T>>) -> Vec<Result<T, Error>>
    where
        T: DeserializeOwned + HasId + Send + 'static,
    {
        use futures_util::StreamExt;
        match self {
            AnyClient::Async(client) => client.paginate(request).collect().await,
            AnyClient::Blocking(client) => {
                let client = client.clone();
                tokio::task::spawn_blocking(move || client.paginate(request).collect())
                    .await
                    .expect("the blocking client does not panic")
            }
        }
    }

    pub fn prepare<T>(&self, request: &Request<T>) -> Result<PreparedRequest, Error> {
        match self {
            AnyClient::Async(client) => client.prepare(request),
            AnyClient::Blocking(client) => client.prepare(request),
        }
    }
}
