//! The value of a request field that Stripe lets you clear.

use super::form::CLEARABLE_MARKER;
use serde::de::{self, IntoDeserializer, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A value for a field that can be set or cleared.
///
/// Stripe's spec marks such fields as `anyOf: [T, {enum: [""]}]`: sending an empty value clears
/// the field. Other SDKs leave callers to guess between `""`, `[]` and `null`; here the choice
/// is explicit:
///
/// - leave the field out (`None` in its `Option`) to keep what is stored;
/// - [`Clearable::Set`] to store a value;
/// - [`Clearable::Clear`] to clear it (sent as `field=`).
///
/// With serde, `Clear` is the empty string `""`, so parameters kept in a JSON or TOML file
/// read and write the same way the API takes them.
///
/// A `Set` value that is empty (an empty list, an empty map, an object with every field
/// `None`) also clears the field when sent as a form (see [`form`](crate::runtime::form)):
/// `Set(vec![])` means "make it empty", and Stripe's form encoding has no way to send an empty
/// list or object other than `field=`. Stripe's official SDKs send nothing at all for an empty
/// list, so the field silently keeps its old value; here it is cleared instead. To tell the
/// encoder which values were `Set`, `Set` serializes as a newtype struct named
/// [`CLEARABLE_MARKER`]; JSON and TOML see straight through it, so there `Set(vec![1])` is
/// still `[1]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Clearable<T> {
    /// Store this value.
    Set(T),
    /// Clear the field.
    Clear,
}

impl<T> Clearable<T> {
    /// The value, unless this is `Clear`.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Clearable::Set(value) => Some(value),
            Clearable::Clear => None,
        }
    }

    /// Whether this clears the field.
    pub fn is_clear(&self) -> bool {
        matches!(self, Clearable::Clear)
    }
}

impl<T> From<T> for Clearable<T> {
    fn from(value: T) -> Self {
        Clearable::Set(value)
    }
}

impl<T: Serialize> Serialize for Clearable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Clearable::Set(value) => serializer.serialize_newtype_struct(CLEARABLE_MARKER, value),
            Clearable::Clear => serializer.serialize_str(""),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Clearable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ClearableVisitor(PhantomData))
    }
}

/// Reads `""` as `Clear` and hands everything else to `T`, streaming sequences and maps so
/// that errors inside them keep their position.
struct ClearableVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ClearableVisitor<T> {
    type Value = Clearable<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, or \"\" to clear the field")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            Ok(Clearable::Clear)
        } else {
            T::deserialize(v.into_deserializer()).map(Clearable::Set)
        }
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if v.is_empty() {
            Ok(Clearable::Clear)
        } else {
            T::deserialize(v.into_deserializer()).map(Clearable::Set)
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(Clearable::Set)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(Clearable::Set)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(Clearable::Set)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(Clearable::Set)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Clearable::Set)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Clearable::Set)
    }
}

#[cfg(test)]
mod tests {
    use super::Clearable;
    use std::collections::BTreeMap;

    #[test]
    fn empty_string_is_clear_both_ways() {
        let clear: Clearable<Vec<String>> = serde_json::from_str(r#""""#).unwrap();
        assert_eq!(clear, Clearable::Clear);
        assert_eq!(serde_json::to_string(&clear).unwrap(), r#""""#);
    }

    #[test]
    fn values_pass_through() {
        let list: Clearable<Vec<String>> = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(list, Clearable::Set(vec!["a".into(), "b".into()]));
        let map: Clearable<BTreeMap<String, String>> =
            serde_json::from_str(r#"{"k":"v"}"#).unwrap();
        assert_eq!(map.as_set().unwrap()["k"], "v");
        let text: Clearable<String> = serde_json::from_str(r#""hi""#).unwrap();
        assert_eq!(serde_json::to_string(&text).unwrap(), r#""hi""#);
        let flag: Clearable<bool> = serde_json::from_str("true").unwrap();
        assert_eq!(flag, Clearable::Set(true));
    }

    #[test]
    fn set_is_transparent_in_json() {
        assert_eq!(
            serde_json::to_string(&Clearable::Set(vec![1])).unwrap(),
            "[1]"
        );
        assert_eq!(
            serde_json::to_value(Clearable::Set("x")).unwrap(),
            serde_json::json!("x")
        );
    }

    #[test]
    fn errors_inside_values_are_reported() {
        let err = serde_json::from_str::<Clearable<Vec<i64>>>(r#"[1,"x"]"#).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
        let err = serde_json::from_str::<Clearable<Vec<i64>>>("true").unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
