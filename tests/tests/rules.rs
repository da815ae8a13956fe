//! Behaviour of the code generated from the hand-written specs in `tests/specs/` (compiled by
//! `build.rs` into `portal_tests::rule_specs`): what each lowering rule's output does on the
//! wire, checked with serde_json. The snapshots (`snapshots.rs`) show what the code looks like;
//! these tests show that it means what the rule says.

use portal_tests::rule_specs;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use stripe_billing_portal::runtime::{Clearable, Expandable, List, Timestamp};

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// `base` with the members of `extra` added or replaced.
fn merged(mut base: Value, extra: Value) -> Value {
    base.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    base
}

mod emptyable_string {
    use super::*;
    use rule_specs::emptyable_string::params::CreateThingParams;

    #[test]
    fn unset_optional_fields_are_omitted() {
        let params = CreateThingParams::new(Clearable::Set("Widget".to_owned()));
        assert_eq!(to_json(&params), json!({"name": "Widget"}));
    }

    #[test]
    fn clear_is_sent_as_an_empty_string() {
        let mut params = CreateThingParams::new(Clearable::Clear);
        params.headline = Some(Clearable::Clear);
        params.tagline = Some(Clearable::Set("Best in class".to_owned()));
        params.nickname = Some("w".to_owned());
        assert_eq!(
            to_json(&params),
            json!({"headline": "", "name": "", "nickname": "w", "tagline": "Best in class"})
        );
    }

    #[test]
    fn empty_string_reads_back_as_clear() {
        let params: CreateThingParams = from_json(json!({"name": "", "tagline": ""}));
        assert_eq!(params.name, Clearable::Clear);
        assert_eq!(params.tagline, Some(Clearable::Clear));
        assert_eq!(params.headline, None);
        let params: CreateThingParams = from_json(json!({"name": "Widget"}));
        assert_eq!(params.name, Clearable::Set("Widget".to_owned()));
    }

    #[test]
    fn required_emptyable_field_must_be_present() {
        let err = serde_json::from_value::<CreateThingParams>(json!({"headline": "x"}));
        assert!(
            err.unwrap_err()
                .to_string()
                .contains("missing field `name`")
        );
    }
}

mod emptyable_enum_list {
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
        let params: CreateThingParams = from_json(
            json!({"allowed_updates": "", "default_allowed_updates": ["quantity", "price"]}),
        );
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
}

mod emptyable_object_list {
    use super::*;
    use rule_specs::emptyable_object_list::params::{
        CreateThingParams, SubscriptionUpdateCreationParam, SubscriptionUpdateProductParam,
    };

    #[test]
    fn objects_or_clear() {
        let product = SubscriptionUpdateProductParam::new(vec!["price_1".to_owned()], "prod_1");
        let params = CreateThingParams::new(SubscriptionUpdateCreationParam::new(
            true,
            Clearable::Set(vec![product]),
        ));
        assert_eq!(
            to_json(&params),
            json!({"subscription_update": {"enabled": true,
                "products": [{"prices": ["price_1"], "product": "prod_1"}]}})
        );
        let params = CreateThingParams::new(SubscriptionUpdateCreationParam::new(
            false,
            Clearable::Clear,
        ));
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
}

mod emptyable_metadata {
    use super::*;
    use rule_specs::emptyable_metadata::params::CreateThingParams;

    #[test]
    fn clear_all_keys_or_set_some() {
        assert_eq!(to_json(&CreateThingParams::new()), json!({}));
        let mut params = CreateThingParams::new();
        params.metadata = Some(Clearable::Clear);
        assert_eq!(to_json(&params), json!({"metadata": ""}));
        // Unsetting one key is an empty value inside the map, not `Clear`.
        let map = BTreeMap::from([
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), String::new()),
        ]);
        params.metadata = Some(Clearable::Set(map));
        assert_eq!(to_json(&params), json!({"metadata": {"a": "1", "b": ""}}));
    }

    #[test]
    fn reads_map_and_clear() {
        let params: CreateThingParams = from_json(json!({"metadata": {"k": "v"}}));
        let map = params.metadata.unwrap();
        assert_eq!(map.as_set().unwrap()["k"], "v");
        let params: CreateThingParams = from_json(json!({"metadata": ""}));
        assert_eq!(params.metadata, Some(Clearable::Clear));
    }
}

mod nullable_ref {
    use super::*;
    use rule_specs::nullable_ref::resources::{Flow, Thing};

