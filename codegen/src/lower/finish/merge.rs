//! Rule "identical enums are one type": inline enums of one role with the same values in the
//! same order (Stripe repeats `proration_behavior`, `mode`, `allowed_updates` in create, update
//! and response objects) become the first of them.

use crate::lower::candidates::{Candidate, Definition};
use crate::lower::naming;
use crate::model::*;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

/// The candidates once identical enums are one.
pub(super) struct Merged {
    /// The candidates that stay types, in the order they were made.
    pub(super) kept: Vec<Candidate>,
    /// For each candidate (by its id), the index in `kept` of the type it is now: its own, or
    /// that of the enum it was merged into.
    pub(super) index: Vec<usize>,
}

/// Merges identical inline enums into the first of them. The type is named by what the names
/// it had in common: the words they start and end with
/// (`SubscriptionCancelCreationParamMode` and `SubscriptionCancelUpdatingParamMode` give
/// `SubscriptionCancelMode`). A description that differs between uses is dropped for one that
/// fits all.
pub(super) fn merge_identical_enums(mut candidates: Vec<Candidate>) -> Merged {
    let groups = identical_enums(&candidates);
    for (&first, others) in &groups {
        merge_into(&mut candidates, first, others);
    }
    let merged_into: HashMap<usize, usize> = groups
        .into_iter()
        .flat_map(|(first, others)| others.into_iter().map(move |other| (other, first)))
        .collect();
    let mut kept = Vec::with_capacity(candidates.len() - merged_into.len());
    let mut index = Vec::with_capacity(candidates.len());
    for (i, candidate) in candidates.into_iter().enumerate() {
        match merged_into.get(&i) {
            // The first of a group comes before the others: its index is known.
            Some(&first) => index.push(index[first]),
            None => {
                index.push(kept.len());
                kept.push(candidate);
            }
        }
    }
    Merged { kept, index }
}

/// The groups of identical inline enums: the first of each, with the others.
fn identical_enums(candidates: &[Candidate]) -> BTreeMap<usize, Vec<usize>> {
    let mut first: HashMap<(Role, Vec<&str>), usize> = HashMap::new();
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
        let values = e.variants.iter().map(|v| v.wire_value.as_str()).collect();
        match first.entry((*role, values)) {
            Entry::Occupied(rep) => groups.entry(*rep.get()).or_default().push(i),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    groups
}

/// Makes `first` the type of `others` too: it is used by their properties as well, named by
/// what their names have in common, and documented only where their descriptions agree.
fn merge_into(candidates: &mut [Candidate], first: usize, others: &[usize]) {
    let mut properties = candidates[first].properties.clone();
    let preferred: Vec<String> = std::iter::once(first)
        .chain(others.iter().copied())
        .map(|i| candidates[i].hint.preferred.clone())
        .collect();
    let doc = |c: &Candidate| c.def.as_ref().and_then(|d| d.doc.clone());
    let first_doc = doc(&candidates[first]);
    let mut docs_agree = true;
    for &other in others {
        let other = &candidates[other];
        docs_agree &= doc(other) == first_doc;
        for property in &other.properties {
            docs_agree &= properties
                .iter()
                .filter(|p| p.name == property.name)
                .all(|p| p.doc == property.doc);
            if !properties.iter().any(|p| p.name == property.name) {
                properties.push(property.clone());
            }
        }
    }
    let candidate = &mut candidates[first];
    if !docs_agree {
        for property in &mut properties {
            property.doc = None;
        }
        if let Some(def) = &mut candidate.def {
            def.doc = None;
        }
    }
    if let Some(common) = naming::common_name(&preferred) {
        candidate.hint.preferred = common;
        candidate.parent = None;
    }
    candidate.properties = properties;
}
