//! `cargo xtask fuzz`: the generator, on mutated small specs, must never panic or hang.
//!
//! The seeds are the hand-written specs (`tests/specs/*.json`, generated with the prefix
//! `/v1/test/`) and the bad-spec corpus (`tests/bad_specs/*`). A case is a seed with a few
//! structure-aware mutations of its JSON value ([`Corpus::mutate`]: keys deleted, renamed or
//! duplicated, nodes spliced from elsewhere or retyped, schema keywords inserted with plausible
//! values, `$ref`s pointed anywhere, path templates and parameters renamed, deep nesting, odd
//! names and numbers), or byte-level mutations of its text ([`Corpus::mutate_bytes`]), read by
//! the `spec` crate first (15% of the cases, and every case of a seed that does not parse).
//! [`check`] runs one case and asserts what must hold whatever the input:
//!
//! - reading and generating never panic, and finish within a time limit;
//! - a rejected spec file gets an error naming the file;
//! - a rejected document gets a `codegen::Error` whose pointer is in the document (or, for a
//!   missing member, whose parent is, or any ancestor when the message says what is missing);
//! - an accepted document gives files that parse as Rust (the emitter's `compile_error!`
//!   fallback is never taken).
//!
//! The engine takes every decision from [`Choices`], so that it serves two drivers: [`run`], an
//! in-process loop on a seeded PRNG (stable Rust, deterministic for a seed: `cargo xtask fuzz`),
//! and the cargo-fuzz target `fuzz/fuzz_targets/generate.rs`, where libFuzzer's input bytes make
//! the choices (coverage-guided, nightly).
//!
//! [`run`] runs each case on a worker thread under `catch_unwind`, with a time limit: a panic or
//! a hang is a finding. Findings are grouped by panic location, reduced (keys and array items
//! removed, or bytes, while the same panic still happens), saved to `fuzz/artifacts/` and printed.

use serde_json::{Map, Value, json};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Once, mpsc};
use std::thread;
use std::time::{Duration, Instant};

// ---- Choices ----------------------------------------------------------------------------------

/// Where the mutation engine takes its decisions from: a seeded PRNG, or a fuzzer's input bytes.
///
/// An implementation may return anything; the engine clamps what it gets, so a source that runs
/// dry (returning 0) only makes the remaining decisions the first option.
pub trait Choices {
    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize;

    /// A coin toss.
    fn bool(&mut self) -> bool {
        self.below(2) == 1
    }

    /// True `percent` times in a hundred.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

impl Choices for fastrand::Rng {
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.usize(..n) }
    }
}

/// An index into a collection of `len` items (`len` > 0), whatever the source returns.
fn index(c: &mut impl Choices, len: usize) -> usize {
    c.below(len).min(len.saturating_sub(1))
}

/// One item of a non-empty list.
fn one<T: Copy>(c: &mut impl Choices, items: &[T]) -> T {
    items[index(c, items.len())]
}

/// A count in `1..=max`, small more often than large.
fn count(c: &mut impl Choices, max: usize) -> usize {
    let bound = 1 + c.below(max);
    1 + c.below(bound).min(max - 1)
}

// ---- Vocabulary -------------------------------------------------------------------------------

/// The prefix of the hand-written specs' paths.
pub const TEST_PREFIX: &str = "/v1/test/";

/// How deep a mutated document may get: below `serde_json`'s recursion limit (128), so that a
/// saved document reads back as the same value.
pub const MAX_DEPTH: usize = 120;

/// At most this many structure mutations per case.
const MAX_MUTATIONS: usize = 6;

/// Cases whose seed has a JSON value become byte-level cases this often (percent).
const TEXT_PERCENT: usize = 15;

/// Inputs grow no larger than this (bytes).
const MAX_TEXT: usize = 1 << 20;

/// Keys that make an object a schema, for picking mutation targets.
const SCHEMA_KEYS: &[&str] = &[
    "type",
    "$ref",
    "properties",
    "anyOf",
    "oneOf",
    "allOf",
    "enum",
    "items",
    "nullable",
    "additionalProperties",
    "format",
    "x-expansionResources",
];

/// Keys inserted with a plausible value.
const KEYWORDS: &[&str] = &[
    "$ref",
    "anyOf",
    "allOf",
    "oneOf",
    "not",
    "enum",
    "nullable",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "type",
    "format",
    "title",
    "description",
    "x-expandableFields",
    "x-expansionResources",
    "x-stripeResource",
    "x-resourceId",
    "operationId",
    "summary",
    "parameters",
    "requestBody",
    "responses",
    "content",
    "schema",
    "in",
    "name",
    "openapi",
    "headers",
    "encoding",
    "callbacks",
    "links",
    "examples",
    "example",
    "default",
    "discriminator",
    "deprecated",
    "readOnly",
    "explode",
    "minLength",
    "maximum",
    "pattern",
    "style",
    "externalDocs",
];

const TYPES: &[&str] = &[
    "object", "string", "integer", "number", "boolean", "array", "null", "any", "", "Object",
];

const FORMATS: &[&str] = &[
    "unix-time",
    "date-time",
    "int64",
    "int32",
    "double",
    "binary",
    "decimal",
    "",
    "UNIX-TIME",
];

const STATUSES: &[&str] = &[
    "200", "201", "204", "2XX", "2", "299", "default", "400", "20x", "",
];

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
    "",
];

const METHODS: &[&str] = &[
    "get",
    "post",
    "delete",
    "put",
    "patch",
    "head",
    "parameters",
    "$ref",
    "summary",
    "GET",
];

const LOCATIONS: &[&str] = &["path", "query", "header", "cookie", "body", "Path", ""];

const VERSIONS: &[&str] = &["3.0.0", "3.0", "3.0.3", "3.1.0", "2.0", "3", "", "3.0.0-rc"];

/// Names that are hard on a name mapping: empty, keywords, prelude and runtime names, digits,
/// symbols, non-ASCII, near-collisions, long.
const WEIRD_NAMES: &[&str] = &[
    "",
    " ",
    "_",
    "__",
    "-",
    "$",
    "#",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "async",
    "r#type",
    "Option",
    "String",
    "Unknown",
    "unknown",
    "HasId",
    "id",
    "object",
    "data",
    "list",
    "Params",
    "Response",
    "default",
    "1",
    "0",
    "-1",
    "3d_secure",
    "a.b",
    "a/b",
    "a~b",
    "~1",
    "{x}",
    "é",
    "naïve",
    "日本語",
    "🦀",
    "\u{0}",
    "\u{200b}",
    "A",
    "a-b",
    "aB",
    "a_b",
    "AB",
    "ab",
    "\n",
    "\"",
    "\\",
    "ǅ",
    "ß",
    "İ",
    "ﬃ",
    "x\u{301}",
];

