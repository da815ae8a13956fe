//! Rule "nullable ref".

use super::*;
use rule_specs::nullable_ref::resources::{Flow, Thing};

fn thing(extra: Value) -> Value {
    let base = json!({
        "after_completion": {"name": "a"},
        "flow": null,
        "id": "th_1",
        "login_page": {"name": "l"},
        "return_url": null
    });
    merged(base, extra)
}

#[test]
fn required_nullable_is_option_and_writes_null() {
    let t: Thing = from_json(thing(json!({})));
    assert_eq!(t.flow, None);
    assert_eq!(t.return_url, None);
    assert_eq!(t.after_completion, Flow { name: "a".into() });
    assert_eq!(
        to_json(&t),
        thing(json!({"next_flow": null, "on_behalf_of": null}))
    );
    let t: Thing = from_json(thing(
        json!({"flow": {"name": "f"}, "return_url": "https://x"}),
    ));
    assert_eq!(t.flow, Some(Flow { name: "f".into() }));
    assert_eq!(t.return_url.as_deref(), Some("https://x"));
}

#[test]
fn optional_nullable_is_one_option_and_writes_null() {
    let null = json!({"next_flow": null, "on_behalf_of": null});
    for extra in [json!({}), null.clone()] {
        let t: Thing = from_json(thing(extra.clone()));
        assert_eq!(t.next_flow, None, "{extra}");
        assert_eq!(t.on_behalf_of, None, "{extra}");
        // Absent and `null` are one value; it is written as `null`, which the spec allows.
        assert_eq!(to_json(&t), thing(null.clone()), "{extra}");
    }
    let value = json!({"next_flow": {"name": "n"}, "on_behalf_of": "acct_1"});
    let t: Thing = from_json(thing(value.clone()));
    assert_eq!(t.next_flow, Some(Flow { name: "n".into() }));
    assert_eq!(t.on_behalf_of.as_deref(), Some("acct_1"));
    assert_eq!(to_json(&t), thing(value));
}

#[test]
fn plain_and_wrapped_refs_are_required() {
    let mut value = thing(json!({}));
    value.as_object_mut().unwrap().remove("after_completion");
    let err = serde_json::from_value::<Thing>(value).unwrap_err();
    assert!(
        err.to_string().contains("missing field `after_completion`"),
        "{err}"
    );
}
