//! Lowering: the selected spec becomes the [`model`](crate::model).
//!
//! All decisions are taken here, once: names ([`naming`]), which idiom a schema is
//! ([`rules`]), and what a field's shape is ([`field_shape`]). Inline schemas become named
//! types; their names are settled after everything is lowered (`names`) so that they do not
//! depend on the order in which the spec is walked.

mod names;
pub mod naming;
mod operation;
pub mod prose;
pub mod rules;
pub mod tagged;
mod unions;

use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use crate::select::{Selection, schema_ref_name};
use openapiv3::{ObjectType, ReferenceOr, Schema, SchemaKind, StringType, Type};
use std::collections::{BTreeMap, HashMap};

/// Lowers a selection into the model.
pub fn lower(
    doc: &serde_json::Value,
    selection: &Selection<'_>,
    prefix: &str,
    source: &str,
) -> Result<Api, Error> {
    let api_version = doc
        .pointer("/info/version")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| {
            Error::new(
                source,
                Pointer::root().join("info").join("version"),
                ErrorKind::Malformed("`info.version` (the API version) is missing".into()),
            )
        })?
        .to_owned();

    let mut lowerer = Lowerer::new(source, selection)?;
    let component_names: Vec<&str> = selection.schemas.keys().copied().collect();
    for name in &component_names {
        lowerer.lower_component(name)?;
    }
    let operations = operation::lower_operations(&mut lowerer, selection, prefix)?;
    let left_out = std::mem::take(&mut lowerer.left_out);
    let (types, fallbacks, remap) = lowerer.finish()?;
    let mut api = Api {
        api_version,
        path_prefix: prefix.to_owned(),
        operations,
        types,
        fallbacks,
        left_out,
        not_applied: Vec::new(),
        component_count: component_names.len(),
    };
    remap_ids(&mut api, &remap);
    box_recursive_fields(&mut api);
    settle_union_ids(&mut api);
    prose::apply(&mut api);
    tagged::apply(&mut api);
    Ok(api)
}

/// A union has an `id` when every arm is an object with one (then it can be the object of an
/// expandable field). Known only once every type is lowered.
fn settle_union_ids(api: &mut Api) {
    let has_id = |api: &Api, ty: &TypeRef| match ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(s) => s.has_id,
            _ => false,
        },
        _ => false,
    };
    for i in 0..api.types.len() {
        let TypeKind::Union(u) = &api.types[i].kind else {
            continue;
        };
        let all = u.arms.iter().all(|arm| has_id(api, &arm.ty));
        if let TypeKind::Union(u) = &mut api.types[i].kind {
            u.has_id = all;
        }
    }
}

/// Rule "recursive types are boxed": a field whose type holds its own struct by value
/// (directly or through other structs) gets a `Box`. Fields reached through a `Vec`, map,
/// list or expandable are on the heap already and need none.
fn box_recursive_fields(api: &mut Api) {
    fn by_value(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Clearable(inner) => by_value(inner),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
            // Union arms hold named types in a `Box`.
            TypeKind::Enum(_) | TypeKind::Union(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = vec![false; edges.len()];
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            if !std::mem::replace(&mut seen[id.0], true) {
                stack.extend(&edges[id.0]);
            }
        }
        false
    };
    let mut boxed = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        if let TypeKind::Struct(s) = &def.kind {
            for (j, field) in s.fields.iter().enumerate() {
                if by_value(&field.ty).is_some_and(|target| reaches(target, TypeId(i))) {
                    boxed.push((i, j));
                }
            }
        }
    }
    for (i, j) in boxed {
        if let TypeKind::Struct(s) = &mut api.types[i].kind {
            s.fields[j].boxed = true;
        }
    }
}

/// How to name an inline type found at some place: its preferred name, and a fallback that is
/// unique by construction (the full path from its root) for when the preferred one is claimed
/// by a different schema.
#[derive(Debug, Clone)]
pub(crate) struct NameHint {
    pub(crate) preferred: String,
    pub(crate) fallback: String,
}

