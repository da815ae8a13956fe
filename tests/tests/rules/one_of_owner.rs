//! Rule "one of" (`codegen::lower::prose`): a session is built for its owner, one constructor
//! per owner field; where a release makes the owner required, `new(customer)` stays.

use super::*;
use rule_specs::one_of_owner::params::{CreateOldSessionParams, CreateSessionParams};

#[test]
fn one_constructor_per_owner_sets_only_that_owner() {
    let params = CreateSessionParams {
        return_url: Some("https://example.com".into()),
        ..CreateSessionParams::for_customer("cus_1")
    };
    assert_eq!(
        to_json(&params),
        json!({"customer": "cus_1", "return_url": "https://example.com"})
    );
    assert_eq!(
        to_json(&CreateSessionParams::for_customer_account("acct_1")),
        json!({"customer_account": "acct_1"})
    );
}

#[test]
fn a_required_owner_keeps_the_plain_constructor() {
    assert_eq!(
        to_json(&CreateOldSessionParams::new("cus_1")),
        json!({"customer": "cus_1"})
    );
}
