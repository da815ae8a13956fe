//! Rule "emptyable enum list".

use super::*;
use rule_specs::emptyable_enum_list::params::{
    CreateThingAllowedUpdates as Allowed, CreateThingDefaultAllowedUpdates as DefaultAllowed,
    CreateThingParams,
};

#[test]
fn list_clear_and_absent() {
    let mut params = CreateThingParams::new(Clearable::Clear);
    assert_eq!(to_json(&params), json!({"default_allowed_updates": ""}));
    params.allowed_updates = Some(Clearable::Set(vec![Allowed::Email, Allowed::TaxId]));
    params.default_allowed_updates = Clearable::Set(vec![DefaultAllowed::PromotionCode]);
    assert_eq!(
        to_json(&params),
        json!({"allowed_updates": ["email", "tax_id"], "default_allowed_updates": ["promotion_code"]})
    );
}

#[test]
fn reads_lists_and_clear() {
    let params: CreateThingParams =
        from_json(json!({"allowed_updates": "", "default_allowed_updates": ["quantity", "price"]}));
    assert_eq!(params.allowed_updates, Some(Clearable::Clear));
    assert_eq!(
        params.default_allowed_updates,
        Clearable::Set(vec![DefaultAllowed::Quantity, DefaultAllowed::Price])
    );
}

#[test]
fn request_enum_values_are_closed() {
    let err = serde_json::from_value::<CreateThingParams>(
        json!({"default_allowed_updates": ["price", "bogus"]}),
    );
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("unknown variant `bogus`")
    );
}
