//! Rule "operation naming".

use super::*;
use rule_specs::operation_naming::params::{
    CreateConfigurationParams, ListConfigurationsParams, RetrieveConfigurationParams,
    UpdateConfigurationParams,
};
use rule_specs::operation_naming::resources::DeletedConfiguration;

#[test]
fn params_structs_are_named_after_operations() {
    let create = CreateConfigurationParams { active: Some(true) };
    let update = UpdateConfigurationParams {
        active: Some(false),
    };
    let list = ListConfigurationsParams { limit: Some(10) };
    let retrieve = RetrieveConfigurationParams {
        expand: Some(vec!["x".into()]),
    };
    assert_eq!(to_json(&create), json!({"active": true}));
    assert_eq!(to_json(&update), json!({"active": false}));
    assert_eq!(to_json(&list), json!({"limit": 10}));
    assert_eq!(to_json(&retrieve), json!({"expand": ["x"]}));
}

#[test]
fn delete_answers_the_deleted_object() {
    let d: DeletedConfiguration = from_json(json!({"deleted": true, "id": "conf_1"}));
    assert!(d.deleted);
    assert_eq!(d.id, "conf_1");
}
