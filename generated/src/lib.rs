//! Stripe's Customer Portal API (`/v1/billing_portal/*`), typed.
//!
//! - [`operations`]: one function per API call, returning a sans-IO
//!   [`Request`](runtime::Request) that a [`client::Client`] sends (or any HTTP stack carries).
//! - [`params`]: what callers send. Fields that Stripe lets you clear are
//!   `Option<`[`Clearable<T>`](runtime::Clearable)`>`: `None` leaves the field unchanged,
//!   `Some(Clearable::Set(value))` sets it, `Some(Clearable::Clear)` clears it.
//! - [`resources`]: what the API answers. Enums keep values this version does not know;
//!   expandable fields are [`Expandable<T>`](runtime::Expandable); lists are
//!   [`List<T>`](runtime::List).
//! - `webhook` (feature `webhooks`): verifies the `Stripe-Signature` of a webhook delivery and
//!   reads its event.
//!
//! ```
//! use stripe_billing_portal::params::{BusinessProfileUpdateParam, UpdateConfigurationParams};
//! use stripe_billing_portal::runtime::Clearable;
//!
//! let params = UpdateConfigurationParams {
//!     business_profile: Some(BusinessProfileUpdateParam {
//!         headline: Some(Clearable::Clear), // clear it: sent as `headline=`
//!         privacy_policy_url: Some(Clearable::Set("https://example.com/privacy".into())),
//!         ..BusinessProfileUpdateParam::new() // terms_of_service_url: left unchanged
//!     }),
//!     ..UpdateConfigurationParams::new()
//! };
//! assert_eq!(
//!     serde_json::to_string(&params).unwrap(),
//!     r#"{"business_profile":{"headline":"","privacy_policy_url":"https://example.com/privacy"}}"#
//! );
//! ```
//!
//! A choice between kinds of one thing (Stripe's `type` plus one sub-object per kind, like a
//! portal session's `flow_data`) is one enum of kinds, so that a kind is always sent with its
//! own sub-object:
//!
//! ```
//! use stripe_billing_portal::params::{
//!     AfterCompletionRedirectParam, FlowDataAfterCompletionParam, FlowDataParam,
//!     FlowDataSubscriptionCancelParam,
//! };
//!
//! let flow = FlowDataParam {
//!     after_completion: Some(FlowDataAfterCompletionParam::redirect(
//!         AfterCompletionRedirectParam::new("https://example.com/done"),
//!     )),
//!     ..FlowDataParam::subscription_cancel(FlowDataSubscriptionCancelParam::new("sub_123"))
//! };
//! assert_eq!(
//!     serde_json::to_string(&flow).unwrap(),
//!     r#"{"after_completion":{"redirect":{"return_url":"https://example.com/done"},"type":"redirect"},"subscription_cancel":{"subscription":"sub_123"},"type":"subscription_cancel"}"#
//! );
//! ```
//!
//! A kind holds its own sub-object:
//!
//! ```
//! use stripe_billing_portal::params::{
//!     FlowDataParam, FlowDataParamKind, FlowDataSubscriptionUpdateParam,
//! };
//!
//! let flow = FlowDataParam::new(FlowDataParamKind::SubscriptionUpdate(
//!     FlowDataSubscriptionUpdateParam::new("sub_123"),
//! ));
//! # assert_eq!(flow.kind.as_str(), "subscription_update");
//! ```
//!
//! and the same with another kind's sub-object does not compile (stable rustdoc does not check
//! the error code; the example above, which differs in the kind only, shows that the rest
//! compiles):
//!
//! ```compile_fail,E0308
//! use stripe_billing_portal::params::{
//!     FlowDataParam, FlowDataParamKind, FlowDataSubscriptionUpdateParam,
//! };
//!
//! let flow = FlowDataParam::new(FlowDataParamKind::SubscriptionCancel(
//!     FlowDataSubscriptionUpdateParam::new("sub_123"),
//! ));
//! ```
//!
//! Everything in `operations`, `params` and `resources` is generated from Stripe's OpenAPI
//! spec by `cargo xtask regen` (the files under `src/generated/`); [`runtime`], [`client`],
//! [`Error`] and a few constructors for rules the spec states only in prose (a session is for
//! a customer or a customer account:
//! [`CreateSessionParams::for_customer`](params::CreateSessionParams::for_customer)) are
//! written by hand.

#[cfg(any(feature = "client", feature = "blocking"))]
pub mod client;
mod error;
pub mod runtime;
#[cfg(feature = "webhooks")]
pub mod webhook;

mod generated;
pub use error::{ApiError, DecodeError, Error, TransportError, TransportKind};
pub use generated::{API_VERSION, operations, params, resources};