impl NameHint {
    pub(crate) fn root(name: &str) -> Self {
        Self {
            preferred: name.to_owned(),
            fallback: name.to_owned(),
        }
    }

    /// The hint for the value of property `field` of a type named with `self`.
    fn child(&self, field: &str) -> Self {
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
pub(crate) struct Cx {
    pub(crate) role: Role,
    pub(crate) hint: NameHint,
    pub(crate) ptr: Pointer,
    /// The property whose value is being lowered, if any: an inline type without a
    /// description of its own is documented by its property.
    pub(crate) site: Option<Site>,
    /// The named type whose fields are being lowered (the parent of untitled inline types).
    pub(crate) owner: Option<TypeId>,
}

/// A property and its description.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Site {
    pub(crate) name: String,
    pub(crate) doc: Option<String>,
    /// The value is an item of the property (an array element), not the property itself.
    pub(crate) item: bool,
}

impl Site {
    pub(crate) fn new(name: &str, doc: Option<String>) -> Self {
        Self {
            name: name.to_owned(),
            doc,
            item: false,
        }
    }
}

/// A lowered schema before it becomes a field: the type and the flags that decide the shape.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    pub(crate) ty: TypeRef,
    pub(crate) nullable: bool,
    pub(crate) clearable: bool,
    pub(crate) doc: Option<String>,
}

/// Rule "unknown fields": parameters refuse a property they do not have (a misspelt or removed
/// field in a config file is an error, not a silently smaller request); responses skip it (a
/// newer API version adds fields).
pub fn unknown_fields(role: Role) -> UnknownFields {
    match role {
        Role::Request => UnknownFields::Refuse,
        Role::Response => UnknownFields::Ignore,
    }
}

/// Rule "field shape": how `required`, `nullable` and emptyable combine.
///
/// Requests have no null (a form cannot send one), so `nullable` is ignored there; responses
/// are never cleared (the emptyable rule only applies to requests).
pub fn field_shape(role: Role, required: bool, nullable: bool, clearable: bool) -> FieldShape {
    match (role, required, nullable, clearable) {
        (Role::Request, true, _, true) => FieldShape::RequiredClearable,
        (Role::Request, false, _, true) => FieldShape::OptionalClearable,
        (Role::Request, true, _, false) => FieldShape::Required,
        (Role::Request, false, _, false) => FieldShape::Optional,
        (Role::Response, true, false, _) => FieldShape::Required,
        (Role::Response, false, false, _) => FieldShape::Optional,
        (Role::Response, true, true, _) => FieldShape::Nullable,
        (Role::Response, false, true, _) => FieldShape::OptionalNullable,
    }
}

/// The variant of response enums that keeps values this version does not know.
pub const CATCH_ALL: &str = "Unknown";

/// The types ordered by name, the fallbacks, and the map from creation-order ids to final ids.
type Finished = (Vec<TypeDef>, Vec<Fallback>, Vec<usize>);

/// A named type in the making.
struct Candidate {
    hint: NameHint,
    /// Component schemas keep their names; only inline ones can fall back.
    fixed: bool,
    /// See [`names::Claim::parent`].
    parent: Option<TypeId>,
    /// Where an inline type is used; documents it when it has no description of its own.
    sites: Vec<Site>,
    /// `None` while its children are being lowered.
    def: Option<TypeDef>,
}

pub(crate) struct Lowerer<'a> {
    source: &'a str,
    components: BTreeMap<&'a str, (Schema, TypeId)>,
    candidates: Vec<Candidate>,
    /// Identical inline schemas under the same preferred name share one type.
    dedupe: HashMap<(Role, String, String), TypeId>,
    fallbacks: Vec<Fallback>,
    left_out: Vec<LeftOut>,
    /// The union type of each set of expansion targets, so that all its fields share it.
    expansion_unions: HashMap<(Role, String), TypeId>,
}

