//! The structure-aware mutations of a seed's JSON value ([`Corpus::mutate`]): each picks a node
//! and deletes, splices, retypes, renames, nests or copies it, or inserts something there.

use super::cases::Corpus;
use super::choices::{Choices, count, index, one};
use super::tree::{NodePath, Seg, depth, node, node_mut, paths, pointer, remove};
use super::values::{doc_text, odd_number};
use super::vocabulary::{
    CONTENT_TYPES, KEYWORDS, LOCATIONS, METHODS, SCHEMA_KEYS, STATUSES, WEIRD_NAMES,
};
use serde_json::{Map, Value, json};

/// How deep a mutated document may get: below `serde_json`'s recursion limit (128), so that a
/// saved document reads back as the same value.
pub const MAX_DEPTH: usize = 120;

/// At most this many structure mutations per case.
const MAX_MUTATIONS: usize = 6;

impl Corpus {
    /// Applies 1 to 6 structure-aware mutations to a copy of `seed`, and says what they were.
    /// The result is never deeper than [`MAX_DEPTH`].
    pub fn mutate(&self, seed: &Value, c: &mut impl Choices) -> (Value, Vec<String>) {
        let mut doc = seed.clone();
        let mut log = Vec::new();
        for _ in 0..count(c, MAX_MUTATIONS) {
            let mut next = doc.clone();
            if let Some(what) = self.mutate_once(&mut next, c)
                && depth(&next) <= MAX_DEPTH
            {
                doc = next;
                log.push(what);
            }
        }
        (doc, log)
    }

    /// One mutation, or `None` when the one chosen does not apply to this document.
    fn mutate_once(&self, doc: &mut Value, c: &mut impl Choices) -> Option<String> {
        let all = paths(doc);
        match c.below(15) {
            0 => self.delete(doc, &all, c),
            1 | 2 => self.splice(doc, &all, c),
            3 => self.retype(doc, &all, c),
            4 | 5 => self.insert_keyword(doc, &all, c),
            6 => self.retarget_ref(doc, &all, c),
            7 => self.rename_path(doc, c),
            8 => self.rename_param(doc, &all, c),
            9 => self.rename_key(doc, &all, c),
            10 => self.odd_leaf(doc, &all, c),
            11 => self.nest(doc, &all, c),
            12 => self.duplicate(doc, &all, c),
            13 => self.describe(doc, &all, c),
            _ => self.insert_idiom(doc, &all, c),
        }
    }

    // ---- The mutations ----

    fn delete(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let path = pick_path(c, all.iter().filter(|p| !p.is_empty()))?;
        remove(doc, &path).then(|| format!("delete {}", pointer(&path)))
    }

    fn splice(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let path = self.target(doc, all, c)?;
        let (donor, from) = if c.bool() && !self.donors.is_empty() {
            let donor = self.donors[index(c, self.donors.len())].clone();
            (donor, "another seed".to_owned())
        } else {
            let from = pick_path(c, all.iter())?;
            (node(doc, &from)?.clone(), pointer(&from))
        };
        *node_mut(doc, &path)? = donor;
        Some(format!("replace {} with a node of {from}", pointer(&path)))
    }

    fn retype(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let path = pick_path(c, all.iter())?;
        let slot = node_mut(doc, &path)?;
        let old = slot.take();
        let new = retyped(&old, c);
        *slot = new;
        Some(format!(
            "retype {} from {} to {}",
            pointer(&path),
            kind(&old),
            kind(slot)
        ))
    }

    fn insert_keyword(
        &self,
        doc: &mut Value,
        all: &[NodePath],
        c: &mut impl Choices,
    ) -> Option<String> {
        let path = self.target_object(doc, all, c)?;
        let key = one(c, KEYWORDS);
        let value = self.plausible(key, doc, &path, c, 0);
        let obj = node_mut(doc, &path)?.as_object_mut()?;
        obj.insert(key.to_owned(), value);
        Some(format!("insert `{key}` at {}", pointer(&path)))
    }

    fn retarget_ref(
        &self,
        doc: &mut Value,
        all: &[NodePath],
        c: &mut impl Choices,
    ) -> Option<String> {
        let picked = pick_path(c, nodes_with(doc, all, "$ref"));
        let path = match picked {
            Some(path) if c.percent(80) => path,
            _ => self.target_object(doc, all, c)?,
        };
        let target = self.ref_target(doc, &path, c);
        let obj = node_mut(doc, &path)?.as_object_mut()?;
        obj.insert("$ref".to_owned(), Value::String(target.clone()));
        Some(format!("point {} at `{target}`", pointer(&path)))
    }

