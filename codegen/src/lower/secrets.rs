//! Rule "credentials are not shown": a response field that holds a secret is marked, so that
//! `Debug` (what services log) never prints it while the value stays readable.
//!
//! Stripe names its credentials alike: a webhook endpoint's signing `secret` (returned once,
//! at creation), the `client_secret` of intents and sessions. A response string field named
//! `secret` or ending in `_secret` is one.

use crate::model::*;

/// Marks every response string field whose name says it is a secret.
pub fn apply(api: &mut Api) {
    for def in api.types.iter_mut().filter(|d| d.role == Role::Response) {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        if s.tagged.is_some() {
            // Tagged objects print their kinds through their own Debug; none holds a secret.
            continue;
        }
        for field in &mut s.fields {
            field.secret = field.ty == TypeRef::String && is_secret_name(&field.wire_name);
        }
    }
}

/// `secret`, `client_secret`, ...
pub fn is_secret_name(wire_name: &str) -> bool {
    wire_name == "secret" || wire_name.ends_with("_secret")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_secrets() {
        for name in ["secret", "client_secret", "ephemeral_key_secret"] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["secrets_manager", "secretary", "secret_key_id", "url"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
