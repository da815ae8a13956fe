//! The named types made where a schema is used: one per inline schema that is an object, a
//! string enum or a union (identical ones share it), and the types the lowering makes itself
//! (an operation's parameters struct, the union of an expandable field's targets). Each is a
//! candidate (`candidates.rs`), defined once its children are lowered. Components have theirs
//! in `components.rs`.

use super::candidates::{Definition, Inline, NameHint};
use super::walk::{Lowerer, SchemaSite, non_empty};
use super::{naming, param_names};
use crate::error::Error;
use crate::model::*;
use crate::pointer::Pointer;
use openapiv3::Schema;

impl Lowerer<'_> {
    /// Creates (or reuses) a named type for an inline schema.
    pub(super) fn inline_type(
        &mut self,
        schema: &Schema,
        site: &SchemaSite,
        lower: impl FnOnce(&mut Self, &SchemaSite) -> Result<TypeKind, Error>,
    ) -> Result<TypeId, Error> {
        let title = schema.schema_data.title.as_deref();
        let titled = title.map(|title| match site.role {
            Role::Request => param_names::title_stem(title),
            Role::Response => naming::type_name(title),
        });
        let site = &SchemaSite {
            hint: site.hint.titled(titled),
            ..site.clone()
        };
        let parent = if title.is_none() { site.owner } else { None };
        let made =
            self.candidates
                .inline(schema, site.role, &site.hint, parent, site.property.clone());
        let id = match made {
            Inline::Shared(id) => return Ok(id),
            Inline::New(id) => id,
        };
        let kind = lower(
            self,
            &SchemaSite {
                owner: Some(id),
                ..site.clone()
            },
        )?;
        if site.role == Role::Request {
            // Its inner types were named with the stem; the struct itself is `<Stem>Params`.
            match kind {
                TypeKind::Struct(_) => self.candidates.rename(id, site.hint.params()),
                _ if title.is_some() => self.candidates.rename(id, site.hint.not_reserved()),
                _ => {}
            }
        }
        let def = Definition {
            doc: non_empty(&schema.schema_data.description),
            spec_name: title.map(str::to_owned),
            role: site.role,
            origin: site.ptr.clone(),
            kind,
        };
        self.candidates.define(id, def);
        Ok(id)
    }

    /// A type made by a rule rather than found in the spec (the union of expansion targets),
    /// named by `hint`.
    pub(super) fn synthetic_type(
        &mut self,
        hint: NameHint,
        site: &SchemaSite,
        kind: TypeKind,
    ) -> TypeId {
        let id = self.candidates.add(hint, false, site.owner);
        let def = Definition {
            doc: None,
            spec_name: None,
            role: site.role,
            origin: site.ptr.clone(),
            kind,
        };
        self.candidates.define(id, def);
        id
    }

    /// Registers a struct made by the lowering itself (operation parameters).
    /// Its children are named after `stem` (`CreateSessionLocale`, not
    /// `CreateSessionParamsLocale`).
    pub(super) fn synthetic_struct(
        &mut self,
        name: &str,
        stem: &str,
        doc: Option<String>,
        role: Role,
        origin: Pointer,
        lower: impl FnOnce(&mut Self, &SchemaSite) -> Result<Struct, Error>,
    ) -> Result<TypeId, Error> {
        let id = self.candidates.add(NameHint::root(name), true, None);
        // Children are named with the stem, their fallbacks too (`CreateAccountCompanyParams`):
        // `param_names`.
        let site = SchemaSite {
            role,
            hint: NameHint::root(stem),
            ptr: origin.clone(),
            property: None,
            owner: Some(id),
        };
        let strukt = lower(self, &site)?;
        let def = Definition {
            doc,
            spec_name: None,
            role,
            origin,
            kind: TypeKind::Struct(strukt),
        };
        self.candidates.define(id, def);
        Ok(id)
    }
}
