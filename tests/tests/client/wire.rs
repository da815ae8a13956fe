//! The portal's operations, end to end: what goes on the wire for each (method, path, headers,
//! form body or query string) and what comes back. Events and webhook endpoints have their own
//! files, `events.rs` and `webhook_endpoints.rs`.

use super::*;

async fn create_configuration_sends_nested_features_clears_and_empty_lists(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CONFIGURATIONS))
        .respond_with(json_response(200, configuration_json()))
        .mount(&server)
        .await;
    let params = CreateConfigurationParams {
        default_return_url: Some(Clearable::Clear),
        login_page: Some(LoginPageCreateParams::new(false)),
        metadata: Some(BTreeMap::from([("order".into(), "a&b=c d/é".into())])),
        business_profile: Some(BusinessProfileCreateParams {
            headline: Some(Clearable::Set("Hi & welcome! 100%".into())),
            privacy_policy_url: Some("https://example.com/privacy?x=1".into()),
            ..BusinessProfileCreateParams::new()
        }),
        name: Some(Clearable::Set("Main portal".into())),
        ..CreateConfigurationParams::new(FeaturesCreateParams {
            customer_update: Some(CustomerUpdateCreateParams {
                allowed_updates: Some(Clearable::Set(vec![
                    CustomerUpdateAllowedUpdates::Email,
                    CustomerUpdateAllowedUpdates::TaxId,
                ])),
                ..CustomerUpdateCreateParams::new(true)
            }),
            invoice_history: Some(InvoiceListParams::new(true)),
            subscription_cancel: Some(SubscriptionCancelCreateParams {
                cancellation_reason: Some(SubscriptionCancellationReasonCreateParams::new(
                    true,
                    vec![
                        SubscriptionCancellationReasonOptions::TooExpensive,
                        SubscriptionCancellationReasonOptions::Other,
                    ],
                )),
                mode: Some(SubscriptionCancelMode::AtPeriodEnd),
                proration_behavior: Some(SubscriptionProrationBehavior::None),
                ..SubscriptionCancelCreateParams::new(true)
            }),
            // An empty list that was set, and a list that is cleared: both `key=`.
            subscription_update: Some(SubscriptionUpdateCreateParams {
                default_allowed_updates: Some(Clearable::Set(vec![])),
                products: Some(Clearable::Clear),
                schedule_at_period_end: Some(ScheduleUpdateAtPeriodEndCreateParams {
                    conditions: Some(vec![ScheduleUpdateAtPeriodEndConditionParams::new(
                        ScheduleUpdateAtPeriodEndConditionType::ShorteningInterval,
                    )]),
                }),
                trial_update_behavior: Some(SubscriptionUpdateTrialUpdateBehavior::ContinueTrial),
                ..SubscriptionUpdateCreateParams::new(false)
            }),
            ..FeaturesCreateParams::new()
        })
    };

    let client = client(flavor, &server, 0);
    let config = client
        .send(operations::create_configuration(&params))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        CONFIGURATIONS,
        "business_profile[headline]=Hi%20%26%20welcome%21%20100%25\
         &business_profile[privacy_policy_url]=https%3A%2F%2Fexample.com%2Fprivacy%3Fx%3D1\
         &default_return_url=\
         &features[customer_update][allowed_updates][0]=email\
         &features[customer_update][allowed_updates][1]=tax_id\
         &features[customer_update][enabled]=true\
         &features[invoice_history][enabled]=true\
         &features[subscription_cancel][cancellation_reason][enabled]=true\
         &features[subscription_cancel][cancellation_reason][options][0]=too_expensive\
         &features[subscription_cancel][cancellation_reason][options][1]=other\
         &features[subscription_cancel][enabled]=true\
         &features[subscription_cancel][mode]=at_period_end\
         &features[subscription_cancel][proration_behavior]=none\
         &features[subscription_update][default_allowed_updates]=\
         &features[subscription_update][enabled]=false\
         &features[subscription_update][products]=\
         &features[subscription_update][schedule_at_period_end][conditions][0][type]=shortening_interval\
         &features[subscription_update][trial_update_behavior]=continue_trial\
         &login_page[enabled]=false\
         &metadata[order]=a%26b%3Dc%20d%2F%C3%A9\
         &name=Main%20portal",
    );
    assert_uuid_v4(key);
    assert_eq!(header(&requests[0], "Stripe-Account"), None);

    assert_eq!(config.id, configuration_id());
    assert!(config.active && config.is_default && config.livemode);
    assert_eq!(
        config.features.customer_update.allowed_updates,
        [
            PortalCustomerUpdateAllowedUpdates::Email,
            PortalCustomerUpdateAllowedUpdates::TaxId
        ]
    );
    assert_eq!(
        config.features.subscription_cancel.mode,
        PortalSubscriptionCancelMode::AtPeriodEnd
    );
    assert_eq!(config.business_profile.headline, None);
    assert_eq!(config.created.unix_seconds(), 1_234_567_890);
    assert_written_back(&config, &configuration_json());
}
both_clients!(create_configuration_sends_nested_features_clears_and_empty_lists);

