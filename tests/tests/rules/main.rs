//! Behaviour of the code generated from the hand-written specs in `tests/specs/` (compiled by
//! `build.rs` into `portal_tests::rule_specs`): what each lowering rule's output does on the
//! wire, checked with serde_json. The snapshots (`snapshots.rs`) show what the code looks like;
//! these tests show that it means what the rule says.
//!
//! One file per rule, named for it; this one holds what they share.

mod absolute_links;
mod colliding_names;
mod emptyable_enum_list;
mod emptyable_metadata;
mod emptyable_object_list;
mod emptyable_string;
mod enum_odd_values;
mod expandable;
mod keyword_fields;
mod list_response;
mod login_links;
mod nested_inline_objects;
mod nullable_ref;
mod one_of_owner;
mod operation_naming;
mod param_names;
mod secret_fields;
mod tagged_request;
mod tagged_response;
mod timestamp;
mod typed_events;
mod unions;
mod unknown_fields;

use portal_tests::rule_specs;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use stripe_billing_portal::runtime::{Clearable, Expandable, List, Timestamp};

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// `base` with the members of `extra` added or replaced.
fn merged(mut base: Value, extra: Value) -> Value {
    base.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    base
}
