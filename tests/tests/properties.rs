//! Property tests over every struct of the generated crate (listed by `build.rs` from the
//! pinned spec's model, so a regen that adds a type adds it here):
//!
//! - request params: arbitrary values (drawn from the model: every field present or absent,
//!   set or cleared, strings with any character) encode to a form that an independent decoder
//!   ([`form_decoder`]) reads back as exactly the value's tree; clears arrive as `key=`,
//!   absent fields not at all; encoding never panics;
//! - responses: arbitrary bytes and arbitrary JSON decode to `Ok` or `Err`, never a panic;
//!   values drawn from the model decode; a value with one field changed to a wrong type is an
//!   error naming that field's path.
//!
//! The values are drawn as JSON from the model and turned into the Rust types with serde, so
//! one strategy per `TypeRef` covers every generated type.

use codegen::model::{
    Api, Discriminator, Field, FieldShape, Role, Struct, TypeDef, TypeId, TypeKind, TypeRef,
};
use portal_tests::form_decoder::{self, Node};
use portal_tests::{TypeVisitor, pinned_fixtures, pinned_selection, registry};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use stripe_billing_portal::runtime::{form, parse_response};

/// The model of the spec the generated crate comes from.
fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| {
        codegen::build_model(&pinned_selection(), "pinned", &portal_tests::pinned_scope()).unwrap()
    })
}

fn type_id(name: &str, role: Role) -> TypeId {
    let index = api()
        .types
        .iter()
        .position(|t| t.name == name && t.role == role)
        .unwrap_or_else(|| panic!("{name} is not in the model"));
    TypeId(index)
}

/// `cases` per property, unless `PROPTEST_CASES` says otherwise (for a longer local run).
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

// ---------------------------------------------------------------------------------------------
// Values drawn from the model
// ---------------------------------------------------------------------------------------------

/// Strings that stress a form encoding, and any string at all.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-z_]{0,6}",
        "[\\[\\]&=%+#?;/ \r\n\t\u{0}\u{7f}é😀\u{202e}a-z]{0,10}",
        any::<String>(),
    ]
    .boxed()
}

/// Map keys Stripe's form encoding can spell: not empty, no brackets.
fn map_key() -> BoxedStrategy<String> {
    prop_oneof!["[a-z_]{1,6}", "[^\\[\\]]{1,8}"].boxed()
}

