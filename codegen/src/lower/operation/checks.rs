//! What is checked of an operation: before it is parsed, the shape of every schema it holds
//! (the members the generator never reads removed first, so that nothing in them can fail the
//! run); once its parameters are known, its path template against its path parameters.

use crate::error::ErrorKind;
use crate::lower::checks::check_schema_shape;
use crate::model::PathParam;
use crate::pointer::Pointer;

/// An operation without the members the generator never reads and that can nest without bound:
/// `callbacks`, response `headers` and `links`, and the `encoding` and `examples` of media types
/// and parameters. They are not parsed, so nothing in them can fail the run (or, being deep,
/// slow it down: `openapiv3` parses a failing `$ref`-or-object twice, at every level).
pub(super) fn unread_removed(op: &serde_json::Value) -> serde_json::Value {
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
pub(super) fn check_operation_schemas(
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

/// Every `{name}` of the `path` template has a path parameter, and vice versa; an error is
/// at the parameters of the operation at `ptr`.
pub(super) fn check_path_template(
    path: &str,
    ptr: &Pointer,
    params: &[PathParam],
) -> Result<(), (Pointer, ErrorKind)> {
    let in_template: Vec<&str> = path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect();
    for name in &in_template {
        if !params.iter().any(|param| param.wire_name == *name) {
            return Err((
                ptr.join("parameters"),
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
        return Err((
            ptr.join("parameters"),
            ErrorKind::Malformed(format!(
                "path parameter `{}` does not appear in the path",
                extra.wire_name
            )),
        ));
    }
    Ok(())
}
