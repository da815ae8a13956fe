//! An operation's parameters: its path parameters (checked against the path template, in its
//! order), its parameters struct (from the query parameters or the form body, lowered as a
//! struct's fields), and where the parameters go.

use super::checks::check_path_template;
use super::read::{FORM, Parsed};
use crate::error::{Error, ErrorKind};
use crate::lower::naming;
use crate::lower::objects::FieldSpec;
use crate::lower::walk::Lowerer;
use crate::model::*;
use crate::pointer::Pointer;
use openapiv3::{Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr, RequestBody};
use openapiv3::{SchemaKind, Type};

/// An operation's lowered parameters.
pub(super) struct Params {
    /// In the order of the path template.
    pub(super) path: Vec<PathParam>,
    /// The parameters struct, if the operation takes any other parameters.
    pub(super) params: Option<TypeId>,
}

/// Lowers the parameters of `p`; the struct is named `{stem}Params`.
pub(super) fn lower_params(
    lowerer: &mut Lowerer<'_>,
    p: &Parsed<'_>,
    stem: &str,
) -> Result<Params, Error> {
    let ByLocation { mut path, query } = by_location(lowerer, &declared(p))?;
    check_path_template(p.path, &p.ptr, &path).map_err(|(at, e)| lowerer.error(at, e))?;
    // Arguments follow the template, whatever order the spec lists the parameters in.
    path.sort_by_key(|param| p.path.find(&format!("{{{}}}", param.wire_name)));
    let body = form_body(lowerer, p)?;
    let params = params_struct(lowerer, p, stem, &query, body)?;
    Ok(Params { path, params })
}

/// The parameters of the path item that the operation does not override (by name and
/// location), then the operation's own.
fn declared<'p>(p: &'p Parsed<'_>) -> Vec<(Pointer, &'p ReferenceOr<Parameter>)> {
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
    inherited.chain(own.clone()).collect()
}

/// The parameters by where they are sent.
struct ByLocation<'p> {
    path: Vec<PathParam>,
    /// With their pointers.
    query: Vec<(Pointer, &'p ParameterData)>,
}

/// The path parameters and the query parameters; header and cookie parameters are an error.
fn by_location<'p>(
    lowerer: &Lowerer<'_>,
    declared: &[(Pointer, &'p ReferenceOr<Parameter>)],
) -> Result<ByLocation<'p>, Error> {
    let mut path = Vec::new();
    let mut query = Vec::new();
    for (at, param) in declared {
        let param = match param {
            ReferenceOr::Item(param) => param,
            ReferenceOr::Reference { reference } => {
                return Err(lowerer.error(at.clone(), ErrorKind::UnsupportedRef(reference.clone())));
            }
        };
        match param {
            Parameter::Path { parameter_data, .. } => path.push(PathParam {
                wire_name: parameter_data.name.clone(),
                rust_name: naming::field_name(&parameter_data.name),
                doc: parameter_data.description.clone(),
            }),
            Parameter::Query { parameter_data, .. } => query.push((at.clone(), parameter_data)),
            Parameter::Header { parameter_data, .. } | Parameter::Cookie { parameter_data, .. } => {
                return Err(lowerer.error(
                    at.clone(),
                    ErrorKind::Unsupported(format!(
                        "header and cookie parameters (`{}`)",
                        parameter_data.name
                    )),
                ));
            }
        }
    }
    Ok(ByLocation { path, query })
}

/// The parameters struct: the query parameters' or the form body's fields, or none.
fn params_struct(
    lowerer: &mut Lowerer<'_>,
    p: &Parsed<'_>,
    stem: &str,
    query: &[(Pointer, &ParameterData)],
    body: Option<(openapiv3::ObjectType, Pointer)>,
) -> Result<Option<TypeId>, Error> {
    let name = format!("{stem}Params");
    let doc = Some(format!("Parameters of `{} {}`.", p.method.as_str(), p.path));
    let id = match (query.is_empty(), body) {
        (true, None) => return Ok(None),
        (false, Some((_, at))) => {
            return Err(lowerer.error(
                at,
                ErrorKind::Unsupported(
                    "an operation with both query parameters and a request body".into(),
                ),
            ));
        }
        (false, None) => lowerer.synthetic_struct(
            &name,
            stem,
            doc,
            Role::Request,
            p.ptr.join("parameters"),
            |l, site| {
                let fields = query.iter().map(|(at, data)| query_field(l, at, data));
                let fields = fields.collect();
                l.lower_fields(fields, site)
            },
        )?,
        (true, Some((object, at))) => {
            lowerer.synthetic_struct(&name, stem, doc, Role::Request, at, |l, site| {
                l.lower_struct(&object, site)
            })?
        }
    };
    Ok(Some(id))
}

/// A query parameter as a field; one with `content` rather than a schema is an error when
/// its turn comes.
fn query_field<'d>(lowerer: &Lowerer<'_>, at: &Pointer, data: &'d ParameterData) -> FieldSpec<'d> {
    let schema = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => Ok(schema.into()),
        ParameterSchemaOrContent::Content(_) => Err(lowerer.error(
            at.clone(),
            ErrorKind::Unsupported("a parameter with `content`".into()),
        )),
    };
    FieldSpec {
        wire_name: &data.name,
        schema,
        ptr: at.join("schema"),
        required: data.required,
        doc: data.description.clone(),
    }
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

/// Rule "where parameters go": a `POST` sends them as a form body (an empty one when it has
/// none, as Stripe's SDKs do), `GET` and `DELETE` in the query string.
pub(super) fn params_in(method: Method) -> ParamsLocation {
    match method {
        Method::Post => ParamsLocation::Form,
        Method::Get | Method::Delete => ParamsLocation::Query,
    }
}
