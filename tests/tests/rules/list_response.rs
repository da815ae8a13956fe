//! Rule "list response".

use super::*;
use rule_specs::list_response::params::ListThingsParams;
use rule_specs::list_response::resources::Thing;

#[test]
fn list_decodes_into_the_generic_list() {
    let value = json!({"object": "list", "data": [{"id": "th_1"}, {"id": "th_2"}],
        "has_more": true, "url": "/v1/test/things"});
    let list: List<Thing> = from_json(value.clone());
    let ids: Vec<&str> = list.data.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["th_1", "th_2"]);
    assert!(list.has_more);
    assert_eq!(list.url, "/v1/test/things");
    assert_eq!(to_json(&list), value);
}

#[test]
fn pagination_params() {
    assert_eq!(to_json(&ListThingsParams::new()), json!({}));
    let params = ListThingsParams {
        limit: Some(3),
        starting_after: Some("th_2".into()),
        expand: Some(vec!["data.customer".into()]),
        ..ListThingsParams::default()
    };
    assert_eq!(
        to_json(&params),
        json!({"expand": ["data.customer"], "limit": 3, "starting_after": "th_2"})
    );
}

#[test]
fn api_version_comes_from_info() {
    assert_eq!(rule_specs::list_response::API_VERSION, "2099-01-01");
}
