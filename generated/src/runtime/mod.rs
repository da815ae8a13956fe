//! Hand-written support types that the generated code is built on.

mod clearable;
pub mod events;
mod expandable;
pub mod form;
mod list;
mod read_params;
mod redacted;
mod request;
pub mod tagged;
mod timestamp;
pub mod union;

pub use clearable::Clearable;
pub use expandable::{Expandable, HasId};
pub use list::List;
pub use read_params::{ParamsError, read_params};
pub use redacted::Redacted;
pub use request::{Method, ParamsIn, Request, parse_response};
#[cfg(any(feature = "client", feature = "blocking"))]
pub(crate) use request::{checked_header, excerpt};
pub use timestamp::Timestamp;