    fn rename_path(&self, doc: &mut Value, c: &mut impl Choices) -> Option<String> {
        let paths_obj = doc.get("paths")?.as_object()?;
        let keys: Vec<String> = paths_obj.keys().cloned().collect();
        let old = keys.get(index(c, keys.len()))?.clone();
        let (new, renamed_param) = self.template(&old, c);
        if new == old {
            return None;
        }
        let paths_obj = doc.get_mut("paths")?.as_object_mut()?;
        let mut item = paths_obj.remove(&old)?;
        if let Some((from, to)) = &renamed_param
            && c.percent(70)
        {
            // Keep the template and the parameters in step, most of the time.
            rename_path_params(&mut item, from, to);
        }
        paths_obj.insert(new.clone(), item);
        Some(format!("rename path {old:?} to {new:?}"))
    }

    fn rename_param(
        &self,
        doc: &mut Value,
        all: &[NodePath],
        c: &mut impl Choices,
    ) -> Option<String> {
        let path = pick_path(c, nodes_with(doc, all, "in"))?;
        let (key, value) = if c.percent(70) {
            ("name", Value::String(self.name(c)))
        } else {
            ("in", Value::String(one(c, LOCATIONS).to_owned()))
        };
        let obj = node_mut(doc, &path)?.as_object_mut()?;
        obj.insert(key.to_owned(), value.clone());
        Some(format!("set {}/{key} to {value}", pointer(&path)))
    }

    fn rename_key(
        &self,
        doc: &mut Value,
        all: &[NodePath],
        c: &mut impl Choices,
    ) -> Option<String> {
        let path = pick_path(c, non_empty_objects(doc, all))?;
        let parent_key = match path.last() {
            Some(Seg::Key(k)) => k.as_str(),
            _ => "",
        };
        let in_paths = path.len() == 2 && path.first() == Some(&Seg::Key("paths".to_owned()));
        let new = match parent_key {
            "responses" => one(c, STATUSES).to_owned(),
            "content" => one(c, CONTENT_TYPES).to_owned(),
            _ if in_paths => one(c, METHODS).to_owned(),
            _ => self.name(c),
        };
        let obj = node_mut(doc, &path)?.as_object_mut()?;
        let keys: Vec<String> = obj.keys().cloned().collect();
        let old = keys.get(index(c, keys.len()))?.clone();
        let value = obj.remove(&old)?;
        obj.insert(new.clone(), value);
        Some(format!("rename {}/{old:?} to {new:?}", pointer(&path)))
    }

    fn odd_leaf(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let leaves = all
            .iter()
            .filter(|p| node(doc, p).is_some_and(|n| !n.is_object() && !n.is_array()));
        let path = pick_path(c, leaves)?;
        let new = match c.below(4) {
            0 => Value::String(self.name(c)),
            1 => Value::String(doc_text(c)),
            2 => odd_number(c),
            _ => Value::String(String::new()),
        };
        *node_mut(doc, &path)? = new;
        Some(format!("set {} to an odd value", pointer(&path)))
    }

    fn nest(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let path = self.target(doc, all, c)?;
        let slot = node_mut(doc, &path)?;
        let wrapper = c.below(6);
        let per_level = match wrapper {
            1 | 4 => 1,
            _ => 2,
        };
        let room = MAX_DEPTH.saturating_sub(path.len() + depth(slot)) / per_level;
        let levels = (1 + c.below(60)).min(room);
        if levels == 0 {
            return None;
        }
        let name = if c.bool() {
            "inner".to_owned()
        } else {
            self.name(c)
        };
        let mut value = slot.take();
        for _ in 0..levels {
            value = match wrapper {
                0 => json!({"type": "object", "properties": {name.clone(): value}}),
                1 => json!({"type": "array", "items": value}),
                2 => json!({"anyOf": [value], "nullable": true}),
                3 => json!({"allOf": [value]}),
                4 => json!({"type": "object", "additionalProperties": value}),
                _ => json!({"anyOf": [value, {"type": "string", "enum": [""]}]}),
            };
        }
        *slot = value;
        Some(format!("nest {} {levels} levels deep", pointer(&path)))
    }

