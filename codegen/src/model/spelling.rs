//! The one place a [`TypeRef`] (and a role's module) is turned into text: as Rust, from the
//! module it is written in, for the emitter; in words, for docs and the change report.

use super::{Api, Role, TypeKind, TypeRef};
use std::fmt;

impl Role {
    /// The generated module that holds the types of this role.
    pub fn module(self) -> &'static str {
        match self {
            Role::Request => "params",
            Role::Response => "resources",
        }
    }

    /// The first line of that module's docs.
    pub fn module_doc(self) -> &'static str {
        match self {
            Role::Request => "Parameters: what callers send.",
            Role::Response => "Resources: what the API answers.",
        }
    }

    /// What one value of a type of this role is called in docs.
    pub fn noun(self) -> &'static str {
        match self {
            Role::Request => "parameter",
            Role::Response => "field",
        }
    }

    /// What a kind's variant holding maybe its sub-object (a tagged object's) means.
    pub fn maybe_payload(self) -> &'static str {
        match self {
            Role::Request => ", with its sub-object or none.",
            Role::Response => ", with its sub-object (`None` when the API sends none, or `null`).",
        }
    }
}

/// Where a type is written, which decides how a named type and a runtime item are reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// In the module of a role, which imports the runtime items it uses; a type of the other
    /// role is reached through `super::<module>`.
    Module(Role),
    /// In the private `wire` module inside the module of a role: one level further down.
    Wire(Role),
    /// In a sibling module that imports nothing (`operations`): every named type through
    /// `super::<module>`, every runtime item by its full path.
    Sibling {
        /// The path of the runtime module, like `crate::runtime`.
        runtime: &'a str,
    },
}

/// How a [`TypeRef`] is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation<'a> {
    /// Rust, written at a place: `Option`-free value types like `List<Configuration>`.
    Rust(Place<'a>),
    /// Short words with rustdoc links to named types, for the operations table:
    /// ``list of [`Configuration`](resources::Configuration)``.
    Linked,
    /// Words that say what kind each named type is, for the change report: ``list object of
    /// object `Configuration` `` (becoming another kind of type breaks callers too).
    Words,
}

/// Something a spelled type needs imported where it is written (with [`Place::Module`] and
/// [`Place::Wire`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Import {
    /// An item of the runtime module, like `Timestamp`.
    Runtime(&'static str),
    /// `std::collections::BTreeMap`.
    Map,
}

impl TypeRef {
    /// What the Rust spelling of this type needs imported, outermost first.
    pub fn imports(&self) -> Vec<Import> {
        let mut imports = Vec::new();
        let mut ty = self;
        loop {
            let (import, inner) = match ty {
                TypeRef::Timestamp => (Some(Import::Runtime("Timestamp")), None),
                TypeRef::Map(inner) => (Some(Import::Map), Some(inner)),
                TypeRef::List(inner) => (Some(Import::Runtime("List")), Some(inner)),
                TypeRef::Expandable(inner) => (Some(Import::Runtime("Expandable")), Some(inner)),
                TypeRef::Clearable(inner) => (Some(Import::Runtime("Clearable")), Some(inner)),
                TypeRef::Vec(inner) => (None, Some(inner)),
                TypeRef::Bool
                | TypeRef::Integer
                | TypeRef::Number
                | TypeRef::String
                | TypeRef::Json
                | TypeRef::Named(_) => (None, None),
            };
            imports.extend(import);
            match inner {
                Some(inner) => ty = inner,
                None => return imports,
            }
        }
    }
}

impl Api {
    /// `ty` spelled in `notation`.
    pub fn spell<'a>(&'a self, ty: &'a TypeRef, notation: Notation<'a>) -> Spelled<'a> {
        Spelled {
            api: self,
            ty,
            notation,
        }
    }
}

/// A [`TypeRef`] as text (see [`Api::spell`]).
#[derive(Debug, Clone, Copy)]
pub struct Spelled<'a> {
    api: &'a Api,
    ty: &'a TypeRef,
    notation: Notation<'a>,
}

impl Spelled<'_> {
    fn inner<'b>(&'b self, ty: &'b TypeRef) -> Spelled<'b> {
        Spelled {
            api: self.api,
            ty,
            notation: self.notation,
        }
    }

    /// A runtime item, by the name its place reaches it by.
    fn runtime(&self, f: &mut fmt::Formatter<'_>, item: &str) -> fmt::Result {
        match self.notation {
            Notation::Rust(Place::Sibling { runtime }) => write!(f, "{runtime}::{item}"),
            _ => f.write_str(item),
        }
    }
}