/// Pieces of descriptions: markdown and HTML that the doc-comment conversion must survive.
const DOC_PIECES: &[&str] = &[
    "`",
    "``",
    "```",
    "\\`",
    "[",
    "]",
    "](",
    ")",
    "(",
    "<",
    ">",
    "</",
    "<a href=\"https://x.com\">",
    "<a href=\"",
    "\">",
    "</a>",
    "<p>",
    "</p>",
    "<br>",
    "<code>",
    "</code>",
    "<strong>",
    "<ul><li>",
    "&amp;",
    "&lt;",
    "http://",
    "https://stripe.com/docs?a=1&b=2.",
    "metadata[key]",
    "[text](/docs/x)",
    "*",
    "_",
    "#",
    "\n",
    "\n\n",
    " ",
    "é",
    "日本",
    "🦀",
    "\t",
    "\r\n",
    "{",
    "}",
    "\"",
    "'",
    "|",
    "\\",
    ".",
    ":",
    "\u{feff}",
    "word ",
    "<http",
    "»",
    "*/",
    "/*",
    "#[",
    "\u{0}",
];

/// `$ref`s of forms the generator does not follow.
const ODD_REFS: &[&str] = &[
    "",
    "#",
    "#/",
    "#/components/schemas",
    "#/components/schemas/",
    "#/components/schemas/a/b",
    "#/components/schemas/~",
    "#/components/schemas/~2",
    "#/components/responses/x",
    "#/paths/~1v1~1test~1x",
    "#/info",
    "other.json#/components/schemas/x",
    "https://example.com/schema.json",
    "components/schemas/x",
];

const BYTE_TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\u0000",
    b"\\ud800",
    b"null",
    b"-",
    b"1e999",
    b"-0",
    b"\n",
    b"\t",
    b"&a ",
    b"*a",
    b"!!binary ",
    b"---\n",
    b"%YAML 1.2\n",
    b"? ",
    b"- ",
    b"#",
    b"'",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\"$ref\": \"#/components/schemas/x\",",
    b"\xe6\x97\xa5",
    b"<<: *a\n",
    b"!!str ",
    b".nan",
    b".inf",
    b"~",
    b"\r",
    b"\\",
];

const INTERESTING_BYTES: &[u8] = b"\0\xff{}[]\":,\\\n -09e&*!#'~";

const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "txt", "bin"];

// ---- Cases ------------------------------------------------------------------------------------

/// One seed file.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its path relative to the workspace, like `tests/specs/expandable.json`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its content, when the `spec` crate reads it.
    pub value: Option<Value>,
}

/// What a case hands to the code under test.
#[derive(Debug, Clone)]
pub enum Input {
    /// A document given to `codegen::generate` as is.
    Document(Value),
    /// A file read by `spec::SpecDocument::parse` (under this name, which picks the format),
    /// then generated from.
    Text {
        /// The file name, like `expandable.json`.
        file_name: String,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
}

impl Input {
    /// The bytes to save: a document as pretty JSON, a file as it is.
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Input::Document(doc) => serde_json::to_vec_pretty(doc).unwrap_or_default(),
            Input::Text { bytes, .. } => bytes.clone(),
        }
    }

    /// The extension to save it with (it decides the format when read back).
    pub fn extension(&self) -> String {
        match self {
            Input::Document(_) => "json".to_owned(),
            Input::Text { file_name, .. } => {
                let ext = Path::new(file_name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("");
                if !ext.is_empty()
                    && ext.len() <= 8
                    && ext.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    ext.to_owned()
                } else {
                    "bin".to_owned()
                }
            }
        }
    }
}

/// A seed with mutations applied.
#[derive(Debug, Clone)]
pub struct Case {
    /// The seed's name.
    pub seed: String,
    /// What was done to it, in order.
    pub mutations: Vec<String>,
    /// The input.
    pub input: Input,
}

/// The seeds, and the pieces mutations take from them.
#[derive(Debug, Clone)]
pub struct Corpus {
    seeds: Vec<Seed>,
    /// Distinct subtrees of every seed (small ones), to splice into other documents.
    donors: Vec<Value>,
    /// Every object key of every seed, and [`WEIRD_NAMES`].
    names: Vec<String>,
}

