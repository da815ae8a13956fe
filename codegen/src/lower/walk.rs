//! The walk: each schema (a component, or one that an operation holds, via `operation.rs`)
//! becomes a type reference, and each named type it needs becomes a candidate whose final name
//! and id are settled once every schema is walked (`finish.rs`).

use super::checks::{check_component_shape, parse};
use super::roles::CATCH_ALL;
use super::{naming, roles, rules};
use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use crate::select::{Selection, schema_ref_name};
use openapiv3::{ObjectType, ReferenceOr, Schema, SchemaKind, StringType, Type};
use std::collections::{BTreeMap, HashMap};

/// How to name an inline type found at some place: its preferred name, and a fallback that is
/// unique by construction (the full path from its root) for when the preferred one is claimed
/// by a different schema.
#[derive(Debug, Clone)]
pub(super) struct NameHint {
    pub(super) preferred: String,
    pub(super) fallback: String,
}

impl NameHint {
    pub(super) fn root(name: &str) -> Self {
        Self {
            preferred: name.to_owned(),
            fallback: name.to_owned(),
        }
    }

    /// The hint for the value of property `field` of a type named with `self`.
    pub(super) fn child(&self, field: &str) -> Self {
        let part = naming::type_name(field);
        Self {
            preferred: format!("{}{part}", self.preferred),
            fallback: format!("{}{part}", self.fallback),
        }
    }

    /// An inline schema's `title` is its preferred name, wherever it appears.
    fn titled(&self, title: Option<&str>) -> Self {
        match title {
            Some(title) => Self {
                preferred: naming::type_name(title),
                fallback: self.fallback.clone(),
            },
            None => self.clone(),
        }
    }
}

/// Where a schema is being lowered: for whom, under which name, at which pointer.
#[derive(Debug, Clone)]
pub(super) struct Cx {
    pub(super) role: Role,
    pub(super) hint: NameHint,
    pub(super) ptr: Pointer,
    /// The property whose value is being lowered, if any: an inline type without a
    /// description of its own is documented by its property.
    pub(super) site: Option<Site>,
    /// The named type whose fields are being lowered (the parent of untitled inline types).
    pub(super) owner: Option<TypeId>,
}

/// A property and its description.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Site {
    pub(super) name: String,
    pub(super) doc: Option<String>,
    /// The value is an item of the property (an array element), not the property itself.
    pub(super) item: bool,
}

