//! Rule "credentials are not shown": a response field that holds a secret is marked, so that
//! `Debug` (what services log) never prints it while the value stays readable.
//!
//! Stripe names its credentials alike: a webhook endpoint's signing `secret` (returned once,
//! at creation), the `client_secret` of intents and sessions. A response string field named
//! `secret` or ending in `_secret` is one.
//!
//! A login link is one too, but nothing in the spec tells it apart: the portal session's `url`
//! ("the short-lived URL of the session that gives customers access to the customer portal")
//! is a plain string like any public URL (a webhook endpoint's `url`, the login page's
//! shareable `url`), and matching on description words would break on the next rewording. So
//! the login links are a short list, [`LOGIN_LINKS`], checked against the spec by a test.

use crate::model::*;

/// The response fields that log a customer in without a password, as (component schema,
/// property): the bearer URLs that must not reach logs.
pub const LOGIN_LINKS: &[(&str, &str)] = &[("billing_portal.session", "url")];

/// Marks every response string field whose name says it is a secret, and the login links.
pub fn apply(api: &mut Api) {
    for def in api.types.iter_mut().filter(|d| d.role == Role::Response) {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        if s.tagged.is_some() {
            // Tagged objects print their kinds through their own Debug; none holds a secret.
            continue;
        }
        let schema = def.spec_name.as_deref();
        for field in &mut s.fields {
            field.secret = field.ty == TypeRef::String
                && (is_secret_name(&field.wire_name) || is_login_link(schema, &field.wire_name));
        }
    }
}

/// The portal session's `url`, ... (see [`LOGIN_LINKS`]).
pub fn is_login_link(schema: Option<&str>, wire_name: &str) -> bool {
    LOGIN_LINKS.contains(&(schema.unwrap_or_default(), wire_name))
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

    #[test]
    fn the_portal_session_url_is_a_login_link_other_urls_are_not() {
        assert!(is_login_link(Some("billing_portal.session"), "url"));
        assert!(!is_login_link(Some("billing_portal.session"), "return_url"));
        assert!(!is_login_link(Some("webhook_endpoint"), "url"));
        assert!(!is_login_link(Some("portal_login_page"), "url"));
        assert!(!is_login_link(None, "url"));
    }
}
