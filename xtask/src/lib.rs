//! `cargo xtask`: the project's maintenance tasks, as a library so tests can drive them on a
//! scratch copy of the workspace. One module per command:
//!
//! - [`regen`]: the committed selection (or a release to adopt) -> `spec/` and
//!   `generated/src/generated/`, or `--check` that they are up to date;
//! - [`fetch_spec`]: download a release's full spec into the cache;
//! - [`test_data`]: the small data of other releases that the tests need;
//! - [`stress`]: the generator over every resource group of a full spec, compiled;
//! - [`mod@bench`]: the cost of regen against the cost of reading the spec at all ([`parse_json`]:
//!   the floor it is measured against, as a process);
//! - [`build_cost`]: what the generated crate costs to compile, and a user's program;
//! - [`fuzz`]: the generator on mutated small specs must not panic or hang.
//!
//! Their flags are in [`flags`]; `main` only parses them and calls the command's `run`. The
//! parts the commands share: [`layout`], [`outputs`], [`mod@format`], [`samples`], [`exit`],
//! [`task_error`], [`release_build`].

pub mod bench;
pub mod build_cost;
pub mod exit;
pub mod fetch_spec;
pub mod flags;
pub mod format;
pub mod fuzz;
pub mod layout;
pub mod outputs;
pub mod parse_json;
pub mod regen;
pub mod release_build;
pub mod samples;
pub mod stress;
pub mod task_error;
pub mod test_data;
