//! The values mutations put in a document: names (from the seeds, or odd ones), `$ref` targets,
//! plausible values for a keyword, small schemas and Stripe's idioms, path templates, odd
//! numbers and markdown-ish text.

use super::cases::Corpus;
use super::choices::{Choices, count, index, one};
use super::tree::{Seg, escape, node, pointer};
use super::vocabulary::{
    CONTENT_TYPES, DOC_PIECES, FORMATS, LOCATIONS, ODD_REFS, PORTAL_PREFIX, STATUSES, TEST_PREFIX,
    TYPES, VERSIONS, WEIRD_NAMES,
};
use serde_json::{Value, json};

impl Corpus {
    /// A name from the seeds or a weird one.
    pub(super) fn name(&self, c: &mut impl Choices) -> String {
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
    pub(super) fn ref_target(&self, doc: &Value, at: &[Seg], c: &mut impl Choices) -> String {
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
    pub(super) fn plausible(
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
    pub(super) fn idiom(
        &self,
        doc: &Value,
        at: &[Seg],
        c: &mut impl Choices,
        level: usize,
    ) -> Value {
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
    pub(super) fn template(
        &self,
        old: &str,
        c: &mut impl Choices,
    ) -> (String, Option<(String, String)>) {
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
                    .replacen(PORTAL_PREFIX, to, 1)
            }
            10 => {
                let prefix = if old.starts_with(TEST_PREFIX) {
                    TEST_PREFIX
                } else {
                    PORTAL_PREFIX
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
}

pub(super) fn odd_number(c: &mut impl Choices) -> Value {
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
pub(super) fn doc_text(c: &mut impl Choices) -> String {
    let n = count(c, 16);
    (0..n).map(|_| one(c, DOC_PIECES)).collect()
}
