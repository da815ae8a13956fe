//! Serde glue for response fields that may be absent *or* `null` (`Option<Option<T>>`).
//!
//! Used as `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`: a
//! missing field is `None` (from `default`), `null` is `Some(None)`, a value is
//! `Some(Some(value))`, and each is written back the way it came.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `Some(None)` as `null` and `Some(Some(v))` as `v` (`None` is skipped by the field).
pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(Some(v)) => serializer.serialize_some(v),
        Some(None) | None => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` becomes `Some(None)`.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        field: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_round_trip() {
        for (json, value) in [
            ("{}", None),
            (r#"{"field":null}"#, Some(None)),
            (r#"{"field":"x"}"#, Some(Some("x".to_owned()))),
        ] {
            let probe: Probe = serde_json::from_str(json).unwrap();
            assert_eq!(probe.field, value, "{json}");
            assert_eq!(serde_json::to_string(&probe).unwrap(), json);
        }
    }
}
