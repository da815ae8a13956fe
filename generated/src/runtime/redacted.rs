//! What `Debug` prints in place of a secret (a webhook endpoint's signing `secret`): whether it
//! is there, never what it is.

use std::fmt;

/// A value shown as `<redacted>` by `Debug`, wrapped around a borrowed secret for printing.
pub struct Redacted<'a, T: ?Sized>(&'a T);

impl<'a, T: ?Sized> Redacted<'a, T> {
    /// Wraps `value` for `Debug`.
    pub fn of(value: &'a T) -> Self {
        Self(value)
    }
}

impl fmt::Debug for Redacted<'_, String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Redacted<'_, Option<String>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(<redacted>)"),
            None => f.write_str("None"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_presence_not_the_value() {
        let secret = "whsec_abc".to_owned();
        assert_eq!(format!("{:?}", Redacted::of(&secret)), "<redacted>");
        assert_eq!(
            format!("{:?}", Redacted::of(&Some(secret.clone()))),
            "Some(<redacted>)"
        );
        assert_eq!(format!("{:?}", Redacted::of(&None::<String>)), "None");
    }
}