async fn update_configuration_encodes_the_id_and_clears_one_metadata_key_and_the_name(
    flavor: Flavor,
) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{CONFIGURATIONS}/bpc_1%2F..%2Fx%3Fy")))
        .respond_with(json_response(200, configuration_json()))
        .mount(&server)
        .await;
    let params = UpdateConfigurationParams {
        active: Some(false),
        business_profile: Some(BusinessProfileUpdateParams {
            headline: Some(Clearable::Clear),
            terms_of_service_url: Some(Clearable::Set("https://example.com/terms".into())),
            ..BusinessProfileUpdateParams::new()
        }),
        metadata: Some(Clearable::Set(BTreeMap::from([
            ("k".into(), String::new()),
            ("keep".into(), "yes".into()),
        ]))),
        name: Some(Clearable::Clear),
        ..UpdateConfigurationParams::new()
    };
    let request = operations::update_configuration("bpc_1/../x?y", &params).idempotency_key("k1");

    let config = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        "/v1/billing_portal/configurations/bpc_1%2F..%2Fx%3Fy",
        "active=false\
         &business_profile[headline]=\
         &business_profile[terms_of_service_url]=https%3A%2F%2Fexample.com%2Fterms\
         &metadata[k]=\
         &metadata[keep]=yes\
         &name=",
    );
    assert_eq!(key, "k1");
    assert_eq!(config.id, configuration_id());
    assert_written_back(&config, &configuration_json());
}
both_clients!(update_configuration_encodes_the_id_and_clears_one_metadata_key_and_the_name);

async fn list_configurations_sends_the_query_string(flavor: Flavor) {
    let server = MockServer::start().await;
    let list = json!({
        "object": "list",
        "data": [configuration_json()],
        "has_more": false,
        "url": CONFIGURATIONS,
    });
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .respond_with(json_response(200, list))
        .mount(&server)
        .await;
    let params = ListConfigurationsParams {
        active: Some(true),
        expand: Some(vec!["data.application".into()]),
        limit: Some(3),
        ..ListConfigurationsParams::new()
    };

    let page = client(flavor, &server, 0)
        .send(operations::list_configurations(&params))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(
        &requests[0],
        CONFIGURATIONS,
        Some("active=true&expand[0]=data.application&limit=3"),
    );
    assert_eq!(page.object, "list");
    assert!(!page.has_more);
    assert_eq!(page.url, CONFIGURATIONS);
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, configuration_id());
    assert_written_back(&page.data[0], &configuration_json());
}
both_clients!(list_configurations_sends_the_query_string);

