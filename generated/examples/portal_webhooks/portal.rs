//! `POST /billing/portal`: opens a portal session for the logged-in customer and sends the
//! browser there (`303 See Other`), the way a "Manage billing" button in a service works.
//!
//! Who is logged in is the service's own business; here a `session` cookie is looked up in
//! `PORTAL_LOGINS` (`token=cus_...,token2=acct_...`), standing in for the service's sessions
//! and the Stripe customer id it stores for each user. The customer id never comes from the
//! request itself: anyone could send someone else's.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;
use stripe_billing_portal::client::Client;
use stripe_billing_portal::operations;
use stripe_billing_portal::params::CreateSessionParams;

/// Where the portal's button posts.
pub const ROUTE: &str = "/billing/portal";

/// What the route needs: the Stripe client, the logins, where the portal links back to.
pub struct Portal {
    pub client: Client,
    /// Session token -> the Stripe customer (`cus_...`) or customer account (`acct_...`).
    pub logins: HashMap<String, String>,
    /// The page the portal's "return" link opens, if any.
    pub return_url: Option<String>,
}

impl Portal {
    /// From the environment: `STRIPE_SECRET_KEY` (without it the route is not served),
    /// `STRIPE_API_BASE` (a local mock), `PORTAL_LOGINS`, `PORTAL_RETURN_URL`.
    pub fn from_env() -> Result<Option<Self>, String> {
        let Ok(key) = std::env::var("STRIPE_SECRET_KEY") else {
            return Ok(None);
        };
        let mut builder = Client::builder(key);
        if let Ok(base) = std::env::var("STRIPE_API_BASE") {
            builder = builder.base_url(base);
        }
        let client = builder.build().map_err(|e| e.to_string())?;
        let logins = std::env::var("PORTAL_LOGINS").unwrap_or_default();
        let logins = logins
            .split(',')
            .filter_map(|pair| pair.split_once('='))
            .map(|(token, customer)| (token.trim().to_owned(), customer.trim().to_owned()))
            .collect();
        Ok(Some(Portal {
            client,
            logins,
            return_url: std::env::var("PORTAL_RETURN_URL").ok(),
        }))
    }

    /// The customer of the request's `session` cookie, if it is logged in.
    fn customer(&self, headers: &HeaderMap) -> Option<&str> {
        let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
        let token = cookies
            .split(';')
            .filter_map(|cookie| cookie.trim().split_once('='))
            .find_map(|(name, value)| (name == "session").then_some(value))?;
        self.logins.get(token).map(String::as_str)
    }
}

/// Opens the session and redirects to it: `401` when no one is logged in, `502` when Stripe
/// refuses or cannot be reached (the error is logged, never shown: it may name the account).
pub async fn open(State(portal): State<Arc<Portal>>, headers: HeaderMap) -> Response {
    let Some(customer) = portal.customer(&headers) else {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    };
    let mut params = match customer.starts_with("acct_") {
        true => CreateSessionParams::for_customer_account(customer),
        false => CreateSessionParams::for_customer(customer),
    };
    params.return_url = portal.return_url.clone();
    match portal
        .client
        .send(operations::create_session(&params))
        .await
    {
        // The URL logs the customer in: it goes to their browser, never into a log.
        Ok(session) => {
            println!("portal session {} opened", session.id);
            (StatusCode::SEE_OTHER, [(header::LOCATION, session.url)]).into_response()
        }
        Err(e) => {
            println!("portal session refused: {e}");
            (StatusCode::BAD_GATEWAY, "the billing portal is unavailable").into_response()
        }
    }
}
