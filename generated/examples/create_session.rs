//! Creates a customer portal session and prints its URL.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-billing-portal --example create_session -- cus_123 [return_url]
//! ```
//!
//! The id is a customer (`cus_...`), or a customer account (`acct_...`, Accounts v2).
//!
//! `STRIPE_API_BASE` sends the request elsewhere (a local mock or a proxy), e.g.
//! `STRIPE_API_BASE=http://localhost:12111` for stripe-mock.

use std::process::ExitCode;
use stripe_billing_portal::{client::Client, operations, params::CreateSessionParams};

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(id) = args.next() else {
        eprintln!("usage: create_session CUSTOMER_ID|CUSTOMER_ACCOUNT_ID [RETURN_URL]");
        return ExitCode::from(2);
    };
    let Ok(key) = std::env::var("STRIPE_SECRET_KEY") else {
        eprintln!("set STRIPE_SECRET_KEY to your Stripe secret key");
        return ExitCode::from(2);
    };
    let mut builder = Client::builder(key);
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        builder = builder.base_url(base);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };

    // Stripe's ids say what they name: `acct_` is an account, `cus_` a customer.
    let owner = if id.starts_with("acct_") {
        CreateSessionParams::for_customer_account(id)
    } else {
        CreateSessionParams::for_customer(id)
    };
    let params = CreateSessionParams {
        return_url: args.next(),
        ..owner
    };
    match client.send(operations::create_session(&params)).await {
        Ok(session) => {
            println!("{}", session.url);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
