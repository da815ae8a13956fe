//! Reduction of a panicking input ([`minimize`]): members and items removed from a document, or
//! byte ranges from a file, as long as it still panics the same way.

use super::cases::{Case, Input};
use super::report::signature;
use super::tree::{paths, remove};
use super::worker::{Verdict, Worker};
use std::time::{Duration, Instant};

/// Reduces a failing input while it still fails with the same signature: removes object members
/// and array items (a document), or byte ranges (a file). Gives up after a few thousand tries or
/// a minute, keeping what it has.
pub(super) fn minimize(case: &Case, worker: &mut Worker, timeout: Duration, wanted: &str) -> Input {
    let mut probe = Probe {
        case,
        worker,
        timeout,
        wanted,
        tries: 0,
        started: Instant::now(),
    };
    match &case.input {
        Input::Document(doc) => {
            let mut doc = doc.clone();
            let mut progress = true;
            while progress && !probe.spent() {
                progress = false;
                // Pre-order, skipping the root; after a removal the same index is the next node.
                let mut i = 1;
                while let Some(path) = paths(&doc).get(i).cloned() {
                    if probe.spent() {
                        break;
                    }
                    let mut smaller = doc.clone();
                    if remove(&mut smaller, &path) && probe.fails(Input::Document(smaller.clone()))
                    {
                        doc = smaller;
                        progress = true;
                    } else {
                        i += 1;
                    }
                }
            }
            Input::Document(doc)
        }
        Input::Text { file_name, bytes } => {
            let text = |bytes: Vec<u8>| Input::Text {
                file_name: file_name.clone(),
                bytes,
            };
            let mut bytes = bytes.clone();
            let mut chunk = bytes.len().div_ceil(2).max(1);
            loop {
                let mut start = 0;
                while start < bytes.len() && !probe.spent() {
                    let end = (start + chunk).min(bytes.len());
                    let mut smaller = bytes.clone();
                    smaller.drain(start..end);
                    if probe.fails(text(smaller.clone())) {
                        bytes = smaller;
                    } else {
                        start = end;
                    }
                }
                if chunk == 1 || probe.spent() {
                    break;
                }
                chunk = chunk.div_ceil(2);
            }
            text(bytes)
        }
    }
}

/// Runs reduced inputs for [`minimize`].
struct Probe<'a> {
    case: &'a Case,
    worker: &'a mut Worker,
    timeout: Duration,
    wanted: &'a str,
    tries: usize,
    started: Instant,
}

impl Probe<'_> {
    fn spent(&self) -> bool {
        self.tries >= 4000 || self.started.elapsed() > Duration::from_secs(60)
    }

    /// Whether `input` still panics the same way.
    fn fails(&mut self, input: Input) -> bool {
        self.tries += 1;
        let probe = Case {
            input,
            ..self.case.clone()
        };
        match self.worker.run(&probe, self.timeout) {
            Verdict::Panicked(message) => signature(&message) == self.wanted,
            Verdict::Hung => {
                *self.worker = Worker::spawn(self.worker.target);
                false
            }
            Verdict::Done(_) => false,
        }
    }
}
