//! Rule "tagged request".

use super::*;
use rule_specs::tagged_request::params::{
    BankParams, CardParams, CouponOfferParams, CreateChargeParams, MethodKind, MethodParams,
    RetentionParams,
};

fn charge(method: MethodParams) -> CreateChargeParams {
    CreateChargeParams::new(100, method)
}

/// Each kind sends its `type` and its own sub-object, keys in the spec's order.
#[test]
fn each_kind_sends_its_type_and_only_its_sub_object() {
    let card = MethodParams {
        billing: Some(rule_specs::tagged_request::params::BillingParams {
            name: Some("Jo".into()),
        }),
        ..MethodParams::card(CardParams::new("4242"))
    };
    let cases = [
        (
            card,
            json!({"billing": {"name": "Jo"}, "card": {"number": "4242"}, "type": "card"}),
            "amount=100&method[billing][name]=Jo&method[card][number]=4242&method[type]=card",
        ),
        (
            MethodParams::bank(None),
            json!({"type": "bank"}),
            "amount=100&method[type]=bank",
        ),
        (
            MethodParams::bank(Some(BankParams {
                iban: Some("DE89".into()),
            })),
            json!({"bank": {"iban": "DE89"}, "type": "bank"}),
            "amount=100&method[bank][iban]=DE89&method[type]=bank",
        ),
        (
            MethodParams::cash(),
            json!({"type": "cash"}),
            "amount=100&method[type]=cash",
        ),
        (
            MethodParams::wallet(Some(BTreeMap::from([("x".to_owned(), json!("y"))]))),
            json!({"type": "wallet", "wallet": {"x": "y"}}),
            "amount=100&method[type]=wallet&method[wallet][x]=y",
        ),
    ];
    for (method, json, body) in cases {
        let params = charge(method);
        assert_eq!(to_json(&params)["method"], json);
        let pairs = stripe_billing_portal::runtime::form::to_pairs(&params).unwrap();
        let sent: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(sent.join("&"), body);
        let read: CreateChargeParams = from_json(to_json(&params));
        assert_eq!(read, params, "{json}");
    }
}

/// The kind a value is, is the kind it holds: `MethodKind::Card` takes a
/// `CardParams`, nothing else (the compile-time half is the crate's `compile_fail` test).
#[test]
fn a_kind_and_its_tag_agree() {
    let method: MethodParams = MethodKind::Cash.into();
    assert_eq!(method.kind.as_str(), "cash");
    assert_eq!(
        MethodParams::card(CardParams::new("1")).kind.tag().as_str(),
        "card"
    );
}

#[test]
fn reading_refuses_another_kinds_sub_object_and_a_missing_needed_one() {
    let read = |method: Value| {
        serde_json::from_value::<CreateChargeParams>(json!({"amount": 1, "method": method}))
            .unwrap_err()
            .to_string()
    };
    assert!(
        read(json!({"type": "cash", "card": {"number": "1"}}))
            .starts_with("`card` does not go with `type` `cash`"),
    );
    assert!(read(json!({"type": "card"})).starts_with("missing field `card` (`type` is `card`)"));
    assert!(read(json!({"type": "card", "card": {}})).starts_with("missing field `number`"));
}

/// A sub-object the spec requires, with one kind: the kind holds it, always.
#[test]
fn a_single_kind_with_a_required_sub_object() {
    let retention = RetentionParams::coupon_offer(CouponOfferParams::new("C"));
    assert_eq!(
        to_json(&retention),
        json!({"coupon_offer": {"coupon": "C"}, "type": "coupon_offer"})
    );
    assert_eq!(from_json::<RetentionParams>(to_json(&retention)), retention);
    assert!(
        serde_json::from_value::<RetentionParams>(json!({"type": "coupon_offer"}))
            .unwrap_err()
            .to_string()
            .starts_with("missing field `coupon_offer`")
    );
}
