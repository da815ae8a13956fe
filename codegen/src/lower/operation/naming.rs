//! Rule "operation name": which name (and so which kind) an operation gets, and what happens
//! when two get the same one.

use crate::error::ErrorKind;
use crate::lower::naming;
use crate::model::{Method, OperationKind};
use crate::pointer::Pointer;
use std::collections::BTreeMap;

/// An operation's name and kind.
pub(super) struct OperationName {
    pub(super) name: String,
    pub(super) kind: OperationKind,
    /// The name its operationId gives, for when the path rule names two operations alike.
    by_id: String,
    /// The operation, for the error when two names still collide.
    origin: Pointer,
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
pub(super) fn operation_name(
    prefix: &str,
    path: &str,
    method: Method,
    answers_list: bool,
    op: &openapiv3::Operation,
    origin: &Pointer,
) -> OperationName {
    let by_id = operation_id_name(op, path, method);
    let (name, kind) = match path_name(prefix, path, method, answers_list) {
        Some((name, kind)) => (name, kind),
        None => (by_id.clone(), OperationKind::Other),
    };
    OperationName {
        name,
        kind,
        by_id,
        origin: origin.clone(),
    }
}

/// The name the path rule gives, or `None` when the path's shape is not one it names.
fn path_name(
    prefix: &str,
    path: &str,
    method: Method,
    answers_list: bool,
) -> Option<(String, OperationKind)> {
    let namespace = prefix.rfind('/').map_or("", |end| &prefix[..=end]);
    let rest = path.strip_prefix(namespace).unwrap_or(path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &&str| s.starts_with('{');
    let literals: Vec<&str> = segments.iter().copied().filter(|s| !is_param(s)).collect();
    let params = segments.len() - literals.len();
    let ends_with_param = segments.last().is_some_and(is_param);
    if literals.is_empty() || params > 1 || (params == 1 && !ends_with_param) {
        return None;
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
        (Method::Delete, false) => return None,
    };
    Some((format!("{verb}_{}", noun(plural)), kind))
}

fn operation_id_name(op: &openapiv3::Operation, path: &str, method: Method) -> String {
    match &op.operation_id {
        Some(id) => naming::function_name(id),
        None => naming::function_name(&format!("{} {path}", method.as_str())),
    }
}

/// Two operations that the path rule names alike fall back to their operationIds; names that
/// are still alike are an error at the second.
pub(super) fn settle(names: &mut [&mut OperationName]) -> Result<(), (Pointer, ErrorKind)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for n in names.iter() {
        *counts.entry(n.name.clone()).or_default() += 1;
    }
    for n in names.iter_mut() {
        if counts[&n.name] > 1 {
            n.name = n.by_id.clone();
            n.kind = OperationKind::Other;
        }
    }
    let mut seen: BTreeMap<&str, &Pointer> = BTreeMap::new();
    for n in names.iter() {
        if let Some(first) = seen.insert(&n.name, &n.origin) {
            return Err((
                n.origin.clone(),
                ErrorKind::NameCollision {
                    rust_name: n.name.clone(),
                    first: first.to_string(),
                    second: n.origin.to_string(),
                },
            ));
        }
    }
    Ok(())
}
