//! What an object schema becomes: a list (the list idiom), a map (the map idiom, or an object
//! of which no property is known), or a struct whose fields are its properties (an
//! operation's query parameters are fields too), lowered one by one, with distinct Rust names
//! and the shape their role gives them.

use super::candidates::Property;
use super::walk::{Lowerer, SchemaRef, SchemaSite, nested, non_empty};
use super::{naming, roles, rules};
use crate::error::Error;
use crate::model::*;
use crate::pointer::Pointer;
use openapiv3::{ObjectType, ReferenceOr, Schema};

/// A field before it is lowered: a property of an object, or a query parameter.
pub(super) struct FieldSpec<'s> {
    pub(super) wire_name: &'s str,
    /// The field's schema, or why the walk cannot read it (a parameter with `content`): the
    /// error is returned when the field's turn comes, after the fields before it are lowered.
    pub(super) schema: Result<SchemaRef<'s>, Error>,
    /// Where the schema is.
    pub(super) ptr: Pointer,
    pub(super) required: bool,
    /// The description of the property or parameter: the field's doc, and that of an inline
    /// type it holds that has none of its own. `None` defers to the schema's description.
    pub(super) doc: Option<String>,
}

impl Lowerer<'_> {
    /// What an object schema becomes: the list idiom a [`TypeRef::List`], a map a
    /// [`TypeRef::Map`], an object with properties a struct.
    pub(super) fn lower_object(
        &mut self,
        schema: &Schema,
        object: &ObjectType,
        site: &SchemaSite,
    ) -> Result<TypeRef, Error> {
        if let Some(item) = rules::api_list_item(object) {
            let data_site = SchemaSite {
                ptr: site.ptr.join("properties").join("data").join("items"),
                hint: site.hint.child("data"),
                role: site.role,
                property: None,
                owner: site.owner,
            };
            let item = self.lower_schema(item.into(), &data_site)?;
            return Ok(TypeRef::List(Box::new(nested(item))));
        }
        if let Some(values) = rules::map_values(object) {
            let value = match values {
                Some(values) => {
                    let value_site = SchemaSite {
                        ptr: site.ptr.join("additionalProperties"),
                        ..site.clone()
                    };
                    nested(self.lower_schema(values.into(), &value_site)?)
                }
                None => TypeRef::Json,
            };
            return Ok(TypeRef::Map(Box::new(value)));
        }
        if object.properties.is_empty() {
            // An object of which nothing is known about the members (OpenAPI allows any by
            // default): a map that keeps whatever comes.
            return Ok(TypeRef::Map(Box::new(TypeRef::Json)));
        }
        let id = self.inline_type(schema, site, |l, site| {
            l.lower_struct(object, site).map(TypeKind::Struct)
        })?;
        Ok(TypeRef::Named(id))
    }

    /// Lowers an object's properties into a struct (the struct's own name is `site.hint`).
    pub(super) fn lower_struct(
        &mut self,
        object: &ObjectType,
        site: &SchemaSite,
    ) -> Result<Struct, Error> {
        let fields = object
            .properties
            .iter()
            .map(|(wire_name, property)| FieldSpec {
                wire_name,
                schema: Ok(property.into()),
                ptr: site.ptr.join("properties").join(wire_name),
                required: object.required.contains(wire_name),
                doc: match property {
                    ReferenceOr::Item(s) => non_empty(&s.schema_data.description),
                    ReferenceOr::Reference { .. } => None,
                },
            })
            .collect();
        self.lower_fields(fields, site)
    }

    /// Lowers `fields`, in their order, into a struct (whose own name is `site.hint`). Rust
    /// names are distinct even where the wire names spell alike.
    pub(super) fn lower_fields(
        &mut self,
        specs: Vec<FieldSpec<'_>>,
        site: &SchemaSite,
    ) -> Result<Struct, Error> {
        let wire_names: Vec<&str> = specs.iter().map(|spec| spec.wire_name).collect();
        let rust_names = naming::distinct_names(&wire_names, &[], naming::field_name, |n, i| {
            format!("{n}_{i}")
        });
        let mut fields: Vec<Field> = Vec::with_capacity(specs.len());
        for (spec, rust_name) in specs.into_iter().zip(rust_names) {
            let field_site = SchemaSite {
                role: site.role,
                hint: site.hint.child(spec.wire_name),
                ptr: spec.ptr,
                property: Some(Property::new(spec.wire_name, spec.doc.clone())),
                owner: site.owner,
            };
            let lowered = self.lower_schema(spec.schema?, &field_site)?;
            fields.push(Field {
                wire_name: spec.wire_name.to_owned(),
                rust_name,
                doc: spec.doc.or(lowered.doc),
                shape: roles::field_shape(
                    site.role,
                    spec.required,
                    lowered.nullable,
                    lowered.clearable,
                ),
                ty: lowered.ty,
                boxed: false,
                secret: false,
            });
        }
        Ok(Struct {
            has_id: roles::has_id(site.role, &fields),
            fields,
            unknown_fields: roles::unknown_fields(site.role),
            constructor: roles::constructor(site.role),
            tagged: None,
            envelope: None,
        })
    }
}
