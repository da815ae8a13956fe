//! Rule "tagged shapes": an object whose `type` says which of its sub-objects it carries
//! becomes one Rust enum of kinds, so that a kind and another kind's sub-object cannot be
//! written together.
//!
//! Stripe writes "one of several kinds" as an object with a required string-enum `type` and
//! one optional property per kind, named like the kind (`flow_data`: `type:
//! subscription_cancel` with `subscription_cancel: {..}`). The rule applies to an object with a
//! required `type` of a string enum some of whose values name sibling properties:
//!
//! - each value is a kind; a value with a same-named sibling carries that sub-object, a value
//!   without one carries nothing;
//! - siblings named by no value (`after_completion`) are shared by every kind;
//! - a kind's sub-object is required in requests when the sub-object has a required field or
//!   the spec requires it (there is nothing to send without it), optional otherwise; in
//!   responses when the spec says it is always present and not `null` (Stripe sends the
//!   sub-objects of the other kinds as `null`, and sometimes its own).
//!
//! Where the shape is there but not clean (a sibling that is not an object or can be cleared,
//! a sibling required whatever the kind, an optional `type`, a name the Rust shape needs that
//! the object already uses), the object stays as the spec says and regen says why.
//!
//! Runs once every type has its final name and id, after the other rules: it only annotates
//! the struct ([`Struct::tagged`]); its fields stay the wire shape.

use super::{naming, param_names};
use crate::model::*;
use std::collections::HashSet;

const RULE: &str = "tagged shape";

/// Records the [`Tagged`] shape of every object that has one, and a [`NotApplied`] for every
/// object that has the shape but not cleanly.
pub fn apply(api: &mut Api) {
    let names: HashSet<(Role, &str)> = api
        .types
        .iter()
        .map(|t| (t.role, t.name.as_str()))
        .collect();
    let mut found = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        if let Some(result) = find_tagged(api, def, s, &names) {
            found.push((i, result));
        }
    }
    for (i, result) in found {
        match result {
            Ok(t) => {
                if let TypeKind::Struct(s) = &mut api.types[i].kind {
                    // Requests are built kind by kind; responses are only read.
                    if s.constructor != Constructor::None {
                        s.constructor = Constructor::Kinds;
                    }
                    s.tagged = Some(Box::new(t));
                }
            }
            Err(reason) => api.not_applied.push(NotApplied {
                rule: RULE,
                pointer: api.types[i].origin.clone(),
                reason,
            }),
        }
    }
}

/// The tagged shape of `s`: `None` when it has none, an error saying why when it has the shape
/// but the rule cannot apply cleanly.
fn find_tagged(
    api: &Api,
    def: &TypeDef,
    s: &Struct,
    names: &HashSet<(Role, &str)>,
) -> Option<Result<Tagged, String>> {
    let tag = s.fields.iter().position(|f| f.wire_name == "type")?;
    let TypeRef::Named(tag_type) = s.fields[tag].ty else {
        return None;
    };
    let TypeKind::Enum(values) = &api.type_def(tag_type).kind else {
        return None;
    };
    let sibling = |value: &str| {
        s.fields
            .iter()
            .enumerate()
            .position(|(i, f)| i != tag && f.wire_name == value)
    };
    let named: Vec<Option<usize>> = values
        .variants
        .iter()
        .map(|v| sibling(&v.wire_value))
        .collect();
    if named.iter().all(Option::is_none) {
        // A plain enum field: no value names a sub-object.
        return None;
    }
    Some(tagged_shape(api, def, s, tag, values, &named, names))
}

