//! An operation's response: its success schema (the first 2xx status with a JSON body), found
//! once when the operation is read; whether it is a list (which names the operation); and the
//! type it is lowered to.

use crate::error::{Error, ErrorKind};
use crate::lower::candidates::NameHint;
use crate::lower::rules;
use crate::lower::walk::{Lowerer, SchemaSite};
use crate::model::{Role, TypeRef};
use crate::pointer::Pointer;
use crate::select::is_success_status;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

const JSON: &str = "application/json";

/// The 2xx JSON response schema, with its pointer.
pub(super) struct Success {
    schema: ReferenceOr<Schema>,
    ptr: Pointer,
}

/// The success schema of `op` (at `ptr`), if it has one.
pub(super) fn success_schema(
    op: &openapiv3::Operation,
    ptr: &Pointer,
) -> Result<Option<Success>, (Pointer, ErrorKind)> {
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
            return Err((at, ErrorKind::UnsupportedRef(reference.clone())));
        }
    };
    Ok(response
        .content
        .get(JSON)
        .and_then(|media| media.schema.clone())
        .map(|schema| Success {
            schema,
            ptr: at.join("content").join(JSON).join("schema"),
        }))
}

/// Whether the success schema is a list object (see [`rules::api_list_item`]).
pub(super) fn is_list(lowerer: &Lowerer<'_>, success: &Success) -> Result<bool, Error> {
    let schema = match &success.schema {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => lowerer.resolve(reference, &success.ptr)?,
    };
    Ok(matches!(&schema.schema_kind,
        SchemaKind::Type(Type::Object(o)) if rules::api_list_item(o).is_some()))
}

/// The response type: the success schema lowered (an inline type is named `{stem}Response`),
/// or raw JSON when there is none.
pub(super) fn response_type(
    lowerer: &mut Lowerer<'_>,
    success: Option<&Success>,
    stem: &str,
) -> Result<TypeRef, Error> {
    let Some(success) = success else {
        return Ok(TypeRef::Json);
    };
    let site = SchemaSite {
        role: Role::Response,
        hint: NameHint::root(&format!("{stem}Response")),
        ptr: success.ptr.clone(),
        property: None,
        owner: None,
    };
    Ok(lowerer.lower_schema((&success.schema).into(), &site)?.ty)
}
