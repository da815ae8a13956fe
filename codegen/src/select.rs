//! Selection: the paths a [`Scope`] covers and the component schemas they need.
//!
//! The closure follows every `$ref` reachable from the selected operations, with two cuts that
//! keep the generated crate about the selected API and not about all of Stripe:
//!
//! - Error responses (`default`, 4xx, 5xx) are not followed. Their schema (`error`) pulls in
//!   `api_errors` -> `payment_intent`, `source`, ... (hundreds of schemas); the client decodes
//!   errors with its own hand-written type.
//! - The targets of an expandable field (`x-expansionResources`, and the `$ref` arms of its
//!   `anyOf`) are not followed. Such a target is typed precisely only if it is selected anyway;
//!   otherwise the lowering keeps the expanded object as raw JSON.

use crate::error::{Error, ErrorKind};
use crate::pointer::Pointer;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The HTTP methods whose operations are selected, in the order they are generated.
pub const METHODS: &[&str] = &["get", "post", "delete"];

/// Which paths are selected: every path that starts with one of the prefixes.
///
/// The project's own scope is a committed, documented list (`spec/scope.toml`); the stress
/// run and the tests use one prefix at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    prefixes: Vec<String>,
    /// Per prefix, the cargo feature its operations are compiled with, if any.
    features: Vec<Option<String>>,
}

impl Scope {
    /// The paths starting with any of `prefixes` (in the order given, which is the order
    /// messages name them in).
    pub fn new(prefixes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self::with_features(prefixes.into_iter().map(|p| (p.into(), None)))
    }

    /// Prefixes, each with the cargo feature that its operations, and the types only they
    /// use, are compiled with (or `None`: always).
    pub fn with_features(prefixes: impl IntoIterator<Item = (String, Option<String>)>) -> Self {
        let (prefixes, features) = prefixes.into_iter().unzip();
        Self { prefixes, features }
    }

    /// The same prefixes, all compiled always.
    pub fn without_features(&self) -> Self {
        Self::new(self.prefixes.clone())
    }

    /// The cargo feature the operation at `path` is compiled with, if any.
    pub fn feature_of(&self, path: &str) -> Option<&str> {
        let prefix = self.prefix_of(path)?;
        let at = self.prefixes.iter().position(|p| p == prefix)?;
        self.features[at].as_deref()
    }

    /// The paths starting with `prefix`.
    pub fn one(prefix: &str) -> Self {
        Self::new([prefix])
    }

    /// The prefixes, in the order given.
    pub fn prefixes(&self) -> &[String] {
        &self.prefixes
    }

    /// Whether `path` is selected.
    pub fn covers(&self, path: &str) -> bool {
        self.prefix_of(path).is_some()
    }

    /// The (longest) prefix that selects `path`.
    pub fn prefix_of(&self, path: &str) -> Option<&str> {
        self.prefixes
            .iter()
            .filter(|p| path.starts_with(p.as_str()))
            .max_by_key(|p| p.len())
            .map(String::as_str)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let quoted: Vec<String> = self.prefixes.iter().map(|p| format!("`{p}`")).collect();
        f.write_str(&quoted.join(", "))
    }
}

/// The part of a spec the generator works on.
#[derive(Debug)]
pub struct Selection<'a> {
    /// Selected paths with their path items, sorted by path.
    pub paths: BTreeMap<&'a str, &'a Value>,
    /// Selected component schemas by name.
    pub schemas: BTreeMap<&'a str, &'a Value>,
}