/// The tagged shape of `s`, whose field `tag` is the `type` with the enum `values`, each of
/// which names the sibling field in `named` (if any); or why the rule cannot apply cleanly.
fn tagged_shape(
    api: &Api,
    def: &TypeDef,
    s: &Struct,
    tag: usize,
    values: &Enum,
    named: &[Option<usize>],
    names: &HashSet<(Role, &str)>,
) -> Result<Tagged, String> {
    if s.fields[tag].shape != FieldShape::Required {
        return Err("its `type` may be absent, so an object may be of no kind".into());
    }
    if s.constructor.choice().is_some() {
        return Err("its fields are already a choice of another rule".into());
    }
    let mut kinds = Vec::with_capacity(values.variants.len());
    let constructors = kind_constructors(def.role, values);
    for ((variant, field), constructor) in values.variants.iter().zip(named).zip(constructors) {
        let payload = match *field {
            None => None,
            Some(field) => Some(Payload {
                field: s.fields[field].clone(),
                required: payload(api, def.role, &s.fields[field], values)?,
            }),
        };
        kinds.push(Kind {
            wire_value: variant.wire_value.clone(),
            rust_name: variant.rust_name.clone(),
            constructor,
            payload,
        });
    }
    // A request struct's inner types are named with its stem (`FlowDataParams` ->
    // `FlowDataKind`), a response type's with its name.
    let stem = match def.role {
        Role::Request => param_names::stem_of(&def.name),
        Role::Response => &def.name,
    };
    let kind_type = format!("{stem}Kind");
    if names.contains(&(def.role, kind_type.as_str())) {
        return Err(format!(
            "the name of its kinds, `{kind_type}`, is taken by another type"
        ));
    }
    let kind_field = "kind".to_owned();
    let other_kinds = (def.role == Role::Response).then(|| "other_kinds".to_owned());
    let tagged = Tagged {
        tag: s.fields[tag].clone(),
        kind_type,
        kind_field,
        kinds,
        catch_all: values.catch_all.clone(),
        other_kinds,
    };
    let taken: Vec<&str> = [
        Some(tagged.kind_field.as_str()),
        tagged.other_kinds.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for field in &s.fields {
        if !tagged.owns(field) && taken.contains(&field.rust_name.as_str()) {
            return Err(format!(
                "it has a property `{}`, the name its kind would take",
                field.wire_name
            ));
        }
    }
    Ok(tagged)
}

/// The constructor of each kind: requests are built kind by kind, by a function named after
/// the kind; responses are only read.
fn kind_constructors(role: Role, values: &Enum) -> Vec<Option<String>> {
    match role {
        Role::Request => {
            let wire: Vec<&str> = values
                .variants
                .iter()
                .map(|v| v.wire_value.as_str())
                .collect();
            naming::distinct_names(&wire, &["new"], naming::field_name, |name, n| {
                format!("{name}_{n}")
            })
            .into_iter()
            .map(Some)
            .collect()
        }
        Role::Response => vec![None; values.variants.len()],
    }
}

/// Whether a kind always holds its sub-object `field`; an error when `field` cannot be one.
fn payload(api: &Api, role: Role, field: &Field, values: &Enum) -> Result<bool, String> {
    // A sub-object is an object with known properties, or one with none known (Stripe's
    // `affirm: {}` in payment method data: a kind with nothing to say yet).
    let has_required = match &field.ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(sub) => sub.fields.iter().any(|f| f.shape.is_required()),
            _ => return Err(not_an_object(field)),
        },
        TypeRef::Map(_) => false,
        _ => return Err(not_an_object(field)),
    };
    if field.shape.is_clearable() {
        return Err(format!(
            "`{}`, named by a `type` value, can be cleared",
            field.wire_name
        ));
    }
    let always = field.shape == FieldShape::Required;
    if always && values.variants.len() > 1 {
        return Err(format!(
            "`{}` is required whatever the `type`, so it is no one kind's sub-object",
            field.wire_name
        ));
    }
    Ok(match role {
        Role::Request => always || has_required,
        Role::Response => always,
    })
}

