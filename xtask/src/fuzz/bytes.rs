//! The byte-level mutations of a seed's text ([`Corpus::mutate_bytes`]), for the `spec` crate's
//! reader: bits flipped, bytes set, deleted or copied, pieces of other seeds, truncation, deep
//! nesting and JSON or YAML tokens.

use super::cases::Corpus;
use super::choices::{Choices, count, index, one};
use super::vocabulary::{BYTE_TOKENS, INTERESTING_BYTES};

/// Inputs grow no larger than this (bytes).
const MAX_TEXT: usize = 1 << 20;

impl Corpus {
    /// Applies 1 to 4 byte-level mutations, and says what they were.
    pub fn mutate_bytes(&self, bytes: &mut Vec<u8>, c: &mut impl Choices) -> Vec<String> {
        let mut log = Vec::new();
        for _ in 0..count(c, 4) {
            let len = bytes.len();
            let at = c.below(len + 1).min(len);
            let what = match c.below(8) {
                0 if at < len => {
                    let bit = c.below(8);
                    bytes[at] ^= 1 << bit;
                    format!("flip bit {bit} of byte {at}")
                }
                1 if at < len => {
                    bytes[at] = one(c, INTERESTING_BYTES);
                    format!("set byte {at}")
                }
                2 if at < len => {
                    let end = (at + 1 + c.below(16)).min(len);
                    bytes.drain(at..end);
                    format!("delete bytes {at}..{end}")
                }
                4 if at < len => {
                    let end = (at + 1 + c.below(64)).min(len);
                    let piece = bytes[at..end].to_vec();
                    let to = c.below(len + 1).min(len);
                    bytes.splice(to..to, piece);
                    format!("copy bytes {at}..{end} to {to}")
                }
                5 => {
                    let other = &self.seeds[index(c, self.seeds.len())].bytes;
                    let from = c.below(other.len() + 1).min(other.len());
                    let end = (from + c.below(512)).min(other.len());
                    bytes.truncate(at);
                    bytes.extend_from_slice(&other[from..end]);
                    format!("splice bytes at {at}")
                }
                6 if at < len => {
                    bytes.truncate(at);
                    format!("truncate at {at}")
                }
                7 => {
                    let n = 1 + c.below(200);
                    let unit: &[u8] = one(c, &[b"[".as_slice(), b"{\"a\":", b"- ", b"a: &a [*a, "]);
                    let piece = unit.repeat(n);
                    bytes.splice(at..at, piece);
                    format!("insert {n} nestings at {at}")
                }
                _ => {
                    let token = one(c, BYTE_TOKENS);
                    bytes.splice(at..at, token.iter().copied());
                    format!("insert {:?} at {at}", String::from_utf8_lossy(token))
                }
            };
            log.push(what);
            bytes.truncate(MAX_TEXT);
        }
        log
    }
}
