//! Portal flows, the tagged shapes of the pinned API (`flow_data`, its `after_completion`, a
//! cancellation's `retention`, and the session's `flow` in responses), built and read through
//! their enums of kinds.
//!
//! Every request body below is the one the crate sent for the same flow before flows were
//! enums (recorded from the flat structs it had then), so the wire does not change; the JSON
//! is what parameter files hold.

use serde_json::{Value, json};
use stripe_billing_portal::params::{
    AfterCompletionHostedConfirmationParams, AfterCompletionRedirectParams, CouponOfferParams,
    CreateSessionParams, FlowDataAfterCompletionKind, FlowDataAfterCompletionParams, FlowDataKind,
    FlowDataParams, FlowDataSubscriptionCancelParams, FlowDataSubscriptionUpdateConfirmParams,
    FlowDataSubscriptionUpdateParams, FlowDataType, RetentionParams,
    SubscriptionUpdateConfirmDiscountParams, SubscriptionUpdateConfirmItemParams,
};
use stripe_billing_portal::resources::{
    BillingPortalSession, PortalFlowsFlow, PortalFlowsFlowAfterCompletionKind, PortalFlowsFlowKind,
    PortalFlowsFlowType,
};
use stripe_billing_portal::runtime::form::{encode_pairs, to_pairs};
use stripe_billing_portal::runtime::read_params;

/// One flow: its name, the parameters, and the body and JSON they were sent as before.
struct Case {
    name: &'static str,
    flow: fn() -> FlowDataParams,
    body: &'static str,
    json: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "payment method update, then a hosted confirmation with a message",
        flow: || FlowDataParams {
            after_completion: Some(FlowDataAfterCompletionParams::hosted_confirmation(Some(
                AfterCompletionHostedConfirmationParams {
                    custom_message: Some("Thanks & bye".into()),
                },
            ))),
            ..FlowDataParams::payment_method_update()
        },
        body: "customer=cus_123\
               &flow_data[after_completion][hosted_confirmation][custom_message]=Thanks%20%26%20bye\
               &flow_data[after_completion][type]=hosted_confirmation\
               &flow_data[type]=payment_method_update",
        json: r#"{"customer":"cus_123","flow_data":{"after_completion":{"hosted_confirmation":{"custom_message":"Thanks & bye"},"type":"hosted_confirmation"},"type":"payment_method_update"}}"#,
    },
    Case {
        name: "payment method update, then a hosted confirmation without one",
        flow: || FlowDataParams {
            after_completion: Some(FlowDataAfterCompletionParams::hosted_confirmation(None)),
            ..FlowDataParams::payment_method_update()
        },
        body: "customer=cus_123\
               &flow_data[after_completion][type]=hosted_confirmation\
               &flow_data[type]=payment_method_update",
        json: r#"{"customer":"cus_123","flow_data":{"after_completion":{"type":"hosted_confirmation"},"type":"payment_method_update"}}"#,
    },
    Case {
        name: "subscription cancel, then the portal homepage",
        flow: || FlowDataParams {
            after_completion: Some(FlowDataAfterCompletionParams::portal_homepage()),
            ..FlowDataParams::subscription_cancel(FlowDataSubscriptionCancelParams::new("sub_1"))
        },
        body: "customer=cus_123\
               &flow_data[after_completion][type]=portal_homepage\
               &flow_data[subscription_cancel][subscription]=sub_1\
               &flow_data[type]=subscription_cancel",
        json: r#"{"customer":"cus_123","flow_data":{"after_completion":{"type":"portal_homepage"},"subscription_cancel":{"subscription":"sub_1"},"type":"subscription_cancel"}}"#,
    },
    Case {
        name: "subscription cancel with a coupon offer, then a redirect",
        flow: || FlowDataParams {
            after_completion: Some(FlowDataAfterCompletionParams::redirect(
                AfterCompletionRedirectParams::new("https://example.com/done"),
            )),
            ..FlowDataParams::subscription_cancel(FlowDataSubscriptionCancelParams {
                retention: Some(RetentionParams::coupon_offer(CouponOfferParams::new(
                    "SAVE 10%",
                ))),
                ..FlowDataSubscriptionCancelParams::new("sub_1")
            })
        },
        body: "customer=cus_123\
               &flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fexample.com%2Fdone\
               &flow_data[after_completion][type]=redirect\
               &flow_data[subscription_cancel][retention][coupon_offer][coupon]=SAVE%2010%25\
               &flow_data[subscription_cancel][retention][type]=coupon_offer\
               &flow_data[subscription_cancel][subscription]=sub_1\
               &flow_data[type]=subscription_cancel",
        json: r#"{"customer":"cus_123","flow_data":{"after_completion":{"redirect":{"return_url":"https://example.com/done"},"type":"redirect"},"subscription_cancel":{"retention":{"coupon_offer":{"coupon":"SAVE 10%"},"type":"coupon_offer"},"subscription":"sub_1"},"type":"subscription_cancel"}}"#,
    },
    Case {
        name: "subscription update",
        flow: || {
            FlowDataParams::subscription_update(FlowDataSubscriptionUpdateParams::new("sub_2"))
        },
        body: "customer=cus_123\
               &flow_data[subscription_update][subscription]=sub_2\
               &flow_data[type]=subscription_update",
        json: r#"{"customer":"cus_123","flow_data":{"subscription_update":{"subscription":"sub_2"},"type":"subscription_update"}}"#,
    },
    Case {
        name: "subscription update confirm with an item and a discount",
        flow: || {
            FlowDataParams::subscription_update_confirm(FlowDataSubscriptionUpdateConfirmParams {
                discounts: Some(vec![SubscriptionUpdateConfirmDiscountParams {
                    coupon: Some("WELCOME".into()),
                    ..SubscriptionUpdateConfirmDiscountParams::new()
                }]),
                ..FlowDataSubscriptionUpdateConfirmParams::new(
                    vec![SubscriptionUpdateConfirmItemParams {
                        price: Some("price_2".into()),
                        quantity: Some(3),
                        ..SubscriptionUpdateConfirmItemParams::new("si_1")
                    }],
                    "sub_3",
                )
            })
        },
        body: "customer=cus_123\
               &flow_data[subscription_update_confirm][discounts][0][coupon]=WELCOME\
               &flow_data[subscription_update_confirm][items][0][id]=si_1\
               &flow_data[subscription_update_confirm][items][0][price]=price_2\
               &flow_data[subscription_update_confirm][items][0][quantity]=3\
               &flow_data[subscription_update_confirm][subscription]=sub_3\
               &flow_data[type]=subscription_update_confirm",
        json: r#"{"customer":"cus_123","flow_data":{"subscription_update_confirm":{"discounts":[{"coupon":"WELCOME"}],"items":[{"id":"si_1","price":"price_2","quantity":3}],"subscription":"sub_3"},"type":"subscription_update_confirm"}}"#,
    },
];

