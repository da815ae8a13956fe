//! The identity of a spec: a hash of its parsed content.
//!
//! Bytes are the wrong identity for a spec: the JSON and the YAML of one
//! release differ in every byte but describe the same API, and reformatting a
//! file changes nothing that matters. So the hash is taken over a canonical
//! serialization of the parsed value: object keys sorted by their bytes, no
//! whitespace, numbers and strings written as `serde_json` writes them.
//!
//! The canonical form sorts keys itself instead of relying on
//! `serde_json::Map` being a `BTreeMap`, so the hash stays the same even if
//! some crate in the build enables `serde_json`'s `preserve_order` feature.
//! It is streamed into the hasher; no serialized copy of the spec is built.

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::str::FromStr;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};

const PREFIX: &str = "sha256:";

/// The sha256 of the canonical serialization of a spec's parsed content.
///
/// Displayed (and parsed by [`FromStr`]) as `sha256:` followed by 64 lowercase
/// hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash([u8; 32]);

impl ContentHash {
    /// The 32 bytes of the digest.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(PREFIX)?;
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({self})")
    }
}

/// Why a string is not a [`ContentHash`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid content hash {input:?}: expected \"sha256:\" followed by 64 lowercase hex digits")]
pub struct ParseContentHashError {
    /// The string that was given.
    pub input: String,
}

impl FromStr for ContentHash {
    type Err = ParseContentHashError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseContentHashError {
            input: s.to_owned(),
        };
        let hex = s.strip_prefix(PREFIX).ok_or_else(err)?.as_bytes();
        if hex.len() != 64 {
            return Err(err());
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
            *byte =
                (hex_digit(pair[0]).ok_or_else(err)? << 4) | hex_digit(pair[1]).ok_or_else(err)?;
        }
        Ok(ContentHash(bytes))
    }
}

/// The value of one lowercase hex digit.
fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// Hashes a parsed spec (or any JSON value) in its canonical form.
///
/// The canonical form is compact JSON as `serde_json` writes it, with the keys
/// of every object sorted by their UTF-8 bytes.
pub fn content_hash(value: &Value) -> ContentHash {
    let mut out = BufWriter::with_capacity(64 * 1024, HashWriter(Sha256::new()));
    // Writing into a hasher cannot fail, and serializing a `Value` cannot fail
    // either (its keys are strings and its numbers finite).
    serde_json::to_writer(&mut out, &Canonical(value))
        .and_then(|()| out.flush().map_err(serde_json::Error::io))
        .expect("serializing a JSON value into a hasher does not fail");
    let (HashWriter(hasher), _) = out.into_parts();
    ContentHash(hasher.finalize().into())
}

/// An [`io::Write`] that feeds everything written into a sha256 hasher.
struct HashWriter(Sha256);

impl Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A JSON value serialized with the keys of every object sorted.
struct Canonical<'a>(&'a Value);

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Canonical(item))?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                // Already sorted unless `preserve_order` is on; checking is cheap.
                if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
                    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                }
                let mut out = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    out.serialize_entry(key, &Canonical(value))?;
                }
                out.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn display_and_parse_roundtrip() {
        let hash = content_hash(&json!({"a": 1}));
        let text = hash.to_string();
        assert!(text.starts_with("sha256:"), "{text}");
        assert_eq!(text.len(), 7 + 64);
        assert!(
            text[7..]
                .bytes()
                .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        );
        assert_eq!(text.parse::<ContentHash>(), Ok(hash));
        assert_eq!(format!("{hash:?}"), format!("ContentHash({text})"));
    }

    #[test]
    fn hash_is_sha256_of_compact_sorted_json() {
        // `printf '{"a":1,"b":2}' | sha256sum`
        let expected = "sha256:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777";
        assert_eq!(content_hash(&json!({"b": 2, "a": 1})).to_string(), expected);
    }

    #[test]
    fn key_order_and_whitespace_do_not_matter_but_content_does() {
        let a: Value =
            serde_json::from_str(r#"{"x": [1, 2.5, "s"], "a": {"q": null, "b": true}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"a":{"b":true,"q":null},"x":[1,2.5,"s"]}"#).unwrap();
        let c: Value =
            serde_json::from_str(r#"{"a":{"b":true,"q":null},"x":[2.5,1,"s"]}"#).unwrap();
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_ne!(content_hash(&a), content_hash(&c));
    }

    #[test]
    fn rejects_malformed_hashes() {
        let good = content_hash(&json!(null)).to_string();
        for bad in [
            String::new(),
            good[7..].to_owned(),
            good.replace("sha256:", "sha512:"),
            good.to_uppercase(),
            format!("{good}0"),
            good[..good.len() - 1].to_owned(),
            format!("{}g", &good[..good.len() - 1]),
            format!("{good} "),
        ] {
            let err = bad.parse::<ContentHash>().unwrap_err();
            assert_eq!(err.input, bad);
            assert!(err.to_string().contains("sha256:"), "{err}");
        }
    }
}
