//! The async floor of `cargo xtask build-cost`: the session example's request written by hand,
//! with no SDK, on the HTTP and TLS crates the generated crate's async client uses (reqwest,
//! rustls with ring, tokio). Not part of xtask: build-cost builds it as a program of its own.

mod session;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let (base, key, body) = match session::request() {
        Ok(request) => request,
        Err(code) => return code,
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
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
    session::report(text)
}
