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
            "the object of a `{event_type}` event {DOES_NOT_READ_AT}{at}`: {}",
            e.inner()
        ))
    })
}

/// What [`decode_object`]'s message says before the path.
const DOES_NOT_READ_AT: &str = "does not read at `";

/// The path of the field that [`decode_object`]'s `message` names (`data.object.active`),
/// below `at`, where serde stopped: the event itself (`""` or `.`), or an event in a list
/// (`data[1]`). serde sees a typed object's error at the event (the object is read in a second
/// step), so callers that report a path take the field's from here.
pub fn object_path(at: &str, message: &str) -> Option<String> {
    let (_, rest) = message.split_once(DOES_NOT_READ_AT)?;
    let (path, _) = rest.split_once('`')?;
    Some(match at {
        "" | "." => path.to_owned(),
        at => format!("{at}.{path}"),
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
        let e = decode_object::<Thing, serde_json::Error>("thing.updated", json!("nope"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("at `data.object`: invalid type"), "{e}");
        assert_eq!(object_path(".", &e).as_deref(), Some("data.object"));
        assert_eq!(
            object_path("data[1]", &e).as_deref(),
            Some("data[1].data.object")
        );
        assert_eq!(object_path(".", "missing field `id`"), None);
    }
}