fn session_params(flow: FlowDataParams) -> CreateSessionParams {
    CreateSessionParams {
        flow_data: Some(flow),
        ..CreateSessionParams::for_customer("cus_123")
    }
}

#[test]
fn every_flow_is_sent_as_before_byte_for_byte() {
    for case in CASES {
        let params = session_params((case.flow)());
        let body = encode_pairs(&to_pairs(&params).unwrap());
        assert_eq!(body, case.body, "{}", case.name);
        assert_eq!(
            serde_json::to_string(&params).unwrap(),
            case.json,
            "{}",
            case.name
        );
    }
}

#[test]
fn every_flow_reads_back_from_its_json() {
    for case in CASES {
        let read: CreateSessionParams =
            read_params(&mut serde_json::Deserializer::from_str(case.json))
                .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(read, session_params((case.flow)()), "{}", case.name);
    }
}

/// What reading `flow_data` from a parameters file says, path first.
fn read_error(flow_data: Value) -> String {
    let json = json!({"customer": "cus_123", "flow_data": flow_data}).to_string();
    read_params::<CreateSessionParams, _>(&mut serde_json::Deserializer::from_str(&json))
        .expect_err("must not read")
        .to_string()
}

#[test]
fn a_file_cannot_send_another_kinds_sub_object() {
    let error = read_error(json!({
        "type": "subscription_cancel",
        "subscription_cancel": {"subscription": "sub_1"},
        "subscription_update": {"subscription": "sub_1"},
    }));
    assert!(
        error.starts_with(
            "flow_data: `subscription_update` does not go with `type` `subscription_cancel`"
        ),
        "{error}"
    );
}

#[test]
fn a_file_cannot_leave_out_the_sub_object_its_kind_needs() {
    let error = read_error(json!({"type": "subscription_update"}));
    assert!(
        error.starts_with(
            "flow_data: missing field `subscription_update` (`type` is `subscription_update`)"
        ),
        "{error}"
    );
    let error = read_error(json!({
        "type": "subscription_cancel",
        "subscription_cancel": {"subscription": "sub_1", "retention": {"type": "coupon_offer"}},
    }));
    assert!(
        error.starts_with("flow_data.subscription_cancel.retention: missing field `coupon_offer`"),
        "{error}"
    );
}

