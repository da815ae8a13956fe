//! What the generated unions (an enum per `anyOf`/`oneOf` whose arms can be told apart) read
//! to choose their arm: an object's type, or the kind of a JSON value. A union reads its value
//! whole first, then decodes the arm it chose from it.

use serde::de::{self, DeserializeOwned};
use serde_json::Value;

/// The `object` value of a JSON object (Stripe's object type, like `card`), and whether it is
/// a deleted object (`"deleted": true`).
pub fn object_tag(value: &Value) -> (Option<&str>, bool) {
    let tag = value.get("object").and_then(Value::as_str);
    let deleted = value.get("deleted").and_then(Value::as_bool) == Some(true);
    (tag, deleted)
}

/// The kind of a JSON value: `string`, `integer` (a whole number), `number`, `boolean`,
/// `object`, `array` or `null`.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Decodes the chosen arm from the value.
pub fn decode_arm<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// The error for a value that is none of the union's arms.
pub fn no_arm<E: de::Error>(found: &str, expected: &[&str]) -> E {
    E::custom(format_args!(
        "expected one of {}, found {found}",
        expected.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_and_kinds() {
        assert_eq!(
            object_tag(&json!({"object": "card"})),
            (Some("card"), false)
        );
        assert_eq!(
            object_tag(&json!({"object": "customer", "deleted": true})),
            (Some("customer"), true)
        );
        assert_eq!(object_tag(&json!("cus_1")), (None, false));
        let kinds: Vec<&str> = [
            json!(1),
            json!(1.5),
            json!("a"),
            json!(true),
            json!([]),
            json!({}),
            json!(null),
        ]
        .iter()
        .map(json_kind)
        .collect();
        assert_eq!(
            kinds,
            [
                "integer", "number", "string", "boolean", "array", "object", "null"
            ]
        );
    }
}