impl fmt::Display for Spelled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rust = match self.notation {
            Notation::Rust(place) => Some(place),
            Notation::Linked | Notation::Words => None,
        };
        let words = self.notation == Notation::Words;
        match (self.ty, rust) {
            (TypeRef::Named(id), _) => {
                let def = self.api.type_def(*id);
                let name = &def.name;
                let module = def.role.module();
                match self.notation {
                    Notation::Rust(Place::Module(role)) if role == def.role => f.write_str(name),
                    Notation::Rust(Place::Module(_)) => write!(f, "super::{module}::{name}"),
                    Notation::Rust(Place::Wire(role)) if role == def.role => {
                        write!(f, "super::{name}")
                    }
                    Notation::Rust(Place::Wire(_)) => write!(f, "super::super::{module}::{name}"),
                    Notation::Rust(Place::Sibling { .. }) => write!(f, "super::{module}::{name}"),
                    Notation::Linked => write!(f, "[`{name}`]({module}::{name})"),
                    Notation::Words => {
                        let kind = match &def.kind {
                            TypeKind::Struct(s) if s.tagged.is_some() => "tagged object",
                            TypeKind::Struct(_) => "object",
                            TypeKind::Enum(_) => "enum",
                            TypeKind::Union(_) => "union",
                        };
                        write!(f, "{kind} `{name}`")
                    }
                }
            }
            (TypeRef::Bool, Some(_)) => f.write_str("bool"),
            (TypeRef::Integer, Some(_)) => f.write_str("i64"),
            (TypeRef::Number, Some(_)) => f.write_str("f64"),
            (TypeRef::String, Some(_)) => f.write_str("String"),
            (TypeRef::Timestamp, Some(_)) => self.runtime(f, "Timestamp"),
            (TypeRef::Json, Some(_)) => f.write_str("serde_json::Value"),
            (TypeRef::Vec(inner), Some(_)) => write!(f, "Vec<{}>", self.inner(inner)),
            (TypeRef::Map(inner), Some(place)) => {
                let map = match place {
                    Place::Sibling { .. } => "std::collections::BTreeMap",
                    Place::Module(_) | Place::Wire(_) => "BTreeMap",
                };
                write!(f, "{map}<String, {}>", self.inner(inner))
            }
            (TypeRef::List(inner), Some(_)) => {
                self.runtime(f, "List")?;
                write!(f, "<{}>", self.inner(inner))
            }
            (TypeRef::Expandable(inner), Some(_)) => {
                self.runtime(f, "Expandable")?;
                write!(f, "<{}>", self.inner(inner))
            }
            (TypeRef::Clearable(inner), Some(_)) => {
                self.runtime(f, "Clearable")?;
                write!(f, "<{}>", self.inner(inner))
            }
            (TypeRef::Bool, None) => f.write_str("boolean"),
            (TypeRef::Integer, None) => f.write_str("integer"),
            (TypeRef::Number, None) => f.write_str("number"),
            (TypeRef::String, None) => f.write_str("string"),
            (TypeRef::Timestamp, None) => f.write_str("timestamp"),
            (TypeRef::Json, None) if words => f.write_str("raw JSON"),
            (TypeRef::Json, None) => f.write_str("JSON"),
            (TypeRef::Vec(inner), None) if words => write!(f, "list of {}", self.inner(inner)),
            (TypeRef::Vec(inner), None) => write!(f, "array of {}", self.inner(inner)),
            (TypeRef::List(inner), None) if words => {
                write!(f, "list object of {}", self.inner(inner))
            }
            (TypeRef::List(inner), None) => write!(f, "list of {}", self.inner(inner)),
            (TypeRef::Map(inner), None) => write!(f, "map of {}", self.inner(inner)),
            (TypeRef::Expandable(inner), None) => write!(f, "expandable {}", self.inner(inner)),
            (TypeRef::Clearable(inner), None) => write!(f, "clearable {}", self.inner(inner)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Enum, TypeDef, TypeId};
    use crate::pointer::Pointer;

    fn api() -> Api {
        let def = |name: &str, role| TypeDef {
            name: name.to_owned(),
            doc: None,
            spec_name: None,
            role,
            origin: Pointer::root(),
            kind: TypeKind::Enum(Enum {
                variants: Vec::new(),
                catch_all: None,
            }),
            feature: None,
            derives: Vec::new(),
        };
        Api {
            api_version: "v".into(),
            scope: Vec::new(),
            operations: Vec::new(),
            types: vec![def("Mode", Role::Request), def("Status", Role::Response)],
            fallbacks: Vec::new(),
            left_out: Vec::new(),
            not_applied: Vec::new(),
            component_count: 0,
            event_types: Vec::new(),
        }
    }

    #[test]
    fn rust_from_each_place() {
        let api = api();
        let ty = TypeRef::List(Box::new(TypeRef::Map(Box::new(TypeRef::Named(TypeId(1))))));
        let at = |place| api.spell(&ty, Notation::Rust(place)).to_string();
        assert_eq!(
            at(Place::Module(Role::Response)),
            "List<BTreeMap<String, Status>>"
        );
        assert_eq!(
            at(Place::Module(Role::Request)),
            "List<BTreeMap<String, super::resources::Status>>"
        );
        assert_eq!(
            at(Place::Wire(Role::Response)),
            "List<BTreeMap<String, super::Status>>"
        );
        assert_eq!(
            at(Place::Sibling { runtime: "rt" }),
            "rt::List<std::collections::BTreeMap<String, super::resources::Status>>"
        );
        assert_eq!(
            ty.imports(),
            [Import::Runtime("List"), Import::Map],
            "outermost first"
        );
    }

    #[test]
    fn words_and_links() {
        let api = api();
        let ty = TypeRef::Vec(Box::new(TypeRef::Named(TypeId(0))));
        assert_eq!(
            api.spell(&ty, Notation::Words).to_string(),
            "list of enum `Mode`"
        );
        assert_eq!(
            api.spell(&ty, Notation::Linked).to_string(),
            "array of [`Mode`](params::Mode)"
        );
        let json = TypeRef::Json;
        assert_eq!(api.spell(&json, Notation::Words).to_string(), "raw JSON");
        assert_eq!(api.spell(&json, Notation::Linked).to_string(), "JSON");
    }
}
