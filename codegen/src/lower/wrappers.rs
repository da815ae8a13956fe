//! What a schema that wraps another becomes: the emptyable idiom a clearable value (in
//! requests), an expandable field an [`TypeRef::Expandable`] of its object type, a single-arm
//! `anyOf`/`oneOf`/`allOf` its arm with the wrapper's `nullable` and description.

use super::rules;
use super::walk::{Lowered, Lowerer, SchemaSite, arm_keyword, non_empty, plain};
use crate::error::Error;
use crate::model::*;
use openapiv3::Schema;

impl Lowerer<'_> {
    /// The idioms that wrap another schema (emptyable, expandable, a single arm), or `None`.
    pub(super) fn lower_wrapper(
        &mut self,
        schema: &Schema,
        site: &SchemaSite,
    ) -> Result<Option<Lowered>, Error> {
        let doc = non_empty(&schema.schema_data.description);
        let nullable = schema.schema_data.nullable;
        if let Some((index, value)) = rules::emptyable(schema) {
            if site.role == Role::Response {
                let ty = self.fallback(
                    site,
                    "the emptyable idiom (`anyOf: [X, {enum: [\"\"]}]`) in a response",
                );
                return Ok(Some(Lowered {
                    nullable,
                    ..plain(ty, doc)
                }));
            }
            let inner_site = SchemaSite {
                ptr: site.ptr.join("anyOf").join(index.to_string()),
                ..site.clone()
            };
            let inner = self.lower_schema(value.into(), &inner_site)?;
            return Ok(Some(Lowered {
                clearable: true,
                doc: doc.or(inner.doc),
                ..inner
            }));
        }
        if let Some(targets) = rules::expansion_targets(schema) {
            let target = self.expansion_target(&targets, site)?;
            return Ok(Some(Lowered {
                nullable,
                ..plain(TypeRef::Expandable(Box::new(target)), doc)
            }));
        }
        if let Some(inner) = rules::single_arm(schema) {
            let inner_site = SchemaSite {
                ptr: site.ptr.join(arm_keyword(&schema.schema_kind)).join("0"),
                ..site.clone()
            };
            let inner = self.lower_schema(inner.into(), &inner_site)?;
            return Ok(Some(Lowered {
                nullable: nullable || inner.nullable,
                doc: doc.or(inner.doc),
                ..inner
            }));
        }
        Ok(None)
    }
}