    fn thing(extra: Value) -> Value {
        let base = json!({
            "after_completion": {"name": "a"},
            "flow": null,
            "id": "th_1",
            "login_page": {"name": "l"},
            "return_url": null
        });
        merged(base, extra)
    }

    #[test]
    fn required_nullable_is_option_and_writes_null() {
        let t: Thing = from_json(thing(json!({})));
        assert_eq!(t.flow, None);
        assert_eq!(t.return_url, None);
        assert_eq!(t.after_completion, Flow { name: "a".into() });
        assert_eq!(to_json(&t), thing(json!({})));
        let t: Thing = from_json(thing(
            json!({"flow": {"name": "f"}, "return_url": "https://x"}),
        ));
        assert_eq!(t.flow, Some(Flow { name: "f".into() }));
        assert_eq!(t.return_url.as_deref(), Some("https://x"));
    }

    #[test]
    fn optional_nullable_round_trips_absent_null_and_value() {
        let cases = [
            (json!({}), None, None),
            (
                json!({"next_flow": null, "on_behalf_of": null}),
                Some(None),
                Some(None),
            ),
            (
                json!({"next_flow": {"name": "n"}, "on_behalf_of": "acct_1"}),
                Some(Some(Flow { name: "n".into() })),
                Some(Some("acct_1".to_owned())),
            ),
        ];
        for (extra, next_flow, on_behalf_of) in cases {
            let t: Thing = from_json(thing(extra.clone()));
            assert_eq!(t.next_flow, next_flow, "{extra}");
            assert_eq!(t.on_behalf_of, on_behalf_of, "{extra}");
            assert_eq!(to_json(&t), thing(extra));
        }
    }

    #[test]
    fn plain_and_wrapped_refs_are_required() {
        let mut value = thing(json!({}));
        value.as_object_mut().unwrap().remove("after_completion");
        let err = serde_json::from_value::<Thing>(value).unwrap_err();
        assert!(
            err.to_string().contains("missing field `after_completion`"),
            "{err}"
        );
    }
}

mod expandable {
    use super::*;
    use rule_specs::expandable::resources::{Configuration, Session};

    #[test]
    fn selected_target_decodes_id_or_object() {
        let s: Session =
            from_json(json!({"id": "s_1", "configuration": "conf_1", "customer": "cus_1"}));
        assert_eq!(s.configuration, Expandable::Id("conf_1".into()));
        assert_eq!(s.configuration.id(), "conf_1");
        assert_eq!(s.application, None);

        let s: Session = from_json(json!({"id": "s_1", "customer": "cus_1",
            "configuration": {"id": "conf_2", "active": true}}));
        let expected = Configuration {
            active: true,
            id: "conf_2".into(),
        };
        assert_eq!(s.configuration.as_object(), Some(&expected));
        assert_eq!(s.configuration.id(), "conf_2");
    }

    #[test]
    fn expanded_object_must_match_its_type() {
        let err = serde_json::from_value::<Session>(json!({"id": "s_1", "customer": "cus_1",
            "configuration": {"id": "conf_2"}}))
        .unwrap_err();
        assert!(err.to_string().contains("missing field `active`"), "{err}");
    }

    #[test]
    fn target_outside_the_selection_is_raw_json() {
        let customer = json!({"id": "cus_9", "email": "a@example.com"});
        let s: Session =
            from_json(json!({"id": "s_1", "configuration": "conf_1", "customer": customer}));
        assert_eq!(s.customer.id(), "cus_9");
        assert_eq!(s.customer.as_object(), Some(&customer));
        assert_eq!(to_json(&s)["customer"], customer);
    }

    #[test]
    fn optional_nullable_expandable() {
        let base = json!({"id": "s_1", "configuration": "conf_1", "customer": "cus_1"});
        let with = |application: Value| {
            let mut value = base.clone();
            value["application"] = application;
            value
        };
        let s: Session = from_json(with(Value::Null));
        assert_eq!(s.application, Some(None));
        assert_eq!(to_json(&s), with(Value::Null));
        let s: Session = from_json(with(json!("ca_1")));
        assert_eq!(s.application, Some(Some(Expandable::Id("ca_1".into()))));
        let s: Session = from_json(with(json!({"id": "ca_2", "deleted": true})));
        let application = s.application.clone().flatten().unwrap();
        assert_eq!(application.id(), "ca_2");
        assert_eq!(application.as_object().unwrap()["deleted"], true);
        assert_eq!(to_json(&s), with(json!({"id": "ca_2", "deleted": true})));
    }
}

