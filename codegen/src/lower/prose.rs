//! Rules of Stripe's API that its OpenAPI description states only in prose, kept here as data
//! and applied by the lowering wherever a spec matches them, so that the generated types can
//! enforce them and every release that has the shape gets the same API.
//!
//! One kind so far, "one of": an operation whose parameters name what the request is for by
//! one of several optional id fields, of which Stripe requires one (a portal session is for a
//! `customer` or a `customer_account`). The spec makes each optional, so the generated
//! `new()` would build a request Stripe refuses; the rule gives the struct one constructor per
//! field (`for_customer`, `for_customer_account`). It applies only where every named field the
//! spec has is an optional string and the struct has no required field; elsewhere (an older
//! release where `customer` is required) the struct stays as the spec says.

use crate::model::*;

/// A "one of" rule: `operation_id`'s parameters need one of `fields`.
pub struct OneOf {
    /// The operation, by its `operationId` (stable across Stripe's releases).
    pub operation_id: &'static str,
    /// The fields (wire names) with what each holds.
    pub fields: &'static [(&'static str, &'static str)],
    /// Why, for the docs.
    pub reason: &'static str,
}

/// The rules.
pub const ONE_OF: &[OneOf] = &[OneOf {
    operation_id: "PostBillingPortalSessions",
    fields: &[
        ("customer", "the customer (an id such as `cus_123`)"),
        (
            "customer_account",
            "the customer account (an Accounts v2 id such as `acct_123`)",
        ),
    ],
    reason: "A portal session is for a customer or for a customer account: Stripe refuses\n\
             one for neither, although the spec makes each field optional.",
}];

/// Records each rule's [`Choice`] on the parameters struct of its operation, where it applies.
pub fn apply(api: &mut Api) {
    for rule in ONE_OF {
        let Some(params) = api
            .operations
            .iter()
            .find(|op| op.operation_id == rule.operation_id)
            .and_then(|op| op.params)
        else {
            continue;
        };
        let TypeKind::Struct(s) = &mut api.types[params.0].kind else {
            continue;
        };
        if let Some(choice) = choice(rule, s) {
            s.constructor = Constructor::Choice(choice);
        }
    }
}

/// The choice `rule` gives `s`, if the spec matches it.
fn choice(rule: &OneOf, s: &Struct) -> Option<Choice> {
    if s.fields.iter().any(|f| f.shape.is_required()) {
        return None;
    }
    let mut arms = Vec::new();
    for (wire, what) in rule.fields {
        let Some(field) = s.fields.iter().find(|f| f.wire_name == *wire) else {
            continue;
        };
        if field.shape != FieldShape::Optional || field.ty != TypeRef::String {
            return None;
        }
        arms.push(ChoiceArm {
            field: field.rust_name.clone(),
            constructor: format!("for_{}", field.rust_name.trim_start_matches('_')),
            what: (*what).to_owned(),
        });
    }
    (!arms.is_empty()).then(|| Choice {
        reason: rule.reason.to_owned(),
        arms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(wire: &str, shape: FieldShape, ty: TypeRef) -> Field {
        Field {
            wire_name: wire.into(),
            rust_name: wire.into(),
            doc: None,
            ty,
            shape,
            boxed: false,
            secret: false,
        }
    }

    fn params(fields: Vec<Field>) -> Struct {
        Struct {
            fields,
            has_id: false,
            unknown_fields: UnknownFields::Refuse,
            constructor: Constructor::Required,
            tagged: None,
            envelope: None,
        }
    }

    #[test]
    fn applies_to_optional_string_fields_only() {
        let rule = &ONE_OF[0];
        let both = params(vec![
            field("customer", FieldShape::Optional, TypeRef::String),
            field("customer_account", FieldShape::Optional, TypeRef::String),
            field("return_url", FieldShape::Optional, TypeRef::String),
        ]);
        let got = choice(rule, &both).expect("applies");
        let names: Vec<&str> = got.arms.iter().map(|a| a.constructor.as_str()).collect();
        assert_eq!(names, ["for_customer", "for_customer_account"]);

        // An older release: `customer` is required, and there is no `customer_account`.
        let older = params(vec![field(
            "customer",
            FieldShape::Required,
            TypeRef::String,
        )]);
        assert_eq!(choice(rule, &older), None);
        let odd = params(vec![field(
            "customer",
            FieldShape::Optional,
            TypeRef::Integer,
        )]);
        assert_eq!(choice(rule, &odd), None);
        let none = params(vec![field(
            "return_url",
            FieldShape::Optional,
            TypeRef::String,
        )]);
        assert_eq!(choice(rule, &none), None);
    }
}
