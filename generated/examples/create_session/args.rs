//! What the `create_session` examples (async and blocking) share: the command line and the
//! environment, the session parameters they ask for, and how the result is printed.

use std::process::ExitCode;
use stripe_billing_portal::client::{ClientBuilder, SecretKey};
use stripe_billing_portal::params::{
    AfterCompletionRedirectParams, CreateSessionParams, FlowDataAfterCompletionParams,
    FlowDataParams, FlowDataSubscriptionCancelParams, FlowDataSubscriptionUpdateParams,
};
use stripe_billing_portal::resources::BillingPortalSession;

const USAGE: &str = "usage: create_session CUSTOMER_ID|CUSTOMER_ACCOUNT_ID [RETURN_URL] \
                         [--cancel SUBSCRIPTION_ID | --update SUBSCRIPTION_ID | --payment-method]";

/// The command line: who the session is for, where to return, and which flow to open.
struct Args {
    id: String,
    return_url: Option<String>,
    flow: Option<fn(String) -> FlowDataParams>,
    subscription: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Option<Args> {
    let mut positional = Vec::new();
    let (mut flow, mut subscription) = (None, None);
    while let Some(arg) = args.next() {
        let kind: fn(String) -> FlowDataParams = match arg.as_str() {
            "--cancel" => |sub| {
                FlowDataParams::subscription_cancel(FlowDataSubscriptionCancelParams::new(sub))
            },
            "--update" => |sub| {
                FlowDataParams::subscription_update(FlowDataSubscriptionUpdateParams::new(sub))
            },
            "--payment-method" => |_| FlowDataParams::payment_method_update(),
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

impl Args {
    /// The session's parameters.
    fn params(self) -> CreateSessionParams {
        // Stripe's ids say what they name: `acct_` is an account, `cus_` a customer.
        let owner = if self.id.starts_with("acct_") {
            CreateSessionParams::for_customer_account(self.id)
        } else {
            CreateSessionParams::for_customer(self.id)
        };
        // A flow's kind and its sub-object are one value: a cancel flow cannot be sent with an
        // update's subscription, or without one.
        let flow_data = self.flow.map(|flow| FlowDataParams {
            after_completion: Some(match &self.return_url {
                Some(url) => {
                    FlowDataAfterCompletionParams::redirect(AfterCompletionRedirectParams::new(url))
                }
                None => FlowDataAfterCompletionParams::portal_homepage(),
            }),
            ..flow(self.subscription.unwrap_or_default())
        });
        CreateSessionParams {
            flow_data,
            return_url: self.return_url,
            ..owner
        }
    }
}

/// The session's parameters from the command line, and a client builder with the key and base
/// URL from the environment; or the exit code after saying what is missing.
pub fn read<C>(
    builder: fn(SecretKey) -> ClientBuilder<C>,
) -> Result<(CreateSessionParams, ClientBuilder<C>), ExitCode> {
    let Some(args) = parse(std::env::args().skip(1)) else {
        eprintln!("{USAGE}");
        return Err(ExitCode::from(2));
    };
    let Ok(key) = std::env::var("STRIPE_SECRET_KEY") else {
        eprintln!("set STRIPE_SECRET_KEY to your Stripe secret key");
        return Err(ExitCode::from(2));
    };
    let mut builder = builder(key.into());
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        builder = builder.base_url(base);
    }
    Ok((args.params(), builder))
}

/// Prints the session's URL, or the error.
pub fn report(result: Result<BillingPortalSession, stripe_billing_portal::Error>) -> ExitCode {
    match result {
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

/// A client that could not be made: says why.
pub fn refused(e: stripe_billing_portal::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}