mod enum_odd_values {
    use super::*;
    use rule_specs::enum_odd_values::params::{CreateSessionKind, CreateSessionParams};
    use rule_specs::enum_odd_values::resources::{
        Session, SessionKind, SessionLocale, SessionStatus,
    };

    const WIRE: [&str; 7] = [
        "auto",
        "en-AU",
        "es-419",
        "zh-HK",
        "3d_secure",
        "billing_portal.session",
        "unknown",
    ];

    fn session(kind: &str, locale: Value, status: &str) -> Value {
        json!({"id": "s_1", "kind": kind, "locale": locale, "status": status})
    }

    #[test]
    fn odd_values_map_to_variants() {
        let s: Session = from_json(session("es-419", json!("zh-HK"), "unknown"));
        assert_eq!(s.kind, SessionKind::Es419);
        assert_eq!(s.locale, Some(SessionLocale::ZhHk));
        assert_eq!(s.status, SessionStatus::UnknownValue);
        let s: Session = from_json(session("billing_portal.session", Value::Null, "other"));
        assert_eq!(s.kind, SessionKind::BillingPortalSession);
        assert_eq!(s.locale, None);
        assert_eq!(s.status, SessionStatus::Other);
        let s: Session = from_json(session("3d_secure", json!("en-AU"), "active"));
        assert_eq!(s.kind, SessionKind::V3dSecure);
        assert_eq!(s.locale, Some(SessionLocale::EnAu));
    }

    #[test]
    fn known_response_values_round_trip() {
        for wire in WIRE {
            let kind: SessionKind = from_json(json!(wire));
            assert_eq!(kind.as_str(), wire);
            assert_eq!(to_json(&kind), json!(wire));
        }
        // `unknown` is a value of this enum: its variant is renamed, never the catch-all.
        assert_eq!(
            from_json::<SessionKind>(json!("unknown")),
            SessionKind::UnknownValue
        );
    }

    #[test]
    fn unknown_response_values_are_kept_verbatim() {
        let s: Session = from_json(session("new-Kind.2", json!("pt-BR"), "paused"));
        // The catch-all is `Unknown` in every response enum, whatever values it has.
        assert_eq!(s.kind, SessionKind::Unknown("new-Kind.2".into()));
        assert_eq!(s.locale, Some(SessionLocale::Unknown("pt-BR".into())));
        assert_eq!(s.status, SessionStatus::Unknown("paused".into()));
        assert_eq!(to_json(&s), session("new-Kind.2", json!("pt-BR"), "paused"));
    }

    #[test]
    fn request_enum_is_closed() {
        for (wire, kind) in [
            ("en-AU", CreateSessionKind::EnAu),
            ("es-419", CreateSessionKind::Es419),
            ("3d_secure", CreateSessionKind::V3dSecure),
            (
                "billing_portal.session",
                CreateSessionKind::BillingPortalSession,
            ),
            ("unknown", CreateSessionKind::Unknown),
        ] {
            assert_eq!(kind.as_str(), wire);
            assert_eq!(
                to_json(&CreateSessionParams::new(kind)),
                json!({"kind": wire})
            );
            assert_eq!(from_json::<CreateSessionKind>(json!(wire)), kind);
        }
        let err = serde_json::from_value::<CreateSessionKind>(json!("en-au")).unwrap_err();
        assert!(err.to_string().contains("unknown variant `en-au`"), "{err}");
    }
}

mod keyword_fields {
    use super::*;
    use rule_specs::keyword_fields::params::CreateThingParams;
    use rule_specs::keyword_fields::resources::Thing;

    #[test]
    fn request_fields_use_wire_names() {
        let mut params = CreateThingParams::new("card");
        assert_eq!(to_json(&params), json!({"type": "card"}));
        params.v3d_secure = Some(true);
        params.foo_bar = Some(7);
        params.match_ = Some("exact".into());
        params.self_ = Some("me".into());
        assert_eq!(
            to_json(&params),
            json!({"3d_secure": true, "fooBar": 7, "match": "exact", "self": "me", "type": "card"})
        );
    }

