//! Which type keeps its preferred name and which takes its fallback, settled once every type
//! is known.
//!
//! Each type has a preferred name (a component's key, an inline schema's `title`, or its
//! parent's name plus the property name) and a fallback (its full path from the root: from a
//! component's name, or from an operation's stem, `CreateAccountCompanyParams`). A
//! preferred name claimed by one type only is used as is; when several different schemas claim
//! it, the fixed ones (components, operation parameters) keep it and the inline ones take their
//! fallbacks. An untitled type whose parent fell back falls back too, so that its name extends
//! the name its parent really has. A fallback that a fixed name holds (an enum property `params`
//! in `CreateThingParams`) gets the suffix `Value`. Two fallbacks that are one name are an error
//! that names both places; the whole `/v1/` API of 2020 and 2023 has none (`xtask stress`).
//! The result depends only on the set of types, not on the order in which the spec was walked.

use crate::error::ErrorKind;
use crate::pointer::Pointer;
use std::collections::BTreeMap;

/// One type's claim to a name.
pub(super) struct Claim<'a> {
    pub(super) preferred: &'a str,
    pub(super) fallback: &'a str,
    /// Components and operation parameters keep their names.
    pub(super) fixed: bool,
    /// Names are unique per role: requests and responses live in different modules.
    pub(super) role: crate::model::Role,
    /// For an untitled inline type, the type whose name its preferred name extends. Parents
    /// are created before their children, so the index is smaller.
    pub(super) parent: Option<usize>,
    pub(super) origin: &'a Pointer,
}

/// The final name of each claim, in the same order.
pub(super) fn resolve(claims: &[Claim<'_>]) -> Result<Vec<String>, (Pointer, ErrorKind)> {
    let mut counts: BTreeMap<(crate::model::Role, &str), usize> = BTreeMap::new();
    for claim in claims {
        *counts.entry((claim.role, claim.preferred)).or_default() += 1;
    }
    let fixed: std::collections::BTreeSet<(crate::model::Role, &str)> = claims
        .iter()
        .filter(|c| c.fixed)
        .map(|c| (c.role, c.preferred))
        .collect();
    let mut names: Vec<String> = Vec::with_capacity(claims.len());
    let mut fell_back: Vec<bool> = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let parent_fell_back = claim.parent.is_some_and(|p| p < i && fell_back[p]);
        let contested = counts[&(claim.role, claim.preferred)] > 1;
        let fall_back = !claim.fixed && (contested || parent_fell_back);
        names.push(if !fall_back {
            claim.preferred.to_owned()
        } else if fixed.contains(&(claim.role, claim.fallback)) {
            // Only a property named like the struct it is in can get here (an enum `params` in
            // `CreateThingParams`): fixed names win, so the fallback says it is a value.
            format!("{}Value", claim.fallback)
        } else {
            claim.fallback.to_owned()
        });
        fell_back.push(fall_back);
    }
    let mut seen: BTreeMap<(crate::model::Role, &str), usize> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(&first) = seen.get(&(claims[i].role, name.as_str())) {
            return Err((
                claims[i].origin.clone(),
                ErrorKind::NameCollision {
                    rust_name: name.clone(),
                    first: claims[first].origin.to_string(),
                    second: claims[i].origin.to_string(),
                },
            ));
        }
        seen.insert((claims[i].role, name), i);
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim<'a>(
        p: &'a str,
        f: &'a str,
        fixed: bool,
        parent: Option<usize>,
        o: &'a Pointer,
    ) -> Claim<'a> {
        Claim {
            preferred: p,
            fallback: f,
            fixed,
            role: crate::model::Role::Response,
            parent,
            origin: o,
        }
    }

    #[test]
    fn contested_names_fall_back_and_children_follow() {
        let o = Pointer::root();
        let claims = [
            claim("Root", "Root", true, None, &o),
            claim("Profile", "RootA", false, None, &o),
            claim("Profile", "RootB", false, None, &o),
            claim("ProfileSupport", "RootASupport", false, Some(1), &o),
            claim("Lonely", "RootC", false, None, &o),
        ];
        assert_eq!(
            resolve(&claims).unwrap(),
            ["Root", "RootA", "RootB", "RootASupport", "Lonely"]
        );
    }

    #[test]
    fn fixed_names_win_and_duplicates_are_errors() {
        let o = Pointer::root();
        let claims = [
            claim("Params", "Params", true, None, &o),
            claim("Params", "ParamsParams", false, None, &o),
        ];
        assert_eq!(resolve(&claims).unwrap(), ["Params", "ParamsParams"]);
        // A fallback that a fixed name holds: an enum property `params` in `CreateThingParams`.
        let claims = [
            claim("CreateThingParams", "CreateThingParams", true, None, &o),
            claim("CreateThingParams", "CreateThingParams", false, None, &o),
        ];
        assert_eq!(
            resolve(&claims).unwrap(),
            ["CreateThingParams", "CreateThingParamsValue"]
        );
        let claims = [
            claim("A", "A", true, None, &o),
            claim("A", "A", true, None, &o),
        ];
        assert!(matches!(
            resolve(&claims),
            Err((_, ErrorKind::NameCollision { .. }))
        ));
    }
}