impl Corpus {
    /// Every file of `tests/specs/` and `tests/bad_specs/` under the workspace `root`.
    pub fn load(root: &Path) -> Result<Self, String> {
        let mut files = Vec::new();
        for dir in ["tests/specs", "tests/bad_specs"] {
            let entries = std::fs::read_dir(root.join(dir))
                .map_err(|e| format!("cannot read {}: {e}", root.join(dir).display()))?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.is_file())
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                files.push((format!("{dir}/{name}"), bytes));
            }
        }
        Self::new(files)
    }

    /// A corpus of `(name, bytes)` seeds.
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Result<Self, String> {
        if files.is_empty() {
            return Err("no seeds: the fuzzer needs at least one spec to mutate".to_owned());
        }
        let seeds: Vec<Seed> = files
            .into_iter()
            .map(|(name, bytes)| {
                let value = spec::SpecDocument::parse(Path::new(&name), &bytes)
                    .ok()
                    .map(|doc| doc.value);
                Seed { name, bytes, value }
            })
            .collect();
        let mut donors = BTreeSet::new();
        let mut names: BTreeSet<String> = WEIRD_NAMES.iter().map(|s| s.to_string()).collect();
        for value in seeds.iter().filter_map(|s| s.value.as_ref()) {
            for path in paths(value) {
                let Some(node) = node(value, &path) else {
                    continue;
                };
                if let Some(Seg::Key(key)) = path.last() {
                    names.insert(key.clone());
                }
                if node.is_object() || node.is_array() || node.is_string() {
                    let text = node.to_string();
                    if text.len() <= 2000 {
                        donors.insert(text);
                    }
                }
            }
        }
        let donors = donors
            .iter()
            .filter_map(|text| serde_json::from_str(text).ok())
            .collect();
        Ok(Self {
            seeds,
            donors,
            names: names.into_iter().collect(),
        })
    }

    /// The seeds.
    pub fn seeds(&self) -> &[Seed] {
        &self.seeds
    }

    /// Makes one case: a seed, then structure-aware mutations of its value or byte-level
    /// mutations of its text.
    pub fn case(&self, c: &mut impl Choices) -> Case {
        let seed = &self.seeds[index(c, self.seeds.len())];
        if let Some(value) = &seed.value
            && !c.percent(TEXT_PERCENT)
        {
            let (doc, mutations) = self.mutate(value, c);
            return Case {
                seed: seed.name.clone(),
                mutations,
                input: Input::Document(doc),
            };
        }
        let (mut bytes, mut mutations) = match &seed.value {
            Some(value) if c.bool() => {
                let (doc, mutations) = self.mutate(value, c);
                let text = if c.bool() {
                    serde_json::to_vec_pretty(&doc)
                } else {
                    serde_json::to_vec(&doc)
                };
                (text.unwrap_or_default(), mutations)
            }
            _ => (seed.bytes.clone(), Vec::new()),
        };
        let mut file_name = seed.name.rsplit('/').next().unwrap_or("spec").to_owned();
        if c.percent(20) {
            let stem = file_name.split('.').next().unwrap_or("spec").to_owned();
            file_name = format!("{stem}.{}", one(c, EXTENSIONS));
            mutations.push(format!("read as {file_name}"));
        }
        mutations.extend(self.mutate_bytes(&mut bytes, c));
        Case {
            seed: seed.name.clone(),
            mutations,
            input: Input::Text { file_name, bytes },
        }
    }

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
        let with_ref: Vec<&NodePath> = all
            .iter()
            .filter(|p| node(doc, p).is_some_and(|n| n.get("$ref").is_some()))
            .collect();
        let path = match pick_path(c, with_ref.into_iter()) {
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
        let params: Vec<&NodePath> = all
            .iter()
            .filter(|p| node(doc, p).is_some_and(|n| n.get("in").is_some()))
            .collect();
        let path = pick_path(c, params.into_iter())?;
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
        let path = pick_path(
            c,
            all.iter().filter(|p| {
                node(doc, p)
                    .and_then(Value::as_object)
                    .is_some_and(|o| !o.is_empty())
            }),
        )?;
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
        let path = pick_path(
            c,
            all.iter().filter(|p| {
                node(doc, p)
                    .and_then(Value::as_object)
                    .is_some_and(|o| !o.is_empty())
            }),
        )?;
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

    // ---- Pieces ----

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

    /// A name from the seeds or a weird one.
    fn name(&self, c: &mut impl Choices) -> String {
        match c.below(10) {
            0 => "x".repeat(1 + c.below(300)),
            1 => format!("{}{}", self.pick_name(c), self.pick_name(c)),
            _ => self.pick_name(c),
        }
    }

    fn pick_name(&self, c: &mut impl Choices) -> String {
        self.names
            .get(index(c, self.names.len()))
            .cloned()
            .unwrap_or_default()
    }

    /// A `$ref`: to an existing component most often, else to a missing one, to the enclosing
    /// component or node (a cycle), or of a form that is not followed.
    fn ref_target(&self, doc: &Value, at: &[Seg], c: &mut impl Choices) -> String {
        let names: Vec<&String> = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        match c.below(9) {
            0..=3 if !names.is_empty() => format!(
                "#/components/schemas/{}",
                escape(names[index(c, names.len())])
            ),
            4 => format!("#/components/schemas/{}", escape(&self.name(c))),
            5 => match at {
                [Seg::Key(a), Seg::Key(b), Seg::Key(name), ..]
                    if a == "components" && b == "schemas" =>
                {
                    format!("#/components/schemas/{}", escape(name))
                }
                _ => pointer(at),
            },
            6 => pointer(at),
            _ => one(c, ODD_REFS).to_owned(),
        }
    }

    /// A value that fits `key`.
    fn plausible(
        &self,
        key: &str,
        doc: &Value,
        at: &[Seg],
        c: &mut impl Choices,
        level: usize,
    ) -> Value {
        let names_here: Vec<String> = node(doc, at)
            .and_then(|n| n.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        match key {
            "$ref" => Value::String(self.ref_target(doc, at, c)),
            "anyOf" | "oneOf" | "allOf" => {
                if c.percent(30) {
                    json!([self.schema(doc, at, c, level + 1), {"type": "string", "enum": [""]}])
                } else {
                    let n = c.below(4);
                    Value::Array((0..n).map(|_| self.schema(doc, at, c, level + 1)).collect())
                }
            }
            "enum" => {
                let n = c.below(5);
                Value::Array(
                    (0..n)
                        .map(|_| match c.below(6) {
                            0 => Value::Null,
                            1 => odd_number(c),
                            2 => Value::String(String::new()),
                            _ => Value::String(self.name(c)),
                        })
                        .collect(),
                )
            }
            "nullable" => {
                if c.percent(80) {
                    Value::Bool(c.bool())
                } else {
                    odd_scalar(c)
                }
            }
            "additionalProperties" if c.percent(40) => Value::Bool(c.bool()),
            "items" | "not" | "additionalProperties" | "schema" => {
                self.schema(doc, at, c, level + 1)
            }
            "properties" => {
                let n = c.below(4);
                Value::Object(
                    (0..n)
                        .map(|_| (self.name(c), self.schema(doc, at, c, level + 1)))
                        .collect(),
                )
            }
            "required" | "x-expandableFields" => {
                let n = c.below(4);
                Value::Array(
                    (0..n)
                        .map(|_| match names_here.get(c.below(names_here.len() + 1)) {
                            Some(name) => Value::String(name.clone()),
                            None => Value::String(self.name(c)),
                        })
                        .collect(),
                )
            }
            "type" => match c.below(10) {
                0 => json!(["string", "null"]),
                1 => odd_scalar(c),
                _ => Value::String(one(c, TYPES).to_owned()),
            },
            "format" => Value::String(one(c, FORMATS).to_owned()),
            "x-stripeResource" => json!({
                "class_name": self.name(c),
                "has_collection_class": c.bool(),
                "in_package": "",
            }),
            "x-expansionResources" => {
                let n = c.below(3);
                json!({"oneOf": (0..n).map(|_| json!({"$ref": self.ref_target(doc, at, c)})).collect::<Vec<_>>()})
            }
            "title" | "x-resourceId" | "operationId" | "name" => Value::String(self.name(c)),
            "description" | "summary" => Value::String(doc_text(c)),
            "parameters" => {
                let n = c.below(3);
                Value::Array(
                    (0..n)
                        .map(|_| {
                            json!({
                                "in": one(c, LOCATIONS),
                                "name": self.name(c),
                                "required": c.bool(),
                                "schema": self.schema(doc, at, c, level + 1),
                            })
                        })
                        .collect(),
                )
            }
            "requestBody" => json!({
                "content": {one(c, CONTENT_TYPES): {"schema": self.schema(doc, at, c, level + 1)}},
                "required": c.bool(),
            }),
            "responses" => json!({
                one(c, STATUSES): {
                    "description": "ok",
                    "content": {"application/json": {"schema": self.schema(doc, at, c, level + 1)}},
                }
            }),
            "content" => {
                json!({one(c, CONTENT_TYPES): {"schema": self.schema(doc, at, c, level + 1)}})
            }
            "in" => Value::String(one(c, LOCATIONS).to_owned()),
            "headers" => {
                let header = match c.below(3) {
                    0 => json!({"$ref": self.ref_target(doc, at, c)}),
                    1 => {
                        json!({"content": {one(c, CONTENT_TYPES): {"schema": self.schema(doc, at, c, level + 1)}}})
                    }
                    _ => {
                        json!({"schema": self.schema(doc, at, c, level + 1), "required": c.bool()})
                    }
                };
                json!({self.name(c): header})
            }
            "encoding" => json!({self.name(c): {
                "contentType": one(c, CONTENT_TYPES),
                "headers": self.plausible("headers", doc, at, c, level + 1),
            }}),
            "callbacks" => json!({self.name(c): {"{$request.body#/url}": {"post": {
                "requestBody": self.plausible("requestBody", doc, at, c, level + 1),
                "responses": self.plausible("responses", doc, at, c, level + 1),
            }}}}),
            "links" => {
                json!({self.name(c): {"operationId": self.name(c), "parameters": {"id": "$response.body#/id"}}})
            }
            "examples" => json!({self.name(c): {"value": odd_scalar(c)}}),
            "example" | "default" => match self.donors.get(index(c, self.donors.len())) {
                Some(donor) if c.bool() => donor.clone(),
                _ => odd_scalar(c),
            },
            "discriminator" => json!({
                "propertyName": self.name(c),
                "mapping": {self.name(c): self.ref_target(doc, at, c)},
            }),
            "deprecated" | "readOnly" | "explode" => {
                if c.percent(80) {
                    Value::Bool(c.bool())
                } else {
                    odd_scalar(c)
                }
            }
            "minLength" | "maximum" => odd_number(c),
            "pattern" | "style" => {
                Value::String(one(c, &["form", "deepObject", "simple", "^a+$", "(", ""]).to_owned())
            }
            "externalDocs" => json!({"url": self.name(c)}),
            "openapi" => Value::String(one(c, VERSIONS).to_owned()),
            _ => odd_scalar(c),
        }
    }

    /// A small schema; `level` bounds the recursion.
    fn schema(&self, doc: &Value, at: &[Seg], c: &mut impl Choices, level: usize) -> Value {
        if level > 2 {
            return json!({"type": one(c, TYPES)});
        }
        match c.below(7) {
            0 => match self.donors.get(index(c, self.donors.len())) {
                Some(donor) => donor.clone(),
                None => json!({}),
            },
            1 => json!({"$ref": self.ref_target(doc, at, c)}),
            2 => {
                let mut schema = json!({"type": one(c, TYPES)});
                if c.bool()
                    && let Some(obj) = schema.as_object_mut()
                {
                    let key = one(c, &["format", "enum", "nullable", "items", "description"]);
                    let value = self.plausible(key, doc, at, c, level + 1);
                    obj.insert(key.to_owned(), value);
                }
                schema
            }
            3 => json!({"type": "object", "properties": {self.name(c): {"type": "string"}}}),
            4 | 5 => self.idiom(doc, at, c, level + 1),
            _ => json!({}),
        }
    }

    /// One of Stripe's idioms that the lowering recognizes, around a small schema.
    fn idiom(&self, doc: &Value, at: &[Seg], c: &mut impl Choices, level: usize) -> Value {
        let inner = |this: &Self, c: &mut _| this.schema(doc, at, c, level + 1);
        let target = self.ref_target(doc, at, c);
        match c.below(8) {
            0 => json!({
                "type": "object",
                "properties": {
                    "object": {"type": "string", "enum": ["list"]},
                    "data": {"type": "array", "items": inner(self, c)},
                    "has_more": {"type": "boolean"},
                    "url": {"type": "string"},
                },
                "required": ["object", "data", "has_more", "url"],
            }),
            1 => json!({"anyOf": [inner(self, c), {"type": "string", "enum": [""]}]}),
            2 => json!({
                "anyOf": [{"maxLength": 5000, "type": "string"}, {"$ref": target}],
                "x-expansionResources": {"oneOf": [{"$ref": target}]},
            }),
            3 => json!({"anyOf": [{"$ref": target}], "nullable": true, "description": doc_text(c)}),
            4 => json!({"type": "object", "additionalProperties": inner(self, c)}),
            5 => json!({"type": "integer", "format": "unix-time"}),
            6 => {
                let n = c.below(5);
                let values: Vec<Value> = (0..n).map(|_| Value::String(self.name(c))).collect();
                json!({"type": "string", "enum": values})
            }
            _ => json!({"type": "array", "items": inner(self, c)}),
        }
    }

    /// A path template derived from `old`; with the parameter renamed, if one was.
    fn template(&self, old: &str, c: &mut impl Choices) -> (String, Option<(String, String)>) {
        let first_param = || {
            let start = old.find('{')?;
            let end = start + old[start..].find('}')?;
            Some(old[start + 1..end].to_owned())
        };
        let new = match c.below(12) {
            0 => format!("{old}/{{id}}"),
            1 => format!("{old}/{}", self.name(c)),
            2 => {
                if let Some(param) = first_param() {
                    let to = self.name(c);
                    let new = old.replacen(&format!("{{{param}}}"), &format!("{{{to}}}"), 1);
                    return (new, Some((param, to)));
                }
                format!("{old}/{{{}}}", self.name(c))
            }
            3 => match first_param() {
                Some(param) => old.replacen(&format!("{{{param}}}"), &param, 1),
                None => format!("{old}/"),
            },
            4 => old.replacen('/', "//", 1),
            5 => format!("{old}/{{"),
            6 => format!("{old}/{{}}"),
            7 => format!("{old}/{{a}}{{b}}"),
            8 => match first_param() {
                Some(param) => format!("{old}/{{{param}}}"),
                None => format!("{old}/{{id}}/{{id}}"),
            },
            9 => {
                let to = one(
                    c,
                    &[
                        "/v1/test",
                        "/v1/",
                        "/v1/test/x/",
                        "/v2/test/",
                        "/V1/test/",
                        "",
                        "/",
                    ],
                );
                old.replacen(TEST_PREFIX, to, 1)
                    .replacen(codegen::DEFAULT_PATH_PREFIX, to, 1)
            }
            10 => {
                let prefix = if old.starts_with(TEST_PREFIX) {
                    TEST_PREFIX
                } else {
                    codegen::DEFAULT_PATH_PREFIX
                };
                if c.bool() {
                    prefix.to_owned()
                } else {
                    format!("{prefix}{{id}}")
                }
            }
            _ => format!("{old}/{{{}}}", self.name(c)),
        };
        (new, None)
    }

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

fn odd_number(c: &mut impl Choices) -> Value {
    match c.below(10) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1.5),
        3 => json!(1e308),
        4 => json!(-1e308),
        5 => json!(u64::MAX),
        6 => json!(i64::MIN),
        7 => json!(9_007_199_254_740_993_u64),
        8 => json!(1e-300),
        _ => json!(-0.0),
    }
}

