//! Rule "tagged response".

use super::*;
use rule_specs::tagged_response::resources::{ChargeMethod, ChargeMethodKind, ChargeMethodType};

#[test]
fn a_kind_decodes_with_its_sub_object_and_keeps_the_others() {
    let json = json!({
        "bank": null,
        "card": {"last4": "4242"},
        "label": null,
        "type": "card",
    });
    let method: ChargeMethod = from_json(json.clone());
    let ChargeMethodKind::Card(Some(card)) = &method.kind else {
        panic!("{:?}", method.kind)
    };
    assert_eq!(card.last4, "4242");
    // A `null` sub-object is no value: nothing to keep, and it is written back as `null`.
    assert_eq!(method.other_kinds, BTreeMap::new());
    assert_eq!(to_json(&method), json);
}

#[test]
fn a_kind_without_its_sub_object_and_one_without_any() {
    let method: ChargeMethod = from_json(json!({"label": "x", "type": "bank"}));
    assert_eq!(method.kind, ChargeMethodKind::Bank(None));
    // Absent sub-objects of nullable kinds (its own and the others') are written as `null`.
    assert_eq!(
        to_json(&method),
        json!({"bank": null, "card": null, "label": "x", "type": "bank"})
    );
    let method: ChargeMethod = from_json(json!({"label": null, "type": "cash"}));
    assert_eq!(method.kind.tag(), ChargeMethodType::Cash);
}

#[test]
fn an_unlisted_kind_is_kept_with_its_sub_object() {
    let json = json!({"label": null, "type": "crypto", "crypto": {"chain": "x"}, "card": null});
    let method: ChargeMethod = from_json(json.clone());
    assert_eq!(
        method.kind,
        ChargeMethodKind::Unknown {
            tag: "crypto".into(),
            payload: Some(json!({"chain": "x"})),
        }
    );
    assert_eq!(
        method.kind.tag(),
        ChargeMethodType::Unknown("crypto".into())
    );
    assert_eq!(to_json(&method), merged(json, json!({"bank": null})));
}
