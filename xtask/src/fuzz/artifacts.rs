//! Findings on disk: [`save`] writes an input under a name made of its kind and its hash, and
//! [`replay`] runs a saved one again, as a run would.

use super::cases::{Case, Input};
use super::check::{Outcome, Target};
use super::report::FindingKind;
use super::worker::{Verdict, Worker};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Saves an input as `<dir>/<kind>-<hash>.<ext>`.
pub fn save(dir: &Path, kind: FindingKind, input: &Input) -> Result<PathBuf, String> {
    let bytes = input.bytes();
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!(
        "{}-{:016x}.{}",
        kind.word(),
        fnv1a(&bytes),
        input.extension()
    ));
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Runs one input (a saved finding) on a worker, as a run would.
pub fn replay(
    input: Input,
    case_timeout: Duration,
    target: Target,
) -> Result<Outcome, (FindingKind, String)> {
    let case = Case {
        seed: "replay".to_owned(),
        mutations: Vec::new(),
        input,
    };
    match Worker::spawn(target).run(&case, case_timeout) {
        Verdict::Done(outcome) => Ok(outcome),
        Verdict::Panicked(message) => Err((FindingKind::Panic, message)),
        Verdict::Hung => Err((
            FindingKind::Hang,
            format!("no answer within {case_timeout:?}"),
        )),
    }
}
