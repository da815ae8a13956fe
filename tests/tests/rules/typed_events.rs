//! Rule "typed events": an event's object is typed by its type name (`thing.created` carries
//! a `thing`), an untyped or unknown type keeps its object as JSON, and every event reads back
//! to the JSON it was read from.

use super::*;
use rule_specs::typed_events::resources::{Event, EventDataObject, Thing};

fn event(type_: &str, object: Value) -> Value {
    json!({
        "created": 1_700_000_000,
        "data": {"object": object, "previous_attributes": {"size": 1, "nested": {"a": true}}},
        "id": "evt_1",
        "object": "event",
        "type": type_,
    })
}

fn thing() -> Value {
    json!({"id": "th_1", "object": "thing", "size": 2, "added_later": {"x": 1}})
}

#[test]
fn the_types_named_after_a_selected_resource_are_typed_and_only_they() {
    assert_eq!(
        EventDataObject::TYPED_EVENTS,
        ["thing.created", "thing.updated"],
        "gadget names no selected resource; `*` is no type"
    );
}

#[test]
fn a_typed_event_carries_its_resource_and_reads_back_to_its_json() {
    for (type_, expected) in [("thing.created", true), ("thing.updated", false)] {
        let json = event(type_, thing());
        let read: Event = from_json(json.clone());
        let object: &Thing = match &read.data.object {
            EventDataObject::ThingCreated(thing) if expected => thing,
            EventDataObject::ThingUpdated(thing) if !expected => thing,
            other => panic!("{type_}: {other:?}"),
        };
        assert_eq!(object.size, 2);
        assert_eq!(read.data.object.event_type(), Some(type_));
        // A field added later is skipped by the typed object (as in every response).
        let mut known = json.clone();
        known["data"]["object"]
            .as_object_mut()
            .unwrap()
            .remove("added_later");
        assert_eq!(to_json(&read), known);
    }
}

#[test]
fn other_and_newer_event_types_keep_their_object_whole() {
    for type_ in ["gadget.created", "thing.exploded", "v3.something.new", ""] {
        let object = json!({"id": "gd_1", "object": "gadget", "anything": [1, 2]});
        let json = event(type_, object.clone());
        let read: Event = from_json(json.clone());
        assert_eq!(read.data.object, EventDataObject::Other(object), "{type_}");
        assert_eq!(read.data.object.event_type(), None);
        assert_eq!(to_json(&read), json, "{type_}: round trip");
    }
}

#[test]
fn a_typed_object_that_does_not_read_names_the_event_type_and_the_path() {
    let json = event(
        "thing.updated",
        json!({"id": "th_1", "object": "thing", "size": "big"}),
    );
    let e = serde_json::from_value::<Event>(json)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(
            "the object of a `thing.updated` event does not read at `data.object.size`: invalid type: string \"big\""
        ),
        "{e}"
    );
}

#[test]
fn previous_attributes_read_field_by_field() {
    let read: Event = from_json(event("thing.updated", thing()));
    assert_eq!(read.previous::<i64>("size").unwrap().unwrap(), 1);
    assert!(read.previous::<bool>("nested.a").unwrap().unwrap());
    assert!(read.previous::<i64>("name").is_none(), "not changed");
    assert!(read.previous::<String>("size").unwrap().is_err());
}

#[test]
fn the_object_read_alone_stays_json() {
    let object: EventDataObject = from_json(thing());
    assert_eq!(object, EventDataObject::Other(thing()));
}
