//! Rule "typed events": an event envelope's object is typed by the event's type name, from the
//! spec alone.
//!
//! Stripe's `spec3.json` does not say which object an event carries, but two things it does
//! say decide it: the list of every event type name (the `enabled_events` values of the
//! webhook endpoint parameters), and each resource's `object` value. An event named `X.verb`
//! carries the selected resource whose `object` is `X`: `billing_portal.configuration.updated`
//! carries a `billing_portal.configuration`. A name whose `X` is no selected resource is not
//! typed (`customer.subscription.updated`: `customer.subscription` is no object type, and the
//! subscription is not selected); its object stays raw JSON, as does the object of a type
//! Stripe adds later. No event name or object type is written here.
//!
//! The envelope is found by its shape, not its name: a response object with a string `type`
//! and a `data` object whose `object` may be any object.
//!
//! `data.previous_attributes` (on `*.updated` events: the fields that changed, with their old
//! values) stays a JSON map, read field by field with `Event::previous::<T>("path")`. A typed
//! partial view would need a second copy of every resource with every field optional (twice
//! the compile time for what one `match` arm reads), and the old values are rendered in the
//! event's API version, which may not be the crate's: a map reads whatever Stripe sent. Its `data.object` becomes a union of
//! the typed objects ([`Discriminator::EventType`]) with a catch-all, and the envelope records
//! where its parts are ([`Envelope`]) so that reading it reads the object by its type.

use super::finish::add_type;
use super::{naming, unions};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The field of request parameters that lists every event type name.
const EVENT_TYPES_FIELD: &str = "enabled_events";
/// The name that stands for every event type in `enabled_events`, not a type of its own.
const ALL_EVENTS: &str = "*";
/// The catch-all variant of the union of event objects.
pub const OTHER_EVENT: &str = "Other";

/// Types each envelope's object by the event type names the selection lists, and records every
/// name with its decision in [`Api::event_types`].
pub fn apply(api: &mut Api) {
    let names = event_type_names(api);
    let resources = resources_by_object(api);
    api.event_types = names
        .iter()
        .map(|name| EventType {
            name: name.clone(),
            object: name
                .rsplit_once('.')
                .and_then(|(object, _verb)| resources.get(object).copied()),
        })
        .collect();
    if names.is_empty() {
        return;
    }
    let envelopes: Vec<(TypeId, Envelope, usize)> = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| envelope(api, def).map(|(e, object)| (TypeId(i), e, object)))
        .collect();
    if envelopes.is_empty() {
        return;
    }
    let typed: Vec<(String, TypeId)> = api
        .event_types
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.object?)))
        .collect();
    for (envelope_id, envelope, object_index) in envelopes {
        let union = union_def(api, envelope_id, &envelope, object_index, &typed);
        let union_id = add_type(api, union);
        // `add_type` renumbered the types after the union's place.
        let envelope_id = renumbered(envelope_id, union_id);
        let data_id = renumbered(envelope.data, union_id);
        if let TypeKind::Struct(data) = &mut api.types[data_id.0].kind {
            data.fields[object_index].ty = TypeRef::Named(union_id);
        }
        if let TypeKind::Struct(s) = &mut api.types[envelope_id.0].kind {
            s.envelope = Some(Box::new(Envelope {
                data: data_id,
                ..envelope
            }));
        }
    }
}

/// The id of a type after [`add_type`] put another at `added`: one more if it was at or after.
fn renumbered(id: TypeId, added: TypeId) -> TypeId {
    if id.0 >= added.0 {
        TypeId(id.0 + 1)
    } else {
        id
    }
}

/// Every event type name that request parameters list in `enabled_events`, sorted.
fn event_type_names(api: &Api) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for def in api.types.iter().filter(|d| d.role == Role::Request) {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        for field in s.fields.iter().filter(|f| f.wire_name == EVENT_TYPES_FIELD) {
            if let Some(TypeKind::Enum(e)) = enum_items(&field.ty).map(|id| &api.type_def(id).kind)
            {
                names.extend(
                    e.variants
                        .iter()
                        .map(|v| v.wire_value.clone())
                        .filter(|v| v != ALL_EVENTS),
                );
            }
        }
    }
    names
}

/// The enum a list field's items are, through the wrappers a field may have.
fn enum_items(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Clearable(inner) => enum_items(inner),
        TypeRef::Named(id) => Some(*id),
        _ => None,
    }
}

