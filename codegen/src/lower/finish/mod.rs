//! Finishing, once every schema is walked: the candidates become the model's types. The
//! stages, in the order [`finish`] runs them: identical enums are merged (`merge.rs`), names
//! are settled (`name_claims.rs`), inline types without a description are documented by their
//! properties (`docs.rs`), the types are ordered by name and every id is renumbered to that
//! order (`order.rs`); then the passes that need every type: recursive fields are boxed
//! (`boxing.rs`) and unions learn whether they have an `id` (`union_ids.rs`).

mod boxing;
mod docs;
mod merge;
mod name_claims;
mod order;
mod union_ids;

pub(super) use order::{Renumbering, add_type};

use super::candidates::{Candidate, Candidates};
use crate::error::{Error, ErrorKind};
use crate::model::*;
use crate::pointer::Pointer;
use merge::Merged;
use name_claims::Claim;

/// The model's types, ordered by name, and where the id of each candidate went (for what
/// refers to the types from outside them: the operations).
pub(super) struct FinishedTypes {
    pub(super) types: Vec<TypeDef>,
    pub(super) renumbering: Renumbering,
}

/// Turns the candidates into the model's types; `source` is for errors.
pub(super) fn finish(candidates: Candidates, source: &str) -> Result<FinishedTypes, Error> {
    let merged = merge::merge_identical_enums(candidates.into_made());
    let origins: Vec<Pointer> = merged
        .kept
        .iter()
        .map(|c| c.def.as_ref().map(|d| d.origin.clone()).unwrap_or_default())
        .collect();
    let names = name_claims::resolve(&claims(&merged, &origins))
        .map_err(|(ptr, kind)| Error::new(source, ptr, kind))?;
    let defs = named(merged.kept, names, source)?;
    let (mut types, renumbering) = order::by_name(defs, &merged.index);
    boxing::box_recursive_fields(&mut types);
    union_ids::settle_union_ids(&mut types);
    Ok(FinishedTypes { types, renumbering })
}

/// Each kept candidate's claim to a name (`origins` are theirs); a parent is the index of its
/// claim.
fn claims<'a>(merged: &'a Merged, origins: &'a [Pointer]) -> Vec<Claim<'a>> {
    merged
        .kept
        .iter()
        .zip(origins)
        .map(|(c, origin)| Claim {
            preferred: &c.hint.preferred,
            fallback: &c.hint.fallback,
            fixed: c.fixed,
            role: c.def.as_ref().map_or(Role::Response, |d| d.role),
            parent: c.parent.map(|p| merged.index[p.0]),
            origin,
        })
        .collect()
}

/// The candidates as types, each with its settled name and, when it has no description, the
/// doc of its properties.
fn named(kept: Vec<Candidate>, names: Vec<String>, source: &str) -> Result<Vec<TypeDef>, Error> {
    kept.into_iter()
        .zip(names)
        .map(|(candidate, name)| {
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
                def.doc = docs::properties_doc(&def, &candidate.properties);
            }
            Ok(def)
        })
        .collect()
}
