//! A spec with nothing under the selected prefix.

use super::*;

#[test]
pub(crate) fn no_matching_prefix() {
    rejected(
        "no_matching_prefix.json",
        // Each selects something: `/v1/charges` is a path of its own (`/v1/charges/` would
        // select nothing), and `/v1/customers` covers `/v1/customers/{customer}` too.
        "prefixes in this spec: /v1/, /v1/billing/, /v1/charges, /v1/customers, /v2/core/",
    );
}
