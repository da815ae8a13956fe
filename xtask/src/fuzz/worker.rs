//! The thread a case runs on: under `catch_unwind`, its panics recorded by a hook instead of
//! printed, and abandoned for a new one when a case outlives its time limit.

use super::cases::Case;
use super::check::{Outcome, Target};
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, mpsc};
use std::thread;
use std::time::Duration;

/// How a case ran on the worker.
pub(super) enum Verdict {
    Done(Outcome),
    Panicked(String),
    Hung,
}

/// A thread that runs cases one at a time. A worker whose case hangs is abandoned (a thread
/// cannot be stopped) and replaced.
pub(super) struct Worker {
    pub(super) target: Target,
    cases: mpsc::Sender<Case>,
    verdicts: mpsc::Receiver<Result<Outcome, String>>,
}

/// The worker's stack: the default of a spawned thread (where tests run the generator), a
/// quarter of a main thread's. A stack overflow aborts the process; `cargo xtask fuzz` runs the
/// cases in a child process to report it (see `Config::progress`).
const WORKER_STACK: usize = 2 << 20;

thread_local! {
    /// Whether this thread's panics are findings (kept quiet and recorded).
    static CAPTURE: Cell<bool> = const { Cell::new(false) };
    /// The last captured panic's message and location.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records the panics of worker threads instead of printing
/// them, and leaves every other thread's to the previous hook.
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURE.with(Cell::get) {
                let message = info.payload_as_str().unwrap_or("(a non-text panic)");
                let text = match info.location() {
                    Some(at) => {
                        format!("{message} (at {}:{}:{})", at.file(), at.line(), at.column())
                    }
                    None => message.to_owned(),
                };
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

impl Worker {
    pub(super) fn spawn(target: Target) -> Worker {
        install_hook();
        let (case_tx, case_rx) = mpsc::channel::<Case>();
        let (verdict_tx, verdict_rx) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("fuzz-case".to_owned())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                CAPTURE.with(|c| c.set(true));
                for case in case_rx {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| target(&case)));
                    let verdict = result.map_err(|_| {
                        LAST_PANIC
                            .with(|last| last.borrow_mut().take())
                            .unwrap_or_else(|| "a panic".to_owned())
                    });
                    if verdict_tx.send(verdict).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start a fuzz worker thread: {e}");
        }
        Worker {
            target,
            cases: case_tx,
            verdicts: verdict_rx,
        }
    }

    pub(super) fn run(&mut self, case: &Case, timeout: Duration) -> Verdict {
        if self.cases.send(case.clone()).is_err() {
            *self = Worker::spawn(self.target);
            if self.cases.send(case.clone()).is_err() {
                return Verdict::Panicked("the worker thread is gone".to_owned());
            }
        }
        match self.verdicts.recv_timeout(timeout) {
            Ok(Ok(outcome)) => Verdict::Done(outcome),
            Ok(Err(message)) => Verdict::Panicked(message),
            Err(mpsc::RecvTimeoutError::Timeout) => Verdict::Hung,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                *self = Worker::spawn(self.target);
                Verdict::Panicked("the worker thread died".to_owned())
            }
        }
    }
}
