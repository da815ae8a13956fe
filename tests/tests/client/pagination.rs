//! Pages followed forwards and backwards, and an error that ends the list.

use super::*;

fn page(ids: &[&str], has_more: bool) -> Value {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| {
            let mut config = configuration_json();
            config["id"] = json!(id);
            config
        })
        .collect();
    json!({"object": "list", "data": data, "has_more": has_more, "url": CONFIGURATIONS})
}

async fn paginate_follows_starting_after_across_three_pages(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .and(query_param_is_missing("starting_after"))
        .respond_with(json_response(200, page(&["bpc_1", "bpc_2"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .and(query_param("starting_after", "bpc_2"))
        .respond_with(json_response(200, page(&["bpc_3", "bpc_4"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CONFIGURATIONS))
        .and(query_param("starting_after", "bpc_4"))
        .respond_with(json_response(200, page(&["bpc_5"], false)))
        .mount(&server)
        .await;
    let params = ListConfigurationsParams {
        active: Some(true),
        limit: Some(2),
        ..ListConfigurationsParams::new()
    };

    let items: Vec<Result<BillingPortalConfiguration, Error>> = client(flavor, &server, 0)
        .paginate_all(operations::list_configurations(&params))
        .await;

    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["bpc_1", "bpc_2", "bpc_3", "bpc_4", "bpc_5"]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_get(&requests[0], CONFIGURATIONS, Some("active=true&limit=2"));
    assert_get(
        &requests[1],
        CONFIGURATIONS,
        Some("active=true&limit=2&starting_after=bpc_2"),
    );
    assert_get(
        &requests[2],
        CONFIGURATIONS,
        Some("active=true&limit=2&starting_after=bpc_4"),
    );
}
both_clients!(paginate_follows_starting_after_across_three_pages);

async fn paginate_yields_an_error_and_ends(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("starting_after"))
        .respond_with(json_response(200, page(&["bpc_1", "bpc_2"], true)))
        .mount(&server)
        .await;
    Mock::given(query_param("starting_after", "bpc_2"))
        .respond_with(json_response(
            404,
            stripe_error("invalid_request_error", "No such configuration"),
        ))
        .mount(&server)
        .await;
    let params = ListConfigurationsParams {
        limit: Some(2),
        ..ListConfigurationsParams::new()
    };

    let items: Vec<Result<BillingPortalConfiguration, Error>> = client(flavor, &server, 2)
        .paginate_all(operations::list_configurations(&params))
        .await;

    assert_eq!(items.len(), 3, "two items, then the error, then the end");
    assert_eq!(items[0].as_ref().unwrap().id, "bpc_1");
    assert_eq!(items[1].as_ref().unwrap().id, "bpc_2");
    assert_eq!(items[2].as_ref().unwrap_err().status(), Some(404));
    assert_eq!(received(&server).await.len(), 2, "a 404 is not retried");
}
both_clients!(paginate_yields_an_error_and_ends);

/// Paging from `ending_before` goes backwards (`ending_before` = the first id of the page),
/// as Stripe's official SDKs do; the two cursors, which Stripe refuses together, are never
/// sent at once.
async fn paginate_from_ending_before_never_sends_both_cursors(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("starting_after"))
        .and(query_param("ending_before", "bpc_9"))
        .respond_with(json_response(200, page(&["bpc_7", "bpc_8"], true)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    always(
        &server,
        json_response(200, page(&["bpc_5", "bpc_6"], false)),
    )
    .await;
    let params = ListConfigurationsParams {
        ending_before: Some("bpc_9".into()),
        limit: Some(2),
        ..ListConfigurationsParams::new()
    };
    let items: Vec<Result<BillingPortalConfiguration, Error>> = client(flavor, &server, 0)
        .paginate_all(operations::list_configurations(&params))
        .await;
    assert_eq!(items.len(), 4);
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        ["ending_before=bpc_9&limit=2", "ending_before=bpc_7&limit=2"]
    );
}
both_clients!(paginate_from_ending_before_never_sends_both_cursors);
