//! Rule "login links are not shown": the portal session's `url` is readable but never printed
//! by `Debug`; other URLs print as usual.

use super::*;
use codegen::lower::secrets::LOGIN_LINKS;
use rule_specs::login_links::resources::BillingPortalSession;

const LINK: &str = "https://billing.stripe.com/p/session/test_YWNjdF8x";

#[test]
fn debug_hides_the_login_link_and_shows_other_urls() {
    let session: BillingPortalSession = from_json(json!({
        "id": "bps_1",
        "return_url": "https://example.com/account",
        "url": LINK,
        "webhook": {"url": "https://example.com/hooks"},
    }));
    assert_eq!(session.url, LINK, "readable");
    let debug = format!("{session:?} {session:#?}");
    assert!(!debug.contains("billing.stripe.com"), "{debug}");
    assert!(debug.contains(r#"url: <redacted>"#), "{debug}");
    assert!(debug.contains("https://example.com/account"), "{debug}");
    assert!(debug.contains("https://example.com/hooks"), "{debug}");
}

/// A listed login link that the spec renamed or retyped would silently print again.
#[test]
fn every_login_link_is_a_string_property_of_the_pinned_spec() {
    let selection = portal_tests::pinned_selection();
    for (schema, field) in LOGIN_LINKS {
        let property = &selection["components"]["schemas"][schema]["properties"][field];
        assert_eq!(property["type"], "string", "{schema}.{field}");
    }
}
