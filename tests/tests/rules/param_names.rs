//! Rule "parameter names": every request struct is `<Stem>Params` and the types inside it
//! `<Stem><Field>`, whichever way Stripe spelled the title's verb.

use super::*;
use rule_specs::param_names::params::{
    CreateThingParams, FeaturesCreateParams, FeaturesUpdateParams, FlowDataKind, FlowDataParams,
    FlowDataSubscriptionCancelParams, FlowDataType, InvoiceListParams, ScheduleCreateParams,
    UpdateThingParams,
};

#[test]
fn one_title_in_create_and_update_is_one_type_and_the_verbs_read_one_way() {
    // `invoice_list_param` is identical in both operations: the same value goes in both.
    let invoices = InvoiceListParams::new(true);
    let create = CreateThingParams {
        features: Some(FeaturesCreateParams {
            invoice_history: Some(invoices.clone()),
            schedule_at_period_end: Some(ScheduleCreateParams {
                enabled: Some(false),
            }),
            ..FeaturesCreateParams::new()
        }),
        ..CreateThingParams::new()
    };
    let update = UpdateThingParams {
        features: Some(FeaturesUpdateParams {
            invoice_history: Some(invoices),
            ..FeaturesUpdateParams::new()
        }),
    };
    assert_eq!(
        to_json(&create),
        json!({"features": {
            "invoice_history": {"enabled": true},
            "schedule_at_period_end": {"enabled": false},
        }})
    );
    assert_eq!(
        to_json(&update),
        json!({"features": {"invoice_history": {"enabled": true}}})
    );
}

#[test]
fn a_tagged_request_objects_kinds_are_named_with_its_stem() {
    let flow = FlowDataParams::subscription_cancel(FlowDataSubscriptionCancelParams::new("sub_1"));
    assert!(matches!(flow.kind, FlowDataKind::SubscriptionCancel(_)));
    assert_eq!(flow.kind.tag(), FlowDataType::SubscriptionCancel);
    assert_eq!(
        to_json(&flow),
        json!({"subscription_cancel": {"subscription": "sub_1"}, "type": "subscription_cancel"})
    );
}

/// The rule on Stripe's own titles: the committed selections of three releases (2020, 2023,
/// 2026), lowered as `cargo xtask regen` lowers them.
#[test]
fn every_request_struct_of_every_release_is_named_stem_params() {
    let releases = [
        ("v2349", portal_tests::pinned_selection()),
        ("v127", portal_tests::selection("v127")),
        ("v524", portal_tests::selection("v524")),
    ];
    for (release, selection) in releases {
        let api = codegen::build_model(&selection, release, &portal_tests::pinned_scope())
            .unwrap_or_else(|e| panic!("{release}: {e}"));
        let requests: Vec<&str> = api
            .types
            .iter()
            .filter(|t| t.role == codegen::model::Role::Request)
            .map(|t| t.name.as_str())
            .collect();
        assert!(requests.len() > 10, "{release}: {requests:?}");
        for def in api
            .types
            .iter()
            .filter(|t| t.role == codegen::model::Role::Request)
        {
            let name = def.name.as_str();
            if matches!(def.kind, codegen::model::TypeKind::Struct(_)) {
                assert!(name.ends_with("Params"), "{release}: struct {name}");
            }
            for spelling in ["Creation", "Creating", "Updating", "ParamKind", "ParamType"] {
                assert!(
                    !name.contains(spelling),
                    "{release}: {name} spells {spelling}"
                );
            }
            assert!(!name.ends_with("Param"), "{release}: {name}");
        }
    }
}
