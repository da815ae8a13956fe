//! Rule "derives": which traits each type derives, and so which the emitter writes out.
//!
//! Every type is `Clone` and `PartialEq`, and `Debug` unless a field is a secret (its `Debug`
//! then prints `<redacted>`, see [`super::secrets`]). serde's traits are derived where the Rust
//! shape is the wire shape: plain structs, and closed enums (requests). They are written out
//! where it is not: open enums (a value this version does not know is kept), unions (the arm
//! is chosen by what the JSON says), tagged objects (kind and sub-object are one value) and
//! event envelopes (the object is typed by the event's type; serializing is derived).
//! Parameters whose fields are all optional are `Default` (the base of `..Default::default()`),
//! and closed enums are `Copy`, `Eq` and `Hash` like the unit values they are.
//!
//! Runs last: it needs every other rule's annotation (secrets, tagged shapes, envelopes).

use crate::model::*;

/// Records the derives of every type.
pub fn apply(api: &mut Api) {
    for def in &mut api.types {
        def.derives = derives(def);
    }
}

fn derives(def: &TypeDef) -> Vec<Derive> {
    use Derive::*;
    let mut derives = match &def.kind {
        TypeKind::Struct(s) if s.tagged.is_some() => vec![Clone, PartialEq],
        TypeKind::Struct(s) if s.envelope.is_some() => vec![Clone, PartialEq, Serialize],
        TypeKind::Struct(s) => {
            let mut derives = vec![Clone, PartialEq, Serialize, Deserialize];
            let all_optional = s.fields.iter().all(|f| !f.shape.is_required());
            if s.constructor != Constructor::None && all_optional {
                derives.push(Default);
            }
            derives
        }
        TypeKind::Enum(e) if e.catch_all.is_some() => vec![Clone, PartialEq, Eq, Hash],
        TypeKind::Enum(_) => vec![Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize],
        TypeKind::Union(_) => vec![Clone, PartialEq],
    };
    let secret = match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.secret),
        TypeKind::Enum(_) | TypeKind::Union(_) => false,
    };
    if !secret {
        derives.push(Debug);
    }
    derives.sort();
    derives
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer::Pointer;

    fn strukt(constructor: Constructor, required: bool, secret: bool) -> TypeDef {
        let shape = match required {
            true => FieldShape::Required,
            false => FieldShape::Optional,
        };
        TypeDef {
            name: "Thing".into(),
            doc: None,
            spec_name: None,
            role: Role::Request,
            origin: Pointer::root(),
            kind: TypeKind::Struct(Struct {
                fields: vec![Field {
                    wire_name: "secret".into(),
                    rust_name: "secret".into(),
                    doc: None,
                    ty: TypeRef::String,
                    shape,
                    boxed: false,
                    secret,
                }],
                has_id: false,
                unknown_fields: UnknownFields::Refuse,
                constructor,
                tagged: None,
                envelope: None,
            }),
            feature: None,
            derives: Vec::new(),
        }
    }

    #[test]
    fn parameters_with_nothing_required_are_default_and_secrets_are_not_debug() {
        use Derive::*;
        let all = [Debug, Clone, PartialEq, Default, Serialize, Deserialize];
        assert_eq!(derives(&strukt(Constructor::Required, false, false)), all);
        assert_eq!(
            derives(&strukt(Constructor::Required, true, false)),
            [Debug, Clone, PartialEq, Serialize, Deserialize]
        );
        assert_eq!(
            derives(&strukt(Constructor::None, false, true)),
            [Clone, PartialEq, Serialize, Deserialize]
        );
    }
}
