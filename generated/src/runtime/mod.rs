//! Hand-written support types that the generated code is built on.

mod clearable;
mod expandable;
mod list;
pub mod optional_nullable;
mod timestamp;

pub use clearable::Clearable;
pub use expandable::{Expandable, HasId};
pub use list::List;
pub use timestamp::Timestamp;
