//! Rule "unions": an `anyOf`/`oneOf` whose arms can be told apart without guessing becomes a
//! Rust enum with one variant per arm ([`Union`]); any other stays raw JSON.
//!
//! - **Object unions**: every arm is an object whose `object` property has one value (Stripe's
//!   object type: `bank_account`, `card`), and the pairs of that value and `deleted: true`
//!   (Stripe's deleted objects share their type's `object`) differ. In responses, an object of
//!   a type the spec did not list is kept as raw JSON in a catch-all variant.
//! - **Kind unions**: every arm is a different kind of JSON value (string, integer, boolean,
//!   object, array); integer and number together are ambiguous (`5`), so not a union.
//!
//! Expandable fields with several object types (`customer` or `deleted_customer`) are object
//! unions of their selected targets ([`component_union`], used by `expandable.rs`).

use super::roles::CATCH_ALL;
use super::walk::{Lowerer, SchemaSite, nested};
use super::{naming, roles};
use crate::error::Error;
use crate::model::*;
use crate::select::schema_ref_name;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

/// What the arms of a union look like before they are lowered.
pub(super) struct Shape {
    discriminator: Discriminator,
    arms: Vec<ArmShape>,
}

struct ArmShape {
    tag: String,
    deleted: bool,
    /// The component an arm refers to, for its variant name.
    component: Option<String>,
}

impl Lowerer<'_> {
    /// The shape of a union of `arms`, or `None` when they cannot be told apart.
    pub(super) fn union_shape(
        &self,
        arms: &[ReferenceOr<Schema>],
        site: &SchemaSite,
    ) -> Option<Shape> {
        if arms.len() < 2 {
            return None;
        }
        let resolved: Vec<(Option<String>, &Schema)> = arms
            .iter()
            .map(|arm| match arm {
                ReferenceOr::Item(schema) => Some((None, schema)),
                ReferenceOr::Reference { reference } => {
                    let name = schema_ref_name(reference)?;
                    let schema = self.resolve(reference, &site.ptr).ok()?;
                    Some((Some(name), schema))
                }
            })
            .collect::<Option<_>>()?;
        object_shape(&resolved).or_else(|| kind_shape(&resolved))
    }

    /// Lowers the arms of a union whose shape is known; `keyword` is `anyOf` or `oneOf`.
    pub(super) fn lower_union(
        &mut self,
        arms: &[ReferenceOr<Schema>],
        shape: Shape,
        keyword: &str,
        site: &SchemaSite,
    ) -> Result<Union, Error> {
        let names = arm_names(&shape);
        let mut lowered = Vec::with_capacity(arms.len());
        for (i, ((schema, arm_shape), rust_name)) in
            arms.iter().zip(shape.arms).zip(names).enumerate()
        {
            let arm_site = SchemaSite {
                ptr: site.ptr.join(keyword).join(i.to_string()),
                hint: site.hint.child(&arm_shape.tag),
                property: None,
                ..site.clone()
            };
            let ty = nested(self.lower_schema(schema.into(), &arm_site)?);
            lowered.push(arm(
                shape.discriminator,
                rust_name,
                ty,
                arm_shape.tag,
                arm_shape.deleted,
            ));
        }
        Ok(Union {
            catch_all: catch_all(shape.discriminator, site.role),
            discriminator: shape.discriminator,
            arms: lowered,
            has_id: false,
        })
    }
}

/// The object union of components that are already types (each with its name, its schema and
/// its id), or `None` when their objects cannot be told apart.
pub(super) fn component_union(components: &[(&str, &Schema, TypeId)], role: Role) -> Option<Union> {
    let resolved: Vec<(Option<String>, &Schema)> = components
        .iter()
        .map(|(name, schema, _)| (Some((*name).to_owned()), *schema))
        .collect();
    let shape = object_shape(&resolved)?;
    let names = arm_names(&shape);
    let arms = shape
        .arms
        .into_iter()
        .zip(components)
        .zip(names)
        .map(|((shape, (_, _, id)), rust_name)| {
            arm(
                Discriminator::Object,
                rust_name,
                TypeRef::Named(*id),
                shape.tag,
                shape.deleted,
            )
        })
        .collect();
    Some(Union {
        discriminator: Discriminator::Object,
        arms,
        catch_all: catch_all(Discriminator::Object, role),
        has_id: false,
    })
}

/// An object union of `arms` (each with the component it refers to, if any): every arm has
/// an `object` type, and no two the same type and deleted flag.
fn object_shape(arms: &[(Option<String>, &Schema)]) -> Option<Shape> {
    let arms: Vec<ArmShape> = arms
        .iter()
        .map(|(component, schema)| {
            let (tag, deleted) = object_tag(schema)?;
            Some(ArmShape {
                tag,
                deleted,
                component: component.clone(),
            })
        })
        .collect::<Option<_>>()?;
    distinct(&arms, |a| (a.tag.as_str(), a.deleted)).then_some(Shape {
        discriminator: Discriminator::Object,
        arms,
    })
}