/// A JSON value of type `ty`. `clearable` adds `""` (Clear) as a choice.
fn value(ty: &TypeRef, clearable: bool, depth: u32) -> BoxedStrategy<Value> {
    let plain = match ty {
        TypeRef::Bool => any::<bool>().prop_map(Value::from).boxed(),
        TypeRef::Integer => any::<i64>().prop_map(Value::from).boxed(),
        TypeRef::Timestamp => (0i64..4_102_444_800).prop_map(Value::from).boxed(),
        TypeRef::Number => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from)
            .boxed(),
        TypeRef::String | TypeRef::Json => text().prop_map(Value::from).boxed(),
        TypeRef::Named(id) => named(api().type_def(*id), depth),
        TypeRef::Vec(item) | TypeRef::List(item) => {
            prop::collection::vec(value(item, false, depth + 1), 0..3)
                .prop_map(Value::from)
                .boxed()
        }
        TypeRef::Map(item) => {
            prop::collection::btree_map(map_key(), value(item, false, depth + 1), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        TypeRef::Expandable(inner) => prop_oneof![
            "[a-z]{2,4}_[A-Za-z0-9]{1,8}".prop_map(Value::from),
            value(inner, false, depth + 1),
        ]
        .boxed(),
        TypeRef::Clearable(inner) => return value(inner, true, depth),
    };
    if clearable {
        prop_oneof![1 => Just(json!("")), 4 => plain].boxed()
    } else {
        plain
    }
}

fn named(def: &TypeDef, depth: u32) -> BoxedStrategy<Value> {
    match &def.kind {
        // A value of one of the arms; a deleted object says so, as Stripe's do.
        TypeKind::Union(u) => {
            let arms: Vec<BoxedStrategy<Value>> = u
                .arms
                .iter()
                .map(|arm| {
                    let deleted = arm.deleted;
                    value(&arm.ty, false, depth + 1)
                        .prop_map(move |mut v| {
                            if let (true, Some(object)) = (deleted, v.as_object_mut()) {
                                object.insert("deleted".into(), Value::Bool(true));
                            }
                            v
                        })
                        .boxed()
                })
                .collect();
            prop::strategy::Union::new(arms).boxed()
        }
        TypeKind::Enum(e) => {
            let values: Vec<String> = e.variants.iter().map(|v| v.wire_value.clone()).collect();
            prop::sample::select(values).prop_map(Value::from).boxed()
        }
        // An event: its `type` names the object it carries (one of the typed arms, or any other
        // type with any object).
        TypeKind::Struct(s) if s.envelope.is_some() => event(s, depth),
        TypeKind::Struct(s) => match &s.tagged {
            None => object(s, depth, |_| Presence::AsTheSpecSays),
            // A request is of one kind: its `type`, its own sub-object (when the kind needs it,
            // always), none of the others'. A response may carry the others too.
            Some(tagged) => {
                let role = def.role;
                let kinds: Vec<BoxedStrategy<Value>> = tagged
                    .kinds
                    .iter()
                    .map(|kind| {
                        let value = Value::from(kind.wire_value.clone());
                        object(s, depth, |field| {
                            if field.wire_name == tagged.tag.wire_name {
                                Presence::Exactly(value.clone())
                            } else if let Some(p) = kind
                                .payload
                                .as_ref()
                                .filter(|p| p.field.wire_name == field.wire_name)
                            {
                                if p.required {
                                    Presence::Always
                                } else {
                                    Presence::AsTheSpecSays
                                }
                            } else if tagged.owns(field) && role == Role::Request {
                                Presence::Never
                            } else {
                                Presence::AsTheSpecSays
                            }
                        })
                    })
                    .collect();
                prop::strategy::Union::new(kinds).boxed()
            }
        },
    }
}

/// Whether a generated object has a field.
enum Presence {
    /// Present or absent as its shape allows.
    AsTheSpecSays,
    /// Present.
    Always,
    /// Absent.
    Never,
    /// Present with this value.
    Exactly(Value),
}

/// Objects of `s`, each field present as `presence` (given the field) says.
/// An event envelope whose `type` and `data.object` agree: a typed type with its object, or a
/// type the crate does not type with any object.
fn event(s: &Struct, depth: u32) -> BoxedStrategy<Value> {
    let Some((envelope, union)) = event_parts(s) else {
        unreachable!("called for envelopes")
    };
    let wire = |def_fields: &[Field], rust: &str| {
        let field = def_fields.iter().find(|f| f.rust_name == rust).unwrap();
        field.wire_name.clone()
    };
    let type_key = wire(&s.fields, &envelope.type_field);
    let data_key = wire(&s.fields, &envelope.data_field);
    let TypeKind::Struct(data) = &api().type_def(envelope.data).kind else {
        unreachable!("the data is a struct")
    };
    let object_key = wire(&data.fields, &envelope.object_field);
    let mut arms: Vec<BoxedStrategy<(String, Value)>> = union
        .arms
        .iter()
        .map(|arm| {
            let tag = arm.tag.clone();
            value(&arm.ty, false, depth + 1)
                .prop_map(move |v| (tag.clone(), v))
                .boxed()
        })
        .collect();
    let typed: Vec<String> = union.arms.iter().map(|arm| arm.tag.clone()).collect();
    arms.push(
        (
            "[a-z]{1,8}\\.[a-z]{1,8}",
            value(&TypeRef::Json, false, depth + 1),
        )
            .prop_filter("not a typed type", move |(tag, _)| !typed.contains(tag))
            .boxed(),
    );
    (
        object(s, depth, |_| Presence::AsTheSpecSays),
        prop::strategy::Union::new(arms),
    )
        .prop_map(move |(mut json, (tag, object))| {
            json[&type_key] = Value::from(tag);
            json[&data_key][&object_key] = object;
            json
        })
        .boxed()
}

/// An envelope's parts, and the union of its typed objects.
fn event_parts(s: &Struct) -> Option<(&codegen::model::Envelope, &codegen::model::Union)> {
    let envelope = s.envelope.as_deref()?;
    let TypeKind::Struct(data) = &api().type_def(envelope.data).kind else {
        return None;
    };
    let object = data
        .fields
        .iter()
        .find(|f| f.rust_name == envelope.object_field)?;
    let TypeRef::Named(union) = object.ty else {
        return None;
    };
    match &api().type_def(union).kind {
        TypeKind::Union(u) => Some((envelope, u)),
        _ => None,
    }
}

fn object(s: &Struct, depth: u32, presence: impl Fn(&Field) -> Presence) -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = s
        .fields
        .iter()
        .map(|field| {
            let name = field.wire_name.clone();
            let clearable = field.shape.is_clearable();
            let nullable = field.shape.is_nullable();
            let always = match presence(field) {
                Presence::Never => return Just(None).boxed(),
                Presence::Exactly(value) => return Just(Some((name, value))).boxed(),
                Presence::Always => true,
                Presence::AsTheSpecSays => false,
            };
            let mut present = value(&field.ty, clearable, depth + 1);
            if nullable {
                present = prop_oneof![1 => Just(Value::Null), 4 => present].boxed();
            }
            let present = present.prop_map(move |v| Some((name.clone(), v)));
            if always || field.shape.is_required() || matches!(field.shape, FieldShape::Nullable) {
                present.boxed()
            } else if depth > 4 {
                Just(None).boxed()
            } else {
                prop_oneof![Just(None), present].boxed()
            }
        })
        .collect();
    fields
        .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect::<Map<_, _>>()))
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Request params: encode, decode independently, compare
// ---------------------------------------------------------------------------------------------

