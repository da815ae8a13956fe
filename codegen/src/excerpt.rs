//! The selection written back as a small OpenAPI document: what the repository commits
//! (`spec/selection.json`) instead of Stripe's whole spec, so that generating needs nothing
//! outside the checkout and a spec update is a readable diff of the selected API itself.
//!
//! The document holds `openapi`, `info`, every selected path whole and every selected
//! component schema. A schema that the selected parts name but that selection cuts off (the
//! `error` schema of error responses, expansion targets outside the selection) becomes a stub,
//! so that every `$ref` still resolves and other tools (stripe-mock, validators) read the file
//! as a spec. Selecting from the document gives the same selection again, so generating from
//! it gives the same code as generating from the full spec.

use crate::select::{Selection, schema_ref_name};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The description of a stub schema.
pub const STUB_DESCRIPTION: &str = "Not selected: referenced only by error responses or as an \
    expansion target outside the selected paths. A stub, so that every $ref resolves.";

/// The selection of `doc` as a document of its own.
pub fn document(doc: &Value, selection: &Selection<'_>) -> Value {
    let mut schemas = Map::new();
    for (name, schema) in &selection.schemas {
        schemas.insert((*name).to_owned(), (*schema).clone());
    }
    let mut named = BTreeSet::new();
    for item in selection.paths.values() {
        collect_ref_names(item, &mut named);
    }
    for schema in selection.schemas.values() {
        collect_ref_names(schema, &mut named);
    }
    for name in named {
        schemas
            .entry(name)
            .or_insert_with(|| json!({"description": STUB_DESCRIPTION, "type": "object"}));
    }
    let paths: Map<String, Value> = selection
        .paths
        .iter()
        .map(|(path, item)| ((*path).to_owned(), (*item).clone()))
        .collect();
    let mut out = Map::new();
    for key in ["openapi", "info"] {
        if let Some(value) = doc.get(key) {
            out.insert(key.to_owned(), value.clone());
        }
    }
    out.insert("paths".to_owned(), Value::Object(paths));
    out.insert("components".to_owned(), json!({ "schemas": schemas }));
    sorted(Value::Object(out))
}

/// The file text of a document: keys sorted, two-space indentation, a final newline. The same
/// document always gives the same bytes, so that a diff shows only what changed.
pub fn render(doc: &Value) -> String {
    let mut text =
        serde_json::to_string_pretty(&sorted(doc.clone())).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// Whether `doc` has paths outside `scope`: a full spec, not an excerpt of the selected part.
pub fn is_full_spec(doc: &Value, scope: &crate::Scope) -> bool {
    doc.get("paths")
        .and_then(Value::as_object)
        .is_some_and(|paths| paths.keys().any(|path| !scope.covers(path)))
}

/// `value` with every object's keys in sorted order, whatever order `serde_json::Map` keeps.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The component names of every `#/components/schemas/...` reference under `value`.
fn collect_ref_names(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(obj) => {
            if let Some(name) = obj
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(schema_ref_name)
            {
                out.insert(name);
            }
            for child in obj.values() {
                collect_ref_names(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_ref_names(item, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::{Scope, select};

    fn spec() -> Value {
        json!({
            "openapi": "3.0.0",
            "info": {"version": "2026-01-01", "title": "T"},
            "servers": [{"url": "https://example.com"}],
            "paths": {
                "/v1/x/a": {"get": {"responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/a"}}}},
                    "default": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}
                }}},
                "/v1/y": {"get": {"responses": {}}}
            },
            "components": {"schemas": {
                "a": {"properties": {"b": {"$ref": "#/components/schemas/b"},
                      "c": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/c"}],
                            "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/c"}]}}}},
                "b": {"type": "object", "properties": {"n": {"type": "integer"}}},
                "c": {"type": "object", "properties": {"big": {"type": "string"}}},
                "error": {"type": "object", "properties": {"huge": {"type": "string"}}},
                "unrelated": {"type": "object"}
            }}
        })
    }

    #[test]
    fn keeps_the_selection_and_stubs_what_it_cuts() {
        let doc = spec();
        let selection = select(&doc, &Scope::one("/v1/x/"), "t.json").unwrap();
        let out = document(&doc, &selection);
        assert_eq!(out["info"], doc["info"]);
        assert_eq!(out.get("servers"), None);
        assert_eq!(
            out["paths"].as_object().unwrap().keys().collect::<Vec<_>>(),
            ["/v1/x/a"]
        );
        let schemas = out["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["a", "b", "c", "error"]);
        assert_eq!(schemas["b"], doc["components"]["schemas"]["b"]);
        for stub in ["c", "error"] {
            assert_eq!(schemas[stub]["description"], STUB_DESCRIPTION, "{stub}");
            assert_eq!(schemas[stub].get("properties"), None, "{stub}");
        }
    }

    #[test]
    fn selecting_from_the_document_gives_the_same_selection() {
        let doc = spec();
        let first = select(&doc, &Scope::one("/v1/x/"), "t.json").unwrap();
        let out = document(&doc, &first);
        let again = select(&out, &Scope::one("/v1/x/"), "t.json").unwrap();
        assert_eq!(again.paths, first.paths);
        assert_eq!(again.schemas, first.schemas);
        assert_eq!(document(&out, &again), out, "a fixpoint");
    }

    #[test]
    fn renders_sorted_and_indented_with_a_final_newline() {
        let text = render(&json!({"b": 1, "a": {"d": [1, 2], "c": "ü"}}));
        assert_eq!(
            text,
            "{\n  \"a\": {\n    \"c\": \"ü\",\n    \"d\": [\n      1,\n      2\n    ]\n  },\n  \"b\": 1\n}\n"
        );
    }

    #[test]
    fn tells_a_full_spec_from_an_excerpt() {
        let doc = spec();
        assert!(is_full_spec(&doc, &Scope::one("/v1/x/")));
        let selection = select(&doc, &Scope::one("/v1/x/"), "t.json").unwrap();
        assert!(!is_full_spec(
            &document(&doc, &selection),
            &Scope::one("/v1/x/")
        ));
    }
}
