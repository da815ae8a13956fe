//! Rule "unions" (`codegen::lower::unions`): object unions dispatch on `object` (and
//! `deleted`), keep an unlisted type as JSON, and round-trip; expandable fields with several
//! targets are an id or one of the objects; a union of JSON kinds reads each kind.

use super::*;
use rule_specs::unions::params::{CreatePayoutAmount, CreatePayoutParams};
use rule_specs::unions::resources::{
    CustomerOrDeletedCustomer, ExternalAccount, Payout, PayoutAmount, PayoutSource,
};
use stripe_billing_portal::runtime::HasId;

fn payout(extra: Value) -> Value {
    let base = json!({
        "id": "po_1",
        "object": "payout",
        "destination": "ba_1",
        "customer": "cus_1",
        "source": "card_1",
        "external": {"id": "card_9", "object": "card", "brand": "visa"},
        "amount": 500,
        "arbitrary": "x"
    });
    merged(base, extra)
}

#[test]
fn each_arm_decodes_by_its_object_type_and_round_trips() {
    let bank = json!({"id": "ba_1", "object": "bank_account", "last4": "6789"});
    let json = payout(json!({"external": bank.clone(), "destination": bank}));
    let decoded: Payout = from_json(json.clone());
    let ExternalAccount::BankAccount(account) = &decoded.external else {
        panic!("{:?}", decoded.external);
    };
    assert_eq!(account.last4, "6789");
    assert_eq!(decoded.external.id(), "ba_1");
    assert_eq!(to_json(&decoded), json);

    let card: Payout = from_json(payout(json!({})));
    assert!(matches!(card.external, ExternalAccount::Card(ref c) if c.brand == "visa"));
}

#[test]
fn an_object_type_the_spec_did_not_list_is_kept_verbatim() {
    let unknown = json!({"id": "pm_1", "object": "payment_method", "new_field": [1]});
    let json = payout(json!({"external": unknown.clone()}));
    let decoded: Payout = from_json(json.clone());
    assert_eq!(decoded.external, ExternalAccount::Unknown(unknown));
    assert_eq!(decoded.external.id(), "pm_1");
    assert_eq!(to_json(&decoded), json);
}

#[test]
fn an_expandable_field_with_two_targets_tells_a_deleted_customer_apart() {
    let id: Payout = from_json(payout(json!({})));
    assert_eq!(id.customer.id(), "cus_1");
    let json = payout(json!({"customer": {"id": "cus_2", "object": "customer", "deleted": true}}));
    let deleted: Payout = from_json(json.clone());
    let Some(CustomerOrDeletedCustomer::DeletedCustomer(gone)) = deleted.customer.as_object()
    else {
        panic!("{:?}", deleted.customer);
    };
    assert_eq!(gone.id, "cus_2");
    assert_eq!(deleted.customer.id(), "cus_2");
    assert_eq!(to_json(&deleted), json);
    let live: Payout = from_json(payout(
        json!({"customer": {"id": "cus_3", "object": "customer", "email": null}}),
    ));
    assert!(matches!(
        live.customer.as_object(),
        Some(CustomerOrDeletedCustomer::Customer(_))
    ));
}

#[test]
fn a_target_outside_the_selection_is_kept_as_json_in_the_union() {
    let fee = json!({"id": "fee_1", "object": "application_fee"});
    let decoded: Payout = from_json(payout(json!({"source": fee.clone()})));
    assert_eq!(
        decoded.source.as_object(),
        Some(&PayoutSource::Unknown(fee))
    );
    assert_eq!(decoded.source.id(), "fee_1");
}

#[test]
fn a_union_of_json_kinds_reads_each_kind_and_refuses_others() {
    let number: Payout = from_json(payout(json!({"amount": 500})));
    assert_eq!(number.amount, PayoutAmount::Integer(500));
    let text: Payout = from_json(payout(json!({"amount": "2 * 250"})));
    assert_eq!(text.amount, PayoutAmount::String("2 * 250".into()));
    assert_eq!(to_json(&text)["amount"], json!("2 * 250"));
    let err = serde_json::from_value::<Payout>(payout(json!({"amount": true}))).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected one of integer, string, found boolean"),
        "{err}"
    );
    // Requests send the arm's own value.
    let params = CreatePayoutParams::new(CreatePayoutAmount::Integer(7));
    assert_eq!(to_json(&params), json!({"amount": 7}));
}

#[test]
fn an_inline_union_answers_an_operation() {
    use rule_specs::unions::resources::RetrieveCustomerResponse;
    let deleted = json!({"id": "cus_1", "object": "customer", "deleted": true});
    let answer: RetrieveCustomerResponse = from_json(deleted.clone());
    assert!(matches!(
        answer,
        RetrieveCustomerResponse::DeletedCustomer(_)
    ));
    assert_eq!(to_json(&answer), deleted);
    let live: RetrieveCustomerResponse =
        from_json(json!({"id": "cus_2", "object": "customer", "email": "a@b.c"}));
    assert!(
        matches!(live, RetrieveCustomerResponse::Customer(ref c) if c.email.as_deref() == Some("a@b.c"))
    );
}

#[test]
fn arms_that_cannot_be_told_apart_stay_raw_json() {
    let decoded: Payout = from_json(payout(json!({"arbitrary": "anything"})));
    assert_eq!(decoded.arbitrary, json!("anything"));
}