    fn duplicate(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let path = pick_path(c, non_empty_objects(doc, all))?;
        let obj = node_mut(doc, &path)?.as_object_mut()?;
        let keys: Vec<String> = obj.keys().cloned().collect();
        let key = keys.get(index(c, keys.len()))?.clone();
        let new = match c.below(7) {
            0 => key.to_uppercase(),
            1 => key.replace('_', "-"),
            2 => key.replace('_', ""),
            3 => format!("{key}_"),
            4 => format!("_{key}"),
            5 => format!("{key} "),
            _ => {
                let mut chars = key.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => "_".to_owned(),
                }
            }
        };
        let value = obj.get(&key)?.clone();
        obj.insert(new.clone(), value);
        Some(format!("copy {}/{key:?} to {new:?}", pointer(&path)))
    }

    fn describe(&self, doc: &mut Value, all: &[NodePath], c: &mut impl Choices) -> Option<String> {
        let path = self.target_object(doc, all, c)?;
        let key = one(c, &["description", "summary", "title"]);
        let text = if key == "title" && c.bool() {
            self.name(c)
        } else {
            doc_text(c)
        };
        node_mut(doc, &path)?
            .as_object_mut()?
            .insert(key.to_owned(), Value::String(text));
        Some(format!("set {}/{key}", pointer(&path)))
    }

    fn insert_idiom(
        &self,
        doc: &mut Value,
        all: &[NodePath],
        c: &mut impl Choices,
    ) -> Option<String> {
        let idiom = self.idiom(doc, &[], c, 0);
        let properties: Vec<&NodePath> = all
            .iter()
            .filter(|p| matches!(p.last(), Some(Seg::Key(k)) if k == "properties"))
            .filter(|p| node(doc, p).is_some_and(Value::is_object))
            .collect();
        match pick_path(c, properties.into_iter()) {
            Some(path) if c.bool() => {
                let name = self.name(c);
                node_mut(doc, &path)?
                    .as_object_mut()?
                    .insert(name.clone(), idiom);
                Some(format!("add property {name:?} at {}", pointer(&path)))
            }
            _ => {
                let path = self.target(doc, all, c)?;
                *node_mut(doc, &path)? = idiom;
                Some(format!("replace {} with an idiom", pointer(&path)))
            }
        }
    }

    /// A node to replace: a schema-like object half of the time, else any node but the root.
    fn target(&self, doc: &Value, all: &[NodePath], c: &mut impl Choices) -> Option<NodePath> {
        if c.bool()
            && let Some(path) = pick_path(c, all.iter().filter(|p| is_schema_like(doc, p)))
        {
            return Some(path);
        }
        pick_path(c, all.iter().filter(|p| !p.is_empty()))
    }

    /// An object to add a member to: schema-like half of the time.
    fn target_object(
        &self,
        doc: &Value,
        all: &[NodePath],
        c: &mut impl Choices,
    ) -> Option<NodePath> {
        if c.bool()
            && let Some(path) = pick_path(c, all.iter().filter(|p| is_schema_like(doc, p)))
        {
            return Some(path);
        }
        pick_path(
            c,
            all.iter()
                .filter(|p| node(doc, p).is_some_and(Value::is_object)),
        )
    }
}

/// Gives a node a different JSON type (keeping it inside a new array or object sometimes).
fn retyped(old: &Value, c: &mut impl Choices) -> Value {
    for _ in 0..4 {
        let new = match c.below(7) {
            0 => Value::Null,
            1 => Value::Bool(c.bool()),
            2 => odd_number(c),
            3 => Value::String(one(c, WEIRD_NAMES).to_owned()),
            4 => Value::Array(if c.bool() { vec![old.clone()] } else { vec![] }),
            5 => {
                let mut obj = Map::new();
                if c.bool() {
                    obj.insert(one(c, WEIRD_NAMES).to_owned(), old.clone());
                }
                Value::Object(obj)
            }
            _ => Value::String(old.to_string()),
        };
        if kind(&new) != kind(old) {
            return new;
        }
    }
    Value::Null
}

fn rename_path_params(item: &mut Value, from: &str, to: &str) {
    match item {
        Value::Object(obj) => {
            let is_param = obj.get("in").and_then(Value::as_str) == Some("path")
                && obj.get("name").and_then(Value::as_str) == Some(from);
            if is_param {
                obj.insert("name".to_owned(), Value::String(to.to_owned()));
            }
            for child in obj.values_mut() {
                rename_path_params(child, from, to);
            }
        }
        Value::Array(items) => {
            for child in items {
                rename_path_params(child, from, to);
            }
        }
        _ => {}
    }
}

fn is_schema_like(doc: &Value, path: &[Seg]) -> bool {
    node(doc, path)
        .and_then(Value::as_object)
        .is_some_and(|obj| SCHEMA_KEYS.iter().any(|k| obj.contains_key(*k)))
}

/// The nodes of `all` that are objects with a member `key` (`$ref`, a parameter's `in`).
fn nodes_with<'p>(
    doc: &'p Value,
    all: &'p [NodePath],
    key: &'p str,
) -> impl Iterator<Item = &'p NodePath> + 'p {
    all.iter()
        .filter(move |p| node(doc, p).is_some_and(|n| n.get(key).is_some()))
}

/// The nodes of `all` that are objects with at least one member.
fn non_empty_objects<'p>(
    doc: &'p Value,
    all: &'p [NodePath],
) -> impl Iterator<Item = &'p NodePath> + 'p {
    all.iter().filter(move |p| {
        node(doc, p)
            .and_then(Value::as_object)
            .is_some_and(|o| !o.is_empty())
    })
}

fn pick_path<'p>(
    c: &mut impl Choices,
    paths: impl Iterator<Item = &'p NodePath>,
) -> Option<NodePath> {
    let paths: Vec<&NodePath> = paths.collect();
    if paths.is_empty() {
        return None;
    }
    Some(paths[index(c, paths.len())].clone())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