fn odd_scalar(c: &mut impl Choices) -> Value {
    match c.below(4) {
        0 => Value::Null,
        1 => odd_number(c),
        2 => Value::String(one(c, WEIRD_NAMES).to_owned()),
        _ => json!([]),
    }
}

/// Markdown- and HTML-ish text.
fn doc_text(c: &mut impl Choices) -> String {
    let n = count(c, 16);
    (0..n).map(|_| one(c, DOC_PIECES)).collect()
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

// ---- Paths into a document --------------------------------------------------------------------

/// One step from a node to a child.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

type NodePath = Vec<Seg>;

/// The path of every node, in pre-order, the root (empty) first.
fn paths(doc: &Value) -> Vec<NodePath> {
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

fn node<'v>(doc: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(doc, |value, seg| match seg {
        Seg::Key(key) => value.as_object()?.get(key),
        Seg::Index(i) => value.as_array()?.get(*i),
    })
}

fn node_mut<'v>(doc: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter().try_fold(doc, |value, seg| match seg {
        Seg::Key(key) => value.as_object_mut()?.get_mut(key),
        Seg::Index(i) => value.as_array_mut()?.get_mut(*i),
    })
}

/// Removes a node from its parent; false for the root or a path that is not there.
fn remove(doc: &mut Value, path: &[Seg]) -> bool {
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
fn pointer(path: &[Seg]) -> String {
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

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn is_schema_like(doc: &Value, path: &[Seg]) -> bool {
    node(doc, path)
        .and_then(Value::as_object)
        .is_some_and(|obj| SCHEMA_KEYS.iter().any(|k| obj.contains_key(*k)))
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

// ---- The target -------------------------------------------------------------------------------

/// How a case ended when nothing went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Code was generated.
    Generated,
    /// The input was rejected with an error.
    Rejected {
        /// The error's kind, like `codegen Malformed: invalid type` (for the summary).
        kind: String,
        /// The whole message.
        message: String,
    },
}

/// The path prefix a document is generated with: the hand-written specs' `/v1/test/` when it
/// has a path under it, else the project's.
pub fn prefix_for(doc: &Value) -> &'static str {
    let test = doc
        .get("paths")
        .and_then(Value::as_object)
        .is_some_and(|paths| paths.keys().any(|k| k.starts_with(TEST_PREFIX)));
    if test {
        TEST_PREFIX
    } else {
        codegen::DEFAULT_PATH_PREFIX
    }
}

/// Runs one case: reads it (for a file) and generates from it. Panics when something that must
/// hold for any input does not (see the module docs), as well as when the code under test does.
pub fn check(case: &Case) -> Outcome {
    match &case.input {
        Input::Document(doc) => generate(doc, "fuzz.json"),
        Input::Text { file_name, bytes } => {
            match spec::SpecDocument::parse(Path::new(file_name), bytes) {
                Ok(parsed) => {
                    let _ = parsed.content_hash();
                    let _ = parsed.api_version();
                    generate(&parsed.value, file_name)
                }
                Err(e) => {
                    let message = e.to_string();
                    assert!(
                        message.starts_with(file_name.as_str()),
                        "a spec error that does not start with the file name: {message}"
                    );
                    Outcome::Rejected {
                        kind: format!("spec {}", variant(&format!("{e:?}"))),
                        message,
                    }
                }
            }
        }
    }
}

fn generate(doc: &Value, source: &str) -> Outcome {
    let options = codegen::Options {
        path_prefix: prefix_for(doc).to_owned(),
        ..codegen::Options::default()
    };
    match codegen::generate(doc, source, &options) {
        Ok(generated) => {
            for file in &generated.files {
                let body = file
                    .contents
                    .strip_prefix(codegen::emit::HEADER)
                    .unwrap_or(&file.contents);
                assert!(
                    !body.starts_with("compile_error!"),
                    "the emitted {} does not parse: {}",
                    file.path,
                    body.lines().next().unwrap_or_default()
                );
            }
            Outcome::Generated
        }
        Err(e) => {
            assert!(
                points_into(doc, &e),
                "the error points at {}, which is not in the document: {e}",
                e.pointer
            );
            let message = e.to_string();
            Outcome::Rejected {
                kind: format!("codegen {}", error_kind(&e.kind)),
                message,
            }
        }
    }
}

/// Whether an error's pointer is in the document: the node itself, or, for a member that is
/// missing, its parent (or, when the message says what is missing, any of its ancestors).
fn points_into(doc: &Value, e: &codegen::Error) -> bool {
    let at = e.pointer.as_str();
    let parent = at.rfind('/').map_or("", |i| &at[..i]);
    let missing =
        matches!(&e.kind, codegen::ErrorKind::Malformed(what) if what.contains("missing"));
    doc.pointer(at).is_some() || doc.pointer(parent).is_some() || missing
}

/// The variant name at the start of a `Debug` rendering.
fn variant(debug: &str) -> &str {
    let end = debug
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(debug.len());
    &debug[..end]
}

/// A codegen error kind for the summary: the variant, and the first words of free-text ones.
fn error_kind(kind: &codegen::ErrorKind) -> String {
    let name = variant(&format!("{kind:?}")).to_owned();
    let text = match kind {
        codegen::ErrorKind::Malformed(text) | codegen::ErrorKind::Unsupported(text) => text,
        _ => return name,
    };
    // Quoted names and values vary from case to case: keep the words around them.
    let mut plain = String::new();
    let mut quote = None;
    for ch in text.chars() {
        match quote {
            Some(end) if ch == end => quote = None,
            Some(_) => {}
            None if ch == '`' || ch == '"' => {
                quote = Some(ch);
                plain.push('_');
            }
            None => plain.push(ch),
        }
    }
    let gist: Vec<&str> = plain
        .split([':', ';'])
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .take(8)
        .collect();
    format!("{name}: {}", gist.join(" "))
}

// ---- Running ----------------------------------------------------------------------------------

/// What runs a case: [`check`], or a stand-in in tests.
pub type Target = fn(&Case) -> Outcome;

/// How to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Case `i` of seed `s` is always the same input.
    pub seed: u64,
    /// Stop after this many cases.
    pub iterations: Option<u64>,
    /// Stop after this long.
    pub duration: Option<Duration>,
    /// A case running longer is a hang.
    pub case_timeout: Duration,
    /// Where findings are saved (`None`: not saved).
    pub artifacts: Option<PathBuf>,
    /// Reduce each panic's input before saving it.
    pub minimize: bool,
    /// Print findings as they come, and progress, to stderr.
    pub verbose: bool,
    /// A file that holds the number of the running case (8 bytes, little-endian), for a parent
    /// process to tell which case took the process down ([`read_progress`]).
    pub progress: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            seed: 0,
            iterations: Some(100),
            duration: None,
            case_timeout: Duration::from_secs(10),
            artifacts: None,
            minimize: true,
            verbose: false,
            progress: None,
        }
    }
}