fn not_an_object(field: &Field) -> String {
    format!(
        "`{}`, named by a `type` value, is not an object",
        field.wire_name
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer::Pointer;

    fn field(wire: &str, shape: FieldShape, ty: TypeRef) -> Field {
        Field {
            wire_name: wire.into(),
            rust_name: naming::field_name(wire),
            doc: None,
            ty,
            shape,
            boxed: false,
            secret: false,
        }
    }

    fn def(name: &str, role: Role, kind: TypeKind) -> TypeDef {
        TypeDef {
            feature: None,
            derives: Vec::new(),
            name: name.into(),
            doc: None,
            spec_name: None,
            role,
            origin: Pointer::root().join(name),
            kind,
        }
    }

    fn strukt(fields: Vec<Field>) -> TypeKind {
        TypeKind::Struct(Struct {
            fields,
            has_id: false,
            unknown_fields: UnknownFields::Refuse,
            constructor: Constructor::Required,
            tagged: None,
            envelope: None,
        })
    }

    /// `Flow { after_completion, cancel, type: [cancel, update, other] }` with `cancel`
    /// holding `sub` (required when `sub_required`) and `update` holding nothing.
    fn api(role: Role, sub_required: bool, cancel: FieldShape) -> Api {
        let sub_shape = if sub_required {
            FieldShape::Required
        } else {
            FieldShape::Optional
        };
        let values = ["cancel", "update", "other"];
        let types = vec![
            def(
                "Cancel",
                role,
                strukt(vec![field("sub", sub_shape, TypeRef::String)]),
            ),
            def(
                "Flow",
                role,
                strukt(vec![
                    field("after_completion", FieldShape::Optional, TypeRef::String),
                    field("cancel", cancel, TypeRef::Named(TypeId(0))),
                    field("type", FieldShape::Required, TypeRef::Named(TypeId(2))),
                ]),
            ),
            def(
                "FlowType",
                role,
                TypeKind::Enum(Enum {
                    variants: values
                        .iter()
                        .map(|v| Variant {
                            wire_value: (*v).into(),
                            rust_name: naming::variant_name(v),
                        })
                        .collect(),
                    catch_all: (role == Role::Response).then(|| "Unknown".into()),
                }),
            ),
        ];
        Api {
            api_version: "test".into(),
            scope: vec!["/v1/".into()],
            operations: Vec::new(),
            types,
            fallbacks: Vec::new(),
            left_out: Vec::new(),
            not_applied: Vec::new(),
            component_count: 0,
            event_types: Vec::new(),
        }
    }

    fn flow(api: &Api) -> &Struct {
        let TypeKind::Struct(s) = &api.types[1].kind else {
            unreachable!()
        };
        s
    }

    #[test]
    fn kinds_take_their_sub_objects_and_shared_fields_stay() {
        let mut api = api(Role::Request, true, FieldShape::Optional);
        apply(&mut api);
        assert_eq!(api.not_applied, []);
        let s = flow(&api);
        let t = s.tagged.clone().expect("tagged");
        assert_eq!(t.tag, s.fields[2]);
        assert_eq!(t.kind_type, "FlowKind");
        assert_eq!(s.constructor, Constructor::Kinds);
        let kinds: Vec<(&str, Option<Payload>, Option<&str>)> = t
            .kinds
            .iter()
            .map(|k| {
                let payload = k.payload.clone();
                (k.wire_value.as_str(), payload, k.constructor.as_deref())
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    "cancel",
                    Some(Payload {
                        field: s.fields[1].clone(),
                        required: true
                    }),
                    Some("cancel")
                ),
                ("update", None, Some("update")),
                ("other", None, Some("other")),
            ]
        );
        assert!(!t.owns(&s.fields[0]) && t.owns(&s.fields[1]) && t.owns(&s.fields[2]));
        assert_eq!((t.catch_all, t.other_kinds), (None, None));
    }

    #[test]
    fn a_sub_object_without_required_fields_is_optional_in_requests() {
        let mut api = api(Role::Request, false, FieldShape::Optional);
        apply(&mut api);
        let t = flow(&api).tagged.clone().expect("tagged");
        assert_eq!(t.kinds[0].payload.as_ref().map(|p| p.required), Some(false));
    }

    #[test]
    fn responses_hold_a_nullable_sub_object_maybe_and_keep_the_others() {
        let mut api = api(Role::Response, true, FieldShape::OptionalNullable);
        apply(&mut api);
        let t = flow(&api).tagged.clone().expect("tagged");
        assert_eq!(t.kinds[0].payload.as_ref().map(|p| p.required), Some(false));
        assert_eq!(t.kinds[0].constructor, None);
        assert_eq!(t.catch_all.as_deref(), Some("Unknown"));
        assert_eq!(t.other_kinds.as_deref(), Some("other_kinds"));
    }

    #[test]
    fn unclean_shapes_stay_as_the_spec_says_and_are_noted() {
        type Edit = fn(&mut Struct);
        let cases: [(Edit, &str); 5] = [
            (
                |s| s.fields[1].ty = TypeRef::String,
                "`cancel`, named by a `type` value, is not an object",
            ),
            (
                |s| s.fields[1].shape = FieldShape::OptionalClearable,
                "`cancel`, named by a `type` value, can be cleared",
            ),
            (
                |s| s.fields[1].shape = FieldShape::Required,
                "`cancel` is required whatever the `type`, so it is no one kind's sub-object",
            ),
            (
                |s| s.fields[2].shape = FieldShape::Optional,
                "its `type` may be absent, so an object may be of no kind",
            ),
            (
                |s| s.fields[0] = field("kind", FieldShape::Optional, TypeRef::String),
                "it has a property `kind`, the name its kind would take",
            ),
        ];
        for (edit, reason) in cases {
            let mut api = api(Role::Request, true, FieldShape::Optional);
            if let TypeKind::Struct(s) = &mut api.types[1].kind {
                edit(s);
            }
            apply(&mut api);
            assert_eq!(flow(&api).tagged, None, "{reason}");
            let noted: Vec<&str> = api.not_applied.iter().map(|n| n.reason.as_str()).collect();
            assert_eq!(noted, [reason]);
            assert_eq!(api.not_applied[0].pointer.as_str(), "/Flow");
        }
    }

    #[test]
    fn a_type_naming_no_sibling_is_a_plain_enum() {
        let mut api = api(Role::Request, true, FieldShape::Optional);
        if let TypeKind::Struct(s) = &mut api.types[1].kind {
            s.fields[1].wire_name = "cancellation".into();
        }
        apply(&mut api);
        assert_eq!(
            (flow(&api).tagged.clone(), api.not_applied.len()),
            (None, 0)
        );
    }
}
