//! Operations: each method of a selected path becomes an [`Operation`]. The stages, in order:
//! every operation is read (`read.rs`: checked by `checks.rs`, parsed, named by `naming.rs`),
//! the names are settled (two alike fall back to their operationIds), then each operation's
//! parameters (`params.rs`) and response (`response.rs`) go through the walk.

mod checks;
mod naming;
mod params;
mod read;
mod response;

use super::walk::Lowerer;
use crate::error::Error;
use crate::model::{LeftOut, Operation};
use crate::select::{Scope, Selection};
use heck::ToUpperCamelCase;
use read::Parsed;

/// The operations of a selection: those lowered, in the order of their paths and methods,
/// and those left out, with why.
pub(super) struct Operations {
    pub(super) lowered: Vec<Operation>,
    pub(super) left_out: Vec<LeftOut>,
}

/// Lowers every operation of the selection (the walk makes the types they use).
pub(super) fn lower_operations(
    lowerer: &mut Lowerer<'_>,
    selection: &Selection<'_>,
    scope: &Scope,
) -> Result<Operations, Error> {
    let (mut parsed, left_out) = read::read_operations(lowerer, selection, scope)?;
    let mut names: Vec<&mut naming::OperationName> =
        parsed.iter_mut().map(|p| &mut p.name).collect();
    naming::settle(&mut names).map_err(|(at, e)| lowerer.error(at, e))?;
    let lowered = parsed
        .into_iter()
        .map(|p| lower_operation(lowerer, p))
        .collect::<Result<_, _>>()?;
    Ok(Operations { lowered, left_out })
}

fn lower_operation(lowerer: &mut Lowerer<'_>, p: Parsed<'_>) -> Result<Operation, Error> {
    let stem = p.name.name.to_upper_camel_case();
    let params = params::lower_params(lowerer, &p, &stem)?;
    let response = response::response_type(lowerer, p.success.as_ref(), &stem)?;
    Ok(Operation {
        name: p.name.name,
        kind: p.name.kind,
        operation_id: p.op.operation_id.clone().unwrap_or_default(),
        method: p.method,
        path: p.path.to_owned(),
        path_params: params.path,
        params: params.params,
        params_in: params::params_in(p.method),
        response,
        doc: p.op.description.clone().or(p.op.summary.clone()),
        origin: p.ptr,
        feature: None,
    })
}
