//! Addressing the nodes of a JSON document: the path of every node, lookup and removal by path,
//! depth, and a path as a `$ref`-style pointer.

use serde_json::Value;

/// One step from a node to a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

pub(super) type NodePath = Vec<Seg>;

/// The path of every node, in pre-order, the root (empty) first.
pub(super) fn paths(doc: &Value) -> Vec<NodePath> {
    fn walk(value: &Value, path: &mut NodePath, out: &mut Vec<NodePath>) {
        out.push(path.clone());
        match value {
            Value::Object(obj) => {
                for (key, child) in obj {
                    path.push(Seg::Key(key.clone()));
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    walk(child, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), &mut out);
    out
}

pub(super) fn node<'v>(doc: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(doc, |value, seg| match seg {
        Seg::Key(key) => value.as_object()?.get(key),
        Seg::Index(i) => value.as_array()?.get(*i),
    })
}

pub(super) fn node_mut<'v>(doc: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter().try_fold(doc, |value, seg| match seg {
        Seg::Key(key) => value.as_object_mut()?.get_mut(key),
        Seg::Index(i) => value.as_array_mut()?.get_mut(*i),
    })
}

/// Removes a node from its parent; false for the root or a path that is not there.
pub(super) fn remove(doc: &mut Value, path: &[Seg]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match (node_mut(doc, parent), last) {
        (Some(Value::Object(obj)), Seg::Key(key)) => obj.remove(key).is_some(),
        (Some(Value::Array(items)), Seg::Index(i)) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// How many objects and arrays deep a value is (a scalar is 0).
pub fn depth(value: &Value) -> usize {
    match value {
        Value::Object(obj) => 1 + obj.values().map(depth).max().unwrap_or(0),
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// The `$ref`-style pointer of a path (`#/components/schemas/a~1b`).
pub(super) fn pointer(path: &[Seg]) -> String {
    let mut out = "#".to_owned();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Key(key) => out.push_str(&escape(key)),
            Seg::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

pub(super) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_and_pointers() {
        let doc = json!({"a": [{"b/c": 1}], "d": {}});
        let all = paths(&doc);
        assert_eq!(all.len(), 5);
        let last = &all[3];
        assert_eq!(pointer(last), "#/a/0/b~1c");
        assert_eq!(node(&doc, last), Some(&json!(1)));
        let mut doc2 = doc.clone();
        assert!(remove(&mut doc2, last));
        assert_eq!(doc2, json!({"a": [{}], "d": {}}));
        assert!(!remove(&mut doc2, &[]));
        assert_eq!(depth(&doc), 3);
    }
}
