//! Events, end to end: the list's filters on the query string, each event's object typed by
//! its `type` (the portal's three) or kept whole as JSON (every other type), pages of events,
//! and a typed object that does not read.

use super::*;

const EVENTS: &str = "/v1/events";

/// Stripe's example event: a `plan.created`, a type whose object this crate does not type.
fn plan_event() -> Value {
    pinned_fixture("event")
}

/// An event of `event_type` about `object`, in the example event's envelope.
fn event_about(id: &str, event_type: &str, object: Value) -> Value {
    let mut event = plan_event();
    event["id"] = json!(id);
    event["type"] = json!(event_type);
    event["data"] = json!({ "object": object });
    event
}

/// The portal configuration deactivated: Stripe lists the old value of what changed.
fn configuration_updated(id: &str) -> Value {
    let mut event = event_about(
        id,
        "billing_portal.configuration.updated",
        configuration_json(),
    );
    event["data"]["previous_attributes"] = json!({"active": false});
    event
}

fn session_created(id: &str) -> Value {
    event_about(id, "billing_portal.session.created", session_json())
}

fn list_of(events: Vec<Value>, has_more: bool) -> Value {
    json!({"object": "list", "data": events, "has_more": has_more, "url": EVENTS})
}

async fn list_events_sends_the_filters_and_types_each_object_by_the_event_type(flavor: Flavor) {
    let server = MockServer::start().await;
    let sent = vec![
        plan_event(),
        configuration_updated("evt_2"),
        session_created("evt_3"),
    ];
    Mock::given(method("GET"))
        .and(path(EVENTS))
        .respond_with(json_response(200, list_of(sent.clone(), false)))
        .mount(&server)
        .await;
    let params = ListEventsParams {
        created: Some(ListEventsCreated::Object(Box::new(RangeQueryParams {
            gte: Some(1_700_000_000),
            lt: Some(1_800_000_000),
            ..RangeQueryParams::new()
        }))),
        delivery_success: Some(false),
        limit: Some(3),
        types: Some(vec!["billing_portal.*".into(), "plan.created".into()]),
        ..ListEventsParams::new()
    };

    let page = client(flavor, &server, 0)
        .send(operations::list_events(&params))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    // A range is bracketed like a nested object, a list is indexed, and the wildcard `*` is
    // not unreserved, so it is escaped.
    assert_get(
        &requests[0],
        EVENTS,
        Some(
            "created[gte]=1700000000&created[lt]=1800000000\
             &delivery_success=false&limit=3\
             &types[0]=billing_portal.%2A&types[1]=plan.created",
        ),
    );
    assert_eq!(page.data.len(), 3);

    // A type the crate does not know keeps its object as the API sent it.
    let plan = &page.data[0];
    assert_eq!(plan.id, plan_event()["id"]);
    assert_eq!(plan.type_, "plan.created");
    assert_eq!(plan.object, EventObject::Event);
    assert_eq!(plan.created.unix_seconds(), 1_234_567_890);
    let EventDataObject::Other(object) = &plan.data.object else {
        panic!("a plan.created event is untyped: {:?}", plan.data.object);
    };
    assert_eq!(object, &plan_event()["data"]["object"]);
    assert_eq!(plan.data.object.event_type(), None);
    assert!(plan.previous::<bool>("active").is_none(), "not an update");

    let updated = &page.data[1];
    let EventDataObject::BillingPortalConfigurationUpdated(config) = &updated.data.object else {
        panic!("typed by its type: {:?}", updated.data.object);
    };
    assert_eq!(config.id, configuration_id());
    assert!(
        config.active,
        "the object is the configuration after the update"
    );
    assert_eq!(
        updated.data.object.event_type(),
        Some("billing_portal.configuration.updated")
    );
    assert!(matches!(
        updated.previous::<bool>("active"),
        Some(Ok(false))
    ));
    assert!(matches!(updated.previous::<String>("active"), Some(Err(_))));
    assert!(updated.previous::<bool>("name").is_none(), "not changed");

    let session = &page.data[2];
    let EventDataObject::BillingPortalSessionCreated(object) = &session.data.object else {
        panic!("typed by its type: {:?}", session.data.object);
    };
    assert_eq!(object.id, session_json()["id"]);
    assert_eq!(object.url, session_json()["url"]);

    // Typed or not, every event writes back as it came, so nothing was dropped on the way.
    let back: Vec<Value> = page
        .data
        .iter()
        .map(|event| serde_json::to_value(event).unwrap())
        .collect();
    assert_written_back(&back, &Value::Array(sent));
}
both_clients!(list_events_sends_the_filters_and_types_each_object_by_the_event_type);

