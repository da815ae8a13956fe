//! Settling the names of types once all of them are known.
//!
//! Each type has a preferred name (a component's key, an inline schema's `title`, or its
//! parent's name plus the property name) and a fallback (its full path from the root, unique by
//! construction). A preferred name claimed by one type only is used as is; when several
//! different schemas claim it, the fixed ones (components, operation parameters) keep it and
//! the inline ones take their fallbacks. The result depends only on the set of types, not on
//! the order in which they were found.

use crate::error::ErrorKind;
use crate::model::TypeDef;
use crate::pointer::Pointer;
use std::collections::BTreeMap;

/// `(preferred, fallback, fixed, definition)` for each type, in creation order.
pub(super) type Candidates = Vec<(String, String, bool, Option<TypeDef>)>;

pub(super) fn resolve(candidates: Candidates) -> Result<Vec<TypeDef>, (Pointer, ErrorKind)> {
    let mut claims: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (preferred, ..)) in candidates.iter().enumerate() {
        claims.entry(preferred).or_default().push(i);
    }
    let mut names: Vec<String> = vec![String::new(); candidates.len()];
    for ids in claims.values() {
        let contested = ids.len() > 1;
        for &i in ids {
            let (preferred, fallback, fixed, _) = &candidates[i];
            names[i] = if contested && !fixed {
                fallback.clone()
            } else {
                preferred.clone()
            };
        }
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(&first) = seen.get(name.as_str()) {
            let origin = |i: usize| {
                candidates[i]
                    .3
                    .as_ref()
                    .map(|d| d.origin.clone())
                    .unwrap_or_default()
            };
            return Err((
                origin(i),
                ErrorKind::NameCollision {
                    rust_name: name.clone(),
                    first: origin(first).to_string(),
                    second: origin(i).to_string(),
                },
            ));
        }
        seen.insert(name, i);
    }
    Ok(candidates
        .into_iter()
        .zip(names)
        .map(|((.., def), name)| TypeDef {
            name,
            ..def.expect("every candidate is defined once lowering has finished")
        })
        .collect())
}