/// What went wrong in a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// The target panicked.
    Panic,
    /// The target did not finish within the time limit.
    Hang,
    /// The process died (a stack overflow aborts it).
    Crash,
}

impl FindingKind {
    /// `panic`, `hang` or `crash`.
    pub fn word(self) -> &'static str {
        match self {
            FindingKind::Panic => "panic",
            FindingKind::Hang => "hang",
            FindingKind::Crash => "crash",
        }
    }
}

/// Cases that went wrong the same way (same panic location and message shape, or a hang).
#[derive(Debug, Clone)]
pub struct Finding {
    /// Panic or hang.
    pub kind: FindingKind,
    /// The panic message and location (for a hang, the time limit).
    pub message: String,
    /// How many cases went wrong this way.
    pub count: u64,
    /// The first such case's number (`--seed S` and this reproduce it).
    pub first_case: u64,
    /// The first such case.
    pub case: Case,
    /// Its input, reduced (when minimizing).
    pub reduced: Option<Input>,
    /// Where the inputs were saved.
    pub artifacts: Vec<PathBuf>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The seed.
    pub seed: u64,
    /// Cases run.
    pub cases: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Cases that generated code.
    pub generated: u64,
    /// Cases rejected with an error, by error kind.
    pub rejected: BTreeMap<String, u64>,
    /// Panics and hangs, grouped.
    pub findings: Vec<Finding>,
    /// Why the run stopped before its budget, if it did.
    pub stopped_early: Option<String>,
}