    #[test]
    fn response_fields_read_wire_names() {
        let value = json!({"3d_secure": false, "id": "th_1", "match": "m", "self": "s", "type": "t", "fooBar": -1});
        let t: Thing = from_json(value.clone());
        assert!(!t.v3d_secure);
        assert_eq!(t.type_, "t");
        assert_eq!(t.self_.as_deref(), Some("s"));
        assert_eq!(t.match_.as_deref(), Some("m"));
        assert_eq!(t.foo_bar, Some(-1));
        assert_eq!(to_json(&t), value);
        // The Rust names are not accepted on the wire.
        let err =
            serde_json::from_value::<Thing>(json!({"3d_secure": true, "id": "x", "type_": "t"}));
        assert!(
            err.unwrap_err()
                .to_string()
                .contains("missing field `type`")
        );
    }
}

mod nested_inline_objects {
    use super::*;
    use rule_specs::nested_inline_objects::params::{
        CreateConfigurationParams, CreateConfigurationParamsBusinessProfile,
        CreateConfigurationParamsLoginPage, EnabledParam, FeaturesParam,
        FeaturesParamSubscriptionCancel,
        FeaturesParamSubscriptionCancelCancellationReason as CancellationReason,
        FeaturesParamSubscriptionCancelCancellationReasonOptions as Reason,
        FeaturesParamSubscriptionCancelMode, SubscriptionUpdateParam,
        SubscriptionUpdateParamProducts,
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
}

mod list_response {
    use super::*;
    use rule_specs::list_response::params::ListThingsParams;
    use rule_specs::list_response::resources::Thing;

    #[test]
    fn list_decodes_into_the_generic_list() {
        let value = json!({"object": "list", "data": [{"id": "th_1"}, {"id": "th_2"}],
            "has_more": true, "url": "/v1/test/things"});
        let list: List<Thing> = from_json(value.clone());
        let ids: Vec<&str> = list.data.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["th_1", "th_2"]);
        assert!(list.has_more);
        assert_eq!(list.url, "/v1/test/things");
        assert_eq!(to_json(&list), value);
    }

    #[test]
    fn pagination_params() {
        assert_eq!(to_json(&ListThingsParams::new()), json!({}));
        let params = ListThingsParams {
            limit: Some(3),
            starting_after: Some("th_2".into()),
            expand: Some(vec!["data.customer".into()]),
            ..ListThingsParams::default()
        };
        assert_eq!(
            to_json(&params),
            json!({"expand": ["data.customer"], "limit": 3, "starting_after": "th_2"})
        );
    }

    #[test]
    fn api_version_comes_from_info() {
        assert_eq!(rule_specs::list_response::API_VERSION, "2099-01-01");
    }
}

mod timestamp {
    use super::*;
    use rule_specs::timestamp::resources::Thing;

    #[test]
    fn unix_time_is_a_timestamp() {
        let value = json!({"count": 2, "created": 1_700_000_000, "id": "th_1"});
        let t: Thing = from_json(value.clone());
        assert_eq!(t.created, Timestamp(1_700_000_000));
        assert_eq!(t.count, 2);
        assert_eq!(t.expires_at, None);
        assert_eq!(to_json(&t), value);
        let t: Thing = from_json(json!({"count": 0, "created": 1, "id": "th_1", "expires_at": 5}));
        assert_eq!(t.expires_at, Some(Some(Timestamp(5))));
        let t: Thing =
            from_json(json!({"count": 0, "created": 1, "id": "th_1", "expires_at": null}));
        assert_eq!(t.expires_at, Some(None));
    }
}

mod operation_naming {
    use super::*;
    use rule_specs::operation_naming::params::{
        CreateConfigurationParams, ListConfigurationsParams, RetrieveConfigurationParams,
        UpdateConfigurationParams,
    };
    use rule_specs::operation_naming::resources::DeletedConfiguration;

    #[test]
    fn params_structs_are_named_after_operations() {
        let create = CreateConfigurationParams { active: Some(true) };
        let update = UpdateConfigurationParams {
            active: Some(false),
        };
        let list = ListConfigurationsParams { limit: Some(10) };
        let retrieve = RetrieveConfigurationParams {
            expand: Some(vec!["x".into()]),
        };
        assert_eq!(to_json(&create), json!({"active": true}));
        assert_eq!(to_json(&update), json!({"active": false}));
        assert_eq!(to_json(&list), json!({"limit": 10}));
        assert_eq!(to_json(&retrieve), json!({"expand": ["x"]}));
    }

