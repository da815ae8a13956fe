//! Rule "emptyable string".

use super::*;
use rule_specs::emptyable_string::params::CreateThingParams;

#[test]
fn unset_optional_fields_are_omitted() {
    let params = CreateThingParams::new(Clearable::Set("Widget".to_owned()));
    assert_eq!(to_json(&params), json!({"name": "Widget"}));
}

#[test]
fn clear_is_sent_as_an_empty_string() {
    let mut params = CreateThingParams::new(Clearable::Clear);
    params.headline = Some(Clearable::Clear);
    params.tagline = Some(Clearable::Set("Best in class".to_owned()));
    params.nickname = Some("w".to_owned());
    assert_eq!(
        to_json(&params),
        json!({"headline": "", "name": "", "nickname": "w", "tagline": "Best in class"})
    );
}

#[test]
fn empty_string_reads_back_as_clear() {
    let params: CreateThingParams = from_json(json!({"name": "", "tagline": ""}));
    assert_eq!(params.name, Clearable::Clear);
    assert_eq!(params.tagline, Some(Clearable::Clear));
    assert_eq!(params.headline, None);
    let params: CreateThingParams = from_json(json!({"name": "Widget"}));
    assert_eq!(params.name, Clearable::Set("Widget".to_owned()));
}

#[test]
fn required_emptyable_field_must_be_present() {
    let err = serde_json::from_value::<CreateThingParams>(json!({"headline": "x"}));
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("missing field `name`")
    );
}
