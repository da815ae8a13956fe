//! Operations: names, path parameters, the parameters struct and the response type.

use super::candidates::{NameHint, Property};
use super::checks::{check_schema_shape, parse};
use super::walk::{Lowerer, SchemaSite};
use super::{naming, roles, rules};
use crate::error::Error;
use crate::error::ErrorKind;
use crate::model::*;
use crate::pointer::Pointer;
use crate::select::{METHODS, Scope, Selection, is_success_status};
use heck::ToUpperCamelCase;
use openapiv3::{
    Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Schema, SchemaKind, Type,
};
use std::collections::BTreeMap;

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";
const MULTIPART: &str = "multipart/form-data";

struct Parsed<'s> {
    path: &'s str,
    method: Method,
    op: openapiv3::Operation,
    ptr: Pointer,
    name: String,
    kind: OperationKind,
    /// Parameters declared on the path item, for every operation of the path.
    item_params: Vec<(Pointer, ReferenceOr<Parameter>)>,
}

pub(super) fn lower_operations(
    lowerer: &mut Lowerer<'_>,
    selection: &Selection<'_>,
    scope: &Scope,
) -> Result<Vec<Operation>, Error> {
    let mut parsed = Vec::new();
    for (&path, &item) in &selection.paths {
        let item_ptr = Pointer::root().join("paths").join(path);
        let item_params: Vec<(Pointer, ReferenceOr<Parameter>)> = match item.get("parameters") {
            Some(value) => {
                let at = item_ptr.join("parameters");
                check_operation_schemas(&serde_json::json!({ "parameters": value }), &item_ptr)
                    .map_err(|(at, e)| lowerer.error(at, e))?;
                let params: Vec<ReferenceOr<Parameter>> = parse(
                    &unread_removed(&serde_json::json!({ "parameters": value }))["parameters"],
                    &at,
                )
                .map_err(|(at, e)| lowerer.error(at, e))?;
                params
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| (at.join(i.to_string()), p))
                    .collect()
            }
            None => Vec::new(),
        };
        for &method_key in METHODS {
            let Some(value) = item.get(method_key) else {
                continue;
            };
            let ptr = item_ptr.join(method_key);
            check_operation_schemas(value, &ptr).map_err(|(at, e)| lowerer.error(at, e))?;
            let op: openapiv3::Operation =
                parse(&unread_removed(value), &ptr).map_err(|(at, e)| lowerer.error(at, e))?;
            let method = match method_key {
                "get" => Method::Get,
                "post" => Method::Post,
                _ => Method::Delete,
            };
            if let Some(left_out) = uploads_a_file(&op, method, path, &ptr) {
                lowerer.left_out.push(left_out);
                continue;
            }
            let answers_list = success_schema(lowerer, &op, &ptr)?
                .map(|(schema, at)| is_list(lowerer, &schema, &at))
                .transpose()?
                .unwrap_or(false);
            let prefix = scope.prefix_of(path).unwrap_or_default();
            let (name, kind) = operation_name(prefix, path, method, answers_list, &op);
            parsed.push(Parsed {
                path,
                method,
                op,
                ptr,
                name,
                kind,
                item_params: item_params.clone(),
            });
        }
    }
    // Two operations that the path rule names alike fall back to their operationIds.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in &parsed {
        *counts.entry(p.name.clone()).or_default() += 1;
    }
    for p in &mut parsed {
        if counts[&p.name] > 1 {
            p.name = operation_id_name(&p.op, p.path, p.method);
            p.kind = OperationKind::Other;
        }
    }
    let mut seen: BTreeMap<&str, &Pointer> = BTreeMap::new();
    for p in &parsed {
        if let Some(first) = seen.insert(&p.name, &p.ptr) {
            return Err(lowerer.error(
                p.ptr.clone(),
                ErrorKind::NameCollision {
                    rust_name: p.name.clone(),
                    first: first.to_string(),
                    second: p.ptr.to_string(),
                },
            ));
        }
    }
    parsed
        .into_iter()
        .map(|p| lower_operation(lowerer, p))
        .collect()
}