impl Site {
    pub(super) fn new(name: &str, doc: Option<String>) -> Self {
        Self {
            name: name.to_owned(),
            doc,
            item: false,
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

/// A named type in the making.
pub(super) struct Candidate {
    pub(super) hint: NameHint,
    /// Component schemas keep their names; only inline ones can fall back.
    pub(super) fixed: bool,
    /// See [`super::names::Claim::parent`].
    pub(super) parent: Option<TypeId>,
    /// Where an inline type is used; documents it when it has no description of its own.
    pub(super) sites: Vec<Site>,
    /// `None` while its children are being lowered.
    pub(super) def: Option<TypeDef>,
}

pub(super) struct Lowerer<'a> {
    pub(super) source: &'a str,
    pub(super) components: BTreeMap<&'a str, (Schema, TypeId)>,
    pub(super) candidates: Vec<Candidate>,
    /// Identical inline schemas under the same preferred name share one type.
    dedupe: HashMap<(Role, String, String), TypeId>,
    pub(super) fallbacks: Vec<Fallback>,
    pub(super) left_out: Vec<LeftOut>,
    /// The union type of each set of expansion targets, so that all its fields share it.
    pub(super) expansion_unions: HashMap<(Role, String), TypeId>,
}

impl<'a> Lowerer<'a> {
    pub(super) fn new(source: &'a str, selection: &Selection<'a>) -> Result<Self, Error> {
        let mut lowerer = Self {
            source,
            components: BTreeMap::new(),
            candidates: Vec::new(),
            dedupe: HashMap::new(),
            fallbacks: Vec::new(),
            left_out: Vec::new(),
            expansion_unions: HashMap::new(),
        };
        for (&name, &value) in &selection.schemas {
            let ptr = component_ptr(name);
            check_component_shape(value, &ptr).map_err(|(at, e)| lowerer.error(at, e))?;
            let schema: Schema = parse(value, &ptr).map_err(|(at, e)| lowerer.error(at, e))?;
            let id = lowerer.add_candidate(NameHint::root(&naming::type_name(name)), true, None);
            lowerer.components.insert(name, (schema, id));
        }
        Ok(lowerer)
    }

    pub(super) fn error(&self, ptr: Pointer, kind: ErrorKind) -> Error {
        Error::new(self.source, ptr, kind)
    }

    fn add_candidate(&mut self, hint: NameHint, fixed: bool, parent: Option<TypeId>) -> TypeId {
        self.candidates.push(Candidate {
            hint,
            fixed,
            parent,
            sites: Vec::new(),
            def: None,
        });
        TypeId(self.candidates.len() - 1)
    }

    /// The parsed component schema a `$ref` points to.
    pub(super) fn resolve(&self, reference: &str, at: &Pointer) -> Result<&Schema, Error> {
        self.component_id(reference, at).map(|(schema, _)| schema)
    }

    fn component_id(&self, reference: &str, at: &Pointer) -> Result<(&Schema, TypeId), Error> {
        let name = schema_ref_name(reference)
            .ok_or_else(|| self.error(at.clone(), ErrorKind::UnsupportedRef(reference.into())))?;
        self.components
            .get(name.as_str())
            .map(|(schema, id)| (schema, *id))
            .ok_or_else(|| self.error(at.clone(), ErrorKind::MissingRef(reference.into())))
    }

    pub(super) fn lower_component(&mut self, name: &str) -> Result<(), Error> {
        let (schema, id) = {
            let (schema, id) = &self.components[name];
            (schema.clone(), *id)
        };
        let cx = Cx {
            role: Role::Response,
            hint: self.candidates[id.0].hint.clone(),
            ptr: component_ptr(name),
            site: None,
            owner: Some(id),
        };
        let union = match &schema.schema_kind {
            SchemaKind::AnyOf { any_of: arms } | SchemaKind::OneOf { one_of: arms } => {
                self.union_shape(arms, &cx)
            }
            _ => None,
        };
        let kind = match (&schema.schema_kind, union) {
            (SchemaKind::Type(Type::Object(object)), _) => {
                TypeKind::Struct(self.lower_struct(object, &cx)?)
            }
            (SchemaKind::Type(Type::String(s)), _) if !s.enumeration.is_empty() => {
                TypeKind::Enum(self.lower_enum(s, &cx)?)
            }
            (
                SchemaKind::AnyOf { any_of: arms } | SchemaKind::OneOf { one_of: arms },
                Some(shape),
            ) => {
                let keyword = arm_keyword(&schema.schema_kind);
                TypeKind::Union(self.lower_union(arms, shape, keyword, &cx)?)
            }
            _ => {
                return Err(self.error(
                    cx.ptr,
                    ErrorKind::Unsupported(format!(
                        "a component schema that is {}; components must be objects, string enums, or unions whose arms can be told apart",
                        schema_kind_words(&schema.schema_kind)
                    )),
                ));
            }
        };
        self.candidates[id.0].def = Some(TypeDef {
            feature: None,
            derives: Vec::new(),
            name: String::new(),
            doc: non_empty(&schema.schema_data.description),
            spec_name: Some(name.to_owned()),
            role: Role::Response,
            origin: cx.ptr,
            kind,
        });
        Ok(())
    }

    /// Lowers any schema at a use site.
    pub(super) fn lower_schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        cx: &Cx,
    ) -> Result<Lowered, Error> {
        let schema = match schema {
            ReferenceOr::Reference { reference } => {
                let (_, id) = self.component_id(reference, &cx.ptr.join("$ref"))?;
                return Ok(plain(TypeRef::Named(id), None));
            }
            ReferenceOr::Item(schema) => schema,
        };
        let doc = non_empty(&schema.schema_data.description);
        let nullable = schema.schema_data.nullable;

        if let Some((index, value)) = rules::emptyable(schema) {
            if cx.role == Role::Response {
                let ty = self.fallback(
                    cx,
                    "the emptyable idiom (`anyOf: [X, {enum: [\"\"]}]`) in a response",
                );
                return Ok(Lowered {
                    nullable,
                    ..plain(ty, doc)
                });
            }
            let inner_cx = Cx {
                ptr: cx.ptr.join("anyOf").join(index.to_string()),
                ..cx.clone()
            };
            let inner = self.lower_schema(value, &inner_cx)?;
            return Ok(Lowered {
                clearable: true,
                doc: doc.or(inner.doc),
                ..inner
            });
        }
        if let Some(targets) = rules::expansion_targets(schema) {
            let target = self.expansion_target(&targets, cx)?;
            return Ok(Lowered {
                nullable,
                ..plain(TypeRef::Expandable(Box::new(target)), doc)
            });
        }
        if let Some(inner) = rules::single_arm(schema) {
            let inner_cx = Cx {
                ptr: cx.ptr.join(arm_keyword(&schema.schema_kind)).join("0"),
                ..cx.clone()
            };
            let inner = self.lower_schema(inner, &inner_cx)?;
            return Ok(Lowered {
                nullable: nullable || inner.nullable,
                doc: doc.or(inner.doc),
                ..inner
            });
        }

        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Number(_)) => TypeRef::Number,
            SchemaKind::Type(Type::Integer(i)) if rules::is_timestamp(i) => TypeRef::Timestamp,
            SchemaKind::Type(Type::Integer(_)) => TypeRef::Integer,
            SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty() => TypeRef::String,
            SchemaKind::Type(Type::String(s)) => {
                TypeRef::Named(
                    self.inline_type(schema, cx, |l, cx| l.lower_enum(s, cx).map(TypeKind::Enum))?,
                )
            }
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => {
                        let item_cx = Cx {
                            ptr: cx.ptr.join("items"),
                            site: cx.site.as_ref().map(|site| Site {
                                doc: None,
                                item: true,
                                ..site.clone()
                            }),
                            ..cx.clone()
                        };
                        nested(self.lower_schema(&unbox(items), &item_cx)?)
                    }
                    None => TypeRef::Json,
                };
                TypeRef::Vec(Box::new(item))
            }
            SchemaKind::Type(Type::Object(object)) => self.lower_object(schema, object, cx)?,
            SchemaKind::AnyOf { any_of: arms } | SchemaKind::OneOf { one_of: arms } => {
                match self.union_shape(arms, cx) {
                    Some(shape) => {
                        let keyword = arm_keyword(&schema.schema_kind);
                        TypeRef::Named(self.inline_type(schema, cx, |l, cx| {
                            l.lower_union(arms, shape, keyword, cx).map(TypeKind::Union)
                        })?)
                    }
                    None => self.fallback(
                        cx,
                        "a union (`anyOf`/`oneOf`) whose arms cannot be told apart (neither \
                         distinct `object` types nor distinct kinds of JSON value)",
                    ),
                }
            }
            SchemaKind::AllOf { .. } => self.fallback(cx, "`allOf` with several arms"),
            SchemaKind::Not { .. } => self.fallback(cx, "`not`"),
            SchemaKind::Any(any) if any.typ.is_none() && any.properties.is_empty() => {
                // `{}` or a schema with only annotations: any JSON value by definition.
                TypeRef::Json
            }
            SchemaKind::Any(_) => self.fallback(cx, "a schema mixing `type` with other keywords"),
        };
        Ok(Lowered {
            nullable,
            ..plain(ty, doc)
        })
    }

    fn lower_object(
        &mut self,
        schema: &Schema,
        object: &ObjectType,
        cx: &Cx,
    ) -> Result<TypeRef, Error> {
        if let Some(item) = rules::api_list_item(object) {
            let data_cx = Cx {
                ptr: cx.ptr.join("properties").join("data").join("items"),
                hint: cx.hint.child("data"),
                role: cx.role,
                site: None,
                owner: cx.owner,
            };
            let item = self.lower_schema(&unbox(item), &data_cx)?;
            return Ok(TypeRef::List(Box::new(nested(item))));
        }
        if let Some(values) = rules::map_values(object) {
            let value = match values {
                Some(values) => {
                    let value_cx = Cx {
                        ptr: cx.ptr.join("additionalProperties"),
                        ..cx.clone()
                    };
                    nested(self.lower_schema(values, &value_cx)?)
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
        let id = self.inline_type(schema, cx, |l, cx| {
            l.lower_struct(object, cx).map(TypeKind::Struct)
        })?;
        Ok(TypeRef::Named(id))
    }

    /// Creates (or reuses) a named type for an inline schema.
    fn inline_type(
        &mut self,
        schema: &Schema,
        cx: &Cx,
        lower: impl FnOnce(&mut Self, &Cx) -> Result<TypeKind, Error>,
    ) -> Result<TypeId, Error> {
        let title = schema.schema_data.title.as_deref();
        let cx = &Cx {
            hint: cx.hint.titled(title),
            ..cx.clone()
        };
        let key = (
            cx.role,
            cx.hint.preferred.clone(),
            serde_json::to_string(schema).unwrap_or_default(),
        );
        if let Some(&id) = self.dedupe.get(&key) {
            self.add_site(id, cx.site.clone());
            return Ok(id);
        }
        let parent = if title.is_none() { cx.owner } else { None };
        let id = self.add_candidate(cx.hint.clone(), false, parent);
        self.add_site(id, cx.site.clone());
        self.dedupe.insert(key, id);
        let kind = lower(
            self,
            &Cx {
                owner: Some(id),
                ..cx.clone()
            },
        )?;
        self.candidates[id.0].def = Some(TypeDef {
            feature: None,
            derives: Vec::new(),
            name: String::new(),
            doc: non_empty(&schema.schema_data.description),
            spec_name: title.map(str::to_owned),
            role: cx.role,
            origin: cx.ptr.clone(),
            kind,
        });
        Ok(id)
    }

    fn add_site(&mut self, id: TypeId, site: Option<Site>) {
        let sites = &mut self.candidates[id.0].sites;
        if let Some(site) = site.filter(|s| !sites.iter().any(|known| known.name == s.name)) {
            sites.push(site);
        }
    }

    /// Lowers an object's properties into a struct (the struct's own name is `cx.hint`).
    pub(super) fn lower_struct(&mut self, object: &ObjectType, cx: &Cx) -> Result<Struct, Error> {
        let mut fields: Vec<Field> = Vec::with_capacity(object.properties.len());
        let wire_names: Vec<&str> = object.properties.keys().map(String::as_str).collect();
        let rust_names = naming::distinct_names(&wire_names, &[], naming::field_name, |n, i| {
            format!("{n}_{i}")
        });
        for ((wire_name, property), rust_name) in object.properties.iter().zip(rust_names) {
            let ptr = cx.ptr.join("properties").join(wire_name);
            let field_cx = Cx {
                role: cx.role,
                hint: cx.hint.child(wire_name),
                ptr: ptr.clone(),
                site: Some(Site::new(
                    wire_name,
                    match property {
                        ReferenceOr::Item(s) => non_empty(&s.schema_data.description),
                        ReferenceOr::Reference { .. } => None,
                    },
                )),
                owner: cx.owner,
            };
            let lowered = self.lower_schema(&unbox(property), &field_cx)?;
            let required = object.required.iter().any(|r| r == wire_name);
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name,
                doc: lowered.doc,
                shape: roles::field_shape(cx.role, required, lowered.nullable, lowered.clearable),
                ty: lowered.ty,
                boxed: false,
                secret: false,
            });
        }
        Ok(Struct {
            has_id: roles::has_id(cx.role, &fields),
            fields,
            unknown_fields: roles::unknown_fields(cx.role),
            constructor: roles::constructor(cx.role),
            tagged: None,
            envelope: None,
        })
    }

    fn lower_enum(&mut self, s: &StringType, cx: &Cx) -> Result<Enum, Error> {
        let catch_all = roles::catch_all(cx.role);
        let open = catch_all.is_some();
        // `null` in an enum only says the field is nullable, which `nullable` already does.
        let mut values: Vec<&str> = Vec::with_capacity(s.enumeration.len());
        for value in s.enumeration.iter().flatten() {
            if !values.contains(&value.as_str()) {
                values.push(value);
            }
        }
        let name = |value: &str| {
            let rust_name = naming::variant_name(value);
            if open && rust_name == CATCH_ALL {
                // The catch-all's name never changes, so that a new value cannot rename it.
                format!("{CATCH_ALL}Value")
            } else {
                rust_name
            }
        };
        let reserved: &[&str] = if open { &[CATCH_ALL] } else { &[] };
        let names = naming::distinct_names(&values, reserved, name, |n, i| format!("{n}{i}"));
        let variants = values
            .iter()
            .zip(names)
            .map(|(value, rust_name)| Variant {
                wire_value: (*value).to_owned(),
                rust_name,
            })
            .collect();
        Ok(Enum {
            variants,
            catch_all,
        })
    }

    /// The object type of an expandable field: the one selected target, or raw JSON when the
    /// targets lie outside the selection (or are several).
    fn expansion_target(&mut self, targets: &[&str], cx: &Cx) -> Result<TypeRef, Error> {
        let selected: Vec<(String, TypeId)> = targets
            .iter()
            .filter_map(|t| schema_ref_name(t))
            .filter_map(|name| {
                let id = self.components.get(name.as_str()).map(|(_, id)| *id)?;
                Some((name, id))
            })
            .collect();
        Ok(match selected.as_slice() {
            [(_, only)] if targets.len() == 1 => TypeRef::Named(*only),
            [] => TypeRef::Json,
            // Several types, or one selected beside others: a union, whose catch-all keeps the
            // objects of the targets outside the selection.
            _ => match self.expansion_union(&selected, targets.len(), cx) {
                Some(id) => TypeRef::Named(id),
                None => self.fallback(
                    cx,
                    "an expandable field whose object types cannot be told apart by `object`",
                ),
            },
        })
    }

    fn fallback(&mut self, cx: &Cx, reason: &str) -> TypeRef {
        self.fallbacks.push(Fallback {
            pointer: cx.ptr.clone(),
            reason: reason.to_owned(),
        });
        TypeRef::Json
    }

    /// A type made by a rule rather than found in the spec (the union of expansion targets),
    /// named by `hint`.
    pub(super) fn synthetic_type(&mut self, hint: NameHint, cx: &Cx, kind: TypeKind) -> TypeId {
        let id = self.add_candidate(hint, false, cx.owner);
        self.candidates[id.0].def = Some(TypeDef {
            feature: None,
            derives: Vec::new(),
            name: String::new(),
            doc: None,
            spec_name: None,
            role: cx.role,
            origin: cx.ptr.clone(),
            kind,
        });
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
        lower: impl FnOnce(&mut Self, &Cx) -> Result<Struct, Error>,
    ) -> Result<TypeId, Error> {
        let id = self.add_candidate(NameHint::root(name), true, None);
        // Children prefer the shorter stem but fall back under the full name, which keeps a
        // property named `params` from claiming the struct's own name.
        let cx = Cx {
            role,
            hint: NameHint {
                preferred: stem.to_owned(),
                fallback: name.to_owned(),
            },
            ptr: origin.clone(),
            site: None,
            owner: Some(id),
        };
        let strukt = lower(self, &cx)?;
        self.candidates[id.0].def = Some(TypeDef {
            feature: None,
            derives: Vec::new(),
            name: String::new(),
            doc,
            spec_name: None,
            role,
            origin,
            kind: TypeKind::Struct(strukt),
        });
        Ok(id)
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

fn plain(ty: TypeRef, doc: Option<String>) -> Lowered {
    Lowered {
        ty,
        nullable: false,
        clearable: false,
        doc,
    }
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn component_ptr(name: &str) -> Pointer {
    Pointer::root()
        .join("components")
        .join("schemas")
        .join(name)
}

fn arm_keyword(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AllOf { .. } => "allOf",
        _ => "anyOf",
    }
}

/// `ReferenceOr<Box<Schema>>` (properties, items) as `ReferenceOr<Schema>` (everything else).
fn unbox(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(schema) => ReferenceOr::Item((**schema).clone()),
    }
}
