//! The HTTP clients: [`Client`] (async, on tokio; feature `client`) and `blocking::Client`
//! (feature `blocking`) send [`Request`](crate::runtime::Request)s to Stripe with
//! authentication, API version, idempotency keys, retries, timeouts and a body limit, and page
//! through lists.
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
//! `send_with_meta` answers the same value in a [`Response`], with the `Request-Id` Stripe's
//! support asks for. With the feature `tracing`, each request is a `stripe.request` span and
//! each attempt a `stripe.attempt` span under it (no key, header or body in them).
//!
//! The two clients differ only in how bytes move. Their settings ([`ClientBuilder`]), the
//! request as sent ([`PreparedRequest`]), when to retry ([`RetryPolicy`]), the body limit, the
//! secret key's redaction and pagination are written once, here, and both follow them. A client
//! is cheap to clone (an `Arc` inside) and meant to be shared.

#[cfg(feature = "client")]
mod async_client;
mod attempts;
#[cfg(feature = "blocking")]
pub mod blocking;
mod prepared;
mod response;
mod retry;
mod secret;
mod settings;
mod trace;

#[cfg(feature = "client")]
pub use async_client::Client;
pub use prepared::PreparedRequest;
pub use response::Response;
pub use retry::{Outcome, RetryPolicy};
pub use secret::SecretKey;
pub use settings::ClientBuilder;

use std::time::Duration;

/// Stripe's API.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
/// How long one attempt may take, as Stripe's official SDKs default to.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
/// The largest response body read (Stripe's responses are kilobytes; a proxy error page or
/// a hostile server must not exhaust memory).
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;