async fn paginate_events_follows_starting_after_with_the_filters(flavor: Flavor) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(EVENTS))
        .and(query_param_is_missing("starting_after"))
        .respond_with(json_response(
            200,
            list_of(
                vec![configuration_updated("evt_1"), session_created("evt_2")],
                true,
            ),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(EVENTS))
        .and(query_param("starting_after", "evt_2"))
        .respond_with(json_response(
            200,
            list_of(vec![session_created("evt_3")], false),
        ))
        .mount(&server)
        .await;
    let params = ListEventsParams {
        created: Some(ListEventsCreated::Integer(1_234_567_890)),
        limit: Some(2),
        type_: Some("billing_portal.*".into()),
        ..ListEventsParams::new()
    };

    let items: Vec<Result<Event, Error>> = client(flavor, &server, 0)
        .paginate_all(operations::list_events(&params))
        .await;

    let events: Vec<(String, Option<&str>)> = items
        .into_iter()
        .map(|item| {
            let event = item.unwrap();
            (event.id, event.data.object.event_type())
        })
        .collect();
    assert_eq!(
        events,
        [
            ("evt_1".into(), Some("billing_portal.configuration.updated")),
            ("evt_2".into(), Some("billing_portal.session.created")),
            ("evt_3".into(), Some("billing_portal.session.created")),
        ]
    );
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_get(
        &requests[0],
        EVENTS,
        Some("created=1234567890&limit=2&type=billing_portal.%2A"),
    );
    // The cursor is set after the caller's parameters, so it comes last.
    assert_get(
        &requests[1],
        EVENTS,
        Some("created=1234567890&limit=2&type=billing_portal.%2A&starting_after=evt_2"),
    );
}
both_clients!(paginate_events_follows_starting_after_with_the_filters);

async fn retrieve_event_encodes_the_id_and_types_the_object(flavor: Flavor) {
    let server = MockServer::start().await;
    let sent = event_about(
        "evt_123",
        "billing_portal.configuration.created",
        configuration_json(),
    );
    Mock::given(method("GET"))
        .and(path(format!("{EVENTS}/evt_123")))
        .respond_with(json_response(200, sent.clone()))
        .mount(&server)
        .await;

    let event = client(flavor, &server, 0)
        .send(operations::retrieve_event(
            "evt_123",
            &RetrieveEventParams::new(),
        ))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_get(&requests[0], "/v1/events/evt_123", None);
    assert_eq!(event.id, "evt_123");
    assert_eq!(event.type_, "billing_portal.configuration.created");
    assert_eq!(event.api_version, None);
    assert_eq!(event.pending_webhooks, 0);
    let EventDataObject::BillingPortalConfigurationCreated(config) = &event.data.object else {
        panic!("typed by its type: {:?}", event.data.object);
    };
    assert_written_back(config, &configuration_json());
    assert_eq!(event.data.previous_attributes, None);
    assert_written_back(&event, &sent);
}
both_clients!(retrieve_event_encodes_the_id_and_types_the_object);

/// An event's object is read as the type its `type` names; one that does not read is a
/// decode error that says which event type and which field, alone or in a list. The same
/// object in an event of an untyped type reads, so it is the typing that refuses it.
async fn a_typed_object_that_does_not_read_names_the_event_type_and_the_field(flavor: Flavor) {
    let mut config = configuration_json();
    config["active"] = json!("yes");
    let bad = event_about(
        "evt_bad",
        "billing_portal.configuration.updated",
        config.clone(),
    );
    let untyped = event_about("evt_ok", "plan.updated", config.clone());
    let server = MockServer::start().await;
    Mock::given(path(format!("{EVENTS}/evt_bad")))
        .respond_with(json_response(200, bad.clone()))
        .mount(&server)
        .await;
    Mock::given(path(format!("{EVENTS}/evt_ok")))
        .respond_with(json_response(200, untyped))
        .mount(&server)
        .await;
    Mock::given(path(EVENTS))
        .respond_with(json_response(200, list_of(vec![plan_event(), bad], false)))
        .mount(&server)
        .await;
    let client = client(flavor, &server, 2);
    let why = "the object of a `billing_portal.configuration.updated` event does not read at \
               `data.object.active`: invalid type: string \"yes\", expected a boolean";

    let err = client
        .send(operations::retrieve_event(
            "evt_bad",
            &RetrieveEventParams::new(),
        ))
        .await
        .unwrap_err();
    let decode = decode_error(&err);
    assert_eq!(decode.status, 200);
    // serde stops at the event (its object is read in a second step); the path is the field's.
    assert_eq!(decode.path, "data.object.active");
    assert_eq!(decode.message, why);
    let shown = err.to_string();
    let said = format!(
        "cannot decode Stripe's response (HTTP 200) at `data.object.active`: {why}; body starts with: "
    );
    assert!(shown.starts_with(&said), "{shown}");

    let err = client
        .send(operations::list_events(&ListEventsParams::new()))
        .await
        .unwrap_err();
    let decode = decode_error(&err);
    assert_eq!(
        decode.path, "data[1].data.object.active",
        "the second event of the page"
    );
    // Inside the list, serde_json adds where in the body the event ends.
    let column = decode
        .message
        .strip_prefix(why)
        .and_then(|rest| rest.strip_prefix(" at line 1 column "))
        .unwrap_or_else(|| panic!("{}", decode.message));
    assert!(column.parse::<u32>().is_ok(), "{}", decode.message);

    let event = client
        .send(operations::retrieve_event(
            "evt_ok",
            &RetrieveEventParams::new(),
        ))
        .await
        .unwrap();
    assert_eq!(event.data.object, EventDataObject::Other(config));
    assert_eq!(
        received(&server).await.len(),
        3,
        "a decode error is not retried"
    );
}
both_clients!(a_typed_object_that_does_not_read_names_the_event_type_and_the_field);
