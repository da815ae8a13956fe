//! Rule "emptyable metadata".

use super::*;
use rule_specs::emptyable_metadata::params::CreateThingParams;

#[test]
fn clear_all_keys_or_set_some() {
    assert_eq!(to_json(&CreateThingParams::new()), json!({}));
    let mut params = CreateThingParams::new();
    params.metadata = Some(Clearable::Clear);
    assert_eq!(to_json(&params), json!({"metadata": ""}));
    // Unsetting one key is an empty value inside the map, not `Clear`.
    let map = BTreeMap::from([
        ("a".to_owned(), "1".to_owned()),
        ("b".to_owned(), String::new()),
    ]);
    params.metadata = Some(Clearable::Set(map));
    assert_eq!(to_json(&params), json!({"metadata": {"a": "1", "b": ""}}));
}

#[test]
fn reads_map_and_clear() {
    let params: CreateThingParams = from_json(json!({"metadata": {"k": "v"}}));
    let map = params.metadata.unwrap();
    assert_eq!(map.as_set().unwrap()["k"], "v");
    let params: CreateThingParams = from_json(json!({"metadata": ""}));
    assert_eq!(params.metadata, Some(Clearable::Clear));
}
