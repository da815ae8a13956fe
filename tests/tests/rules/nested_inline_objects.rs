//! Rule "nested inline objects".

use super::*;
use rule_specs::nested_inline_objects::params::{
    CreateConfigurationBusinessProfileParams, CreateConfigurationLoginPageParams,
    CreateConfigurationParams, EnabledParams, FeaturesParams,
    FeaturesSubscriptionCancelCancellationReasonOptions as Reason,
    FeaturesSubscriptionCancelCancellationReasonParams as CancellationReason,
    FeaturesSubscriptionCancelMode, FeaturesSubscriptionCancelParams, SubscriptionUpdateParams,
    SubscriptionUpdateProductsParams,
};

#[test]
fn three_levels_serialize_as_nested_objects() {
    let mut features = FeaturesParams::new(EnabledParams::new(true));
    // Identical schemas with one title are one type: both fields take `EnabledParams`.
    features.payment_method_update = Some(EnabledParams::new(false));
    let mut reason = CancellationReason::new(true);
    reason.options = Some(vec![Reason::TooExpensive, Reason::Other]);
    features.subscription_cancel = Some(FeaturesSubscriptionCancelParams {
        cancellation_reason: Some(reason),
        mode: Some(FeaturesSubscriptionCancelMode::AtPeriodEnd),
    });
    features.subscription_update = Some(SubscriptionUpdateParams {
        products: Some(vec![SubscriptionUpdateProductsParams::new("prod_1")]),
    });
    let mut params = CreateConfigurationParams::new(features);
    // Different schemas with one title fall back to names from their paths.
    params.business_profile = Some(CreateConfigurationBusinessProfileParams {
        headline: Some("Hi".into()),
    });
    params.login_page = Some(CreateConfigurationLoginPageParams::new(true));
    assert_eq!(
        to_json(&params),
        json!({
            "business_profile": {"headline": "Hi"},
            "features": {
                "invoice_history": {"enabled": true},
                "payment_method_update": {"enabled": false},
                "subscription_cancel": {
                    "cancellation_reason": {"enabled": true, "options": ["too_expensive", "other"]},
                    "mode": "at_period_end"
                },
                "subscription_update": {"products": [{"product": "prod_1"}]}
            },
            "login_page": {"enabled": true}
        })
    );
}

#[test]
fn unset_nested_fields_are_omitted() {
    let params = CreateConfigurationParams::new(FeaturesParams::new(EnabledParams::new(false)));
    assert_eq!(
        to_json(&params),
        json!({"features": {"invoice_history": {"enabled": false}}})
    );
    assert_eq!(to_json(&FeaturesSubscriptionCancelParams::new()), json!({}));
}
