//! Finishing, once every schema is walked: the candidates become the model's types (identical
//! enums merged, names settled, inline types documented by their properties, ordered by name,
//! ids remapped to that order), then the passes that need every type run (boxing recursive
//! fields, union ids).

use super::candidates::{Candidate, Definition, Property};
use super::walk::Walked;
use super::{names, naming};
use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use std::collections::{BTreeMap, HashMap};

/// The types ordered by name, the fallbacks, and the map from creation-order ids to final ids.
type Finished = (Vec<TypeDef>, Vec<Fallback>, Vec<usize>);

/// Settles names and orders the types by name. Returns the types, the fallbacks, and the
/// map from creation-order ids to final ids.
pub(super) fn finish(walked: Walked, source: &str) -> Result<Finished, Error> {
    let mut candidates = walked.candidates.into_made();
    let merged_into = merge_identical_enums(&mut candidates);
    let origins: Vec<Pointer> = candidates
        .iter()
        .map(|c| c.def.as_ref().map(|d| d.origin.clone()).unwrap_or_default())
        .collect();
    let claims: Vec<names::Claim<'_>> = candidates
        .iter()
        .zip(&origins)
        .zip(&merged_into)
        .filter(|(_, merged)| merged.is_none())
        .map(|((c, origin), _)| names::Claim {
            preferred: &c.hint.preferred,
            fallback: &c.hint.fallback,
            fixed: c.fixed,
            role: c.def.as_ref().map_or(Role::Response, |d| d.role),
            parent: c.parent.map(|p| p.0),
            origin,
        })
        .collect();
    // Claims skip merged candidates; parents are never merged (only enums are), but their
    // indices shift: map them to claim positions.
    let kept: Vec<usize> = (0..candidates.len())
        .filter(|&i| merged_into[i].is_none())
        .collect();
    let mut position = vec![usize::MAX; candidates.len()];
    for (pos, &i) in kept.iter().enumerate() {
        position[i] = pos;
    }
    let claims: Vec<names::Claim<'_>> = claims
        .into_iter()
        .map(|c| names::Claim {
            parent: c.parent.map(|p| position[p]).filter(|&p| p != usize::MAX),
            ..c
        })
        .collect();
    let names = names::resolve(&claims).map_err(|(ptr, kind)| Error::new(source, ptr, kind))?;
    let mut defs: Vec<Option<TypeDef>> = Vec::with_capacity(names.len());
    let candidates: Vec<Candidate> = candidates
        .into_iter()
        .zip(&merged_into)
        .filter(|(_, merged)| merged.is_none())
        .map(|(c, _)| c)
        .collect();
    for (candidate, name) in candidates.into_iter().zip(names) {
        let Some(def) = candidate.def else {
            // Unreachable once lowering succeeded; an error is better than a panic.
            return Err(Error::new(
                source,
                Pointer::root(),
                ErrorKind::Malformed(format!("type `{name}` was never defined")),
            ));
        };
        let mut def = def.named(name);
        if def.doc.is_none() {
            def.doc = properties_doc(&def, &candidate.properties);
        }
        defs.push(Some(def));
    }
    let mut order: Vec<usize> = (0..defs.len()).collect();
    order.sort_by(|&a, &b| {
        let name = |i: usize| defs[i].as_ref().map(|d| d.name.as_str());
        name(a).cmp(&name(b))
    });
    let mut by_position = vec![0; defs.len()];
    for (new, &old) in order.iter().enumerate() {
        by_position[old] = new;
    }
    // Creation-order ids to final ids; a merged enum maps to the type it merged into.
    let remap = (0..merged_into.len())
        .map(|i| by_position[position[merged_into[i].unwrap_or(i)]])
        .collect();
    let types = order.iter().filter_map(|&old| defs[old].take()).collect();
    Ok((types, walked.fallbacks, remap))
}

/// Rule "identical enums are one type": inline enums of one role with the same values in
/// the same order (Stripe repeats `proration_behavior`, `mode`, `allowed_updates` in
/// create, update and response objects) become the first of them. The type is named by
/// what the names it had in common: the words they start and end with
/// (`SubscriptionCancelCreationParamMode` and `SubscriptionCancelUpdatingParamMode` give
/// `SubscriptionCancelMode`). A description that differs between uses is dropped for one
/// that fits all.
/// Returns, per candidate, the candidate it was merged into.
fn merge_identical_enums(candidates: &mut [Candidate]) -> Vec<Option<usize>> {
    let mut merged_into = vec![None; candidates.len()];
    let mut first: HashMap<(Role, Vec<String>), usize> = HashMap::new();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, candidate) in candidates.iter().enumerate() {
        let Some(Definition {
            role,
            kind: TypeKind::Enum(e),
            ..
        }) = &candidate.def
        else {
            continue;
        };
        if candidate.fixed {
            continue;
        }
        let values = e.variants.iter().map(|v| v.wire_value.clone()).collect();
        match first.get(&(*role, values)) {
            Some(&rep) => {
                merged_into[i] = Some(rep);
                groups.entry(rep).or_default().push(i);
            }
            None => {
                let values = e.variants.iter().map(|v| v.wire_value.clone()).collect();
                first.insert((*role, values), i);
            }
        }
    }
    for (rep, members) in groups {
        let mut sites = candidates[rep].properties.clone();
        let preferred: Vec<String> = std::iter::once(rep)
            .chain(members.iter().copied())
            .map(|i| candidates[i].hint.preferred.clone())
            .collect();
        let mut docs_agree = true;
        let rep_doc = candidates[rep].def.as_ref().and_then(|d| d.doc.clone());
        for &m in &members {
            let member = &candidates[m];
            docs_agree &= member.def.as_ref().and_then(|d| d.doc.clone()) == rep_doc;
            for site in &member.properties {
                docs_agree &= sites
                    .iter()
                    .filter(|s| s.name == site.name)
                    .all(|s| s.doc == site.doc);
                if !sites.iter().any(|s| s.name == site.name) {
                    sites.push(site.clone());
                }
            }
        }
        let candidate = &mut candidates[rep];
        if !docs_agree {
            for site in &mut sites {
                site.doc = None;
            }
            if let Some(def) = &mut candidate.def {
                def.doc = None;
            }
        }
        if let Some(common) = naming::common_name(&preferred) {
            candidate.hint.preferred = common;
            candidate.parent = None;
        }
        candidate.properties = sites;
    }
    merged_into
}

