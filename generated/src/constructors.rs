//! Constructors for rules of Stripe's API that its OpenAPI description states only in prose,
//! written by hand beside the generated types (which the spec alone cannot make safe).
//!
//! A portal session is for a customer (`customer`, `cus_...`) or for a customer account
//! (`customer_account`, `acct_...`, Stripe's Accounts v2): the spec makes both fields optional,
//! but Stripe refuses a session with neither. `CreateSessionParams::new()` (generated) sets
//! neither; start from [`CreateSessionParams::for_customer`] or
//! [`CreateSessionParams::for_customer_account`] instead.

use crate::params::CreateSessionParams;

impl CreateSessionParams {
    /// A session for the customer `customer` (an id such as `cus_123`).
    ///
    /// ```
    /// use stripe_billing_portal::params::CreateSessionParams;
    ///
    /// let params = CreateSessionParams {
    ///     return_url: Some("https://example.com/account".into()),
    ///     ..CreateSessionParams::for_customer("cus_123")
    /// };
    /// assert_eq!(params.customer.as_deref(), Some("cus_123"));
    /// assert_eq!(params.customer_account, None);
    /// ```
    pub fn for_customer(customer: impl Into<String>) -> Self {
        Self {
            customer: Some(customer.into()),
            ..Self::new()
        }
    }

    /// A session for the customer account `account` (an Accounts v2 id such as `acct_123`).
    ///
    /// ```
    /// use stripe_billing_portal::params::CreateSessionParams;
    ///
    /// let params = CreateSessionParams::for_customer_account("acct_123");
    /// assert_eq!(params.customer_account.as_deref(), Some("acct_123"));
    /// assert_eq!(params.customer, None);
    /// ```
    pub fn for_customer_account(account: impl Into<String>) -> Self {
        Self {
            customer_account: Some(account.into()),
            ..Self::new()
        }
    }
}
