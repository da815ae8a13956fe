//! The walk: what a schema becomes where it is used (a scalar, a list, a map, a named type,
//! or raw JSON with a fallback that says why), as a [`TypeRef`]. It starts at the components
//! (`components.rs`) and at what operations hold (`operation/`), and goes down through the
//! idioms that wrap a schema (`wrappers.rs`), objects (`objects.rs`), enums (`enums.rs`) and
//! unions (`unions.rs`), which call it for what they hold.

use super::candidates::{Candidates, NameHint, Property};
use super::enums::lower_enum;
use super::rules;
use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use openapiv3::{ArrayType, ReferenceOr, Schema, SchemaKind, Type};
use std::collections::{BTreeMap, HashMap};

/// Where a schema is being lowered: for whom, under which name, at which pointer.
#[derive(Debug, Clone)]
pub(super) struct SchemaSite {
    pub(super) role: Role,
    pub(super) hint: NameHint,
    pub(super) ptr: Pointer,
    /// The property whose value is being lowered, if any: an inline type without a
    /// description of its own is documented by its property.
    pub(super) property: Option<Property>,
    /// The named type whose fields are being lowered (the parent of untitled inline types).
    pub(super) owner: Option<TypeId>,
}

/// A schema where it is used, borrowed: a `$ref`, or the schema itself. `openapiv3` boxes the
/// schemas of properties and items (`ReferenceOr<Box<Schema>>`) and no others; this reads
/// both without a copy.
#[derive(Debug, Clone, Copy)]
pub(super) enum SchemaRef<'s> {
    Reference(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

/// A lowered schema before it becomes a field: the type and the flags that decide the shape.
#[derive(Debug, Clone)]
pub(super) struct Lowered {
    pub(super) ty: TypeRef,
    pub(super) nullable: bool,
    pub(super) clearable: bool,
    pub(super) doc: Option<String>,
}

/// The walk's state: the parsed components, the candidate types, the fallbacks.
pub(super) struct Lowerer<'a> {
    pub(super) source: &'a str,
    pub(super) components: BTreeMap<&'a str, (Schema, TypeId)>,
    pub(super) candidates: Candidates,
    pub(super) fallbacks: Vec<Fallback>,
    /// The union type of each set of expansion targets, so that all its fields share it.
    pub(super) expansion_unions: HashMap<(Role, String), TypeId>,
}

/// What the walk leaves for the next stages: the candidate types and the fallbacks.
pub(super) struct Walked {
    pub(super) candidates: Candidates,
    pub(super) fallbacks: Vec<Fallback>,
}

impl<'a> Lowerer<'a> {
    /// A walk with no component read yet (see `components.rs`).
    pub(super) fn new(source: &'a str) -> Self {
        Self {
            source,
            components: BTreeMap::new(),
            candidates: Candidates::default(),
            fallbacks: Vec::new(),
            expansion_unions: HashMap::new(),
        }
    }

    /// Ends the walk: what it made, for the finish.
    pub(super) fn into_walked(self) -> Walked {
        Walked {
            candidates: self.candidates,
            fallbacks: self.fallbacks,
        }
    }

    /// An error at `ptr` in the spec.
    pub(super) fn error(&self, ptr: Pointer, kind: ErrorKind) -> Error {
        Error::new(self.source, ptr, kind)
    }

    /// Lowers any schema at a use site.
    pub(super) fn lower_schema(
        &mut self,
        schema: SchemaRef<'_>,
        site: &SchemaSite,
    ) -> Result<Lowered, Error> {
        let schema = match schema {
            SchemaRef::Reference(reference) => {
                let (_, id) = self.component_id(reference, &site.ptr.join("$ref"))?;
                return Ok(plain(TypeRef::Named(id), None));
            }
            SchemaRef::Item(schema) => schema,
        };
        if let Some(lowered) = self.lower_wrapper(schema, site)? {
            return Ok(lowered);
        }
        let ty = self.lower_kind(schema, site)?;
        Ok(Lowered {
            nullable: schema.schema_data.nullable,
            ..plain(ty, non_empty(&schema.schema_data.description))
        })
    }

