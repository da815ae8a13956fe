//! The exit codes of `cargo xtask`, as its `--help` states them.

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: `--check` found stale generated files.
pub const EXIT_STALE: u8 = 1;
/// Exit code: `fuzz` found a panic or a hang.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad input (spec, arguments) or an environment problem.
pub const EXIT_BAD_INPUT: u8 = 2;
