//! Creates a customer portal session and prints its URL, with the blocking client: the
//! `create_session` example without an async runtime.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-billing-portal --features blocking \
//!     --example create_session_blocking -- \
//!     cus_123 [RETURN_URL] [--cancel sub_123 | --update sub_123 | --payment-method]
//! ```
//!
//! The arguments and `STRIPE_API_BASE` are those of `create_session`.

#[path = "create_session/args.rs"]
mod args;

use std::process::ExitCode;
use stripe_billing_portal::{client::blocking::Client, operations};

fn main() -> ExitCode {
    let (params, builder) = match args::read(Client::builder) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => return args::refused(e),
    };
    args::report(client.send(operations::create_session(&params)))
}
