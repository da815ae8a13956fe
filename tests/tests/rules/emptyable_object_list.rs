//! Rule "emptyable object list".

use super::*;
use rule_specs::emptyable_object_list::params::{
    CreateThingParams, SubscriptionUpdateCreateParams, SubscriptionUpdateProductParams,
};

#[test]
fn objects_or_clear() {
    let product = SubscriptionUpdateProductParams::new(vec!["price_1".to_owned()], "prod_1");
    let params = CreateThingParams::new(SubscriptionUpdateCreateParams::new(
        true,
        Clearable::Set(vec![product]),
    ));
    assert_eq!(
        to_json(&params),
        json!({"subscription_update": {"enabled": true,
            "products": [{"prices": ["price_1"], "product": "prod_1"}]}})
    );
    let params =
        CreateThingParams::new(SubscriptionUpdateCreateParams::new(false, Clearable::Clear));
    assert_eq!(
        to_json(&params),
        json!({"subscription_update": {"enabled": false, "products": ""}})
    );
}

#[test]
fn reads_back_and_requires_products() {
    let params: CreateThingParams =
        from_json(json!({"subscription_update": {"enabled": true, "products": ""}}));
    assert_eq!(params.subscription_update.products, Clearable::Clear);
    let params: CreateThingParams = from_json(json!({"subscription_update": {
        "enabled": true, "products": [{"prices": [], "product": "prod_2"}]}}));
    let products = params.subscription_update.products.as_set().unwrap();
    assert_eq!(products[0].product, "prod_2");
    assert!(products[0].prices.is_empty());
    let err = serde_json::from_value::<CreateThingParams>(
        json!({"subscription_update": {"enabled": true}}),
    );
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("missing field `products`")
    );
}