    #[test]
    fn delete_answers_the_deleted_object() {
        let d: DeletedConfiguration = from_json(json!({"deleted": true, "id": "conf_1"}));
        assert!(d.deleted);
        assert_eq!(d.id, "conf_1");
    }
}

/// Rule "unknown fields": parameters refuse a property they do not have, naming it (so a
/// misspelt field in a config file is never dropped silently); responses skip it (a newer API
/// version adds fields).
mod unknown_fields {
    use super::*;
    use rule_specs::emptyable_string::params::CreateThingParams;
    use rule_specs::nullable_ref::resources::Thing;

    #[test]
    fn params_refuse_a_field_they_do_not_have() {
        let err = serde_json::from_value::<CreateThingParams>(json!({"name": "W", "nmae": "W"}))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("unknown field `nmae`, expected one of"),
            "{err}"
        );
        let err = stripe_billing_portal::runtime::read_params::<CreateThingParams, _>(json!({
            "name": "W", "nmae": "W"
        }))
        .unwrap_err();
        assert_eq!((err.path(), err.suggestion()), ("nmae", Some("name")));
    }

    #[test]
    fn responses_skip_a_field_they_do_not_have() {
        let thing: Thing = from_json(json!({
            "after_completion": {"name": "a"},
            "flow": null,
            "id": "th_1",
            "login_page": {"name": "l"},
            "return_url": null,
            "added_in_a_newer_version": {"x": 1}
        }));
        assert_eq!(thing.id, "th_1");
    }
}

/// Rule "one of" (`codegen::lower::prose`): a session is built for its owner, one constructor
/// per owner field; where a release makes the owner required, `new(customer)` stays.
mod one_of_owner {
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
}

/// Rule "colliding names" (`naming::distinct_names`): values and properties whose Rust names
/// would be the same get names that spell their punctuation, numbered where only case differs;
/// on the wire each keeps its own name.
mod colliding_names {
    use super::*;
    use rule_specs::colliding_names::params::{CreateReportRunParams, CreateReportRunTimezone};
    use rule_specs::colliding_names::resources::{ReportRun, ReportRunStatus};

    #[test]
    fn request_values_keep_their_wire_names() {
        for (tz, wire) in [
            (CreateReportRunTimezone::EtcSlashGmtPlus0, "Etc/GMT+0"),
            (CreateReportRunTimezone::EtcSlashGmtMinus0, "Etc/GMT-0"),
            (CreateReportRunTimezone::Utc, "UTC"),
        ] {
            let mut params = CreateReportRunParams::new();
            params.timezone = Some(tz);
            assert_eq!(to_json(&params), json!({"timezone": wire}));
            assert_eq!(from_json::<CreateReportRunTimezone>(json!(wire)), tz);
        }
    }

    #[test]
    fn response_fields_and_values_round_trip() {
        let json = json!({"id": "r_1", "fooBar": "text", "foo_bar": 7, "status": "EN_AU"});
        let run: ReportRun = from_json(json.clone());
        assert_eq!((run.foo_bar.as_str(), run.foo_underscore_bar), ("text", 7));
        assert_eq!(run.status, ReportRunStatus::EnUnderscoreAu2);
        assert_eq!(to_json(&run), json);
        let other: ReportRun =
            from_json(json!({"id": "r", "fooBar": "", "foo_bar": 0, "status": "en_AU"}));
        assert_eq!(other.status, ReportRunStatus::EnUnderscoreAu);
    }
}

/// Rule "unions" (`codegen::lower::unions`): object unions dispatch on `object` (and
/// `deleted`), keep an unlisted type as JSON, and round-trip; expandable fields with several
/// targets are an id or one of the objects; a union of JSON kinds reads each kind.
mod unions {
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
        let json =
            payout(json!({"customer": {"id": "cus_2", "object": "customer", "deleted": true}}));
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
}

mod tagged_request {
    use super::*;
    use rule_specs::tagged_request::params::{
        BankParam, CardParam, CouponOfferParam, CreateChargeParams, MethodParam, MethodParamKind,
        RetentionParam,
    };

    fn charge(method: MethodParam) -> CreateChargeParams {
        CreateChargeParams::new(100, method)
    }