async fn retrieve_configuration_with_a_connected_account_and_an_expansion(flavor: Flavor) {
    let server = MockServer::start().await;
    let application = json!({"id": "ca_1", "object": "application", "name": "Portal app"});
    let mut answer = configuration_json();
    answer["application"] = application.clone();
    Mock::given(method("GET"))
        .and(path(format!("{CONFIGURATIONS}/bpc_123")))
        .respond_with(json_response(200, answer))
        .mount(&server)
        .await;
    let params = RetrieveConfigurationParams {
        expand: Some(vec!["application".into()]),
    };
    let request = operations::retrieve_configuration("bpc_123", &params).stripe_account("acct_1");

    let config = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(
        &requests[0],
        "/v1/billing_portal/configurations/bpc_123",
        Some("expand[0]=application"),
    );
    assert_eq!(header(&requests[0], "Stripe-Account"), Some("acct_1"));
    assert_eq!(
        config.application,
        Some(Expandable::Object(Box::new(application)))
    );
    assert_eq!(config.id, configuration_id());
}
both_clients!(retrieve_configuration_with_a_connected_account_and_an_expansion);

async fn create_session_with_flow_data_locale_and_an_appended_expansion(flavor: Flavor) {
    let server = MockServer::start().await;
    let mut answer = session_json();
    answer["configuration"] = configuration_json();
    answer["locale"] = json!("en-AU");
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(json_response(200, answer))
        .mount(&server)
        .await;
    let params = CreateSessionParams {
        flow_data: Some(FlowDataParams {
            after_completion: Some(FlowDataAfterCompletionParams::redirect(
                AfterCompletionRedirectParams::new("https://example.com/done"),
            )),
            ..FlowDataParams::subscription_cancel(FlowDataSubscriptionCancelParams {
                retention: Some(RetentionParams::coupon_offer(CouponOfferParams::new(
                    "SAVE 10%",
                ))),
                ..FlowDataSubscriptionCancelParams::new("sub_1")
            })
        }),
        locale: Some(CreateSessionLocale::EnAu),
        return_url: Some("https://example.com/account".into()),
        ..CreateSessionParams::for_customer("cus_123")
    };
    let request = operations::create_session(&params).expand(["configuration"]);

    let session = client(flavor, &server, 0).send(request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let key = assert_post(
        &requests[0],
        SESSIONS,
        "customer=cus_123\
         &flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fexample.com%2Fdone\
         &flow_data[after_completion][type]=redirect\
         &flow_data[subscription_cancel][retention][coupon_offer][coupon]=SAVE%2010%25\
         &flow_data[subscription_cancel][retention][type]=coupon_offer\
         &flow_data[subscription_cancel][subscription]=sub_1\
         &flow_data[type]=subscription_cancel\
         &locale=en-AU\
         &return_url=https%3A%2F%2Fexample.com%2Faccount\
         &expand[0]=configuration",
    );
    assert_uuid_v4(key);
    let fixture = session_json();
    assert_eq!(session.id, fixture["id"]);
    assert_eq!(session.customer, fixture["customer"]);
    assert_eq!(session.url, fixture["url"]);
    let configuration = session
        .configuration
        .as_object()
        .expect("the configuration is expanded");
    assert_eq!(configuration.id, configuration_id());
    assert_eq!(session.configuration.id(), configuration_id());
    assert_eq!(
        session.locale,
        Some(stripe_billing_portal::resources::BillingPortalSessionLocale::EnAu)
    );
}
both_clients!(create_session_with_flow_data_locale_and_an_appended_expansion);

async fn every_post_gets_its_own_idempotency_key(flavor: Flavor) {
    let server = MockServer::start().await;
    always(&server, json_response(200, configuration_json())).await;
    let client = client(flavor, &server, 0);
    client.send(deactivate("bpc_123")).await.unwrap();
    client.send(deactivate("bpc_123")).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let first = assert_post(
        &requests[0],
        &format!("{CONFIGURATIONS}/bpc_123"),
        "active=false",
    );
    let second = assert_post(
        &requests[1],
        &format!("{CONFIGURATIONS}/bpc_123"),
        "active=false",
    );
    assert_uuid_v4(first);
    assert_uuid_v4(second);
    assert_ne!(first, second, "two calls are two operations");
}
both_clients!(every_post_gets_its_own_idempotency_key);
