//! Applies a portal configuration kept in a TOML (or JSON) file: updates the configuration
//! `ID` if given, else creates one. The file uses the API's field names, and `""` clears a
//! field, exactly as the API takes it (see `examples/portal.toml`).
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-billing-portal --example apply_configuration -- generated/examples/portal.toml [bpc_...]
//! ```
//!
//! With `--dry-run`, prints the form body it would send instead of sending it.
//!
//! A field the API version does not have (misspelt, or removed by Stripe since the file was
//! written) stops it before anything is sent, with the field's path and, when one is close,
//! the field probably meant.

use std::process::ExitCode;
use stripe_billing_portal::client::Client;
use stripe_billing_portal::runtime::read_params;
use stripe_billing_portal::{Error, operations, params::UpdateConfigurationParams};

fn read(path: &str) -> Result<UpdateConfigurationParams, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let params = if path.ends_with(".json") {
        read_params(&mut serde_json::Deserializer::from_str(&text))
    } else {
        let toml = toml::Deserializer::parse(&text).map_err(|e| format!("{path}: {e}"))?;
        read_params(toml)
    };
    params.map_err(|e| format!("{path}: {e}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(path) = positional.first() else {
        eprintln!("usage: apply_configuration FILE [CONFIGURATION_ID] [--dry-run]");
        return ExitCode::from(2);
    };
    let params = match read(path) {
        Ok(params) => params,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match apply(&params, positional.get(1).map(|s| s.as_str()), dry_run).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn apply(
    params: &UpdateConfigurationParams,
    id: Option<&str>,
    dry_run: bool,
) -> Result<(), Error> {
    let request = match id {
        Some(id) => operations::update_configuration(id, params),
        // The update params have the create params' fields, all optional; creating checks
        // on Stripe's side that the required ones (`features`) are there.
        None => {
            let create = serde_json::to_value(params)
                .and_then(serde_json::from_value)
                .map_err(|e| {
                    Error::Config(format!("the file cannot create a configuration: {e}"))
                })?;
            operations::create_configuration(&create)
        }
    };
    if dry_run {
        println!("{} {}", request.method().as_str(), request.path()?);
        println!("{}", request.form_body()?.unwrap_or_default());
        return Ok(());
    }
    let key = std::env::var("STRIPE_SECRET_KEY")
        .map_err(|_| Error::Config("set STRIPE_SECRET_KEY to your Stripe secret key".into()))?;
    let mut builder = Client::builder(key);
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        builder = builder.base_url(base);
    }
    let configuration = builder.build()?.send(request).await?;
    println!("{}", configuration.id);
    Ok(())
}