/// What a server must decode from the form of `json` (of type `ty`), by Stripe's rules written
/// out here independently of the encoder: nesting in brackets, list items by index, `""` (a
/// clear) as `key=`, an empty list/map/object as `key=` when the caller set it on a clearable
/// field and as nothing otherwise. `None` when nothing is sent.
fn expected(json: &Value, ty: &TypeRef, clearable: bool) -> Option<Node> {
    if clearable && json == "" {
        return Some(Node::Leaf(String::new()));
    }
    let node = match (ty, json) {
        (TypeRef::Clearable(inner), _) => return expected(json, inner, true),
        (_, Value::Null) => return None,
        (_, Value::Bool(b)) => Node::Leaf(b.to_string()),
        (TypeRef::Number, Value::Number(n)) => Node::Leaf(n.as_f64().unwrap().to_string()),
        (_, Value::Number(n)) => Node::Leaf(n.to_string()),
        (_, Value::String(s)) => Node::Leaf(s.clone()),
        (TypeRef::Vec(item), Value::Array(items)) => Node::Branch(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i.to_string(), expected(v, item, false)?)))
                .collect(),
        ),
        (TypeRef::Map(item), Value::Object(entries)) => Node::Branch(
            entries
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), expected(v, item, false)?)))
                .collect(),
        ),
        (TypeRef::Named(id), Value::Object(entries)) => {
            let s = match &api().type_def(*id).kind {
                TypeKind::Struct(s) => s,
                // A union of JSON kinds (`created`: a range object or a timestamp): the arm
                // that takes an object is what is sent.
                TypeKind::Union(union) => {
                    let arm = union.arms.iter().find(|arm| arm.tag == "object");
                    return expected(json, &arm.expect("an object arm").ty, clearable);
                }
                TypeKind::Enum(_) => panic!("an object for an enum"),
            };
            Node::Branch(
                s.fields
                    .iter()
                    .filter_map(|f| {
                        let clearable = f.shape.is_clearable();
                        let node = expected(entries.get(&f.wire_name)?, &f.ty, clearable)?;
                        Some((f.wire_name.clone(), node))
                    })
                    .collect(),
            )
        }
        (ty, json) => panic!("no expectation for {json} as {ty:?}"),
    };
    match node {
        Node::Branch(children) if children.is_empty() => {
            clearable.then(|| Node::Leaf(String::new()))
        }
        node => Some(node),
    }
}

/// Clears (`key=` leaves of clearable fields) and absent optional fields seen, to show the
/// strategies reach both.
#[derive(Default)]
struct Seen {
    clears: usize,
    absent: usize,
    cases: usize,
}

fn count(json: &Value, def: &TypeDef, seen: &mut Seen) {
    let (TypeKind::Struct(s), Value::Object(entries)) = (&def.kind, json) else {
        return;
    };
    for field in &s.fields {
        let clearable = field.shape.is_clearable();
        match entries.get(&field.wire_name) {
            None => seen.absent += 1,
            Some(v) if v == "" && clearable => seen.clears += 1,
            Some(v) => {
                if let TypeRef::Named(id) = &field.ty {
                    count(v, api().type_def(*id), seen);
                }
            }
        }
    }
}

struct ParamsRoundTrip {
    types: usize,
    seen: Seen,
}

