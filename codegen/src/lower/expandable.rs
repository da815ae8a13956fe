//! Rule "expandable": the object type of an expandable field (`x-expansionResources`): its
//! one selected target, raw JSON when none is selected, or else the object union of the
//! selected targets, one type per set of targets, whose catch-all keeps the others.

use super::candidates::NameHint;
use super::naming;
use super::unions::component_union;
use super::walk::{Lowerer, SchemaSite};
use crate::error::Error;
use crate::model::*;
use crate::select::schema_ref_name;
use openapiv3::Schema;

impl Lowerer<'_> {
    /// The object type of an expandable field: the one selected target, or raw JSON when the
    /// targets lie outside the selection (or are several).
    pub(super) fn expansion_target(
        &mut self,
        targets: &[&str],
        site: &SchemaSite,
    ) -> Result<TypeRef, Error> {
        let selected: Vec<(String, TypeId)> = targets
            .iter()
            .filter_map(|t| schema_ref_name(t))
            .filter_map(|name| {
                let id = self.components.get(name.as_str()).map(|(_, id)| *id)?;
                Some((name, id))
            })
            .collect();
        Ok(match selected.as_slice() {
            [(_, only)] if targets.len() == 1 => TypeRef::Named(*only),
            [] => TypeRef::Json,
            // Several types, or one selected beside others: a union, whose catch-all keeps the
            // objects of the targets outside the selection.
            _ => match self.expansion_union(&selected, targets.len(), site) {
                Some(id) => TypeRef::Named(id),
                None => self.fallback(
                    site,
                    "an expandable field whose object types cannot be told apart by `object`",
                ),
            },
        })
    }

    /// The object type of an expandable field with several targets: a union of the selected
    /// ones (one type per set of targets), or `None` when none is selected or they cannot be
    /// told apart.
    fn expansion_union(
        &mut self,
        selected: &[(String, TypeId)],
        targets: usize,
        site: &SchemaSite,
    ) -> Option<TypeId> {
        let key: Vec<&str> = selected.iter().map(|(n, _)| n.as_str()).collect();
        let key = format!("{}|{targets}", key.join("|"));
        if let Some(id) = self.expansion_unions.get(&(site.role, key.clone())) {
            return Some(*id);
        }
        let components: Vec<(&str, &Schema, TypeId)> = selected
            .iter()
            .map(|(name, id)| (name.as_str(), &self.components[name.as_str()].0, *id))
            .collect();
        let union = component_union(&components, site.role)?;
        // `CustomerOrDeletedCustomer` when every target is selected; else (the catch-all keeps
        // the others) the field's own name, which falls back to its full path when taken.
        let preferred = if selected.len() == targets {
            selected
                .iter()
                .map(|(n, _)| naming::type_name(n))
                .collect::<Vec<_>>()
                .join("Or")
        } else {
            site.hint.preferred.clone()
        };
        let hint = NameHint {
            preferred,
            fallback: format!("{}Object", site.hint.fallback),
        };
        let id = self.synthetic_type(hint, site, TypeKind::Union(union));
        self.expansion_unions.insert((site.role, key), id);
        Some(id)
    }
}