/// Documents an inline type by the properties it is the value of.
fn properties_doc(def: &TypeDef, sites: &[Property]) -> Option<String> {
    if let [site] = sites
        && !site.item
        && site.doc.is_some()
    {
        return site.doc.clone();
    }
    let names: Vec<String> = sites.iter().map(|s| format!("`{}`", s.name)).collect();
    let list = match names.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let noun = match (def.role, sites.len()) {
        (Role::Request, 1) => "parameter",
        (Role::Request, _) => "parameters",
        (Role::Response, 1) => "field",
        (Role::Response, _) => "fields",
    };
    Some(match &def.kind {
        TypeKind::Enum(_) => format!("A value of the {list} {noun}."),
        TypeKind::Struct(_) if sites.iter().all(|s| s.item) => {
            format!("An item of the {list} {noun}.")
        }
        TypeKind::Struct(_) => format!("The {list} {noun}."),
        TypeKind::Union(_) => format!("One of the types of the {list} {noun}."),
    })
}

pub(super) fn remap_ids(api: &mut Api, remap: &[usize]) {
    fn walk(ty: &mut TypeRef, remap: &[usize]) {
        match ty {
            TypeRef::Named(id) => id.0 = remap[id.0],
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::List(inner)
            | TypeRef::Clearable(inner)
            | TypeRef::Expandable(inner) => walk(inner, remap),
            _ => {}
        }
    }
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for ty in s.type_refs_mut() {
                    walk(ty, remap);
                }
                if let Some(envelope) = &mut s.envelope {
                    envelope.data.0 = remap[envelope.data.0];
                }
            }
            TypeKind::Union(u) => {
                for arm in &mut u.arms {
                    walk(&mut arm.ty, remap);
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
    for event in &mut api.event_types {
        if let Some(object) = &mut event.object {
            object.0 = remap[object.0];
        }
    }
    for op in &mut api.operations {
        walk(&mut op.response, remap);
        if let Some(params) = &mut op.params {
            params.0 = remap[params.0];
        }
    }
}

/// Adds a type that a rule makes on the finished model, keeping [`Api::types`] ordered by name:
/// every id at or after its place moves up by one. Returns its id.
pub(super) fn add_type(api: &mut Api, def: TypeDef) -> TypeId {
    let count = api.types.len();
    let at = api.types.partition_point(|d| d.name < def.name);
    api.types.push(def);
    let remap: Vec<usize> = (0..=count)
        .map(|i| match i {
            i if i == count => at,
            i if i >= at => i + 1,
            i => i,
        })
        .collect();
    remap_ids(api, &remap);
    let def = api.types.pop().expect("pushed above");
    api.types.insert(at, def);
    TypeId(at)
}

/// Rule "recursive types are boxed": a field whose type holds its own struct by value
/// (directly or through other structs) gets a `Box`. Fields reached through a `Vec`, map,
/// list or expandable are on the heap already and need none.
pub(super) fn box_recursive_fields(api: &mut Api) {
    fn by_value(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Clearable(inner) => by_value(inner),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = api
        .types
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
    for (i, def) in api.types.iter().enumerate() {
        if let TypeKind::Struct(s) = &def.kind {
            for (j, field) in s.fields.iter().enumerate() {
                if by_value(&field.ty).is_some_and(|target| reaches(target, TypeId(i))) {
                    boxed.push((i, j));
                }
            }
        }
    }
    for (i, j) in boxed {
        if let TypeKind::Struct(s) = &mut api.types[i].kind {
            s.fields[j].boxed = true;
        }
    }
}

/// A union has an `id` when every arm is an object with one (then it can be the object of an
/// expandable field). Known only once every type is lowered.
pub(super) fn settle_union_ids(api: &mut Api) {
    let has_id = |api: &Api, ty: &TypeRef| match ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(s) => s.has_id,
            _ => false,
        },
        _ => false,
    };
    for i in 0..api.types.len() {
        let TypeKind::Union(u) = &api.types[i].kind else {
            continue;
        };
        let all = u.arms.iter().all(|arm| has_id(api, &arm.ty));
        if let TypeKind::Union(u) = &mut api.types[i].kind {
            u.has_id = all;
        }
    }
}