impl Report {
    /// Rejected cases in all.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    /// The summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.cases as f64 / secs
        } else {
            0.0
        };
        let percent = |n: u64| {
            if self.cases == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.cases as f64
            }
        };
        let _ = writeln!(
            out,
            "fuzz: seed {}: {} cases in {secs:.1} s ({rate:.1} cases/s)",
            self.seed, self.cases
        );
        let _ = writeln!(
            out,
            "  generated code: {} ({:.1}%)",
            self.generated,
            percent(self.generated)
        );
        let rejected = self.rejected_total();
        let _ = writeln!(
            out,
            "  rejected with an error: {rejected} ({:.1}%); top kinds:",
            percent(rejected)
        );
        let mut kinds: Vec<(&String, &u64)> = self.rejected.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (kind, n) in kinds.iter().take(12) {
            let _ = writeln!(out, "    {n:>7}  {kind}");
        }
        if kinds.len() > 12 {
            let rest: u64 = kinds.iter().skip(12).map(|(_, n)| **n).sum();
            let _ = writeln!(out, "    {rest:>7}  ({} other kinds)", kinds.len() - 12);
        }
        let found: u64 = self.findings.iter().map(|f| f.count).sum();
        let _ = writeln!(out, "  findings: {} ({found} cases)", self.findings.len());
        for finding in &self.findings {
            let _ = writeln!(
                out,
                "    {} x{} (first: case {} of seed {}, from {}): {}",
                finding.kind.word(),
                finding.count,
                finding.first_case,
                self.seed,
                finding.case.seed,
                finding.message
            );
            for path in &finding.artifacts {
                let _ = writeln!(out, "      saved {}", path.display());
            }
        }
        if let Some(why) = &self.stopped_early {
            let _ = writeln!(out, "  stopped early: {why}");
        }
        out
    }
}

/// The choices of case `index` of `seed`.
pub fn case_choices(seed: u64, index: u64) -> fastrand::Rng {
    // SplitMix64 of the pair, so that neighbouring cases do not start alike.
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    fastrand::Rng::with_seed(z ^ (z >> 31))
}

/// Case `index` of `seed`.
pub fn case_at(corpus: &Corpus, seed: u64, index: u64) -> Case {
    corpus.case(&mut case_choices(seed, index))
}

/// Runs cases `0..` of `config.seed` until the budget is spent; every case on a worker thread,
/// under `catch_unwind`, with a time limit.
pub fn run(corpus: &Corpus, config: &Config, target: Target) -> Report {
    let started = Instant::now();
    let mut report = Report {
        seed: config.seed,
        ..Report::default()
    };
    let mut worker = Worker::spawn(target);
    let mut stuck = 0;
    let mut groups: BTreeMap<(FindingKind, String), usize> = BTreeMap::new();
    let mut last_progress = Instant::now();
    let mut progress = config.progress.as_ref().and_then(|path| {
        std::fs::File::create(path)
            .map_err(|e| eprintln!("warning: cannot write {}: {e}", path.display()))
            .ok()
    });
    for index in 0.. {
        if config.iterations.is_some_and(|n| index >= n)
            || config.duration.is_some_and(|d| started.elapsed() >= d)
        {
            break;
        }
        if let Some(file) = &mut progress {
            use std::io::{Seek, Write};
            let _ = file
                .seek(std::io::SeekFrom::Start(0))
                .and_then(|_| file.write_all(&index.to_le_bytes()));
        }
        let case = case_at(corpus, config.seed, index);
        report.cases += 1;
        let verdict = worker.run(&case, config.case_timeout);
        let (kind, message) = match verdict {
            Verdict::Done(Outcome::Generated) => {
                report.generated += 1;
                continue;
            }
            Verdict::Done(Outcome::Rejected { kind, .. }) => {
                *report.rejected.entry(kind).or_default() += 1;
                continue;
            }
            Verdict::Panicked(message) => (FindingKind::Panic, message),
            Verdict::Hung => {
                worker = Worker::spawn(target);
                stuck += 1;
                (
                    FindingKind::Hang,
                    format!("no answer within {:?}", config.case_timeout),
                )
            }
        };
        let key = (kind, signature(&message));
        match groups.get(&key) {
            Some(&i) => report.findings[i].count += 1,
            None => {
                groups.insert(key, report.findings.len());
                let mut finding = Finding {
                    kind,
                    message,
                    count: 1,
                    first_case: index,
                    case: case.clone(),
                    reduced: None,
                    artifacts: Vec::new(),
                };
                if let Some(dir) = &config.artifacts {
                    match save(dir, kind, &case.input) {
                        Ok(path) => finding.artifacts.push(path),
                        Err(e) => eprintln!("warning: {e}"),
                    }
                }
                if config.verbose {
                    eprintln!("{}", describe_finding(&finding, config.seed));
                }
                report.findings.push(finding);
            }
        }
        if stuck >= 2 {
            report.stopped_early = Some(format!(
                "{stuck} cases hung; their threads still hold the CPU"
            ));
            break;
        }
        if config.verbose && last_progress.elapsed() >= Duration::from_secs(10) {
            last_progress = Instant::now();
            eprintln!(
                "fuzz: {} cases, {:.0} s, {} findings",
                report.cases,
                started.elapsed().as_secs_f64(),
                report.findings.len()
            );
        }
    }
    report.elapsed = started.elapsed();
    if config.minimize {
        for finding in &mut report.findings {
            if finding.kind != FindingKind::Panic {
                continue;
            }
            let wanted = signature(&finding.message);
            let reduced = minimize(&finding.case, &mut worker, config.case_timeout, &wanted);
            if let Some(dir) = &config.artifacts {
                match save(dir, finding.kind, &reduced) {
                    Ok(path) => {
                        if !finding.artifacts.contains(&path) {
                            finding.artifacts.push(path);
                        }
                    }
                    Err(e) => eprintln!("warning: {e}"),
                }
            }
            if config.verbose {
                eprintln!(
                    "reduced input of `{}`:\n{}",
                    finding.message,
                    shown(&reduced)
                );
            }
            finding.reduced = Some(reduced);
        }
    }
    report
}

