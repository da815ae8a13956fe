//! What a string enum's values become: the variants of a Rust enum, distinct, with the
//! catch-all of an open (response) enum kept free.

use super::naming;
use super::roles::{self, CATCH_ALL};
use crate::model::*;
use openapiv3::StringType;

/// The enum of a string schema's values, for `role`.
pub(super) fn lower_enum(s: &StringType, role: Role) -> Enum {
    let catch_all = roles::catch_all(role);
    let open = catch_all.is_some();
    // `null` in an enum only says the field is nullable, which `nullable` already does.
    let mut values: Vec<&str> = Vec::with_capacity(s.enumeration.len());
    for value in s.enumeration.iter().flatten() {
        if !values.contains(&value.as_str()) {
            values.push(value);
        }
    }
    let name = |value: &str| {
        let rust_name = naming::variant_name(value);
        if open && rust_name == CATCH_ALL {
            // The catch-all's name never changes, so that a new value cannot rename it.
            format!("{CATCH_ALL}Value")
        } else {
            rust_name
        }
    };
    let reserved: &[&str] = if open { &[CATCH_ALL] } else { &[] };
    let names = naming::distinct_names(&values, reserved, name, |n, i| format!("{n}{i}"));
    let variants = values
        .iter()
        .zip(names)
        .map(|(value, rust_name)| Variant {
            wire_value: (*value).to_owned(),
            rust_name,
        })
        .collect();
    Enum {
        variants,
        catch_all,
    }
}
