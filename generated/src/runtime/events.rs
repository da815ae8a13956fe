//! What the generated union of event objects reads its typed arms with: the object of an event,
//! decoded as the type its event type name gives, with the path of a field that does not read.

use serde::de::{self, DeserializeOwned};
use serde_json::Value;
use std::collections::BTreeMap;

/// Decodes the object of an event of type `event_type`. The error names the event type and the
/// path from `data.object` (`data.object.features.invoice_history.enabled`), so that a service
/// that logs it knows which event and which field.
pub fn decode_object<T: DeserializeOwned, E: de::Error>(
    event_type: &str,
    object: Value,
) -> Result<T, E> {
    serde_path_to_error::deserialize(object).map_err(|e| {
        let path = e.path().to_string();
        let at = match path.as_str() {
            "." => "data.object".to_owned(),
            path => format!("data.object.{path}"),
        };
        E::custom(format_args!(
            "the object of a `{event_type}` event does not read at `{at}`: {}",
            e.inner()
        ))
    })
}

/// The old value at `path` (dot-separated: `features.invoice_history.enabled`) of an event's
/// `previous_attributes`, read as `T`; `None` when the event does not list it.
pub fn previous<T: DeserializeOwned>(
    previous: Option<&BTreeMap<String, Value>>,
    path: &str,
) -> Option<Result<T, serde_json::Error>> {
    let mut parts = path.split('.');
    let first = previous?.get(parts.next()?)?;
    let value = parts.try_fold(first, |value, part| value.get(part))?;
    Some(T::deserialize(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(serde::Deserialize, Debug)]
    struct Thing {
        #[allow(dead_code)]
        inner: Inner,
    }
    #[derive(serde::Deserialize, Debug)]
    struct Inner {
        #[allow(dead_code)]
        enabled: bool,
    }

    #[test]
    fn previous_values_by_path() {
        let map: BTreeMap<String, Value> = serde_json::from_value(
            json!({"active": false, "features": {"invoice_history": {"enabled": true}}}),
        )
        .unwrap();
        assert!(!previous::<bool>(Some(&map), "active").unwrap().unwrap());
        assert!(
            previous::<bool>(Some(&map), "features.invoice_history.enabled")
                .unwrap()
                .unwrap()
        );
        assert!(previous::<bool>(Some(&map), "features.nope").is_none());
        assert!(previous::<bool>(None, "active").is_none());
        assert!(previous::<String>(Some(&map), "active").unwrap().is_err());
    }

    #[test]
    fn names_the_event_type_and_the_path_from_data_object() {
        let e = decode_object::<Thing, serde_json::Error>(
            "thing.updated",
            json!({"inner": {"enabled": "yes"}}),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(
                "the object of a `thing.updated` event does not read at `data.object.inner.enabled`: invalid type"
            ),
            "{e}"
        );
        let e = decode_object::<Thing, serde_json::Error>("thing.updated", json!([]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("at `data.object`: invalid type"), "{e}");
    }
}
