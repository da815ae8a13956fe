//! Creates a customer portal session and prints its URL.
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
//! `STRIPE_API_BASE=http://localhost:12111` for stripe-mock.

use std::process::ExitCode;
use stripe_billing_portal::params::{
    AfterCompletionRedirectParam, CreateSessionParams, FlowDataAfterCompletionParam, FlowDataParam,
    FlowDataSubscriptionCancelParam, FlowDataSubscriptionUpdateParam,
};
use stripe_billing_portal::{client::Client, operations};

const USAGE: &str = "usage: create_session CUSTOMER_ID|CUSTOMER_ACCOUNT_ID [RETURN_URL] \
                     [--cancel SUBSCRIPTION_ID | --update SUBSCRIPTION_ID | --payment-method]";

/// The command line: who the session is for, where to return, and which flow to open.
struct Args {
    id: String,
    return_url: Option<String>,
    flow: Option<fn(String) -> FlowDataParam>,
    subscription: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Option<Args> {
    let mut positional = Vec::new();
    let (mut flow, mut subscription) = (None, None);
    while let Some(arg) = args.next() {
        let kind: fn(String) -> FlowDataParam = match arg.as_str() {
            "--cancel" => {
                |sub| FlowDataParam::subscription_cancel(FlowDataSubscriptionCancelParam::new(sub))
            }
            "--update" => {
                |sub| FlowDataParam::subscription_update(FlowDataSubscriptionUpdateParam::new(sub))
            }
            "--payment-method" => |_| FlowDataParam::payment_method_update(),
            _ if arg.starts_with("--") => return None,
            _ => {
                positional.push(arg);
                continue;
            }
        };
        if flow.replace(kind).is_some() {
            return None;
        }
        if arg != "--payment-method" {
            subscription = Some(args.next()?);
        }
    }
    let mut positional = positional.into_iter();
    let args = Args {
        id: positional.next()?,
        return_url: positional.next(),
        flow,
        subscription,
    };
    positional.next().is_none().then_some(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(args) = parse(std::env::args().skip(1)) else {
        eprintln!("{USAGE}");
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
    let owner = if args.id.starts_with("acct_") {
        CreateSessionParams::for_customer_account(args.id)
    } else {
        CreateSessionParams::for_customer(args.id)
    };
    // A flow's kind and its sub-object are one value: a cancel flow cannot be sent with an
    // update's subscription, or without one.
    let flow_data = args.flow.map(|flow| FlowDataParam {
        after_completion: Some(match &args.return_url {
            Some(url) => {
                FlowDataAfterCompletionParam::redirect(AfterCompletionRedirectParam::new(url))
            }
            None => FlowDataAfterCompletionParam::portal_homepage(),
        }),
        ..flow(args.subscription.unwrap_or_default())
    });
    let params = CreateSessionParams {
        flow_data,
        return_url: args.return_url,
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
