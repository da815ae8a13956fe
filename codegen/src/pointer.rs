//! JSON pointers (RFC 6901) into the input spec.
//!
//! Every error and every generated type carries the pointer of the spec node it came from, so
//! that a reviewer (or a user fixing a broken spec) can jump straight to it.

use std::fmt;

/// A JSON pointer such as `/paths/~1v1~1billing_portal~1sessions/post`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the document root (displayed as `#`).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Appends one reference token, escaping `~` and `/` as RFC 6901 requires.
    pub fn join(&self, token: impl AsRef<str>) -> Self {
        let mut joined = self.clone();
        joined.push(token.as_ref());
        joined
    }

    /// Appends one reference token in place; returns the length to [`Pointer::truncate`] to
    /// for the pointer before it. A walk over a whole document goes down and up with these,
    /// rather than making a pointer per node.
    pub fn push(&mut self, token: &str) -> usize {
        let before = self.0.len();
        self.0.push('/');
        for c in token.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        before
    }

    /// Back to the pointer as it was before a [`Pointer::push`] that returned `len`.
    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Parses the fragment of a local `$ref` (`#/components/schemas/x`) into a pointer.
    pub fn from_fragment(reference: &str) -> Option<Self> {
        reference.strip_prefix('#').map(|p| Self(p.to_owned()))
    }

    /// The pointer text, empty for the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Pointer;

    #[test]
    fn escapes_slash_and_tilde() {
        let p = Pointer::root().join("paths").join("/v1/a~b");
        assert_eq!(p.as_str(), "/paths/~1v1~1a~0b");
        assert_eq!(p.to_string(), "#/paths/~1v1~1a~0b");
    }

    #[test]
    fn push_and_truncate_walk_down_and_up() {
        let mut p = Pointer::root().join("paths");
        let back = p.push("/v1/a~b");
        assert_eq!(p, Pointer::root().join("paths").join("/v1/a~b"));
        p.truncate(back);
        assert_eq!(p, Pointer::root().join("paths"));
    }

    #[test]
    fn reads_ref_fragment() {
        let p = Pointer::from_fragment("#/components/schemas/x").unwrap();
        assert_eq!(
            p,
            Pointer::root().join("components").join("schemas").join("x")
        );
        assert!(Pointer::from_fragment("other.json#/x").is_none());
    }
}
