//! Whether a union has an `id`, which needs the types of its arms.

use crate::model::*;

/// A union has an `id` when every arm is an object with one (then it can be the object of an
/// expandable field). Known only once every type is lowered.
pub(super) fn settle_union_ids(types: &mut [TypeDef]) {
    let has_id = |types: &[TypeDef], ty: &TypeRef| match ty {
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Struct(s) => s.has_id,
            _ => false,
        },
        _ => false,
    };
    for i in 0..types.len() {
        let TypeKind::Union(u) = &types[i].kind else {
            continue;
        };
        let all = u.arms.iter().all(|arm| has_id(types, &arm.ty));
        if let TypeKind::Union(u) = &mut types[i].kind {
            u.has_id = all;
        }
    }
}
