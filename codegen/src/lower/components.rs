//! The component schemas: each is checked and parsed before the walk starts and made a
//! candidate that keeps its name; a `$ref` resolves to one; each becomes its named type (an
//! object, a string enum, or a union whose arms can be told apart).

use super::candidates::{Definition, NameHint};
use super::checks::{check_component_shape, parse};
use super::enums::lower_enum;
use super::naming;
use super::walk::{Lowerer, SchemaSite, arm_keyword, non_empty};
use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use crate::select::{Selection, schema_ref_name};
use openapiv3::{Schema, SchemaKind, Type};

impl<'a> Lowerer<'a> {
    /// Checks and parses every component schema of the selection, and makes its candidate
    /// (a component keeps its name).
    pub(super) fn read_components(&mut self, selection: &Selection<'a>) -> Result<(), Error> {
        for (&name, &value) in &selection.schemas {
            let ptr = component_ptr(name);
            check_component_shape(value, &ptr).map_err(|(at, e)| self.error(at, e))?;
            let schema: Schema = parse(value, &ptr).map_err(|(at, e)| self.error(at, e))?;
            let hint = NameHint::root(&naming::type_name(name));
            let id = self.candidates.add(hint, true, None);
            self.components.insert(name, (schema, id));
        }
        Ok(())
    }

    /// The parsed component schema a `$ref` points to.
    pub(super) fn resolve(&self, reference: &str, at: &Pointer) -> Result<&Schema, Error> {
        self.component_id(reference, at).map(|(schema, _)| schema)
    }

    pub(super) fn component_id(
        &self,
        reference: &str,
        at: &Pointer,
    ) -> Result<(&Schema, TypeId), Error> {
        let name = schema_ref_name(reference)
            .ok_or_else(|| self.error(at.clone(), ErrorKind::UnsupportedRef(reference.into())))?;
        self.components
            .get(name.as_str())
            .map(|(schema, id)| (schema, *id))
            .ok_or_else(|| self.error(at.clone(), ErrorKind::MissingRef(reference.into())))
    }

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
}

pub(super) fn component_ptr(name: &str) -> Pointer {
    Pointer::root()
        .join("components")
        .join("schemas")
        .join(name)
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