/// Runs one input (a saved finding) on a worker, as [`run`] would.
pub fn replay(
    input: Input,
    case_timeout: Duration,
    target: Target,
) -> Result<Outcome, (FindingKind, String)> {
    let case = Case {
        seed: "replay".to_owned(),
        mutations: Vec::new(),
        input,
    };
    match Worker::spawn(target).run(&case, case_timeout) {
        Verdict::Done(outcome) => Ok(outcome),
        Verdict::Panicked(message) => Err((FindingKind::Panic, message)),
        Verdict::Hung => Err((
            FindingKind::Hang,
            format!("no answer within {case_timeout:?}"),
        )),
    }
}

/// A finding as printed when found: what, where from, how to reproduce, and the input.
pub fn describe_finding(finding: &Finding, seed: u64) -> String {
    let mut out = format!(
        "fuzz: {} in case {} of seed {} (seed file {}): {}\n",
        finding.kind.word(),
        finding.first_case,
        seed,
        finding.case.seed,
        finding.message
    );
    for mutation in &finding.case.mutations {
        let _ = writeln!(out, "  - {mutation}");
    }
    for path in &finding.artifacts {
        let _ = writeln!(
            out,
            "  saved {} (re-run it with `cargo xtask fuzz --replay {}`)",
            path.display(),
            path.display()
        );
    }
    let _ = writeln!(out, "input:\n{}", shown(&finding.case.input));
    out
}

/// An input as text for the terminal: pretty JSON when short, else compact; cut at 4000
/// characters.
pub fn shown(input: &Input) -> String {
    let mut text = String::from_utf8_lossy(&input.bytes()).into_owned();
    if let Input::Document(doc) = input
        && text.len() > 4000
    {
        text = doc.to_string();
    }
    match text.char_indices().nth(4000) {
        Some((cut, _)) => format!("{}\n... ({} bytes in all)", &text[..cut], text.len()),
        None => text,
    }
}

/// The number of the case that was running, from a [`Config::progress`] file.
pub fn read_progress(path: &Path) -> Option<u64> {
    let bytes = std::fs::read(path).ok()?;
    Some(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?))
}

/// Saves an input as `<dir>/<kind>-<hash>.<ext>`.
pub fn save(dir: &Path, kind: FindingKind, input: &Input) -> Result<PathBuf, String> {
    let bytes = input.bytes();
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!(
        "{}-{:016x}.{}",
        kind.word(),
        fnv1a(&bytes),
        input.extension()
    ));
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What makes two panics the same finding: the location and the message with numbers blanked.
fn signature(message: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for ch in message.chars().take(300) {
        if ch.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(ch);
        }
    }
    out
}

/// Reduces a failing input while it still fails with the same signature: removes object members
/// and array items (a document), or byte ranges (a file). Gives up after a few thousand tries or
/// a minute, keeping what it has.
fn minimize(case: &Case, worker: &mut Worker, timeout: Duration, wanted: &str) -> Input {
    let mut probe = Probe {
        case,
        worker,
        timeout,
        wanted,
        tries: 0,
        started: Instant::now(),
    };
    match &case.input {
        Input::Document(doc) => {
            let mut doc = doc.clone();
            let mut progress = true;
            while progress && !probe.spent() {
                progress = false;
                // Pre-order, skipping the root; after a removal the same index is the next node.
                let mut i = 1;
                while let Some(path) = paths(&doc).get(i).cloned() {
                    if probe.spent() {
                        break;
                    }
                    let mut smaller = doc.clone();
                    if remove(&mut smaller, &path) && probe.fails(Input::Document(smaller.clone()))
                    {
                        doc = smaller;
                        progress = true;
                    } else {
                        i += 1;
                    }
                }
            }
            Input::Document(doc)
        }
        Input::Text { file_name, bytes } => {
            let text = |bytes: Vec<u8>| Input::Text {
                file_name: file_name.clone(),
                bytes,
            };
            let mut bytes = bytes.clone();
            let mut chunk = bytes.len().div_ceil(2).max(1);
            loop {
                let mut start = 0;
                while start < bytes.len() && !probe.spent() {
                    let end = (start + chunk).min(bytes.len());
                    let mut smaller = bytes.clone();
                    smaller.drain(start..end);
                    if probe.fails(text(smaller.clone())) {
                        bytes = smaller;
                    } else {
                        start = end;
                    }
                }
                if chunk == 1 || probe.spent() {
                    break;
                }
                chunk = chunk.div_ceil(2);
            }
            text(bytes)
        }
    }
}

/// Runs reduced inputs for [`minimize`].
struct Probe<'a> {
    case: &'a Case,
    worker: &'a mut Worker,
    timeout: Duration,
    wanted: &'a str,
    tries: usize,
    started: Instant,
}

impl Probe<'_> {
    fn spent(&self) -> bool {
        self.tries >= 4000 || self.started.elapsed() > Duration::from_secs(60)
    }

    /// Whether `input` still panics the same way.
    fn fails(&mut self, input: Input) -> bool {
        self.tries += 1;
        let probe = Case {
            input,
            ..self.case.clone()
        };
        match self.worker.run(&probe, self.timeout) {
            Verdict::Panicked(message) => signature(&message) == self.wanted,
            Verdict::Hung => {
                *self.worker = Worker::spawn(self.worker.target);
                false
            }
            Verdict::Done(_) => false,
        }
    }
}

// ---- The worker thread ------------------------------------------------------------------------

/// How a case ran on the worker.
enum Verdict {
    Done(Outcome),
    Panicked(String),
    Hung,
}

/// A thread that runs cases one at a time. A worker whose case hangs is abandoned (a thread
/// cannot be stopped) and replaced.
struct Worker {
    target: Target,
    cases: mpsc::Sender<Case>,
    verdicts: mpsc::Receiver<Result<Outcome, String>>,
}

