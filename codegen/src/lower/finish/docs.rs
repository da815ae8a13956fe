//! The docs of inline types without a description of their own: they are documented by the
//! properties they are the values of.

use crate::lower::candidates::Property;
use crate::model::*;

/// Documents an inline type by the properties it is the value of.
pub(super) fn properties_doc(def: &TypeDef, sites: &[Property]) -> Option<String> {
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