#[test]
fn a_misspelt_field_or_unknown_kind_is_named_where_it_is() {
    let error = read_error(json!({"type": "payment_method_update", "after_completon": {}}));
    assert!(
        error.starts_with("flow_data.after_completon: unknown field `after_completon`; did you mean `after_completion`?"),
        "{error}"
    );
    let error = read_error(json!({"type": "subscription_pause"}));
    assert!(
        error.starts_with("flow_data.type: unknown variant `subscription_pause`"),
        "{error}"
    );
}

#[test]
fn a_kind_says_what_it_is_without_its_sub_object() {
    let flow = FlowDataParams::subscription_update(FlowDataSubscriptionUpdateParams::new("sub_2"));
    assert_eq!(flow.kind.tag(), FlowDataType::SubscriptionUpdate);
    assert_eq!(flow.kind.as_str(), "subscription_update");
    let flow: FlowDataParams = FlowDataKind::PaymentMethodUpdate.into();
    assert_eq!(flow.after_completion, None);
    assert!(matches!(
        FlowDataAfterCompletionParams::portal_homepage().kind,
        FlowDataAfterCompletionKind::PortalHomepage
    ));
}

fn fixture_session() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/v2349/fixtures.json");
    let fixtures: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    fixtures["resources"]["billing_portal.session"].clone()
}

/// Stripe's fixture fills every sub-object, whatever the `type` (it is generated from the
/// schema); the kind holds its own, the others are kept, and the JSON comes back equal.
#[test]
fn the_fixture_flow_decodes_into_its_kind_and_round_trips() {
    let json = fixture_session();
    let session: BillingPortalSession = serde_json::from_value(json.clone()).unwrap();
    let flow = session.flow.clone().expect("the fixture has a flow");
    let PortalFlowsFlowKind::SubscriptionUpdate(Some(update)) = &flow.kind else {
        panic!("{:?}", flow.kind);
    };
    assert_eq!(update.subscription, "subscription");
    assert_eq!(flow.kind.tag(), PortalFlowsFlowType::SubscriptionUpdate);
    let others: Vec<&str> = flow.other_kinds.keys().map(String::as_str).collect();
    assert_eq!(
        others,
        ["subscription_cancel", "subscription_update_confirm"]
    );
    assert!(matches!(
        flow.after_completion.kind,
        PortalFlowsFlowAfterCompletionKind::HostedConfirmation(Some(_))
    ));
    assert_eq!(serde_json::to_value(&session).unwrap(), json);
}

/// What the API sends for a real flow: the other kinds' sub-objects as `null`.
#[test]
fn a_flow_as_stripe_sends_it_round_trips() {
    let json = json!({
        "after_completion": {"hosted_confirmation": null, "redirect": {"return_url": "https://example.com"}, "type": "redirect"},
        "subscription_cancel": {"retention": null, "subscription": "sub_1"},
        "subscription_update": null,
        "subscription_update_confirm": null,
        "type": "subscription_cancel",
    });
    let flow: PortalFlowsFlow = serde_json::from_value(json.clone()).unwrap();
    let PortalFlowsFlowKind::SubscriptionCancel(Some(cancel)) = &flow.kind else {
        panic!("{:?}", flow.kind);
    };
    assert_eq!(cancel.subscription, "sub_1");
    let PortalFlowsFlowAfterCompletionKind::Redirect(Some(redirect)) = &flow.after_completion.kind
    else {
        panic!("{:?}", flow.after_completion.kind);
    };
    assert_eq!(redirect.return_url, "https://example.com");
    assert_eq!(serde_json::to_value(&flow).unwrap(), json);
}

/// A newer API may add a kind: it decodes, keeps its sub-object, and serializes back.
#[test]
fn a_kind_this_version_does_not_know_is_kept() {
    let json = json!({
        "after_completion": {"type": "portal_homepage"},
        "subscription_cancel": null,
        "subscription_pause": {"subscription": "sub_9", "resumes_at": 1700000000},
        "type": "subscription_pause",
    });
    let flow: PortalFlowsFlow = serde_json::from_value(json.clone()).unwrap();
    let PortalFlowsFlowKind::Unknown { tag, payload } = &flow.kind else {
        panic!("{:?}", flow.kind);
    };
    assert_eq!(tag, "subscription_pause");
    assert_eq!(payload.as_ref(), Some(&json["subscription_pause"]));
    assert_eq!(
        flow.kind.tag(),
        PortalFlowsFlowType::Unknown("subscription_pause".into())
    );
    // The sub-objects of the known kinds, nullable, are written as `null` where left out.
    let back = serde_json::to_value(&flow).unwrap();
    portal_tests::written_back(&back, &json).unwrap();
}