impl<'a> Lowerer<'a> {
    fn new(source: &'a str, selection: &Selection<'a>) -> Result<Self, Error> {
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

    pub(crate) fn error(&self, ptr: Pointer, kind: ErrorKind) -> Error {
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
    pub(crate) fn resolve(&self, reference: &str, at: &Pointer) -> Result<&Schema, Error> {
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

    fn lower_component(&mut self, name: &str) -> Result<(), Error> {
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
    pub(crate) fn lower_schema(
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
    pub(crate) fn lower_struct(&mut self, object: &ObjectType, cx: &Cx) -> Result<Struct, Error> {
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
                shape: field_shape(cx.role, required, lowered.nullable, lowered.clearable),
                ty: lowered.ty,
                boxed: false,
            });
        }
        // Only API objects have an identity; a request's `id` field names some other object.
        let has_id = cx.role == Role::Response
            && fields.iter().any(|f| {
                f.wire_name == "id" && f.shape == FieldShape::Required && f.ty == TypeRef::String
            });
        Ok(Struct {
            fields,
            has_id,
            unknown_fields: unknown_fields(cx.role),
            choice: None,
            tagged: None,
        })
    }

    pub(crate) fn lower_enum(&mut self, s: &StringType, cx: &Cx) -> Result<Enum, Error> {
        let open = cx.role == Role::Response;
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
        let catch_all = open.then(|| CATCH_ALL.to_owned());
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
    pub(crate) fn synthetic_type(&mut self, hint: NameHint, cx: &Cx, kind: TypeKind) -> TypeId {
        let id = self.add_candidate(hint, false, cx.owner);
        self.candidates[id.0].def = Some(TypeDef {
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
    pub(crate) fn synthetic_struct(
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
            name: String::new(),
            doc,
            spec_name: None,
            role,
            origin,
            kind: TypeKind::Struct(strukt),
        });
        Ok(id)
    }

    /// Settles names and orders the types by name. Returns the types, the fallbacks, and the
    /// map from creation-order ids to final ids.
    fn finish(mut self) -> Result<Finished, Error> {
        let merged_into = self.merge_identical_enums();
        let origins: Vec<Pointer> = self
            .candidates
            .iter()
            .map(|c| c.def.as_ref().map(|d| d.origin.clone()).unwrap_or_default())
            .collect();
        let claims: Vec<names::Claim<'_>> = self
            .candidates
            .iter()
            .zip(&origins)
            .zip(&merged_into)
            .filter(|(_, merged)| merged.is_none())
            .map(|((c, origin), _)| names::Claim {
                preferred: &c.hint.preferred,
                fallback: &c.hint.fallback,
                fixed: c.fixed,
                role: c.def.as_ref().map_or(Role::Response, |d| d.role),
                parent: c.parent.map(|p| p.0),
                origin,
            })
            .collect();
        // Claims skip merged candidates; parents are never merged (only enums are), but their
        // indices shift: map them to claim positions.
        let kept: Vec<usize> = (0..self.candidates.len())
            .filter(|&i| merged_into[i].is_none())
            .collect();
        let mut position = vec![usize::MAX; self.candidates.len()];
        for (pos, &i) in kept.iter().enumerate() {
            position[i] = pos;
        }
        let claims: Vec<names::Claim<'_>> = claims
            .into_iter()
            .map(|c| names::Claim {
                parent: c.parent.map(|p| position[p]).filter(|&p| p != usize::MAX),
                ..c
            })
            .collect();
        let names = names::resolve(&claims).map_err(|(ptr, kind)| self.error(ptr, kind))?;
        let mut defs: Vec<Option<TypeDef>> = Vec::with_capacity(names.len());
        let candidates: Vec<Candidate> = self
            .candidates
            .into_iter()
            .zip(&merged_into)
            .filter(|(_, merged)| merged.is_none())
            .map(|(c, _)| c)
            .collect();
        for (candidate, name) in candidates.into_iter().zip(names) {
            let Some(mut def) = candidate.def else {
                // Unreachable once lowering succeeded; an error is better than a panic.
                return Err(Error::new(
                    self.source,
                    Pointer::root(),
                    ErrorKind::Malformed(format!("type `{name}` was never defined")),
                ));
            };
            def.name = name;
            if def.doc.is_none() {
                def.doc = site_doc(&def, &candidate.sites);
            }
            defs.push(Some(def));
        }
        let mut order: Vec<usize> = (0..defs.len()).collect();
        order.sort_by(|&a, &b| {
            let name = |i: usize| defs[i].as_ref().map(|d| d.name.as_str());
            name(a).cmp(&name(b))
        });
        let mut by_position = vec![0; defs.len()];
        for (new, &old) in order.iter().enumerate() {
            by_position[old] = new;
        }
        // Creation-order ids to final ids; a merged enum maps to the type it merged into.
        let remap = (0..merged_into.len())
            .map(|i| by_position[position[merged_into[i].unwrap_or(i)]])
            .collect();
        let types = order.iter().filter_map(|&old| defs[old].take()).collect();
        Ok((types, self.fallbacks, remap))
    }

    /// Rule "identical enums are one type": inline enums of one role with the same values in
    /// the same order (Stripe repeats `proration_behavior`, `mode`, `allowed_updates` in
    /// create, update and response objects) become the first of them. The type is named by
    /// what the names it had in common: the words they start and end with
    /// (`SubscriptionCancelCreationParamMode` and `SubscriptionCancelUpdatingParamMode` give
    /// `SubscriptionCancelMode`). A description that differs between uses is dropped for one
    /// that fits all.
    /// Returns, per candidate, the candidate it was merged into.
    fn merge_identical_enums(&mut self) -> Vec<Option<usize>> {
        let mut merged_into = vec![None; self.candidates.len()];
        let mut first: HashMap<(Role, Vec<String>), usize> = HashMap::new();
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, candidate) in self.candidates.iter().enumerate() {
            let Some(TypeDef {
                role,
                kind: TypeKind::Enum(e),
                ..
            }) = &candidate.def
            else {
                continue;
            };
            if candidate.fixed {
                continue;
            }
            let values = e.variants.iter().map(|v| v.wire_value.clone()).collect();
            match first.get(&(*role, values)) {
                Some(&rep) => {
                    merged_into[i] = Some(rep);
                    groups.entry(rep).or_default().push(i);
                }
                None => {
                    let values = e.variants.iter().map(|v| v.wire_value.clone()).collect();
                    first.insert((*role, values), i);
                }
            }
        }
        for (rep, members) in groups {
            let mut sites = self.candidates[rep].sites.clone();
            let preferred: Vec<String> = std::iter::once(rep)
                .chain(members.iter().copied())
                .map(|i| self.candidates[i].hint.preferred.clone())
                .collect();
            let mut docs_agree = true;
            let rep_doc = self.candidates[rep]
                .def
                .as_ref()
                .and_then(|d| d.doc.clone());
            for &m in &members {
                let member = &self.candidates[m];
                docs_agree &= member.def.as_ref().and_then(|d| d.doc.clone()) == rep_doc;
                for site in &member.sites {
                    docs_agree &= sites
                        .iter()
                        .filter(|s| s.name == site.name)
                        .all(|s| s.doc == site.doc);
                    if !sites.iter().any(|s| s.name == site.name) {
                        sites.push(site.clone());
                    }
                }
            }
            let candidate = &mut self.candidates[rep];
            if !docs_agree {
                for site in &mut sites {
                    site.doc = None;
                }
                if let Some(def) = &mut candidate.def {
                    def.doc = None;
                }
            }
            if let Some(common) = naming::common_name(&preferred) {
                candidate.hint.preferred = common;
                candidate.parent = None;
            }
            candidate.sites = sites;
        }
        merged_into
    }
}

/// Documents an inline type by the properties it is the value of.
fn site_doc(def: &TypeDef, sites: &[Site]) -> Option<String> {
    if let [site] = sites
        && !site.item
        && site.doc.is_some()
    {
        return site.doc.clone();
    }
    let names: Vec<String> = sites.iter().map(|s| format!("`{}`", s.name)).collect();
    let list = match names.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let noun = match (def.role, sites.len()) {
        (Role::Request, 1) => "parameter",
        (Role::Request, _) => "parameters",
        (Role::Response, 1) => "field",
        (Role::Response, _) => "fields",
    };
    Some(match &def.kind {
        TypeKind::Enum(_) => format!("A value of the {list} {noun}."),
        TypeKind::Struct(_) if sites.iter().all(|s| s.item) => {
            format!("An item of the {list} {noun}.")
        }
        TypeKind::Struct(_) => format!("The {list} {noun}."),
        TypeKind::Union(_) => format!("One of the types of the {list} {noun}."),
    })
}

/// A value inside an array, map or list: clearable values keep their `""` arm as a type.
fn nested(lowered: Lowered) -> TypeRef {
    if lowered.clearable {
        TypeRef::Clearable(Box::new(lowered.ty))
    } else {
        lowered.ty
    }
}

/// Parses a part of the spec into an `openapiv3` type; an error points at the member that
/// failed, not only at the part.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    at: &Pointer,
) -> Result<T, (Pointer, ErrorKind)> {
    serde_path_to_error::deserialize(value.clone()).map_err(|e| {
        let mut ptr = at.clone();
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => ptr = ptr.join(index.to_string()),
                serde_path_to_error::Segment::Map { key } => ptr = ptr.join(key),
                serde_path_to_error::Segment::Enum { variant } => ptr = ptr.join(variant),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        (ptr, ErrorKind::Malformed(e.into_inner().to_string()))
    })
}

/// Checks every schema of a tree, innermost first, before `openapiv3` parses the tree: each
/// place holding a schema holds an object, a `$ref` is a string, and each schema's own members
/// parse (its sub-schemas stubbed as `{}`). An error points at the member that is wrong.
///
/// Checking innermost first is also what keeps parsing linear: `openapiv3` parses a schema that
/// fails a second time to word its error, at every level of nesting (2^depth parses in all), so
/// a wrong member 20 schemas deep would otherwise take minutes to report, and only at the
/// outermost schema.
pub(crate) fn check_schema_shape(
    value: &serde_json::Value,
    ptr: &Pointer,
) -> Result<(), (Pointer, ErrorKind)> {
    check_schema(value, ptr, true, 1)
}

/// How deep schemas may nest in one another (`properties`, `items`, `anyOf`, ...; a `$ref`
/// starts over, since references are not inlined). Stripe's deepest is 9. Parsing, lowering and
/// emitting recurse once per level, `openapiv3`'s parse with large frames (about 50 KB a level
/// unoptimised): 24 levels take under 1.5 MB, within the 2 MB stack of a spawned thread, where
/// 40 used to overflow it.
pub const MAX_SCHEMA_DEPTH: usize = 24;

/// [`check_schema_shape`] for a component schema, which is parsed as a schema, not as a
/// reference: all of its members are read even when it has a `$ref`.
fn check_component_shape(
    value: &serde_json::Value,
    ptr: &Pointer,
) -> Result<(), (Pointer, ErrorKind)> {
    check_schema(value, ptr, false, 1)
}

/// `reference`: whether the place may hold a `$ref` (then a `$ref` object is read as nothing
/// else); `depth`: how deep the schema is, 1 for the outermost.
fn check_schema(
    value: &serde_json::Value,
    ptr: &Pointer,
    reference: bool,
    depth: usize,
) -> Result<(), (Pointer, ErrorKind)> {
    let wrong = |at: Pointer, what: &str, found: &serde_json::Value| {
        Err((
            at,
            ErrorKind::Malformed(format!("{what}, found {}", json_kind(found))),
        ))
    };
    let Some(obj) = value.as_object() else {
        return wrong(ptr.clone(), "a schema must be an object", value);
    };
    match obj.get("$ref") {
        // A reference: `openapiv3` reads nothing else of the object.
        Some(serde_json::Value::String(_)) if reference => return Ok(()),
        Some(serde_json::Value::String(_)) => {}
        Some(other) => return wrong(ptr.join("$ref"), "`$ref` must be a string", other),
        None => {}
    }
    if depth > MAX_SCHEMA_DEPTH {
        return Err((
            ptr.clone(),
            ErrorKind::Unsupported(format!(
                "schemas nested more than {MAX_SCHEMA_DEPTH} deep (in `properties`, `items`, `anyOf` and the like)"
            )),
        ));
    }
    let check =
        |schema: &serde_json::Value, at: Pointer| check_schema(schema, &at, true, depth + 1);
    if let Some(properties) = obj.get("properties") {
        let Some(properties) = properties.as_object() else {
            return wrong(
                ptr.join("properties"),
                "`properties` must be an object",
                properties,
            );
        };
        for (name, schema) in properties {
            check(schema, ptr.join("properties").join(name))?;
        }
    }
    for key in ["items", "not"] {
        if let Some(schema) = obj.get(key) {
            check(schema, ptr.join(key))?;
        }
    }
    if let Some(extra) = obj.get("additionalProperties").filter(|v| !v.is_boolean()) {
        check(extra, ptr.join("additionalProperties"))?;
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(arms) = obj.get(key) {
            let Some(arms) = arms.as_array() else {
                return wrong(ptr.join(key), &format!("`{key}` must be an array"), arms);
            };
            for (i, arm) in arms.iter().enumerate() {
                check(arm, ptr.join(key).join(i.to_string()))?;
            }
        }
    }
    check_schema_members(obj, ptr)
}

/// Parses one schema whose sub-schemas are known to be good, with them replaced by `{}`; on an
/// error, finds the member without which it parses, to point at it.
fn check_schema_members(
    obj: &serde_json::Map<String, serde_json::Value>,
    ptr: &Pointer,
) -> Result<(), (Pointer, ErrorKind)> {
    use serde::Deserialize as _;
    let stub = |value: &serde_json::Value| match value {
        serde_json::Value::Object(_) => serde_json::json!({}),
        other => other.clone(),
    };
    let stubbed: serde_json::Map<String, serde_json::Value> = obj
        .iter()
        .map(|(key, value)| {
            let value = match (key.as_str(), value) {
                ("properties", serde_json::Value::Object(properties)) => serde_json::Value::Object(
                    properties
                        .keys()
                        .map(|name| (name.clone(), serde_json::json!({})))
                        .collect(),
                ),
                ("items" | "not" | "additionalProperties", value) => stub(value),
                ("anyOf" | "oneOf" | "allOf", serde_json::Value::Array(arms)) => {
                    serde_json::Value::Array(arms.iter().map(stub).collect())
                }
                (_, value) => value.clone(),
            };
            (key.clone(), value)
        })
        .collect();
    let parses = |members: &serde_json::Map<String, serde_json::Value>| {
        Schema::deserialize(&serde_json::Value::Object(members.clone())).is_ok()
    };
    if parses(&stubbed) {
        return Ok(());
    }
    let (at, kind) = match parse::<Schema>(&serde_json::Value::Object(stubbed.clone()), ptr) {
        Ok(_) => return Ok(()),
        Err(e) => e,
    };
    let culprit = stubbed.keys().find(|key| {
        let mut without = stubbed.clone();
        without.remove(*key);
        parses(&without)
    });
    match culprit {
        Some(key) if at == *ptr => Err((ptr.join(key), kind)),
        _ => Err((at, kind)),
    }
}

fn json_kind(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(b) => format!("the boolean {b}"),
        serde_json::Value::Number(n) => format!("the number {n}"),
        serde_json::Value::String(s) => format!("the string {s:?}"),
        serde_json::Value::Array(_) => "an array".into(),
        serde_json::Value::Object(_) => "an object".into(),
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

fn remap_ids(api: &mut Api, remap: &[usize]) {
    fn walk(ty: &mut TypeRef, remap: &[usize]) {
        match ty {
            TypeRef::Named(id) => id.0 = remap[id.0],
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::List(inner)
            | TypeRef::Clearable(inner)
            | TypeRef::Expandable(inner) => walk(inner, remap),
            _ => {}
        }
    }
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    walk(&mut field.ty, remap);
                }
            }
            TypeKind::Union(u) => {
                for arm in &mut u.arms {
                    walk(&mut arm.ty, remap);
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
    for op in &mut api.operations {
        walk(&mut op.response, remap);
        if let Some(params) = &mut op.params {
            params.ty.0 = remap[params.ty.0];
        }
    }
}