impl TypeVisitor for ParamsRoundTrip {
    fn request<T>(&mut self, name: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + 'static,
    {
        self.types += 1;
        let id = type_id(name, Role::Request);
        let (def, root) = (api().type_def(id), TypeRef::Named(id));
        let seen = std::cell::RefCell::new(&mut self.seen);
        let result = runner(128).run(&named(def, 0), |json| {
            let mut seen = seen.borrow_mut();
            seen.cases += 1;
            count(&json, def, &mut seen);
            let typed: T = serde_json::from_value(json.clone())
                .map_err(|e| TestCaseError::fail(format!("{json} is not a {name}: {e}")))?;
            let pairs = form::to_pairs(&typed)
                .map_err(|e| TestCaseError::fail(format!("{typed:?} does not encode: {e}")))?;
            let body = form::encode_pairs(&pairs);
            let decoded = form_decoder::tree(&body)
                .map_err(|e| TestCaseError::fail(format!("{body:?} does not decode: {e}")))?;
            let want =
                expected(&json, &root, false).unwrap_or_else(|| Node::Branch(BTreeMap::new()));
            prop_assert_eq!(decoded, want, "{} as {}: {}", json, name, body);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
    }

    fn response<T>(&mut self, _name: &str) {}
}

#[test]
fn every_params_type_encodes_to_what_an_independent_decoder_reads_back() {
    let mut visitor = ParamsRoundTrip {
        types: 0,
        seen: Seen::default(),
    };
    registry::visit_types(&mut visitor);
    let request_structs = api()
        .types
        .iter()
        .filter(|t| t.role == Role::Request && matches!(t.kind, TypeKind::Struct(_)))
        .count();
    assert_eq!(
        visitor.types, request_structs,
        "every params struct is visited"
    );
    let seen = visitor.seen;
    eprintln!(
        "{} params types, {} cases: {} clears, {} absent fields",
        visitor.types, seen.cases, seen.clears, seen.absent
    );
    assert!(
        seen.clears > 100 && seen.absent > 100,
        "the strategies reach clears and absent fields"
    );
}

/// A map key that Stripe's form encoding cannot spell (empty, or with a bracket) is an error
/// naming the key, never a form the server would read differently.
#[test]
fn unspellable_map_keys_are_refused_by_name() {
    let bad_key = prop_oneof![Just(String::new()), "[^\\]]{0,4}[\\[\\]][^\\[]{0,4}"];
    let result = runner(256).run(&(bad_key, text()), |(key, value)| {
        let params = stripe_billing_portal::params::UpdateConfigurationParams {
            metadata: Some(BTreeMap::from([(key.clone(), value)]).into()),
            ..stripe_billing_portal::params::UpdateConfigurationParams::new()
        };
        let err = form::to_pairs(&params).expect_err("an unspellable key encoded");
        let text = err.to_string();
        prop_assert!(text.starts_with("cannot form-encode `metadata"), "{}", text);
        prop_assert!(
            text.contains(&format!("{key:?}")) || key.is_empty(),
            "{}",
            text
        );
        Ok(())
    });
    result.unwrap();
}

// ---------------------------------------------------------------------------------------------
// Responses: never a panic, and errors that name the path
// ---------------------------------------------------------------------------------------------

/// Arbitrary JSON whose object keys are often the model's field names, so that decoding gets
/// past the first field.
fn arbitrary_json(names: Vec<String>) -> BoxedStrategy<Value> {
    let key = prop_oneof![prop::sample::select(names), "[a-z_]{1,6}"];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// The nodes of `json` that a wrong-typed value must make fail, with their paths as the
/// decoder spells them (`a.b[0].c`). Skips `Json` fields, which take anything.
fn typed_nodes(json: &Value, ty: &TypeRef, path: &str, out: &mut Vec<(String, bool)>) {
    let join = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    match (ty, json) {
        (TypeRef::Json, _) | (_, Value::Null) => return,
        // Read alone (without its event's `type`), an event's object is any JSON.
        (TypeRef::Named(id), _)
            if matches!(&api().type_def(*id).kind,
                TypeKind::Union(u) if u.discriminator == Discriminator::EventType) =>
        {
            return;
        }
        (TypeRef::Clearable(inner) | TypeRef::Expandable(inner), _) => {
            return typed_nodes(json, inner, path, out);
        }
        (TypeRef::Vec(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                typed_nodes(v, item, &format!("{path}[{i}]"), out);
            }
        }
        (TypeRef::List(item), Value::Object(list)) => {
            if let Some(Value::Array(items)) = list.get("data") {
                for (i, v) in items.iter().enumerate() {
                    typed_nodes(v, item, &format!("{}[{i}]", join("data")), out);
                }
            }
        }
        (TypeRef::Map(item), Value::Object(entries)) => {
            // A key with a dot has no dotted path that `replace_at` can walk back (`m..` for
            // the key `.`), so its value is not one of the places to put a wrong type.
            for (k, v) in entries.iter().filter(|(k, _)| !k.contains('.')) {
                typed_nodes(v, item, &join(k), out);
            }
        }
        (TypeRef::Named(id), Value::Object(entries)) => {
            if let TypeKind::Struct(s) = &api().type_def(*id).kind {
                for f in &s.fields {
                    let Some(v) = entries.get(&f.wire_name) else {
                        continue;
                    };
                    match event_parts(s) {
                        Some((envelope, union)) if f.rust_name == envelope.data_field => {
                            event_data_nodes(json, v, envelope, union, &join(&f.wire_name), out);
                        }
                        _ => typed_nodes(v, &f.ty, &join(&f.wire_name), out),
                    }
                }
            }
        }
        _ => {}
    }
    if !path.is_empty() {
        out.push((path.to_owned(), matches!(ty, TypeRef::Bool)));
    }
}

/// The typed nodes of an event's data: its object's as the type the event's `type` gives (an
/// object of a type the crate does not type is any JSON, and has none).
fn event_data_nodes(
    event: &Value,
    data: &Value,
    envelope: &codegen::model::Envelope,
    union: &codegen::model::Union,
    path: &str,
    out: &mut Vec<(String, bool)>,
) {
    let TypeKind::Struct(data_struct) = &api().type_def(envelope.data).kind else {
        return;
    };
    let event_type = event
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let arm = union.arms.iter().find(|arm| arm.tag == event_type);
    for f in &data_struct.fields {
        let Some(v) = data.get(&f.wire_name) else {
            continue;
        };
        let at = format!("{path}.{}", f.wire_name);
        match arm {
            _ if f.rust_name != envelope.object_field => typed_nodes(v, &f.ty, &at, out),
            Some(arm) => typed_nodes(v, &arm.ty, &at, out),
            None => {}
        }
    }
    out.push((path.to_owned(), false));
}

/// `json` with the node at `path` replaced.
fn replace_at(json: &mut Value, path: &str, with: Value) {
    let mut node = json;
    for segment in path.split('.') {
        let (name, indices) = match segment.find('[') {
            Some(at) => segment.split_at(at),
            None => (segment, ""),
        };
        node = &mut node[name];
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            node = &mut node[index.parse::<usize>().unwrap()];
        }
    }
    *node = with;
}

/// The pinned release's fixture of each response type that has one.
fn fixtures() -> BTreeMap<String, Value> {
    let all = pinned_fixtures();
    api()
        .types
        .iter()
        .filter_map(|t| {
            let object = all.get(t.spec_name.as_deref()?)?;
            Some((t.name.clone(), object.clone()))
        })
        .collect()
}

struct ResponseDecoding {
    types: usize,
    fixtures: BTreeMap<String, Value>,
    mutated: usize,
}

impl TypeVisitor for ResponseDecoding {
    fn request<T>(&mut self, _name: &str) {}

    fn response<T>(&mut self, name: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + 'static,
    {
        self.types += 1;
        let id = type_id(name, Role::Response);
        let TypeKind::Struct(s) = &api().type_def(id).kind else {
            return;
        };
        let decode = |bytes: &[u8]| parse_response::<T>(200, None, bytes);

        // Arbitrary bytes and arbitrary JSON: a result, never a panic.
        runner(128)
            .run(&prop::collection::vec(any::<u8>(), 0..256), |bytes| {
                let _ = decode(&bytes);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{name}, bytes: {e}"));
        let names = s.fields.iter().map(|f| f.wire_name.clone()).collect();
        runner(128)
            .run(&arbitrary_json(names), |json| {
                let _ = decode(json.to_string().as_bytes());
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{name}, JSON: {e}"));

        // Values drawn from the model decode, and one wrong-typed node is named by its path.
        let mut samples: Vec<BoxedStrategy<Value>> = vec![named(api().type_def(id), 0)];
        if let Some(fixture) = self.fixtures.get(name) {
            samples.push(Just(fixture.clone()).boxed());
        }
        let mutated = std::cell::Cell::new(0);
        let strategy = (
            prop::strategy::Union::new(samples),
            any::<prop::sample::Index>(),
        );
        runner(128)
            .run(&strategy, |(json, pick)| {
                let bytes = json.to_string();
                if let Err(e) = decode(bytes.as_bytes()) {
                    return Err(TestCaseError::fail(format!(
                        "a valid {name} does not decode: {e}\n{bytes}"
                    )));
                }
                let mut nodes = Vec::new();
                typed_nodes(&json, &TypeRef::Named(id), "", &mut nodes);
                if nodes.is_empty() {
                    return Ok(());
                }
                let (path, is_bool) = pick.get(&nodes).clone();
                let mut wrong = json.clone();
                replace_at(
                    &mut wrong,
                    &path,
                    if is_bool {
                        json!("not a bool")
                    } else {
                        json!(true)
                    },
                );
                mutated.set(mutated.get() + 1);
                match decode(wrong.to_string().as_bytes()) {
                    Ok(_) => Err(TestCaseError::fail(format!(
                        "{path} set to a wrong type decoded"
                    ))),
                    Err(stripe_billing_portal::Error::Decode(e)) => {
                        prop_assert_eq!(&e.path, &path, "{}", e.message);
                        Ok(())
                    }
                    Err(other) => Err(TestCaseError::fail(format!("{other:?}"))),
                }
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        self.mutated += mutated.get();
    }
}

#[test]
fn every_response_type_decodes_without_panics_and_names_the_wrong_field() {
    let mut visitor = ResponseDecoding {
        types: 0,
        fixtures: fixtures(),
        mutated: 0,
    };
    assert!(visitor.fixtures.len() >= 2, "{:?}", visitor.fixtures.keys());
    registry::visit_types(&mut visitor);
    let response_structs = api()
        .types
        .iter()
        .filter(|t| t.role == Role::Response && matches!(t.kind, TypeKind::Struct(_)))
        .count();
    assert_eq!(
        visitor.types, response_structs,
        "every response struct is visited"
    );
    eprintln!(
        "{} response types, {} wrong-typed fields named",
        visitor.types, visitor.mutated
    );
}

// ---------------------------------------------------------------------------------------------
// Caller input that reaches the URL and the headers
// ---------------------------------------------------------------------------------------------

fn offline_client() -> stripe_billing_portal::client::Client {
    stripe_billing_portal::client::Client::builder("sk_test_props")
        .base_url("https://api.example.com")
        .build()
        .unwrap()
}

/// Any id but `""`, `.` and `..` (refused) is one path segment that decodes back to the id,
/// with no query or fragment.
#[test]
fn any_id_is_one_path_segment() {
    let client = offline_client();
    runner(512)
        .run(&text(), |id| {
            let request = stripe_billing_portal::operations::retrieve_configuration(
                &id,
                &stripe_billing_portal::params::RetrieveConfigurationParams::new(),
            );
            let prepared = client.prepare(&request);
            if matches!(id.as_str(), "" | "." | "..") {
                prop_assert!(prepared.is_err());
                return Ok(());
            }
            let url = prepared.unwrap().url;
            let segment = url
                .strip_prefix("https://api.example.com/v1/billing_portal/configurations/")
                .unwrap();
            prop_assert!(!segment.contains(['/', '?', '#']), "{}", url);
            let decoded = form_decoder::pairs(&format!("x={}", segment.replace('+', "%2B")));
            prop_assert_eq!(&decoded.unwrap()[0].1, &id);
            Ok(())
        })
        .unwrap();
}

/// Any `Stripe-Account` or idempotency key is either sent exactly as given or refused before
/// sending; a CR, LF or other control character is never sent.
#[test]
fn any_header_value_is_sent_exactly_or_refused() {
    let client = offline_client();
    runner(512)
        .run(&(text(), text()), |(account, key)| {
            let request = stripe_billing_portal::operations::create_session(
                &stripe_billing_portal::params::CreateSessionParams::for_customer("cus_1"),
            )
            .stripe_account(account.clone())
            .idempotency_key(key.clone());
            let sendable = |v: &str| {
                v.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
                    && !v.is_empty()
                    && v.trim() == v
            };
            match client.prepare(&request) {
                Ok(prepared) => {
                    prop_assert!(sendable(&account) && sendable(&key));
                    prop_assert_eq!(prepared.header("Stripe-Account"), Some(account.as_str()));
                    prop_assert_eq!(prepared.header("Idempotency-Key"), Some(key.as_str()));
                }
                Err(stripe_billing_portal::Error::Config(message)) => {
                    prop_assert!(!(sendable(&account) && sendable(&key)), "{}", message);
                    prop_assert!(message.starts_with("invalid "), "{}", message);
                }
                Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
            }
            Ok(())
        })
        .unwrap();
}