/// Rule "operation name": the verb from the method and the path's shape, the noun from the
/// path's literal segments after the namespace of the prefix that selected it: the prefix up
/// to its last `/` (`/v1/billing_portal/` for `/v1/billing_portal/sessions`, `/v1/` for the
/// prefix `/v1/events`, so that the resource names itself).
///
/// - `GET /things` answering a list: `list_things`; otherwise `retrieve_thing`.
/// - `POST /things`: `create_thing`.
/// - `GET /things/{id}`: `retrieve_thing`; `POST`: `update_thing`; `DELETE`: `delete_thing`.
/// - Anything else (actions such as `/things/{id}/cancel`, nested resources): the
///   operationId in snake case.
fn operation_name(
    prefix: &str,
    path: &str,
    method: Method,
    answers_list: bool,
    op: &openapiv3::Operation,
) -> (String, OperationKind) {
    let namespace = prefix.rfind('/').map_or("", |end| &prefix[..=end]);
    let rest = path.strip_prefix(namespace).unwrap_or(path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &&str| s.starts_with('{');
    let literals: Vec<&str> = segments.iter().copied().filter(|s| !is_param(s)).collect();
    let params = segments.len() - literals.len();
    let ends_with_param = segments.last().is_some_and(is_param);
    if literals.is_empty() || params > 1 || (params == 1 && !ends_with_param) {
        return (operation_id_name(op, path, method), OperationKind::Other);
    }
    let noun = |plural: bool| {
        let mut words: Vec<String> = literals.iter().map(|s| naming::function_name(s)).collect();
        if !plural {
            let last = words.pop().unwrap_or_default();
            words.push(naming::singular(&last));
        }
        words.join("_")
    };
    let (verb, plural, kind) = match (method, ends_with_param) {
        (Method::Get, false) if answers_list => ("list", true, OperationKind::List),
        (Method::Get, _) => ("retrieve", false, OperationKind::Retrieve),
        (Method::Post, false) => ("create", false, OperationKind::Create),
        (Method::Post, true) => ("update", false, OperationKind::Update),
        (Method::Delete, true) => ("delete", false, OperationKind::Delete),
        (Method::Delete, false) => {
            return (operation_id_name(op, path, method), OperationKind::Other);
        }
    };
    (format!("{verb}_{}", noun(plural)), kind)
}

fn operation_id_name(op: &openapiv3::Operation, path: &str, method: Method) -> String {
    match &op.operation_id {
        Some(id) => naming::function_name(id),
        None => naming::function_name(&format!("{} {path}", method.as_str())),
    }
}

/// The 2xx JSON response schema, with its pointer.
fn success_schema(
    lowerer: &Lowerer<'_>,
    op: &openapiv3::Operation,
    ptr: &Pointer,
) -> Result<Option<(ReferenceOr<Schema>, Pointer)>, Error> {
    let mut statuses: Vec<(String, &ReferenceOr<openapiv3::Response>)> = op
        .responses
        .responses
        .iter()
        .map(|(status, r)| (status.to_string(), r))
        .filter(|(status, _)| is_success_status(status))
        .collect();
    statuses.sort_by(|a, b| a.0.cmp(&b.0));
    let Some((status, response)) = statuses.into_iter().next() else {
        return Ok(None);
    };
    let at = ptr.join("responses").join(&status);
    let response = match response {
        ReferenceOr::Item(r) => r,
        ReferenceOr::Reference { reference } => {
            return Err(lowerer.error(at, ErrorKind::UnsupportedRef(reference.clone())));
        }
    };
    Ok(response
        .content
        .get(JSON)
        .and_then(|media| media.schema.clone())
        .map(|schema| (schema, at.join("content").join(JSON).join("schema"))))
}

fn is_list(
    lowerer: &Lowerer<'_>,
    schema: &ReferenceOr<Schema>,
    at: &Pointer,
) -> Result<bool, Error> {
    let schema = match schema {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => lowerer.resolve(reference, at)?,
    };
    Ok(matches!(&schema.schema_kind,
        SchemaKind::Type(Type::Object(o)) if rules::api_list_item(o).is_some()))
}

fn lower_operation(lowerer: &mut Lowerer<'_>, p: Parsed<'_>) -> Result<Operation, Error> {
    let stem = p.name.to_upper_camel_case();
    let mut path_params = Vec::new();
    let mut query = Vec::new();
    // Operation parameters override the path item's of the same name and location.
    let own: Vec<(Pointer, &ReferenceOr<Parameter>)> =
        p.op.parameters
            .iter()
            .enumerate()
            .map(|(i, param)| (p.ptr.join("parameters").join(i.to_string()), param))
            .collect();
    let overridden = |param: &ReferenceOr<Parameter>| {
        own.iter().any(|(_, o)| match (o, param) {
            (ReferenceOr::Item(a), ReferenceOr::Item(b)) => {
                std::mem::discriminant(a) == std::mem::discriminant(b)
                    && a.parameter_data_ref().name == b.parameter_data_ref().name
            }
            _ => false,
        })
    };
    let inherited = p
        .item_params
        .iter()
        .filter(|(_, param)| !overridden(param))
        .map(|(at, param)| (at.clone(), param));
    let all: Vec<(Pointer, &ReferenceOr<Parameter>)> = inherited.chain(own.clone()).collect();
    for (at, param) in all {
        let param = match param {
            ReferenceOr::Item(param) => param,
            ReferenceOr::Reference { reference } => {
                return Err(lowerer.error(at, ErrorKind::UnsupportedRef(reference.clone())));
            }
        };
        match param {
            Parameter::Path { parameter_data, .. } => path_params.push(PathParam {
                wire_name: parameter_data.name.clone(),
                rust_name: naming::field_name(&parameter_data.name),
                doc: parameter_data.description.clone(),
            }),
            Parameter::Query { parameter_data, .. } => query.push((at, parameter_data.clone())),
            Parameter::Header { parameter_data, .. } | Parameter::Cookie { parameter_data, .. } => {
                return Err(lowerer.error(
                    at,
                    ErrorKind::Unsupported(format!(
                        "header and cookie parameters (`{}`)",
                        parameter_data.name
                    )),
                ));
            }
        }
    }
    check_path_template(lowerer, &p, &path_params)?;
    // Arguments follow the template, whatever order the spec lists the parameters in.
    path_params.sort_by_key(|param| p.path.find(&format!("{{{}}}", param.wire_name)));

    let body = form_body(lowerer, &p)?;
    let params_name = format!("{stem}Params");
    let doc = Some(format!("Parameters of `{} {}`.", p.method.as_str(), p.path));
    let params = match (query.is_empty(), body) {
        (true, None) => None,
        (false, Some((_, at))) => {
            return Err(lowerer.error(
                at,
                ErrorKind::Unsupported(
                    "an operation with both query parameters and a request body".into(),
                ),
            ));
        }
        (false, None) => {
            let ty = lowerer.synthetic_struct(
                &params_name,
                &stem,
                doc,
                Role::Request,
                p.ptr.join("parameters"),
                |l, site| {
                    let mut fields = Vec::new();
                    for (at, data) in &query {
                        let schema = match &data.format {
                            ParameterSchemaOrContent::Schema(schema) => schema,
                            ParameterSchemaOrContent::Content(_) => {
                                return Err(l.error(
                                    at.clone(),
                                    ErrorKind::Unsupported("a parameter with `content`".into()),
                                ));
                            }
                        };
                        let field_site = SchemaSite {
                            role: Role::Request,
                            hint: site.hint.child(&data.name),
                            ptr: at.join("schema"),
                            property: Some(Property::new(&data.name, data.description.clone())),
                            owner: site.owner,
                        };
                        let lowered = l.lower_schema(schema.into(), &field_site)?;
                        fields.push(Field {
                            wire_name: data.name.clone(),
                            rust_name: naming::field_name(&data.name),
                            doc: data.description.clone().or(lowered.doc),
                            shape: roles::field_shape(
                                Role::Request,
                                data.required,
                                lowered.nullable,
                                lowered.clearable,
                            ),
                            ty: lowered.ty,
                            boxed: false,
                            secret: false,
                        });
                    }
                    Ok(Struct {
                        fields,
                        has_id: false,
                        unknown_fields: roles::unknown_fields(Role::Request),
                        constructor: roles::constructor(Role::Request),
                        tagged: None,
                        envelope: None,
                    })
                },
            )?;
            Some(ty)
        }
        (true, Some((object, at))) => {
            let ty = lowerer.synthetic_struct(
                &params_name,
                &stem,
                doc,
                Role::Request,
                at,
                |l, site| l.lower_struct(&object, site),
            )?;
            Some(ty)
        }
    };

    let response = match success_schema(lowerer, &p.op, &p.ptr)? {
        Some((schema, at)) => {
            let site = SchemaSite {
                role: Role::Response,
                hint: NameHint::root(&format!("{stem}Response")),
                ptr: at,
                property: None,
                owner: None,
            };
            lowerer.lower_schema((&schema).into(), &site)?.ty
        }
        None => TypeRef::Json,
    };

    Ok(Operation {
        name: p.name,
        kind: p.kind,
        operation_id: p.op.operation_id.clone().unwrap_or_default(),
        method: p.method,
        path: p.path.to_owned(),
        path_params,
        params,
        params_in: params_in(p.method),
        response,
        doc: p.op.description.clone().or(p.op.summary.clone()),
        origin: p.ptr,
        feature: None,
    })
}

/// Rule "where parameters go": a `POST` sends them as a form body (an empty one when it has
/// none, as Stripe's SDKs do), `GET` and `DELETE` in the query string.
fn params_in(method: Method) -> ParamsLocation {
    match method {
        Method::Post => ParamsLocation::Form,
        Method::Get | Method::Delete => ParamsLocation::Query,
    }
}

/// Rule "file uploads are left out": an operation whose request body is `multipart/form-data`
/// only (Stripe's file uploads, sent to another host, files.stripe.com) is not generated, and
/// regen names it. Generating it would put a multipart encoder and binary bodies into the
/// runtime of every crate, most of which never upload a file (billing_portal has none).
fn uploads_a_file(
    op: &openapiv3::Operation,
    method: Method,
    path: &str,
    ptr: &Pointer,
) -> Option<LeftOut> {
    let Some(ReferenceOr::Item(body)) = &op.request_body else {
        return None;
    };
    let multipart = body.content.contains_key(MULTIPART);
    (multipart && !body.content.contains_key(FORM)).then(|| LeftOut {
        operation: format!("{} {path}", method.as_str()),
        pointer: ptr.join("requestBody").join("content").join(MULTIPART),
        reason: "a file upload (`multipart/form-data`), which this crate does not send".to_owned(),
    })
}

/// The form body's object schema, if it has any properties.
fn form_body(
    lowerer: &Lowerer<'_>,
    p: &Parsed<'_>,
) -> Result<Option<(openapiv3::ObjectType, Pointer)>, Error> {
    let at = p.ptr.join("requestBody");
    let body: &RequestBody = match &p.op.request_body {
        None => return Ok(None),
        Some(ReferenceOr::Item(body)) => body,
        Some(ReferenceOr::Reference { reference }) => {
            return Err(lowerer.error(at, ErrorKind::UnsupportedRef(reference.clone())));
        }
    };
    let Some(media) = body.content.get(FORM) else {
        let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
        return Err(lowerer.error(
            at.join("content"),
            ErrorKind::Unsupported(format!(
                "request bodies of type {} (Stripe's API takes `{FORM}`)",
                types.join(", ")
            )),
        ));
    };
    let at = at.join("content").join(FORM).join("schema");
    let schema = match &media.schema {
        None => return Ok(None),
        Some(ReferenceOr::Item(schema)) => schema,
        Some(ReferenceOr::Reference { reference }) => lowerer.resolve(reference, &at)?,
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => Ok(None),
        SchemaKind::Type(Type::Object(object)) => Ok(Some((object.clone(), at))),
        _ => Err(lowerer.error(
            at,
            ErrorKind::Unsupported("a request body that is not an object".into()),
        )),
    }
}

/// An operation without the members the generator never reads and that can nest without bound:
/// `callbacks`, response `headers` and `links`, and the `encoding` and `examples` of media types
/// and parameters. They are not parsed, so nothing in them can fail the run (or, being deep,
/// slow it down: `openapiv3` parses a failing `$ref`-or-object twice, at every level).
fn unread_removed(op: &serde_json::Value) -> serde_json::Value {
    fn remove(value: &mut serde_json::Value, keys: &[&str]) {
        if let Some(obj) = value.as_object_mut() {
            for key in keys {
                obj.remove(*key);
            }
        }
    }
    fn each_media(value: &mut serde_json::Value) {
        if let Some(content) = value.get_mut("content").and_then(|c| c.as_object_mut()) {
            for media in content.values_mut() {
                remove(media, &["encoding", "examples"]);
            }
        }
    }
    let mut op = op.clone();
    remove(&mut op, &["callbacks"]);
    if let Some(params) = op.get_mut("parameters").and_then(|p| p.as_array_mut()) {
        for param in params {
            remove(param, &["examples"]);
            each_media(param);
        }
    }
    if let Some(body) = op.get_mut("requestBody") {
        each_media(body);
    }
    if let Some(responses) = op.get_mut("responses").and_then(|r| r.as_object_mut()) {
        for response in responses.values_mut() {
            remove(response, &["headers", "links"]);
            each_media(response);
        }
    }
    op
}

/// The schemas an operation holds (parameters, bodies, responses) are objects; see
/// [`check_schema_shape`].
fn check_operation_schemas(
    op: &serde_json::Value,
    ptr: &Pointer,
) -> Result<(), (Pointer, ErrorKind)> {
    let mut media: Vec<(Pointer, &serde_json::Value)> = Vec::new();
    for (i, param) in op
        .get("parameters")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .enumerate()
    {
        let at = ptr.join("parameters").join(i.to_string());
        if let Some(schema) = param.get("schema") {
            check_schema_shape(schema, &at.join("schema"))?;
        }
        if let Some(content) = param.get("content").and_then(|c| c.as_object()) {
            let at = at.join("content");
            media.extend(content.iter().map(|(k, v)| (at.join(k), v)));
        }
    }
    if let Some(content) = op
        .pointer("/requestBody/content")
        .and_then(|c| c.as_object())
    {
        let at = ptr.join("requestBody").join("content");
        media.extend(content.iter().map(|(k, v)| (at.join(k), v)));
    }
    for (status, response) in op
        .get("responses")
        .and_then(|r| r.as_object())
        .into_iter()
        .flatten()
    {
        if let Some(content) = response.get("content").and_then(|c| c.as_object()) {
            let at = ptr.join("responses").join(status).join("content");
            media.extend(content.iter().map(|(k, v)| (at.join(k), v)));
        }
    }
    for (at, media) in media {
        if let Some(schema) = media.get("schema") {
            check_schema_shape(schema, &at.join("schema"))?;
        }
    }
    Ok(())
}

/// Every `{name}` of the template has a path parameter, and vice versa.
fn check_path_template(
    lowerer: &Lowerer<'_>,
    p: &Parsed<'_>,
    params: &[PathParam],
) -> Result<(), Error> {
    let in_template: Vec<&str> = p
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect();
    for name in &in_template {
        if !params.iter().any(|param| param.wire_name == *name) {
            return Err(lowerer.error(
                p.ptr.join("parameters"),
                ErrorKind::Malformed(format!(
                    "the path has `{{{name}}}` but no path parameter `{name}` is declared"
                )),
            ));
        }
    }
    if let Some(extra) = params
        .iter()
        .find(|param| !in_template.contains(&param.wire_name.as_str()))
    {
        return Err(lowerer.error(
            p.ptr.join("parameters"),
            ErrorKind::Malformed(format!(
                "path parameter `{}` does not appear in the path",
                extra.wire_name
            )),
        ));
    }
    Ok(())
}
