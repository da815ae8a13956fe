//! Stripe's Customer Portal API (`/v1/billing_portal/*`), typed.
//!
//! - [`params`]: what callers send. Fields that Stripe lets you clear are
//!   `Option<`[`Clearable<T>`](runtime::Clearable)`>`: `None` leaves the field unchanged,
//!   `Some(Clearable::Set(value))` sets it, `Some(Clearable::Clear)` clears it.
//! - [`resources`]: what the API answers. Enums keep values this version does not know;
//!   expandable fields are [`Expandable<T>`](runtime::Expandable); lists are
//!   [`List<T>`](runtime::List).
//!
//! Everything in `params` and `resources` is generated from Stripe's OpenAPI spec by
//! `cargo xtask regen` (the files under `src/generated/`); [`runtime`] is written by hand.

pub mod runtime;

mod generated;
pub use generated::{API_VERSION, params, resources};
