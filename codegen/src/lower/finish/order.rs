//! The order of the model's types (by name) and the ids that follow it: every [`TypeId`]
//! made during the walk is renumbered to its type's place, and so is every id after the
//! place of a type a rule adds later.

use crate::model::*;

/// Where each type went: for each id it had (its index before), the index it has now.
pub(in crate::lower) struct Renumbering(Vec<usize>);

impl Renumbering {
    fn id(&self, id: &mut TypeId) {
        id.0 = self.0[id.0];
    }

    pub(in crate::lower) fn type_ref(&self, ty: &mut TypeRef) {
        match ty {
            TypeRef::Named(id) => self.id(id),
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::List(inner)
            | TypeRef::Clearable(inner)
            | TypeRef::Expandable(inner) => self.type_ref(inner),
            _ => {}
        }
    }

    /// The ids the types refer to one another by.
    pub(in crate::lower) fn types(&self, types: &mut [TypeDef]) {
        for def in types {
            match &mut def.kind {
                TypeKind::Struct(s) => {
                    for ty in s.type_refs_mut() {
                        self.type_ref(ty);
                    }
                    if let Some(envelope) = &mut s.envelope {
                        self.id(&mut envelope.data);
                    }
                }
                TypeKind::Union(u) => {
                    for arm in &mut u.arms {
                        self.type_ref(&mut arm.ty);
                    }
                }
                TypeKind::Enum(_) => {}
            }
        }
    }

    /// The ids of the operations' parameters and responses.
    pub(in crate::lower) fn operations(&self, operations: &mut [Operation]) {
        for op in operations {
            self.type_ref(&mut op.response);
            if let Some(params) = &mut op.params {
                self.id(params);
            }
        }
    }

    /// Every id of the model.
    fn api(&self, api: &mut Api) {
        self.types(&mut api.types);
        for event in &mut api.event_types {
            if let Some(object) = &mut event.object {
                self.id(object);
            }
        }
        self.operations(&mut api.operations);
    }
}

/// The types ordered by name (a stable sort: a request and a response type may share one),
/// with the ids they refer to one another by renumbered. `index` gives, for each id made
/// during the walk, the index of its type in `defs`.
pub(super) fn by_name(defs: Vec<TypeDef>, index: &[usize]) -> (Vec<TypeDef>, Renumbering) {
    let mut ordered: Vec<(usize, TypeDef)> = defs.into_iter().enumerate().collect();
    ordered.sort_by(|(_, a), (_, b)| a.name.cmp(&b.name));
    let mut place = vec![0; ordered.len()];
    for (new, (old, _)) in ordered.iter().enumerate() {
        place[*old] = new;
    }
    let renumbering = Renumbering(index.iter().map(|&i| place[i]).collect());
    let mut types: Vec<TypeDef> = ordered.into_iter().map(|(_, def)| def).collect();
    renumbering.types(&mut types);
    (types, renumbering)
}

/// Adds a type that a rule makes on the finished model, keeping [`Api::types`] ordered by name:
/// every id at or after its place moves up by one. Returns its id.
pub(in crate::lower) fn add_type(api: &mut Api, def: TypeDef) -> TypeId {
    let count = api.types.len();
    let at = api.types.partition_point(|d| d.name < def.name);
    api.types.push(def);
    let renumbering = Renumbering(
        (0..=count)
            .map(|i| match i {
                i if i == count => at,
                i if i >= at => i + 1,
                i => i,
            })
            .collect(),
    );
    renumbering.api(api);
    let def = api.types.pop().expect("pushed above");
    api.types.insert(at, def);
    TypeId(at)
}