    /// Each kind sends its `type` and its own sub-object, keys in the spec's order.
    #[test]
    fn each_kind_sends_its_type_and_only_its_sub_object() {
        let card = MethodParam {
            billing: Some(rule_specs::tagged_request::params::BillingParam {
                name: Some("Jo".into()),
            }),
            ..MethodParam::card(CardParam::new("4242"))
        };
        let cases = [
            (
                card,
                json!({"billing": {"name": "Jo"}, "card": {"number": "4242"}, "type": "card"}),
                "amount=100&method[billing][name]=Jo&method[card][number]=4242&method[type]=card",
            ),
            (
                MethodParam::bank(None),
                json!({"type": "bank"}),
                "amount=100&method[type]=bank",
            ),
            (
                MethodParam::bank(Some(BankParam {
                    iban: Some("DE89".into()),
                })),
                json!({"bank": {"iban": "DE89"}, "type": "bank"}),
                "amount=100&method[bank][iban]=DE89&method[type]=bank",
            ),
            (
                MethodParam::cash(),
                json!({"type": "cash"}),
                "amount=100&method[type]=cash",
            ),
            (
                MethodParam::wallet(Some(BTreeMap::from([("x".to_owned(), json!("y"))]))),
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

    /// The kind a value is, is the kind it holds: `MethodParamKind::Card` takes a
    /// `CardParam`, nothing else (the compile-time half is the crate's `compile_fail` test).
    #[test]
    fn a_kind_and_its_tag_agree() {
        let method: MethodParam = MethodParamKind::Cash.into();
        assert_eq!(method.kind.as_str(), "cash");
        assert_eq!(
            MethodParam::card(CardParam::new("1")).kind.tag().as_str(),
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
        assert!(
            read(json!({"type": "card"})).starts_with("missing field `card` (`type` is `card`)")
        );
        assert!(read(json!({"type": "card", "card": {}})).starts_with("missing field `number`"));
    }

    /// A sub-object the spec requires, with one kind: the kind holds it, always.
    #[test]
    fn a_single_kind_with_a_required_sub_object() {
        let retention = RetentionParam::coupon_offer(CouponOfferParam::new("C"));
        assert_eq!(
            to_json(&retention),
            json!({"coupon_offer": {"coupon": "C"}, "type": "coupon_offer"})
        );
        assert_eq!(from_json::<RetentionParam>(to_json(&retention)), retention);
        assert!(
            serde_json::from_value::<RetentionParam>(json!({"type": "coupon_offer"}))
                .unwrap_err()
                .to_string()
                .starts_with("missing field `coupon_offer`")
        );
    }
}

mod tagged_response {
    use super::*;
    use rule_specs::tagged_response::resources::{
        ChargeMethod, ChargeMethodKind, ChargeMethodType,
    };

    #[test]
    fn a_kind_decodes_with_its_sub_object_and_keeps_the_others() {
        let json = json!({
            "bank": null,
            "card": {"last4": "4242"},
            "label": null,
            "type": "card",
        });
        let method: ChargeMethod = from_json(json.clone());
        let ChargeMethodKind::Card(Some(card)) = &method.kind else {
            panic!("{:?}", method.kind)
        };
        assert_eq!(card.last4, "4242");
        assert_eq!(
            method.other_kinds,
            BTreeMap::from([("bank".to_owned(), Value::Null)])
        );
        assert_eq!(to_json(&method), json);
    }

    #[test]
    fn a_kind_without_its_sub_object_and_one_without_any() {
        let method: ChargeMethod = from_json(json!({"label": "x", "type": "bank"}));
        assert_eq!(method.kind, ChargeMethodKind::Bank(None));
        // An absent sub-object of a nullable kind is written back as `null`.
        assert_eq!(
            to_json(&method),
            json!({"bank": null, "label": "x", "type": "bank"})
        );
        let method: ChargeMethod = from_json(json!({"label": null, "type": "cash"}));
        assert_eq!(method.kind.tag(), ChargeMethodType::Cash);
    }

    #[test]
    fn an_unlisted_kind_is_kept_with_its_sub_object() {
        let json = json!({"label": null, "type": "crypto", "crypto": {"chain": "x"}, "card": null});
        let method: ChargeMethod = from_json(json.clone());
        assert_eq!(
            method.kind,
            ChargeMethodKind::Unknown {
                tag: "crypto".into(),
                payload: Some(json!({"chain": "x"})),
            }
        );
        assert_eq!(
            method.kind.tag(),
            ChargeMethodType::Unknown("crypto".into())
        );
        assert_eq!(to_json(&method), json);
    }
}
