//! Rule "nested inline objects".

use super::*;
use rule_specs::nested_inline_objects::params::{
    CreateConfigurationParams, CreateConfigurationParamsBusinessProfile,
    CreateConfigurationParamsLoginPage, EnabledParam, FeaturesParam,
    FeaturesParamSubscriptionCancel,
    FeaturesParamSubscriptionCancelCancellationReason as CancellationReason,
    FeaturesParamSubscriptionCancelCancellationReasonOptions as Reason,
    FeaturesParamSubscriptionCancelMode, SubscriptionUpdateParam, SubscriptionUpdateParamProducts,
};

#[test]
fn three_levels_serialize_as_nested_objects() {
    let mut features = FeaturesParam::new(EnabledParam::new(true));
    // Identical schemas with one title are one type: both fields take `EnabledParam`.
    features.payment_method_update = Some(EnabledParam::new(false));
    let mut reason = CancellationReason::new(true);
    reason.options = Some(vec![Reason::TooExpensive, Reason::Other]);
    features.subscription_cancel = Some(FeaturesParamSubscriptionCancel {
        cancellation_reason: Some(reason),
        mode: Some(FeaturesParamSubscriptionCancelMode::AtPeriodEnd),
    });
    features.subscription_update = Some(SubscriptionUpdateParam {
        products: Some(vec![SubscriptionUpdateParamProducts::new("prod_1")]),
    });
    let mut params = CreateConfigurationParams::new(features);
    // Different schemas with one title fall back to names from their paths.
    params.business_profile = Some(CreateConfigurationParamsBusinessProfile {
        headline: Some("Hi".into()),
    });
    params.login_page = Some(CreateConfigurationParamsLoginPage::new(true));
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
    let params = CreateConfigurationParams::new(FeaturesParam::new(EnabledParam::new(false)));
    assert_eq!(
        to_json(&params),
        json!({"features": {"invoice_history": {"enabled": false}}})
    );
    assert_eq!(to_json(&FeaturesParamSubscriptionCancel::new()), json!({}));
}
