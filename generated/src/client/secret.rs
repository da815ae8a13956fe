//! The secret key, kept out of every `Debug`, `Display` and error.

use std::fmt;

/// A Stripe secret (or restricted) key. Its `Debug` shows only the kind of key
/// (`sk_test_…`), never the key.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `sk_test`, `sk_live`, `rk_live`... : the part of a key that is not secret.
    fn kind(&self) -> &str {
        let mut parts = self.0.splitn(3, '_');
        match (parts.next(), parts.next()) {
            (Some(a @ ("sk" | "rk")), Some(b @ ("test" | "live"))) => {
                let len = a.len() + 1 + b.len();
                &self.0[..len]
            }
            _ => "key",
        }
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({}_…)", self.kind())
    }
}

impl From<String> for SecretKey {
    fn from(key: String) -> Self {
        Self(key)
    }
}

impl From<&str> for SecretKey {
    fn from(key: &str) -> Self {
        Self(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::SecretKey;

    #[test]
    fn debug_shows_the_kind_only() {
        let key = SecretKey::new("sk_test_51Hsecretsecret");
        assert_eq!(format!("{key:?}"), "SecretKey(sk_test_…)");
        assert_eq!(
            format!("{:?}", SecretKey::new("whatever")),
            "SecretKey(key_…)"
        );
    }
}
