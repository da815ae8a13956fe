//! Which fields are boxed: those of recursive types, known once every type is lowered.

use crate::model::*;

/// Rule "recursive types are boxed": a field whose type holds its own struct by value
/// (directly or through other structs) gets a `Box`. Fields reached through a `Vec`, map,
/// list or expandable are on the heap already and need none.
pub(super) fn box_recursive_fields(types: &mut [TypeDef]) {
    fn by_value(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Clearable(inner) => by_value(inner),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
            TypeKind::Union(u) => u
                .arms
                .iter()
                .filter(|arm| !arm.boxed)
                .filter_map(|arm| by_value(&arm.ty))
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = vec![false; edges.len()];
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            if !std::mem::replace(&mut seen[id.0], true) {
                stack.extend(&edges[id.0]);
            }
        }
        false
    };
    let mut boxed = Vec::new();
    for (i, def) in types.iter().enumerate() {
        if let TypeKind::Struct(s) = &def.kind {
            for (j, field) in s.fields.iter().enumerate() {
                if by_value(&field.ty).is_some_and(|target| reaches(target, TypeId(i))) {
                    boxed.push((i, j));
                }
            }
        }
    }
    for (i, j) in boxed {
        if let TypeKind::Struct(s) = &mut types[i].kind {
            s.fields[j].boxed = true;
        }
    }
}
