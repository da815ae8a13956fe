//! Stripe's list object.

use serde::{Deserialize, Serialize};

/// One page of a list: `{"object": "list", "data": [...], "has_more": ..., "url": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// Always `list`.
    pub object: String,
    /// The items on this page.
    pub data: Vec<T>,
    /// Whether there are more items after this page (fetch them with `starting_after` set to
    /// the id of the last item).
    pub has_more: bool,
    /// The URL of this list.
    pub url: String,
}
