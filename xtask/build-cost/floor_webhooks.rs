//! The webhook floor of `cargo xtask build-cost`: the `portal_webhooks` example written by hand,
//! with no SDK, on the crates the example builds on (axum, tokio, HMAC-SHA256 from RustCrypto,
//! serde_json; reqwest with rustls (ring) for `--register`). It verifies the signature the way
//! Stripe documents it, reads the event as a `serde_json::Value` and dispatches on its `type`.
//! Not part of xtask: build-cost builds it as a program of its own.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hmac::{Hmac, KeyInit, Mac};
use std::process::ExitCode;
use std::sync::Arc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, url] = args.as_slice()
        && flag == "--register"
    {
        return register(url).await;
    }
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_default();
    let Ok(listener) = tokio::net::TcpListener::bind("127.0.0.1:4242").await else {
        return ExitCode::FAILURE;
    };
    let router = Router::new()
        .route("/webhooks/stripe", post(receive))
        .with_state(Arc::new(secret));
    match axum::serve(listener, router).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

async fn receive(State(secret): State<Arc<String>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = headers
        .get("Stripe-Signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for item in header.split(',') {
        match item.split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v1)) => signatures.push(v1),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else {
        return StatusCode::BAD_REQUEST;
    };
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(&body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if !signatures.iter().any(|s| *s == expected) {
        return StatusCode::BAD_REQUEST;
    }
    let Ok(event) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    let object = &event["data"]["object"];
    match event["type"].as_str() {
        Some("billing_portal.session.created") => println!("session {}", object["id"]),
        Some(other) => println!("{other} {}", object["id"]),
        None => return StatusCode::BAD_REQUEST,
    }
    StatusCode::OK
}

async fn register(url: &str) -> ExitCode {
    let key = std::env::var("STRIPE_SECRET_KEY").unwrap_or_default();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let body = format!(
        "url={url}&enabled_events[0]=billing_portal.session.created&api_version=2026-07-29.dahlia"
    );
    let sent = reqwest::Client::new()
        .post("https://api.stripe.com/v1/webhook_endpoints")
        .bearer_auth(key)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    let text = match sent {
        Ok(response) => response.text().await,
        Err(e) => Err(e),
    };
    match text.map(|text| serde_json::from_str::<serde_json::Value>(&text)) {
        Ok(Ok(endpoint)) => {
            println!("{} {}", endpoint["id"], endpoint["secret"]);
            ExitCode::SUCCESS
        }
        _ => ExitCode::FAILURE,
    }
}
