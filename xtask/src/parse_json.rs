//! `cargo xtask parse-json` (hidden): read a JSON file and parse it into a `serde_json::Value`,
//! and nothing else; the floor of `bench`'s comparisons, in memory and as a whole process.

use crate::exit::{self, EXIT_OK};
use crate::flags::ParseJsonArgs;
use std::path::Path;
use std::process::ExitCode;

/// `cargo xtask parse-json PATH`: prints the number of the file's top-level keys.
pub fn run(args: ParseJsonArgs) -> ExitCode {
    match parse_json(&args.path) {
        Ok(keys) => {
            println!("{keys}");
            ExitCode::from(EXIT_OK)
        }
        Err(e) => exit::bad_input(e),
    }
}

/// Reads `path` and parses it into a `serde_json::Value`: `bench`'s side (c); the number of its
/// top-level keys, so that the parse cannot be optimised away.
pub fn parse_json(path: &Path) -> Result<usize, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_value(&bytes, &path.display().to_string())
}

/// The floor of both of `bench`'s comparisons: `bytes` parsed into a `Value`; its number of top-level keys.
pub fn parse_value(bytes: &[u8], source: &str) -> Result<usize, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{source}: {e}"))?;
    Ok(value.as_object().map_or(0, |o| o.len()))
}
