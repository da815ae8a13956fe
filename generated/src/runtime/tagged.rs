//! What the generated tagged objects (a `type` and one sub-object per kind, held in Rust as one
//! enum of kinds) check and keep when they are read: only the kind's own sub-object in
//! requests, the kind's sub-object where it needs one, and, in responses, the other kinds'
//! sub-objects as the API sent them.

use serde::Serialize;
use serde::de;
use serde_json::Value;
use std::collections::BTreeMap;

/// Refuses a sub-object of a kind other than `tag`: `present` lists each kind's sub-object
/// and whether it was there. Parameters read from a file must not send what their `type` does
/// not say (Stripe refuses it), nor lose it silently.
pub fn refuse_others<E: de::Error>(tag: &str, present: &[(&str, bool)]) -> Result<(), E> {
    match present.iter().find(|(key, there)| *there && *key != tag) {
        Some((key, _)) => Err(E::custom(format_args!(
            "`{key}` does not go with `type` `{tag}`: only the sub-object of the kind that \
             `type` names is sent"
        ))),
        None => Ok(()),
    }
}

/// The sub-object of kind `tag`, which that kind cannot do without.
pub fn needs<T, E: de::Error>(value: Option<T>, tag: &str) -> Result<T, E> {
    value.ok_or_else(|| E::custom(format_args!("missing field `{tag}` (`type` is `{tag}`)")))
}

/// Keeps the sub-object of another kind, `key`, as raw JSON when the API sent it (`null`
/// included), so that the object serializes as it was received.
pub fn keep<T: Serialize, E: de::Error>(
    others: &mut BTreeMap<String, Value>,
    key: &str,
    value: Option<&T>,
) -> Result<(), E> {
    if let Some(value) = value {
        others.insert(
            key.to_owned(),
            serde_json::to_value(value).map_err(E::custom)?,
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    type Error = serde_json::Error;

    #[test]
    fn only_the_kinds_own_sub_object_passes() {
        assert!(refuse_others::<Error>("cancel", &[("cancel", true), ("update", false)]).is_ok());
        let error = refuse_others::<Error>("cancel", &[("cancel", true), ("update", true)])
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("`update` does not go with `type` `cancel`"),
            "{error}"
        );
    }

    #[test]
    fn a_needed_sub_object_is_named_when_missing() {
        assert_eq!(needs::<_, Error>(Some(1), "cancel").unwrap(), 1);
        assert_eq!(
            needs::<i32, Error>(None, "cancel").unwrap_err().to_string(),
            "missing field `cancel` (`type` is `cancel`)"
        );
    }

    #[test]
    fn other_kinds_keep_null_and_skip_absence() {
        let mut others = BTreeMap::new();
        keep::<Option<i32>, Error>(&mut others, "a", Some(&None)).unwrap();
        keep::<i32, Error>(&mut others, "b", None).unwrap();
        keep::<i32, Error>(&mut others, "c", Some(&3)).unwrap();
        assert_eq!(json!(others), json!({"a": null, "c": 3}));
    }
}
