//! Lowering: the selected spec becomes the [`model`](crate::model).
//!
//! All decisions are taken here, once: names ([`naming`]), which idiom a schema is
//! ([`rules`]), and what differs between requests and responses ([`roles`]). Inline schemas
//! become named types; their names are settled after everything is lowered (`finish/`) so that
//! they do not depend on the order in which the spec is walked.
//!
//! The stages, in the order [`lower`] runs them:
//!
//! 1. **Checks** (`checks.rs`, `operation/checks.rs`): a schema's shape is checked before
//!    `openapiv3` parses it (every component's before the walk starts, an operation's before
//!    the operation is parsed), so that a bad schema is an error that points at the wrong
//!    member.
//! 2. **Walk** (`walk.rs`): the component schemas (`components.rs`), then the operations
//!    (`operation/`), whose parameters, bodies and responses go through the same walk. Each
//!    named type is made as a candidate (`candidates.rs`) with a preferred and a fallback
//!    name; none is named yet.
//! 3. **Finish** (`finish/`): identical enums are merged, names are settled, inline types
//!    without a description are documented by their properties, the types are ordered by name
//!    and every id is renumbered to that order (the operations' too); then the passes that
//!    need every type: recursive fields are boxed, and unions learn whether they have an `id`.
//!    The model is built from what the walk and the finish return.
//! 4. **Rules on the finished model**: [`links`], [`prose`], [`tagged`], [`events`],
//!    [`secrets`], then [`features`] (which needs every type, the events' union too) and
//!    [`derives`] (which needs every other rule's annotation).
//!
//! Which file owns which decision:
//!
//! - `checks.rs`: whether a schema is well-formed, and how deep schemas may nest
//!   ([`MAX_SCHEMA_DEPTH`]).
//! - `walk.rs`: what a schema becomes where it is used (a scalar, a list, a map, a named
//!   type, or raw JSON with a fallback that says why); `wrappers.rs`: what a schema that wraps
//!   another becomes (clearable, expandable, a single arm).
//! - `components.rs`: the component schemas (read before the walk, what a `$ref` points to,
//!   and which a component may be: an object, a string enum or a union).
//! - `inline_types.rs`: which inline schemas become named types (objects, enums and unions;
//!   identical ones share one) and the lowering's own types (parameters structs, expansion
//!   unions).
//! - `candidates.rs`: a named type before it has a name: its name hint, the properties that
//!   document it, and which identical inline schemas share it.
//! - `objects.rs`: what an object becomes (a list, a map or a struct) and a struct's fields
//!   (their Rust names and shapes); `enums.rs`: an enum's variants.
//! - `unions.rs`: whether a union's arms can be told apart; `expandable.rs`: the object type
//!   of an expandable field (its target, or the union of its targets).
//! - [`rules`]: which of Stripe's idioms a schema is.
//! - [`roles`]: what differs between requests and responses: [`field_shape`],
//!   [`unknown_fields`], constructors, identity (`has_id`) and the catch-all variant
//!   ([`CATCH_ALL`]).
//! - [`naming`]: how a spec name is spelled in Rust; [`param_names`]: how request types are
//!   named (`<Stem>Params`, and `<Stem><Field>` inside).
//! - `operation/`: which operations are lowered or left out (`read.rs`), their checks
//!   (`checks.rs`), names (`naming.rs`), parameters (`params.rs`) and response type
//!   (`response.rs`).
//! - `finish/`: which enums are one type (`merge.rs`), which type keeps its preferred name and
//!   which takes its fallback (`name_claims.rs`), the docs of inline types without their own
//!   (`docs.rs`), the order of the types and their ids (`order.rs`), which fields are boxed
//!   (`boxing.rs`), which unions have an `id` (`union_ids.rs`).
//! - [`links`]: where a description's links lead (relative ones to Stripe's docs site).
//! - [`prose`] and [`tagged`]: the rules that annotate finished types.
//! - [`events`]: which object an event carries, by its type name (a union added to the
//!   finished types); [`secrets`]: which response fields are credentials (login links too);
//!   [`features`]: which operations and types are compiled with a cargo feature only;
//!   [`derives`]: which traits each type derives.

mod candidates;
mod checks;
mod components;
pub mod derives;
mod enums;
pub mod events;
mod expandable;
pub mod features;
mod finish;
mod inline_types;
pub mod links;
pub mod naming;
mod objects;
mod operation;
pub mod param_names;
pub mod prose;
pub mod roles;
pub mod rules;
pub mod secrets;
pub mod tagged;
mod unions;
mod walk;
mod wrappers;

pub use checks::MAX_SCHEMA_DEPTH;
pub use roles::{CATCH_ALL, field_shape, unknown_fields};

use crate::error::{Error, ErrorKind};
use crate::model::Api;
use crate::pointer::Pointer;
use crate::select::{Scope, Selection};
use finish::FinishedTypes;
use walk::{Lowerer, Walked};

/// Lowers a selection into the model.
pub fn lower(
    doc: &serde_json::Value,
    selection: &Selection<'_>,
    scope: &Scope,
    source: &str,
) -> Result<Api, Error> {
    let api_version = api_version(doc, source)?;

    // 1 and 2: the checks and the walk.
    let mut lowerer = Lowerer::new(source);
    lowerer.read_components(selection)?;
    lowerer.lower_components()?;
    let mut operations = operation::lower_operations(&mut lowerer, selection, scope)?;
    let Walked {
        candidates,
        fallbacks,
    } = lowerer.into_walked();

    // 3: the finish.
    let FinishedTypes { types, renumbering } = finish::finish(candidates, source)?;
    renumbering.operations(&mut operations.lowered);
    let mut api = Api {
        api_version,
        scope: scope.prefixes().to_vec(),
        operations: operations.lowered,
        types,
        fallbacks,
        left_out: operations.left_out,
        component_count: selection.schemas.len(),
        // Recorded by the rules below: `tagged` and `events`.
        not_applied: Vec::new(),
        event_types: Vec::new(),
    };

    // 4: the rules on the finished model, in this order.
    links::apply(&mut api);
    prose::apply(&mut api);
    tagged::apply(&mut api);
    events::apply(&mut api);
    secrets::apply(&mut api);
    features::apply(&mut api, scope);
    derives::apply(&mut api);
    Ok(api)
}

/// Stripe's API version, `info.version`.
fn api_version(doc: &serde_json::Value, source: &str) -> Result<String, Error> {
    doc.pointer("/info/version")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::new(
                source,
                Pointer::root().join("info").join("version"),
                ErrorKind::Malformed("`info.version` (the API version) is missing".into()),
            )
        })
}
