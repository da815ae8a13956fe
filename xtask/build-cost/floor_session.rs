//! What the two floors of `cargo xtask build-cost` share: the command line and environment,
//! the form body, and printing the session's URL. Written into each floor's project as
//! `src/session.rs`.

use std::fmt::Display;
use std::process::ExitCode;

/// The request to send: the base URL, the secret key and the form body; or the exit code after
/// the usage.
pub fn request() -> Result<(String, String, String), ExitCode> {
    let mut args = std::env::args().skip(1);
    let (Some(customer), Ok(key)) = (args.next(), std::env::var("STRIPE_SECRET_KEY")) else {
        eprintln!("usage: STRIPE_SECRET_KEY=sk_... floor CUSTOMER_ID [RETURN_URL]");
        return Err(ExitCode::from(2));
    };
    let mut body = format!("customer={}", encode(&customer));
    if let Some(url) = args.next() {
        body.push_str(&format!("&return_url={}", encode(&url)));
    }
    let base = std::env::var("STRIPE_API_BASE").unwrap_or("https://api.stripe.com".into());
    Ok((base, key, body))
}

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

/// Prints the session's URL from the response body, or the error.
pub fn report(body: Result<String, impl Display>) -> ExitCode {
    let session: serde_json::Value = match body.map(|t| serde_json::from_str(&t)) {
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
