//! The async-stripe comparison of `cargo xtask build-cost --with-async-stripe`: the session
//! example's request with async-stripe 1.0.0-rc.10 (billing portal features only, rustls with
//! ring). Not part of xtask: build-cost builds it as a program of its own, fetching
//! async-stripe from the registry.
//!
//! Usage: portal-async-stripe <customer_id> [return_url]
//! Env:   STRIPE_SECRET_KEY (required), STRIPE_API_BASE (optional, default https://api.stripe.com)

use std::process::ExitCode;

use stripe::ClientBuilder;
use stripe_billing::billing_portal_session::CreateBillingPortalSession;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(url) => {
            println!("{url}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<String, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let customer = args
        .next()
        .ok_or("usage: portal-async-stripe <customer_id> [return_url]")?;
    let return_url = args.next();

    let secret = std::env::var("STRIPE_SECRET_KEY").map_err(|_| "STRIPE_SECRET_KEY is not set")?;

    let mut builder = ClientBuilder::new(secret);
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        // async-stripe builds request URLs as "{api_base}v1{path}", so the base
        // must end with a slash.
        let base = if base.ends_with('/') { base } else { format!("{base}/") };
        builder = builder.url(base);
    }
    let client = builder.build()?;

    let mut request = CreateBillingPortalSession::new().customer(customer);
    if let Some(return_url) = return_url {
        request = request.return_url(return_url);
    }

    let session = request.send(&client).await?;
    Ok(session.url)
}