    /// What a schema of one kind (`type`, or `anyOf`/`oneOf`/`allOf`/`not`) becomes.
    fn lower_kind(&mut self, schema: &Schema, site: &SchemaSite) -> Result<TypeRef, Error> {
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Number(_)) => TypeRef::Number,
            SchemaKind::Type(Type::Integer(i)) if rules::is_timestamp(i) => TypeRef::Timestamp,
            SchemaKind::Type(Type::Integer(_)) => TypeRef::Integer,
            SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty() => TypeRef::String,
            SchemaKind::Type(Type::String(s)) => {
                TypeRef::Named(self.inline_type(schema, site, |_, site| {
                    Ok(TypeKind::Enum(lower_enum(s, site.role)))
                })?)
            }
            SchemaKind::Type(Type::Array(array)) => self.lower_array(array, site)?,
            SchemaKind::Type(Type::Object(object)) => self.lower_object(schema, object, site)?,
            SchemaKind::AnyOf { any_of: arms } | SchemaKind::OneOf { one_of: arms } => {
                match self.union_shape(arms, site) {
                    Some(shape) => {
                        let keyword = arm_keyword(&schema.schema_kind);
                        TypeRef::Named(self.inline_type(schema, site, |l, site| {
                            l.lower_union(arms, shape, keyword, site)
                                .map(TypeKind::Union)
                        })?)
                    }
                    None => self.fallback(
                        site,
                        "a union (`anyOf`/`oneOf`) whose arms cannot be told apart (neither \
                         distinct `object` types nor distinct kinds of JSON value)",
                    ),
                }
            }
            SchemaKind::AllOf { .. } => self.fallback(site, "`allOf` with several arms"),
            SchemaKind::Not { .. } => self.fallback(site, "`not`"),
            SchemaKind::Any(any) if any.typ.is_none() && any.properties.is_empty() => {
                // `{}` or a schema with only annotations: any JSON value by definition.
                TypeRef::Json
            }
            SchemaKind::Any(_) => self.fallback(site, "a schema mixing `type` with other keywords"),
        })
    }

    fn lower_array(&mut self, array: &ArrayType, site: &SchemaSite) -> Result<TypeRef, Error> {
        let item = match &array.items {
            Some(items) => {
                let item_site = SchemaSite {
                    ptr: site.ptr.join("items"),
                    property: site.property.as_ref().map(|property| Property {
                        doc: None,
                        item: true,
                        ..property.clone()
                    }),
                    ..site.clone()
                };
                nested(self.lower_schema(items.into(), &item_site)?)
            }
            None => TypeRef::Json,
        };
        Ok(TypeRef::Vec(Box::new(item)))
    }

    /// Raw JSON, recorded as a fallback at `site` with why.
    pub(super) fn fallback(&mut self, site: &SchemaSite, reason: &str) -> TypeRef {
        self.fallbacks.push(Fallback {
            pointer: site.ptr.clone(),
            reason: reason.to_owned(),
        });
        TypeRef::Json
    }
}

/// A value inside an array, map or list: clearable values keep their `""` arm as a type.
pub(super) fn nested(lowered: Lowered) -> TypeRef {
    if lowered.clearable {
        TypeRef::Clearable(Box::new(lowered.ty))
    } else {
        lowered.ty
    }
}

pub(super) fn plain(ty: TypeRef, doc: Option<String>) -> Lowered {
    Lowered {
        ty,
        nullable: false,
        clearable: false,
        doc,
    }
}

/// A description, trimmed; `None` when there is none or it is blank.
pub(super) fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The keyword whose arms a union or a single-arm wrapper has.
pub(super) fn arm_keyword(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AllOf { .. } => "allOf",
        _ => "anyOf",
    }
}
