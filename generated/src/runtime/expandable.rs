//! Fields that hold an id, or the object itself when the request asked to expand it.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// An object of Stripe's API with an id.
pub trait HasId {
    /// The object's id.
    fn id(&self) -> &str;
}

impl HasId for serde_json::Value {
    /// The `id` member of an object kept as raw JSON, or `""` when there is none.
    fn id(&self) -> &str {
        self.get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
    }
}

/// An expandable field: Stripe sends the id, or the whole object when the request listed the
/// field in `expand`.
///
/// When the object's type lies outside this crate (for example `application`), `T` is
/// [`serde_json::Value`]: the expanded object is kept as raw JSON, so nothing is lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Expandable<T> {
    /// Not expanded: the object's id.
    Id(String),
    /// Expanded: the object.
    Object(Box<T>),
}

impl<T: HasId> Expandable<T> {
    /// The object's id, expanded or not.
    pub fn id(&self) -> &str {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(object) => object.id(),
        }
    }
}

impl<T> Expandable<T> {
    /// The object, if the field was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }
}

impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

/// A string is an id; a map is the object, decoded in place so errors keep their path.
struct ExpandableVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ExpandableVisitor<T> {
    type Value = Expandable<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id string or an expanded object")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Expandable::Id(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Expandable::Id(v))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|object| Expandable::Object(Box::new(object)))
    }
}

#[cfg(test)]
mod tests {
    use super::{Expandable, HasId};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Thing {
        id: String,
        n: i64,
    }

    impl HasId for Thing {
        fn id(&self) -> &str {
            &self.id
        }
    }

    #[test]
    fn id_or_object() {
        let id: Expandable<Thing> = serde_json::from_str(r#""th_1""#).unwrap();
        assert_eq!(id, Expandable::Id("th_1".into()));
        let obj: Expandable<Thing> = serde_json::from_str(r#"{"id":"th_2","n":3}"#).unwrap();
        assert_eq!(obj.id(), "th_2");
        assert_eq!(obj.as_object().unwrap().n, 3);
        assert_eq!(
            serde_json::to_string(&obj).unwrap(),
            r#"{"id":"th_2","n":3}"#
        );
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""th_1""#);
    }

    #[test]
    fn raw_json_objects_keep_everything() {
        let raw: Expandable<serde_json::Value> =
            serde_json::from_str(r#"{"id":"ca_1","name":"x"}"#).unwrap();
        assert_eq!(raw.id(), "ca_1");
        assert_eq!(raw.as_object().unwrap()["name"], "x");
    }

    #[test]
    fn wrong_types_fail() {
        assert!(serde_json::from_str::<Expandable<Thing>>("12").is_err());
        assert!(serde_json::from_str::<Expandable<Thing>>(r#"{"id":"x"}"#).is_err());
    }
}