/// Selects the paths `scope` covers and the closure of schemas they reference. Each prefix of
/// the scope must select at least one path: a prefix that selects nothing is a stale list or a
/// typo, never silently a smaller crate.
pub fn select<'a>(doc: &'a Value, scope: &Scope, source: &str) -> Result<Selection<'a>, Error> {
    let err = |pointer: Pointer, kind| Error::new(source, pointer, kind);
    check_version(doc, source)?;
    let all_paths = doc.get("paths").and_then(Value::as_object).ok_or_else(|| {
        err(
            Pointer::root().join("paths"),
            ErrorKind::Malformed("`paths` is missing or not an object".into()),
        )
    })?;
    let paths: BTreeMap<&str, &Value> = all_paths
        .iter()
        .filter(|(path, _)| scope.covers(path))
        .map(|(path, item)| (path.as_str(), item))
        .collect();
    let empty = scope.prefixes().iter().find(|prefix| {
        !all_paths
            .keys()
            .any(|path| path.starts_with(prefix.as_str()))
    });
    if let Some(prefix) = empty.or(paths.is_empty().then_some(&String::new())) {
        return Err(err(
            Pointer::root().join("paths"),
            ErrorKind::NoPaths {
                prefix: prefix.clone(),
                available: group_prefixes(all_paths.keys().map(String::as_str)),
            },
        ));
    }

    let components = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    let mut schemas = BTreeMap::new();
    let mut pending: Vec<(String, Pointer)> = Vec::new();
    for (path, item) in &paths {
        let item_ptr = Pointer::root().join("paths").join(path);
        check_path_item(item, &item_ptr, source)?;
        for method in METHODS {
            if let Some(op) = item.get(*method) {
                collect_operation_refs(op, &item_ptr.join(method), &mut pending);
            }
        }
        if let Some(params) = item.get("parameters") {
            collect_refs(params, &item_ptr.join("parameters"), &mut pending);
        }
    }
    while let Some((reference, at)) = pending.pop() {
        let name = schema_ref_name(&reference)
            .ok_or_else(|| err(at.clone(), ErrorKind::UnsupportedRef(reference.clone())))?;
        if schemas.contains_key(name.as_str()) {
            continue;
        }
        let (name, schema) = components
            .and_then(|c| c.get_key_value(&name))
            .ok_or_else(|| err(at.clone(), ErrorKind::MissingRef(reference.clone())))?;
        schemas.insert(name.as_str(), schema);
        let ptr = Pointer::root()
            .join("components")
            .join("schemas")
            .join(name);
        collect_refs(schema, &ptr, &mut pending);
    }
    Ok(Selection { paths, schemas })
}

/// The component name of a `#/components/schemas/NAME` reference.
/// The name is a JSON pointer token, so `~1` and `~0` stand for `/` and `~`.
pub fn schema_ref_name(reference: &str) -> Option<String> {
    reference
        .strip_prefix("#/components/schemas/")
        .filter(|name| !name.is_empty() && !name.contains('/'))
        .map(|name| name.replace("~1", "/").replace("~0", "~"))
}