/// The selected resources by their `object` value: component objects with a one-valued
/// `object` enum, leaving out Stripe's deleted objects (`deleted: true`, the same `object`).
/// A value two resources claim types neither.
fn resources_by_object(api: &Api) -> BTreeMap<String, TypeId> {
    let mut found: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    for (i, def) in api.types.iter().enumerate() {
        if def.role != Role::Response || !def.origin.as_str().starts_with("/components/schemas/") {
            continue;
        }
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        if s.fields.iter().any(|f| f.wire_name == "deleted") {
            continue;
        }
        let object = s.fields.iter().find(|f| f.wire_name == "object");
        let Some(TypeRef::Named(enum_id)) = object.map(|f| &f.ty) else {
            continue;
        };
        if let TypeKind::Enum(e) = &api.type_def(*enum_id).kind
            && let [only] = e.variants.as_slice()
        {
            found
                .entry(only.wire_value.clone())
                .or_default()
                .push(TypeId(i));
        }
    }
    found
        .into_iter()
        .filter_map(|(object, ids)| match ids.as_slice() {
            [one] => Some((object, *one)),
            _ => None,
        })
        .collect()
}

/// Whether `def` is an envelope: a response struct with a required string `type` and a
/// required `data` struct whose required `object` may be any object. Its parts, and the index
/// of `object` in the data's fields.
fn envelope(api: &Api, def: &TypeDef) -> Option<(Envelope, usize)> {
    let TypeKind::Struct(s) = &def.kind else {
        return None;
    };
    if def.role != Role::Response || s.tagged.is_some() {
        return None;
    }
    let required = |f: &&Field| f.shape == FieldShape::Required;
    let type_field = s
        .fields
        .iter()
        .filter(required)
        .find(|f| f.wire_name == "type" && f.ty == TypeRef::String)?;
    let data_field = s
        .fields
        .iter()
        .filter(required)
        .find(|f| f.wire_name == "data")?;
    let TypeRef::Named(data) = data_field.ty else {
        return None;
    };
    let TypeKind::Struct(data_struct) = &api.type_def(data).kind else {
        return None;
    };
    if data_struct.tagged.is_some() {
        return None;
    }
    let object_index = data_struct.fields.iter().position(|f| {
        f.wire_name == "object" && f.shape == FieldShape::Required && is_json_object(&f.ty)
    })?;
    let previous_field = data_struct
        .fields
        .iter()
        .find(|f| f.wire_name == "previous_attributes" && is_json_object(&f.ty))
        .map(|f| f.rust_name.clone());
    Some((
        Envelope {
            type_field: type_field.rust_name.clone(),
            data_field: data_field.rust_name.clone(),
            data,
            object_field: data_struct.fields[object_index].rust_name.clone(),
            previous_field,
        },
        object_index,
    ))
}

/// Whether a value may be any JSON object (`additionalProperties: true`, or no schema).
fn is_json_object(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Json => true,
        TypeRef::Map(values) => **values == TypeRef::Json,
        _ => false,
    }
}

/// The union of the typed objects of `envelope_id`'s events, named after the envelope.
fn union_def(
    api: &Api,
    envelope_id: TypeId,
    envelope: &Envelope,
    object_index: usize,
    typed: &[(String, TypeId)],
) -> TypeDef {
    let envelope_def = api.type_def(envelope_id);
    let data_def = api.type_def(envelope.data);
    let taken: BTreeSet<&str> = api.types.iter().map(|d| d.name.as_str()).collect();
    let preferred = format!("{}DataObject", envelope_def.name);
    let name = (1..)
        .map(|n| match n {
            1 => preferred.clone(),
            n => format!("{preferred}{n}"),
        })
        .find(|name| !taken.contains(name.as_str()))
        .unwrap_or(preferred);
    let values: Vec<&str> = typed.iter().map(|(name, _)| name.as_str()).collect();
    let variants =
        naming::distinct_names(&values, &[OTHER_EVENT], naming::variant_name, |value, n| {
            format!("{}{n}", naming::variant_name(value))
        });
    let arms = typed
        .iter()
        .zip(variants)
        .map(|((event, object), rust_name)| {
            unions::arm(
                Discriminator::EventType,
                rust_name,
                TypeRef::Named(*object),
                event.clone(),
                false,
            )
        })
        .collect();
    let origin = match &data_def.kind {
        TypeKind::Struct(data) => data_def
            .origin
            .join("properties")
            .join(&data.fields[object_index].wire_name),
        _ => data_def.origin.clone(),
    };
    TypeDef {
        feature: None,
        derives: Vec::new(),
        name,
        doc: Some(format!(
            "The object an `{}` is about, typed by the event's type name (its `type`): each \
             typed event type is a variant holding the resource the name is about; an event \
             of any other type (another resource's, or one Stripe adds later) keeps its \
             object as raw JSON in `{OTHER_EVENT}`.",
            envelope_def
                .spec_name
                .as_deref()
                .unwrap_or(&envelope_def.name),
        )),
        spec_name: None,
        role: Role::Response,
        origin,
        kind: TypeKind::Union(Union {
            discriminator: Discriminator::EventType,
            arms,
            catch_all: Some(OTHER_EVENT.to_owned()),
            has_id: false,
        }),
    }
}
