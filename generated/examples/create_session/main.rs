//! Creates a customer portal session and prints its URL, with the async client.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-billing-portal --example create_session -- \
//!     cus_123 [RETURN_URL] [--cancel sub_123 | --update sub_123 | --payment-method]
//! ```
//!
//! The id is a customer (`cus_...`), or a customer account (`acct_...`, Accounts v2). With a
//! flow, the portal opens on that flow (cancel or update a subscription, update the payment
//! method) instead of its homepage, and afterwards sends the customer to `RETURN_URL` if given,
//! else to the portal's homepage.
//!
//! `STRIPE_API_BASE` sends the request elsewhere (a local mock or a proxy), e.g.
//! `STRIPE_API_BASE=http://localhost:12111` for stripe-mock. `create_session_blocking` is the
//! same program without an async runtime.

mod args;

use std::process::ExitCode;
use stripe_billing_portal::{client::Client, operations};

#[tokio::main]
async fn main() -> ExitCode {
    let (params, builder) = match args::read(Client::builder) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => return args::refused(e),
    };
    args::report(client.send(operations::create_session(&params)).await)
}