/// A path item is an object whose operations the generator can handle; nothing under the
/// prefix is dropped silently.
fn check_path_item(item: &Value, ptr: &Pointer, source: &str) -> Result<(), Error> {
    let err = |pointer: Pointer, kind| Err(Error::new(source, pointer, kind));
    let Some(obj) = item.as_object() else {
        return err(
            ptr.clone(),
            ErrorKind::Malformed("a path item must be an object of operations".into()),
        );
    };
    for (key, value) in obj {
        match key.as_str() {
            "$ref" => {
                return err(
                    ptr.join(key),
                    ErrorKind::UnsupportedRef(value.as_str().unwrap_or("?").to_owned()),
                );
            }
            "put" | "patch" | "head" | "options" | "trace" => {
                return err(
                    ptr.join(key),
                    ErrorKind::Unsupported(format!(
                        "`{key}` operations (Stripe's API uses GET, POST and DELETE)"
                    )),
                );
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_version(doc: &Value, source: &str) -> Result<(), Error> {
    let err = |pointer: Pointer, kind| Err(Error::new(source, pointer, kind));
    let Some(obj) = doc.as_object() else {
        return err(
            Pointer::root(),
            ErrorKind::Malformed("the document is not a JSON/YAML object".into()),
        );
    };
    if let Some(swagger) = obj.get("swagger") {
        let found = swagger.as_str().unwrap_or("?");
        return err(
            Pointer::root().join("swagger"),
            ErrorKind::UnsupportedVersion(format!("Swagger (OpenAPI 2) `{found}`")),
        );
    }
    match obj.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") => Ok(()),
        Some(v) => err(
            Pointer::root().join("openapi"),
            ErrorKind::UnsupportedVersion(format!("OpenAPI `{v}`")),
        ),
        None if obj.contains_key("openapi") => err(
            Pointer::root().join("openapi"),
            ErrorKind::Malformed(format!(
                "`openapi` must be a string such as \"3.0.0\", found {}",
                obj["openapi"]
            )),
        ),
        None => err(
            Pointer::root().join("openapi"),
            ErrorKind::Malformed(
                "`openapi` is missing: this does not look like an OpenAPI document".into(),
            ),
        ),
    }
}

/// The top-level resource groups of `paths`, as prefixes that each select at least one path,
/// sorted: `/v1/billing_portal/sessions` gives `/v1/billing_portal/`, a path with nothing below
/// its group (`/v1/account`) gives itself (`/v1/account/` would select nothing), which also
/// covers the paths below it (`/v1/customers` stands for `/v1/customers/{customer}` too).
pub fn group_prefixes<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: BTreeSet<String> = paths.map(group_prefix).collect();
    set.iter()
        .filter(|p| !p.strip_suffix('/').is_some_and(|bare| set.contains(bare)))
        .cloned()
        .collect()
}

/// The group prefix of one path (see [`group_prefixes`]).
fn group_prefix(path: &str) -> String {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        [a, b, _, ..] if !b.starts_with('{') => format!("/{a}/{b}/"),
        [a, b] if !b.starts_with('{') => format!("/{a}/{b}"),
        [a, ..] if !a.is_empty() => format!("/{a}/"),
        _ => "/".to_owned(),
    }
}

/// Refs of one operation, minus its error responses.
fn collect_operation_refs(op: &Value, ptr: &Pointer, out: &mut Vec<(String, Pointer)>) {
    let Some(obj) = op.as_object() else { return };
    for (key, value) in obj {
        let at = ptr.join(key);
        if key == "responses" {
            for (status, response) in value.as_object().into_iter().flatten() {
                if is_success_status(status) {
                    collect_refs(response, &at.join(status), out);
                }
            }
        } else {
            collect_refs(value, &at, out);
        }
    }
}

/// Whether a response key is a 2xx status (`200`, `201`, `2XX`).
pub fn is_success_status(status: &str) -> bool {
    status.starts_with('2')
}

fn collect_refs(value: &Value, ptr: &Pointer, out: &mut Vec<(String, Pointer)>) {
    collect_refs_at(value, &mut ptr.clone(), out);
}

/// [`collect_refs`] with the pointer of `value` in `at`, which it leaves as it found it.
fn collect_refs_at(value: &Value, at: &mut Pointer, out: &mut Vec<(String, Pointer)>) {
    match value {
        Value::Object(obj) => {
            if let Some(Value::String(reference)) = obj.get("$ref") {
                out.push((reference.clone(), at.join("$ref")));
                return;
            }
            let expandable = obj.contains_key("x-expansionResources");
            for (key, child) in obj {
                let back = at.push(key);
                match key.as_str() {
                    "x-expansionResources" => {}
                    "anyOf" if expandable => {
                        // Only the non-reference arms (the id string); see the module docs.
                        for (i, arm) in child.as_array().into_iter().flatten().enumerate() {
                            if arm.get("$ref").is_none() {
                                let back = at.push(&i.to_string());
                                collect_refs_at(arm, at, out);
                                at.truncate(back);
                            }
                        }
                    }
                    _ => collect_refs_at(child, at, out),
                }
                at.truncate(back);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let back = at.push(&i.to_string());
                collect_refs_at(item, at, out);
                at.truncate(back);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(paths: Value, schemas: Value) -> Value {
        json!({"openapi": "3.0.0", "info": {"version": "1"}, "paths": paths,
               "components": {"schemas": schemas}})
    }

    #[test]
    fn follows_refs_but_not_errors_or_expansions() {
        let doc = spec(
            json!({"/v1/x/a": {"get": {"responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/a"}}}},
                "default": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}
            }}}, "/v1/y": {}}),
            json!({
                "a": {"properties": {"b": {"$ref": "#/components/schemas/b"},
                      "c": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/c"}],
                            "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/c"}]}}}},
                "b": {"type": "object"}, "c": {"type": "object"}, "error": {"type": "object"}
            }),
        );
        let sel = select(&doc, &Scope::one("/v1/x/"), "t.json").unwrap();
        assert_eq!(sel.paths.keys().copied().collect::<Vec<_>>(), ["/v1/x/a"]);
        assert_eq!(sel.schemas.keys().copied().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn missing_ref_names_the_site() {
        let doc = spec(
            json!({"/v1/x": {"get": {"responses": {"200": {"content": {"application/json":
                {"schema": {"$ref": "#/components/schemas/nope"}}}}}}}}),
            json!({}),
        );
        let e = select(&doc, &Scope::one("/v1/x"), "t.json").unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::MissingRef("#/components/schemas/nope".into())
        );
        assert_eq!(
            e.pointer.as_str(),
            "/paths/~1v1~1x/get/responses/200/content/application~1json/schema/$ref"
        );
    }

    #[test]
    fn no_paths_lists_prefixes() {
        let doc = spec(
            json!({"/v1/customers": {}, "/v1/billing_portal/sessions": {}}),
            json!({}),
        );
        let e = select(&doc, &Scope::one("/v1/nothing/"), "t.json").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.json: at #/paths: no path starts with `/v1/nothing/`; prefixes in this spec: /v1/billing_portal/, /v1/customers"
        );
    }

    #[test]
    fn every_listed_prefix_selects_something_and_the_failed_one_is_not_offered() {
        let paths = [
            "/v1/account",
            "/v1/accounts/{account}",
            "/v1/billing_portal/sessions",
            "/v1/{x}",
            "/v1/customers",
            "/v1/customers/{customer}",
        ];
        let prefixes = group_prefixes(paths.into_iter());
        assert_eq!(
            prefixes,
            [
                "/v1/",
                "/v1/account",
                "/v1/accounts/",
                "/v1/billing_portal/",
                "/v1/customers"
            ]
        );
        for prefix in &prefixes {
            assert!(
                paths.iter().any(|p| p.starts_with(prefix.as_str())),
                "{prefix}"
            );
        }
        let doc = spec(
            json!({"/v1/account": {}, "/v1/accounts/{account}": {}}),
            json!({}),
        );
        let e = select(&doc, &Scope::one("/v1/account/"), "t.json")
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("prefixes in this spec: /v1/account, /v1/accounts/"),
            "{e}"
        );
    }

    #[test]
    fn a_scope_selects_every_prefix_and_each_must_select_something() {
        let doc = spec(
            json!({"/v1/x/a": {}, "/v1/events": {}, "/v1/events/{id}": {}, "/v1/other": {}}),
            json!({}),
        );
        let scope = Scope::new(["/v1/x/", "/v1/events"]);
        let sel = select(&doc, &scope, "t.json").unwrap();
        assert_eq!(
            sel.paths.keys().copied().collect::<Vec<_>>(),
            ["/v1/events", "/v1/events/{id}", "/v1/x/a"]
        );
        let e = select(&doc, &Scope::new(["/v1/x/", "/v1/gone"]), "t.json").unwrap_err();
        assert!(
            e.to_string().contains("no path starts with `/v1/gone`"),
            "{e}"
        );
        assert_eq!(scope.prefix_of("/v1/events/{id}"), Some("/v1/events"));
        assert_eq!(scope.to_string(), "`/v1/x/`, `/v1/events`");
    }

    #[test]
    fn rejects_swagger_and_3_1() {
        let e = select(&json!({"swagger": "2.0"}), &Scope::one("/"), "s.json").unwrap_err();
        assert!(e.to_string().contains("Swagger (OpenAPI 2) `2.0`"), "{e}");
        let e = select(&json!({"openapi": "3.1.0"}), &Scope::one("/"), "s.json").unwrap_err();
        assert!(e.to_string().contains("OpenAPI `3.1.0`"), "{e}");
    }
}
