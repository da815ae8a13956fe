//! What can go wrong in regen and its formatting step, as one error type.

use spec::SpecError;
use std::fmt;

/// What went wrong in a task.
#[derive(Debug)]
pub enum TaskError {
    /// Reading, finding or fetching the spec.
    Spec(SpecError),
    /// The spec does not generate (names the file and JSON pointer).
    Codegen(codegen::Error),
    /// Anything else (formatting, writing), with a sentence saying what.
    Other(String),
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::Spec(e) => write!(f, "{e}"),
            TaskError::Codegen(e) => write!(f, "{e}"),
            TaskError::Other(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for TaskError {}

impl From<SpecError> for TaskError {
    fn from(e: SpecError) -> Self {
        TaskError::Spec(e)
    }
}
