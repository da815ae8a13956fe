//! The async floor of `cargo xtask build-cost`: the session example's request written by hand,
//! with no SDK, on the HTTP and TLS crates the generated crate's async client uses (reqwest,
//! rustls with ring, tokio). Not part of xtask: build-cost builds it as a program of its own.

use std::process::ExitCode;

/// Percent-encodes a form value (everything but `A-Z a-z 0-9 - _ . ~`).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(customer), Ok(key)) = (args.next(), std::env::var("STRIPE_SECRET_KEY")) else {
        eprintln!("usage: STRIPE_SECRET_KEY=sk_... floor CUSTOMER_ID [RETURN_URL]");
        return ExitCode::from(2);
    };
    let mut body = format!("customer={}", encode(&customer));
    if let Some(url) = args.next() {
        body.push_str(&format!("&return_url={}", encode(&url)));
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let base = std::env::var("STRIPE_API_BASE").unwrap_or("https://api.stripe.com".into());
    let sent = reqwest::Client::new()
        .post(format!("{base}/v1/billing_portal/sessions"))
        .bearer_auth(key)
        .header("Stripe-Version", "2026-07-29.dahlia")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    let text = match sent {
        Ok(response) => response.text().await,
        Err(e) => Err(e),
    };
    let session: serde_json::Value = match text.map(|t| serde_json::from_str(&t)) {
        Ok(Ok(value)) => value,
        Ok(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match session["url"].as_str() {
        Some(url) => {
            println!("{url}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: {session}");
            ExitCode::FAILURE
        }
    }
}
