//! A successful answer with what came with it: the `Request-Id` Stripe's support asks for, the
//! status and how many attempts it took.

/// The value of a successful request, and what came with it (`send_with_meta`). Errors carry
/// the same `Request-Id` in [`Error::request_id`](crate::Error::request_id).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// The response's `Request-Id` header (`req_...`), if the server sent one.
    pub request_id: Option<String>,
    /// The HTTP status (2xx).
    pub status: u16,
    /// The attempts made, the last one answering (1 without retries).
    pub attempts: u32,
}

impl<T> Response<T> {
    /// The decoded body alone.
    pub fn into_value(self) -> T {
        self.value
    }
}
