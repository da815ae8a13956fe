//! The named types the walk makes: one per component schema, one per inline schema that is an
//! object, a string enum or a union (identical ones share it), and the types the lowering makes
//! itself (an operation's parameters struct, the union of an expandable field's targets). Each
//! is a candidate (`candidates.rs`), defined once its children are lowered.

use super::candidates::{Definition, Inline, NameHint};
use super::enums::lower_enum;
use super::walk::{Lowerer, SchemaSite, arm_keyword, component_ptr, non_empty};
use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use openapiv3::{Schema, SchemaKind, Type};

impl Lowerer<'_> {
    /// Lowers every component schema of the selection, in the order of their names.
    pub(super) fn lower_components(&mut self) -> Result<(), Error> {
        let names: Vec<&str> = self.components.keys().copied().collect();
        for name in names {
            self.lower_component(name)?;
        }
        Ok(())
    }

    /// Defines a component's type: a component must be an object, a string enum or a union
    /// whose arms can be told apart.
    fn lower_component(&mut self, name: &str) -> Result<(), Error> {
        let (schema, id) = {
            let (schema, id) = &self.components[name];
            (schema.clone(), *id)
        };
        let site = SchemaSite {
            role: Role::Response,
            hint: self.candidates.hint(id).clone(),
            ptr: component_ptr(name),
            property: None,
            owner: Some(id),
        };
        let union = match &schema.schema_kind {
            SchemaKind::AnyOf { any_of: arms } | SchemaKind::OneOf { one_of: arms } => {
                self.union_shape(arms, &site)
            }
            _ => None,
        };
        let kind = match (&schema.schema_kind, union) {
            (SchemaKind::Type(Type::Object(object)), _) => {
                TypeKind::Struct(self.lower_struct(object, &site)?)
            }
            (SchemaKind::Type(Type::String(s)), _) if !s.enumeration.is_empty() => {
                TypeKind::Enum(lower_enum(s, site.role))
            }
            (
                SchemaKind::AnyOf { any_of: arms } | SchemaKind::OneOf { one_of: arms },
                Some(shape),
            ) => {
                let keyword = arm_keyword(&schema.schema_kind);
                TypeKind::Union(self.lower_union(arms, shape, keyword, &site)?)
            }
            _ => {
                return Err(self.error(
                    site.ptr,
                    ErrorKind::Unsupported(format!(
                        "a component schema that is {}; components must be objects, string enums, or unions whose arms can be told apart",
                        schema_kind_words(&schema.schema_kind)
                    )),
                ));
            }
        };
        let def = Definition {
            doc: non_empty(&schema.schema_data.description),
            spec_name: Some(name.to_owned()),
            role: Role::Response,
            origin: site.ptr,
            kind,
        };
        self.candidates.define(id, def);
        Ok(())
    }

    /// Creates (or reuses) a named type for an inline schema.
    pub(super) fn inline_type(
        &mut self,
        schema: &Schema,
        site: &SchemaSite,
        lower: impl FnOnce(&mut Self, &SchemaSite) -> Result<TypeKind, Error>,
    ) -> Result<TypeId, Error> {
        let title = schema.schema_data.title.as_deref();
        let site = &SchemaSite {
            hint: site.hint.titled(title),
            ..site.clone()
        };
        let parent = if title.is_none() { site.owner } else { None };
        let made =
            self.candidates
                .inline(schema, site.role, &site.hint, parent, site.property.clone());
        let id = match made {
            Inline::Shared(id) => return Ok(id),
            Inline::New(id) => id,
        };
        let kind = lower(
            self,
            &SchemaSite {
                owner: Some(id),
                ..site.clone()
            },
        )?;
        let def = Definition {
            doc: non_empty(&schema.schema_data.description),
            spec_name: title.map(str::to_owned),
            role: site.role,
            origin: site.ptr.clone(),
            kind,
        };
        self.candidates.define(id, def);
        Ok(id)
    }

    /// A type made by a rule rather than found in the spec (the union of expansion targets),
    /// named by `hint`.
    pub(super) fn synthetic_type(
        &mut self,
        hint: NameHint,
        site: &SchemaSite,
        kind: TypeKind,
    ) -> TypeId {
        let id = self.candidates.add(hint, false, site.owner);
        let def = Definition {
            doc: None,
            spec_name: None,
            role: site.role,
            origin: site.ptr.clone(),
            kind,
        };
        self.candidates.define(id, def);
        id
    }

    /// Registers a struct made by the lowering itself (operation parameters).
    /// Its children are named after `stem` (`CreateSessionLocale`, not
    /// `CreateSessionParamsLocale`).
    pub(super) fn synthetic_struct(
        &mut self,
        name: &str,
        stem: &str,
        doc: Option<String>,
        role: Role,
        origin: Pointer,
        lower: impl FnOnce(&mut Self, &SchemaSite) -> Result<Struct, Error>,
    ) -> Result<TypeId, Error> {
        let id = self.candidates.add(NameHint::root(name), true, None);
        // Children prefer the shorter stem but fall back under the full name, which keeps a
        // property named `params` from claiming the struct's own name.
        let site = SchemaSite {
            role,
            hint: NameHint {
                preferred: stem.to_owned(),
                fallback: name.to_owned(),
            },
            ptr: origin.clone(),
            property: None,
            owner: Some(id),
        };
        let strukt = lower(self, &site)?;
        let def = Definition {
            doc,
            spec_name: None,
            role,
            origin,
            kind: TypeKind::Struct(strukt),
        };
        self.candidates.define(id, def);
        Ok(id)
    }
}

fn schema_kind_words(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Type(Type::String(_)) => "a plain string",
        SchemaKind::Type(Type::Number(_)) => "a number",
        SchemaKind::Type(Type::Integer(_)) => "an integer",
        SchemaKind::Type(Type::Boolean(_)) => "a boolean",
        SchemaKind::Type(Type::Array(_)) => "an array",
        SchemaKind::Type(Type::Object(_)) => "an object",
        SchemaKind::OneOf { .. } => "a `oneOf`",
        SchemaKind::AllOf { .. } => "an `allOf`",
        SchemaKind::AnyOf { .. } => "an `anyOf`",
        SchemaKind::Not { .. } => "a `not`",
        SchemaKind::Any(_) => "a schema without a single type",
    }
}
