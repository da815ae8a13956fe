//! Recognizers for Stripe's spec idioms. Each function is one named rule of the lowering;
//! [`super`] decides what each recognized shape becomes.

use openapiv3::{
    AdditionalProperties, IntegerType, ObjectType, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

/// Rule "emptyable": `anyOf: [X, {type: string, enum: [""]}]`, Stripe's way of saying "send an
/// empty string to clear this field". Returns `X` and its index in the `anyOf`.
pub fn emptyable(schema: &Schema) -> Option<(usize, &ReferenceOr<Schema>)> {
    let SchemaKind::AnyOf { any_of } = &schema.schema_kind else {
        return None;
    };
    match any_of.as_slice() {
        [value, empty] if is_empty_string_enum(empty) => Some((0, value)),
        [empty, value] if is_empty_string_enum(empty) => Some((1, value)),
        _ => None,
    }
}

fn is_empty_string_enum(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::String(s)),
            ..
        }) => s.enumeration.len() == 1 && s.enumeration[0].as_deref() == Some(""),
        _ => false,
    }
}

/// Rule "single-arm wrapper": `anyOf: [{$ref: X}]` (or `oneOf`/`allOf` with one arm), the form
/// Stripe uses to attach `nullable: true` or a description to a reference. Returns `X`.
pub fn single_arm(schema: &Schema) -> Option<&ReferenceOr<Schema>> {
    match &schema.schema_kind {
        SchemaKind::AnyOf { any_of: arms }
        | SchemaKind::OneOf { one_of: arms }
        | SchemaKind::AllOf { all_of: arms } => match arms.as_slice() {
            [only] => Some(only),
            _ => None,
        },
        _ => None,
    }
}

/// Rule "expandable": a field with `x-expansionResources` holds an id, or the object when the
/// caller asked to expand it. Returns the `$ref`s of the possible objects.
pub fn expansion_targets(schema: &Schema) -> Option<Vec<&str>> {
    let resources = schema.schema_data.extensions.get("x-expansionResources")?;
    let arms = resources.get("oneOf").and_then(|v| v.as_array());
    Some(
        arms.into_iter()
            .flatten()
            .filter_map(|arm| arm.get("$ref").and_then(|r| r.as_str()))
            .collect(),
    )
}

/// Rule "list object": `{object: "list", data: [T], has_more, url}` becomes the generic list
/// type. Returns the item schema of `data`.
pub fn api_list_item(object: &ObjectType) -> Option<&ReferenceOr<Box<Schema>>> {
    let mut keys: Vec<&str> = object.properties.keys().map(String::as_str).collect();
    keys.sort_unstable();
    if keys != ["data", "has_more", "object", "url"] {
        return None;
    }
    let is_list_tag = matches!(
        &object.properties["object"],
        ReferenceOr::Item(s) if matches!(&s.schema_kind,
            SchemaKind::Type(Type::String(t)) if t.enumeration == [Some("list".to_owned())])
    );
    let items = match &object.properties["data"] {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::Array(a)) => a.items.as_ref(),
            _ => None,
        },
        ReferenceOr::Reference { .. } => None,
    };
    items.filter(|_| is_list_tag)
}

/// Rule "timestamp": `integer` with `format: unix-time`.
pub fn is_timestamp(integer: &IntegerType) -> bool {
    matches!(&integer.format, VariantOrUnknownOrEmpty::Unknown(f) if f == "unix-time")
}

/// Rule "map": an object without properties whose `additionalProperties` gives the value type
/// (Stripe's `metadata`). Returns the value schema, or `None` inside `Some` for "any value".
#[allow(clippy::option_option)]
pub fn map_values(object: &ObjectType) -> Option<Option<&ReferenceOr<Schema>>> {
    if !object.properties.is_empty() {
        return None;
    }
    match &object.additional_properties {
        Some(AdditionalProperties::Schema(value)) => Some(Some(&**value)),
        Some(AdditionalProperties::Any(true)) => Some(None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema(v: serde_json::Value) -> Schema {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn emptyable_in_either_order() {
        let s = schema(json!({"anyOf": [{"type": "string"}, {"type": "string", "enum": [""]}]}));
        assert_eq!(emptyable(&s).map(|(i, _)| i), Some(0));
        let s = schema(json!({"anyOf": [{"type": "string", "enum": [""]}, {"type": "integer"}]}));
        assert_eq!(emptyable(&s).map(|(i, _)| i), Some(1));
        let s = schema(json!({"anyOf": [{"type": "string"}, {"type": "string", "enum": ["x"]}]}));
        assert!(emptyable(&s).is_none());
        let s = schema(json!({"anyOf": [{"type": "string", "enum": [""]}]}));
        assert!(emptyable(&s).is_none());
    }

    #[test]
    fn single_arm_and_expansion() {
        let s = schema(json!({"anyOf": [{"$ref": "#/components/schemas/x"}], "nullable": true}));
        assert!(matches!(
            single_arm(&s),
            Some(ReferenceOr::Reference { .. })
        ));
        let s = schema(json!({
            "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/x"}],
            "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/x"}]}
        }));
        assert_eq!(expansion_targets(&s), Some(vec!["#/components/schemas/x"]));
        assert!(single_arm(&s).is_none());
    }

    #[test]
    fn list_object() {
        let list = |tag: &str| {
            schema(json!({"type": "object", "properties": {
                "data": {"type": "array", "items": {"$ref": "#/components/schemas/x"}},
                "has_more": {"type": "boolean"},
                "object": {"type": "string", "enum": [tag]},
                "url": {"type": "string"}}}))
        };
        let obj = |s: &Schema| match &s.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.clone(),
            _ => unreachable!(),
        };
        assert!(api_list_item(&obj(&list("list"))).is_some());
        assert!(api_list_item(&obj(&list("search_result"))).is_none());
    }
}
