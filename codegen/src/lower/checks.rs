//! Shape checks, run before `openapiv3` parses a part of the spec: a schema that is malformed,
//! or nested too deep to lower, is an error with the JSON pointer of the member at fault rather
//! than of the whole part.

use crate::error::ErrorKind;
use crate::pointer::Pointer;
use openapiv3::Schema;

/// Parses a part of the spec into an `openapiv3` type; an error points at the member that
/// failed, not only at the part.
pub(super) fn parse<T: serde::de::DeserializeOwned>(
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
pub(super) fn check_schema_shape(
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
pub(super) fn check_component_shape(
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