/// The worker's stack: the default of a spawned thread (where tests run the generator), a
/// quarter of a main thread's. A stack overflow aborts the process; `cargo xtask fuzz` runs the
/// cases in a child process to report it (see [`Config::progress`]).
const WORKER_STACK: usize = 2 << 20;

thread_local! {
    /// Whether this thread's panics are findings (kept quiet and recorded).
    static CAPTURE: Cell<bool> = const { Cell::new(false) };
    /// The last captured panic's message and location.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records the panics of worker threads instead of printing
/// them, and leaves every other thread's to the previous hook.
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURE.with(Cell::get) {
                let message = info.payload_as_str().unwrap_or("(a non-text panic)");
                let text = match info.location() {
                    Some(at) => {
                        format!("{message} (at {}:{}:{})", at.file(), at.line(), at.column())
                    }
                    None => message.to_owned(),
                };
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

impl Worker {
    fn spawn(target: Target) -> Worker {
        install_hook();
        let (case_tx, case_rx) = mpsc::channel::<Case>();
        let (verdict_tx, verdict_rx) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("fuzz-case".to_owned())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                CAPTURE.with(|c| c.set(true));
                for case in case_rx {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| target(&case)));
                    let verdict = result.map_err(|_| {
                        LAST_PANIC
                            .with(|last| last.borrow_mut().take())
                            .unwrap_or_else(|| "a panic".to_owned())
                    });
                    if verdict_tx.send(verdict).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start a fuzz worker thread: {e}");
        }
        Worker {
            target,
            cases: case_tx,
            verdicts: verdict_rx,
        }
    }

    fn run(&mut self, case: &Case, timeout: Duration) -> Verdict {
        if self.cases.send(case.clone()).is_err() {
            *self = Worker::spawn(self.target);
            if self.cases.send(case.clone()).is_err() {
                return Verdict::Panicked("the worker thread is gone".to_owned());
            }
        }
        match self.verdicts.recv_timeout(timeout) {
            Ok(Ok(outcome)) => Verdict::Done(outcome),
            Ok(Err(message)) => Verdict::Panicked(message),
            Err(mpsc::RecvTimeoutError::Timeout) => Verdict::Hung,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                *self = Worker::spawn(self.target);
                Verdict::Panicked("the worker thread died".to_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::load(crate::layout::Layout::from_manifest_dir().root()).unwrap()
    }

    fn boom(case: &Case) -> Outcome {
        if let Input::Document(doc) = &case.input
            && doc.get("paths").is_some()
        {
            panic!("boom at depth {}", depth(doc));
        }
        Outcome::Generated
    }

    fn sleepy(_: &Case) -> Outcome {
        thread::sleep(Duration::from_millis(600));
        Outcome::Generated
    }

    #[test]
    fn a_panicking_target_is_a_finding_saved_and_reduced() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            seed: 7,
            iterations: Some(40),
            artifacts: Some(dir.path().to_owned()),
            ..Config::default()
        };
        let report = run(&corpus(), &config, boom);
        assert_eq!(report.cases, 40);
        // One finding however many cases panicked: the depth in the message is blanked.
        assert_eq!(report.findings.len(), 1, "{}", report.summary());
        let finding = &report.findings[0];
        assert_eq!(finding.kind, FindingKind::Panic);
        assert!(
            finding.message.starts_with("boom at depth "),
            "{}",
            finding.message
        );
        assert!(finding.message.contains("fuzz.rs"), "{}", finding.message);
        assert!(finding.count > 20, "{}", report.summary());
        // Reduced to the smallest document that still has `paths`.
        let Some(Input::Document(reduced)) = &finding.reduced else {
            panic!("not reduced: {:?}", finding.reduced);
        };
        assert_eq!(reduced, &json!({"paths": {}}));
        assert!(!finding.artifacts.is_empty());
        for path in &finding.artifacts {
            assert!(path.starts_with(dir.path()));
            assert!(
                path.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("panic-")
            );
            assert!(path.exists());
        }
        assert!(
            report.summary().contains("findings: 1 ("),
            "{}",
            report.summary()
        );
    }

    #[test]
    fn a_hanging_target_is_a_finding() {
        let config = Config {
            seed: 1,
            iterations: Some(3),
            case_timeout: Duration::from_millis(100),
            ..Config::default()
        };
        let report = run(&corpus(), &config, sleepy);
        assert_eq!(report.findings.len(), 1, "{}", report.summary());
        assert_eq!(report.findings[0].kind, FindingKind::Hang);
        // Two stuck threads are enough: the run stops rather than fill the machine.
        assert_eq!(report.cases, 2);
        assert!(report.stopped_early.is_some());
    }

    #[test]
    fn cases_are_deterministic_per_seed_and_index() {
        let corpus = corpus();
        for index in 0..30 {
            let a = case_at(&corpus, 42, index);
            let b = case_at(&corpus, 42, index);
            assert_eq!(a.input.bytes(), b.input.bytes());
            assert_eq!(a.mutations, b.mutations);
        }
        let differ = (0..30)
            .filter(|&i| {
                case_at(&corpus, 42, i).input.bytes() != case_at(&corpus, 43, i).input.bytes()
            })
            .count();
        assert!(differ > 20);
    }

    /// Any source of choices works, even one that runs dry or answers out of range.
    #[test]
    fn the_engine_takes_any_choices() {
        struct Dry;
        impl Choices for Dry {
            fn below(&mut self, _: usize) -> usize {
                0
            }
        }
        struct Wild(u64);
        impl Choices for Wild {
            fn below(&mut self, _: usize) -> usize {
                self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1);
                (self.0 >> 33) as usize
            }
        }
        let corpus = corpus();
        let _ = corpus.case(&mut Dry);
        let mut wild = Wild(3);
        for _ in 0..200 {
            let _ = corpus.case(&mut wild);
        }
    }

    #[test]
    fn mutated_documents_stay_readable() {
        let corpus = corpus();
        let mut deep = 0;
        for index in 0..400 {
            let case = case_at(&corpus, 9, index);
            if let Input::Document(doc) = &case.input {
                let d = depth(doc);
                assert!(d <= MAX_DEPTH, "{d}: {:?}", case.mutations);
                deep = deep.max(d);
                // A saved document reads back as the same value.
                let back: Value = serde_json::from_slice(&case.input.bytes()).unwrap();
                assert_eq!(&back, doc);
            }
        }
        assert!(deep > 40, "no deep document in 400 cases ({deep})");
    }

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

    #[test]
    fn signatures_blank_numbers() {
        assert_eq!(
            signature("index out of bounds: the len is 3 but the index is 12 (at a.rs:4:5)"),
            "index out of bounds: the len is N but the index is N (at a.rs:N:N)"
        );
    }
}