/// A union of `arms` that are each a different kind of JSON value; integer and number
/// together are ambiguous (`5`).
fn kind_shape(arms: &[(Option<String>, &Schema)]) -> Option<Shape> {
    let arms: Vec<ArmShape> = arms
        .iter()
        .map(|(component, schema)| {
            Some(ArmShape {
                tag: json_kind(schema)?.to_owned(),
                deleted: false,
                component: component.clone(),
            })
        })
        .collect::<Option<_>>()?;
    let numbers = arms
        .iter()
        .filter(|a| matches!(a.tag.as_str(), "integer" | "number"))
        .count();
    (numbers <= 1 && distinct(&arms, |a| (a.tag.as_str(), false))).then_some(Shape {
        discriminator: Discriminator::JsonKind,
        arms,
    })
}

/// Whether no two arms have the same key.
fn distinct<'a>(arms: &'a [ArmShape], key: impl Fn(&'a ArmShape) -> (&'a str, bool)) -> bool {
    arms.iter()
        .enumerate()
        .all(|(i, a)| arms[i + 1..].iter().all(|b| key(a) != key(b)))
}

fn catch_all(discriminator: Discriminator, role: Role) -> Option<String> {
    match discriminator {
        Discriminator::Object => roles::catch_all(role),
        Discriminator::JsonKind | Discriminator::EventType => None,
    }
}

/// Variant names: an arm that refers to a component is named after it (`DeletedCustomer`);
/// an inline one after its tag (`Card`, `String`), with `Deleted` for a deleted object.
fn arm_names(shape: &Shape) -> Vec<String> {
    let plain: Vec<String> = shape
        .arms
        .iter()
        .map(|arm| match (&arm.component, shape.discriminator) {
            (Some(component), Discriminator::Object) => naming::type_name(component),
            (_, Discriminator::JsonKind | Discriminator::EventType) => {
                naming::variant_name(&arm.tag)
            }
            (None, Discriminator::Object) if arm.deleted => {
                format!("Deleted{}", naming::variant_name(&arm.tag))
            }
            (None, Discriminator::Object) => naming::variant_name(&arm.tag),
        })
        .collect();
    let values: Vec<&str> = plain.iter().map(String::as_str).collect();
    let reserved: &[&str] = &[CATCH_ALL];
    naming::distinct_names(
        &values,
        reserved,
        |n| n.to_owned(),
        |n, i| format!("{n}{i}"),
    )
}

/// The `object` value of an object schema whose `object` property has exactly one, and whether
/// it is a deleted object (`deleted` has the one value `true`).
fn object_tag(schema: &Schema) -> Option<(String, bool)> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return None;
    };
    let tag = match object.properties.get("object")? {
        ReferenceOr::Item(property) => match &property.schema_kind {
            SchemaKind::Type(Type::String(s)) => match s.enumeration.as_slice() {
                [Some(value)] => value.clone(),
                _ => return None,
            },
            _ => return None,
        },
        ReferenceOr::Reference { .. } => return None,
    };
    let deleted = match object.properties.get("deleted") {
        Some(ReferenceOr::Item(property)) => match &property.schema_kind {
            SchemaKind::Type(Type::Boolean(b)) => b.enumeration.as_slice() == [Some(true)],
            _ => false,
        },
        _ => false,
    };
    Some((tag, deleted))
}

/// The kind of JSON value a schema describes, if it is one plain kind.
fn json_kind(schema: &Schema) -> Option<&'static str> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => Some("string"),
        SchemaKind::Type(Type::Integer(_)) => Some("integer"),
        SchemaKind::Type(Type::Number(_)) => Some("number"),
        SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
        SchemaKind::Type(Type::Object(_)) => Some("object"),
        SchemaKind::Type(Type::Array(_)) => Some("array"),
        _ => None,
    }
}

/// One arm of a union, with the rules of arms: a named type is boxed (unions nest and recurse,
/// and an enum is as large as its largest arm), and a `number` arm also reads an integer (JSON
/// does not tell `1` from `1.0`; a union has at most one numeric arm, see `kind_shape`).
pub(super) fn arm(
    discriminator: Discriminator,
    rust_name: String,
    ty: TypeRef,
    tag: String,
    deleted: bool,
) -> UnionArm {
    let accepts = match discriminator {
        Discriminator::JsonKind if tag == "number" => vec!["integer".to_owned(), tag.clone()],
        Discriminator::JsonKind => vec![tag.clone()],
        Discriminator::Object | Discriminator::EventType => Vec::new(),
    };
    UnionArm {
        rust_name,
        boxed: matches!(ty, TypeRef::Named(_)),
        ty,
        tag,
        deleted,
        accepts,
    }
}
