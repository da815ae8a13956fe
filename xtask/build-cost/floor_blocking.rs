//! The blocking floor of `cargo xtask build-cost`: the session example's request written by
//! hand, with no SDK, on the HTTP and TLS crates the generated crate's blocking client uses
//! (ureq, rustls with ring). Not part of xtask: build-cost builds it as a program of its own.

mod session;

use std::process::ExitCode;

fn main() -> ExitCode {
    let (base, key, body) = match session::request() {
        Ok(request) => request,
        Err(code) => return code,
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                .build(),
        )
        .build()
        .new_agent();
    let sent = agent
        .post(format!("{base}/v1/billing_portal/sessions"))
        .header("Authorization", format!("Bearer {key}"))
        .header("Stripe-Version", "2026-07-29.dahlia")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(body);
    session::report(sent.and_then(|mut response| response.body_mut().read_to_string()))
}
