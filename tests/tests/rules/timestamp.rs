//! Rule "timestamp".

use super::*;
use rule_specs::timestamp::resources::Thing;

#[test]
fn unix_time_is_a_timestamp() {
    let value = json!({"count": 2, "created": 1_700_000_000, "id": "th_1"});
    let t: Thing = from_json(value.clone());
    assert_eq!(t.created, Timestamp(1_700_000_000));
    assert_eq!(t.count, 2);
    assert_eq!(t.expires_at, None);
    assert_eq!(to_json(&t), merged(value, json!({"expires_at": null})));
    let t: Thing = from_json(json!({"count": 0, "created": 1, "id": "th_1", "expires_at": 5}));
    assert_eq!(t.expires_at, Some(Timestamp(5)));
    let t: Thing = from_json(json!({"count": 0, "created": 1, "id": "th_1", "expires_at": null}));
    assert_eq!(t.expires_at, None);
}
