//! Rule "compiled with its feature": an operation whose scope prefix names a cargo feature
//! (`spec/scope.toml`: events and webhook endpoints, feature `webhooks`) is compiled with that
//! feature only, and so is every type that only such operations use. A type that an operation
//! without a feature uses (or operations of different features) is always compiled.
//!
//! So a program that only opens portal sessions does not compile the events' and webhook
//! endpoints' types (the 265 event type names among them), while one that turns the feature on
//! gets them all.

use crate::model::*;
use crate::select::Scope;

/// Records each operation's feature (its prefix's), then each type's.
pub fn apply(api: &mut Api, scope: &Scope) {
    for op in &mut api.operations {
        op.feature = scope.feature_of(&op.path).map(str::to_owned);
    }
    // Per type: `None` while unused, then `Some(gate)` for the first operation reaching it, and
    // `Some(None)` (always compiled) once operations with different gates reach it.
    let mut gates: Vec<Option<Option<String>>> = vec![None; api.types.len()];
    for op in &api.operations {
        let mut reached = vec![false; api.types.len()];
        let mut pending: Vec<TypeId> = Vec::new();
        pending.extend(op.params);
        named_in(&op.response, &mut pending);
        while let Some(id) = pending.pop() {
            if std::mem::replace(&mut reached[id.0], true) {
                continue;
            }
            uses(api, id, &mut pending);
        }
        for (gate, _) in gates.iter_mut().zip(&reached).filter(|(_, r)| **r) {
            *gate = match gate.take() {
                None => Some(op.feature.clone()),
                Some(same) if same == op.feature => Some(same),
                Some(_) => Some(None),
            };
        }
    }
    for (def, gate) in api.types.iter_mut().zip(gates) {
        def.feature = gate.flatten();
    }
}

/// The named types `id` holds.
fn uses(api: &Api, id: TypeId, out: &mut Vec<TypeId>) {
    match &api.type_def(id).kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                named_in(&field.ty, out);
            }
            if let Some(envelope) = &s.envelope {
                out.push(envelope.data);
            }
        }
        TypeKind::Union(u) => {
            for arm in &u.arms {
                named_in(&arm.ty, out);
            }
        }
        TypeKind::Enum(_) => {}
    }
}

fn named_in(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::List(inner)
        | TypeRef::Expandable(inner)
        | TypeRef::Clearable(inner) => named_in(inner, out),
        TypeRef::Bool
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::String
        | TypeRef::Timestamp
        | TypeRef::Json => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::select::Scope;
    use serde_json::json;

    #[test]
    fn a_type_only_gated_operations_use_is_gated_and_a_shared_one_is_not() {
        let get = |schema: &str| {
            json!({"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
                {"$ref": format!("#/components/schemas/{schema}")}}}}}}})
        };
        let doc = json!({
            "openapi": "3.0.0",
            "info": {"version": "1"},
            "paths": {"/v1/a": get("a"), "/v1/b": get("b")},
            "components": {"schemas": {
                "a": {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/shared"}}},
                "b": {"type": "object", "properties": {
                    "s": {"$ref": "#/components/schemas/shared"},
                    "o": {"$ref": "#/components/schemas/only_b"}}},
                "shared": {"type": "object", "properties": {"x": {"type": "string"}}},
                "only_b": {"type": "object", "properties": {"y": {"type": "string", "enum": ["z"]}}},
            }},
        });
        let scope = Scope::with_features([
            ("/v1/a".to_owned(), None),
            ("/v1/b".to_owned(), Some("hooks".to_owned())),
        ]);
        let api = crate::build_model(&doc, "t.json", &scope).unwrap();
        let op = |path: &str| api.operations.iter().find(|o| o.path == path).unwrap();
        assert_eq!(op("/v1/a").feature, None);
        assert_eq!(op("/v1/b").feature.as_deref(), Some("hooks"));
        let gates: Vec<(&str, Option<&str>)> = api
            .types
            .iter()
            .map(|d| (d.name.as_str(), d.feature.as_deref()))
            .collect();
        assert_eq!(
            gates,
            [
                ("A", None),
                ("B", Some("hooks")),
                ("OnlyB", Some("hooks")),
                ("OnlyBY", Some("hooks")),
                ("Shared", None),
            ]
        );
    }
}
