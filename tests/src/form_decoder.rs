//! An `application/x-www-form-urlencoded` decoder written for the tests, independent of the
//! crate's encoder (no shared code, no shared crate): what a server such as Stripe's reads back
//! from a body or query string, as a tree of bracket-notation keys.
//!
//! It is strict where a lenient server would hide a bug: a malformed escape, invalid UTF-8, a
//! key sent twice, or a key that is both a value and a parent is an error.

use std::collections::BTreeMap;

/// A decoded form: a value, or named children (list indices are names too: `"0"`, `"1"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `key=value`.
    Leaf(String),
    /// `key[child]...=...`.
    Branch(BTreeMap<String, Node>),
}

/// `k=v&k=v` into percent-decoded (key, value) pairs, in order.
pub fn pairs(form: &str) -> Result<Vec<(String, String)>, String> {
    if form.is_empty() {
        return Ok(Vec::new());
    }
    form.split('&')
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("pair without `=`: {pair:?}"))?;
            Ok((unescape(key)?, unescape(value)?))
        })
        .collect()
}

/// The tree a form describes.
pub fn tree(form: &str) -> Result<Node, String> {
    let mut root = BTreeMap::new();
    for (key, value) in pairs(form)? {
        let path = split_key(&key)?;
        insert(&mut root, &path, value).map_err(|e| format!("{key:?}: {e}"))?;
    }
    Ok(Node::Branch(root))
}

/// `a[b][0]` into `["a", "b", "0"]`.
fn split_key(key: &str) -> Result<Vec<String>, String> {
    let (head, mut rest) = match key.find('[') {
        Some(at) => key.split_at(at),
        None => (key, ""),
    };
    let mut path = vec![head.to_owned()];
    while !rest.is_empty() {
        let inner = rest
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .ok_or_else(|| format!("malformed brackets in {key:?}"))?;
        path.push(inner.0.to_owned());
        rest = inner.1;
    }
    if path
        .iter()
        .any(|segment| segment.is_empty() || segment.contains('['))
    {
        return Err(format!("empty or nested segment in {key:?}"));
    }
    Ok(path)
}

fn insert(
    branch: &mut BTreeMap<String, Node>,
    path: &[String],
    value: String,
) -> Result<(), String> {
    let (first, rest) = path.split_first().expect("split_key returns a segment");
    if rest.is_empty() {
        return match branch.insert(first.clone(), Node::Leaf(value)) {
            None => Ok(()),
            Some(_) => Err("sent twice, or both a value and a parent".into()),
        };
    }
    match branch
        .entry(first.clone())
        .or_insert_with(|| Node::Branch(BTreeMap::new()))
    {
        Node::Branch(children) => insert(children, rest, value),
        Node::Leaf(_) => Err("both a value and a parent".into()),
    }
}

/// `%XX` escapes and `+` (a space, in forms) decoded; the result must be UTF-8.
fn unescape(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("malformed escape in {text:?}"))?;
                out.push(hex);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("not UTF-8 once decoded: {text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(text: &str) -> Node {
        Node::Leaf(text.to_owned())
    }

    #[test]
    fn decodes_nesting_escapes_and_plus() {
        let tree = tree("a[b][0]=x%26y&a[b][1]=%F0%9F%98%80&c=1+2&d=").unwrap();
        let Node::Branch(root) = tree else { panic!() };
        assert_eq!(root["c"], leaf("1 2"));
        assert_eq!(root["d"], leaf(""));
        let Node::Branch(a) = &root["a"] else {
            panic!()
        };
        let Node::Branch(b) = &a["b"] else { panic!() };
        assert_eq!(b["0"], leaf("x&y"));
        assert_eq!(b["1"], leaf("😀"));
    }

    #[test]
    fn refuses_what_a_strict_server_would() {
        for bad in [
            "a=1&a=2",
            "a=1&a[b]=2",
            "a[b]=2&a=1",
            "a=%zz",
            "a=%e2%82",
            "a[b=1",
            "a[]=1",
            "a",
        ] {
            assert!(tree(bad).is_err(), "{bad:?} decoded");
        }
    }
}
