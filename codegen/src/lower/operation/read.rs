//! Reading the operations of the selection: each method of a path item is checked, parsed,
//! left out when it uploads a file, and named (which needs its success response, found here
//! once).

use super::checks::{check_operation_schemas, unread_removed};
use super::naming::{OperationName, operation_name};
use super::response::{Success, is_list, success_schema};
use crate::error::{Error, ErrorKind};
use crate::lower::checks::parse;
use crate::lower::walk::Lowerer;
use crate::model::{LeftOut, Method};
use crate::pointer::Pointer;
use crate::select::{METHODS, Scope, Selection};
use openapiv3::{Parameter, ReferenceOr};

/// The media type of request bodies the API takes: a form.
pub(super) const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// The parameters a path item declares for every operation of the path, with their pointers.
pub(super) type ItemParams = Vec<(Pointer, ReferenceOr<Parameter>)>;

/// An operation read and named, before its parameters and response are lowered.
pub(super) struct Parsed<'s> {
    pub(super) path: &'s str,
    pub(super) method: Method,
    pub(super) op: openapiv3::Operation,
    pub(super) ptr: Pointer,
    pub(super) name: OperationName,
    pub(super) item_params: ItemParams,
    pub(super) success: Option<Success>,
}

/// The operations of the selection, read, in the order of their paths and methods; and those
/// left out, with why.
pub(super) fn read_operations<'s>(
    lowerer: &Lowerer<'_>,
    selection: &Selection<'s>,
    scope: &Scope,
) -> Result<(Vec<Parsed<'s>>, Vec<LeftOut>), Error> {
    let mut parsed = Vec::new();
    let mut left_out = Vec::new();
    for (&path, &item) in &selection.paths {
        let item_ptr = Pointer::root().join("paths").join(path);
        let item_params =
            read_item_params(item, &item_ptr).map_err(|(at, e)| lowerer.error(at, e))?;
        let prefix = scope.prefix_of(path).unwrap_or_default();
        for &method_key in METHODS {
            let Some(value) = item.get(method_key) else {
                continue;
            };
            let ptr = item_ptr.join(method_key);
            let method = match method_key {
                "get" => Method::Get,
                "post" => Method::Post,
                _ => Method::Delete,
            };
            let op = read_operation(value, &ptr).map_err(|(at, e)| lowerer.error(at, e))?;
            if let Some(upload) = uploads_a_file(&op, method, path, &ptr) {
                left_out.push(upload);
                continue;
            }
            let success = success_schema(&op, &ptr).map_err(|(at, e)| lowerer.error(at, e))?;
            let answers_list = match &success {
                Some(success) => is_list(lowerer, success)?,
                None => false,
            };
            parsed.push(Parsed {
                name: operation_name(prefix, path, method, answers_list, &op, &ptr),
                path,
                method,
                op,
                ptr,
                item_params: item_params.clone(),
                success,
            });
        }
    }
    Ok((parsed, left_out))
}

/// The parameters a path item declares for all its operations, checked and parsed.
fn read_item_params(
    item: &serde_json::Value,
    item_ptr: &Pointer,
) -> Result<ItemParams, (Pointer, ErrorKind)> {
    let Some(value) = item.get("parameters") else {
        return Ok(Vec::new());
    };
    let at = item_ptr.join("parameters");
    let wrapped = serde_json::json!({ "parameters": value });
    check_operation_schemas(&wrapped, item_ptr)?;
    let params: Vec<ReferenceOr<Parameter>> = parse(&unread_removed(&wrapped)["parameters"], &at)?;
    Ok(params
        .into_iter()
        .enumerate()
        .map(|(i, p)| (at.join(i.to_string()), p))
        .collect())
}

/// An operation, checked and parsed.
fn read_operation(
    value: &serde_json::Value,
    ptr: &Pointer,
) -> Result<openapiv3::Operation, (Pointer, ErrorKind)> {
    check_operation_schemas(value, ptr)?;
    parse(&unread_removed(value), ptr)
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
