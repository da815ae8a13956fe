//! The named types the walk makes, before they have names: each is a candidate with a name
//! hint (a preferred name and a fallback), the properties whose values it is, and its
//! definition once its children are lowered. Identical inline schemas share one candidate.
//! `finish/` turns the candidates into the model's types.

use super::{naming, param_names};
use crate::model::*;
use crate::pointer::Pointer;
use openapiv3::Schema;
use std::collections::HashMap;

/// How to name an inline type found at some place: its preferred name, and a fallback that is
/// unique by construction (the full path from its root) for when the preferred one is claimed
/// by a different schema.
#[derive(Debug, Clone)]
pub(super) struct NameHint {
    pub(super) preferred: String,
    pub(super) fallback: String,
}

impl NameHint {
    pub(super) fn root(name: &str) -> Self {
        Self {
            preferred: name.to_owned(),
            fallback: name.to_owned(),
        }
    }

    /// The hint for the value of property `field` of a type named with `self`.
    pub(super) fn child(&self, field: &str) -> Self {
        let part = naming::type_name(field);
        Self {
            preferred: format!("{}{part}", self.preferred),
            fallback: format!("{}{part}", self.fallback),
        }
    }

    /// An inline schema's `title` names it wherever it appears: `name` is the title spelled
    /// as a type name (or, in a request, as a stem: `param_names`).
    pub(super) fn titled(&self, name: Option<String>) -> Self {
        match name {
            Some(preferred) => Self {
                preferred,
                fallback: self.fallback.clone(),
            },
            None => self.clone(),
        }
    }

    /// The hint of a request struct whose inner types are named with `self`: its names end in
    /// `Params` (`param_names`).
    pub(super) fn params(&self) -> Self {
        Self {
            preferred: param_names::struct_name(&self.preferred),
            fallback: param_names::struct_name(&self.fallback),
        }
    }

    /// The hint of a titled request type that is not a struct, whose title is only a stem: its
    /// names must not shadow the generated code's own.
    pub(super) fn not_reserved(&self) -> Self {
        Self {
            preferred: naming::not_reserved(self.preferred.clone()),
            fallback: naming::not_reserved(self.fallback.clone()),
        }
    }
}

/// A property (or query parameter) whose value is an inline type, and its description: an
/// inline type without a description of its own is documented by the properties it is the
/// value of.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Property {
    pub(super) name: String,
    pub(super) doc: Option<String>,
    /// The value is an item of the property (an array element), not the property itself.
    pub(super) item: bool,
}

impl Property {
    pub(super) fn new(name: &str, doc: Option<String>) -> Self {
        Self {
            name: name.to_owned(),
            doc,
            item: false,
        }
    }
}

/// What the walk knows of a type once it is lowered: everything but its name, which is
/// settled with every other type's (`finish/`), and what the rules on the finished model add.
#[derive(Debug, Clone)]
pub(super) struct Definition {
    pub(super) doc: Option<String>,
    pub(super) spec_name: Option<String>,
    pub(super) role: Role,
    pub(super) origin: Pointer,
    pub(super) kind: TypeKind,
}

impl Definition {
    /// The model's type, named `name`; its feature and derives are for later rules to decide.
    pub(super) fn named(self, name: String) -> TypeDef {
        TypeDef {
            feature: None,
            derives: Vec::new(),
            name,
            doc: self.doc,
            spec_name: self.spec_name,
            role: self.role,
            origin: self.origin,
            kind: self.kind,
        }
    }
}

/// A named type in the making.
pub(super) struct Candidate {
    pub(super) hint: NameHint,
    /// Component schemas keep their names; only inline ones can fall back.
    pub(super) fixed: bool,
    /// For an untitled inline type, the type whose name its preferred name extends: when that
    /// type takes its fallback name, so does this one (`finish/name_claims.rs`).
    pub(super) parent: Option<TypeId>,
    /// The properties whose value it is; they document it when it has no description.
    pub(super) properties: Vec<Property>,
    /// `None` while its children are being lowered.
    pub(super) def: Option<Definition>,
}

/// An inline schema's candidate: one made before for an identical schema, or a new one.
pub(super) enum Inline {
    Shared(TypeId),
    New(TypeId),
}

/// The candidates, in the order they were made; a [`TypeId`] is an index into them until
/// `finish/` renumbers the types.
#[derive(Default)]
pub(super) struct Candidates {
    made: Vec<Candidate>,
    /// Identical inline schemas under the same preferred name share one type.
    inline: HashMap<(Role, String, String), TypeId>,
}

impl Candidates {
    /// A new candidate, not yet defined.
    pub(super) fn add(&mut self, hint: NameHint, fixed: bool, parent: Option<TypeId>) -> TypeId {
        self.made.push(Candidate {
            hint,
            fixed,
            parent,
            properties: Vec::new(),
            def: None,
        });
        TypeId(self.made.len() - 1)
    }

    /// The candidate of an inline `schema` of `role` named with `hint`, used by `property`:
    /// the one an identical schema under the same preferred name has, or a new one (then the
    /// caller lowers and defines it).
    pub(super) fn inline(
        &mut self,
        schema: &Schema,
        role: Role,
        hint: &NameHint,
        parent: Option<TypeId>,
        property: Option<Property>,
    ) -> Inline {
        let key = (
            role,
            hint.preferred.clone(),
            serde_json::to_string(schema).unwrap_or_default(),
        );
        if let Some(&id) = self.inline.get(&key) {
            self.add_property(id, property);
            return Inline::Shared(id);
        }
        let id = self.add(hint.clone(), false, parent);
        self.add_property(id, property);
        self.inline.insert(key, id);
        Inline::New(id)
    }

    fn add_property(&mut self, id: TypeId, property: Option<Property>) {
        let properties = &mut self.made[id.0].properties;
        if let Some(property) =
            property.filter(|p| !properties.iter().any(|known| known.name == p.name))
        {
            properties.push(property);
        }
    }

    pub(super) fn define(&mut self, id: TypeId, def: Definition) {
        self.made[id.0].def = Some(def);
    }

    /// Renames a candidate before its name is settled (a request struct's name is known to
    /// be one only once it is lowered).
    pub(super) fn rename(&mut self, id: TypeId, hint: NameHint) {
        self.made[id.0].hint = hint;
    }

    pub(super) fn hint(&self, id: TypeId) -> &NameHint {
        &self.made[id.0].hint
    }

    /// Every candidate, in the order they were made (the index is the [`TypeId`]).
    pub(super) fn into_made(self) -> Vec<Candidate> {
        self.made
    }
}
