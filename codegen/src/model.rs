//! The model of the selected API: operations, types and fields, with every decision the
//! lowering made (names, optionality, clearability, expansion) recorded as data.
//!
//! Nothing here knows Rust syntax. The emitter reads this model and only spells it out; when a
//! reviewer asks "why is this field an `Option`?", the answer is a value in this module, set by
//! one rule in [`crate::lower`].

use crate::pointer::Pointer;

pub mod spelling;

/// The selected part of a spec, lowered.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Stripe's API version (`info.version`), sent as `Stripe-Version`.
    pub api_version: String,
    /// The path prefixes that selected the operations (see [`crate::Scope`]).
    pub scope: Vec<String>,
    /// Operations, ordered by path then method.
    pub operations: Vec<Operation>,
    /// Every named type; [`TypeId`]s index this list. Ordered by name.
    pub types: Vec<TypeDef>,
    /// Spec constructs kept as raw JSON because no rule gives them a precise type.
    pub fallbacks: Vec<Fallback>,
    /// Operations of the selection that are not generated, with why.
    pub left_out: Vec<LeftOut>,
    /// Schemas that have the shape of a rule the spec does not follow cleanly, lowered as the
    /// spec says instead, with why (see [`NotApplied`]).
    pub not_applied: Vec<NotApplied>,
    /// Number of component schemas in the selection.
    pub component_count: usize,
    /// Every event type name the selection lists (`enabled_events`), with the object it is
    /// typed with, if any (see `lower::events`); empty when the selection lists none.
    pub event_types: Vec<EventType>,
}

/// An event type name and the type of the object its events carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventType {
    /// The name, like `billing_portal.configuration.updated`.
    pub name: String,
    /// The selected resource whose `object` value is the name's part before its last `.`,
    /// or `None`: the events of this type keep their object as raw JSON.
    pub object: Option<TypeId>,
}

impl Api {
    /// The type a [`TypeId`] names.
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// An index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Snake-case name, such as `create_configuration` (see [`crate::lower::naming`]).
    pub name: String,
    /// What the operation does to its resource.
    pub kind: OperationKind,
    /// The spec's `operationId`.
    pub operation_id: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, such as `/v1/billing_portal/configurations/{configuration}`.
    pub path: String,
    /// Path parameters, in template order.
    pub path_params: Vec<PathParam>,
    /// The parameters struct, if the operation takes any.
    pub params: Option<TypeId>,
    /// Where parameters are sent: decided for every operation, so that one without a
    /// parameters struct still says how its request is made (a `POST` sends a form body,
    /// empty).
    pub params_in: ParamsLocation,
    /// The type of a successful (2xx) response body.
    pub response: TypeRef,
    /// The operation's description.
    pub doc: Option<String>,
    /// Where the operation is in the spec.
    pub origin: Pointer,
    /// The cargo feature it is compiled with (its prefix's in the scope), or `None`: always.
    pub feature: Option<String>,
}

/// What an operation does, derived from its method and path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// `GET` on a collection that answers with a list.
    List,
    /// `POST` on a collection.
    Create,
    /// `GET` on one object (or a collection that does not answer with a list).
    Retrieve,
    /// `POST` on one object.
    Update,
    /// `DELETE` on one object.
    Delete,
    /// Anything else (custom actions); named after its `operationId`.
    Other,
}

/// HTTP methods the generator handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// A path parameter (always a string in Stripe's API: an object id).
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// The name in the path template.
    pub wire_name: String,
    /// The Rust argument name.
    pub rust_name: String,
    /// The parameter's description.
    pub doc: Option<String>,
}

/// Where an operation's parameters are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsLocation {
    /// In the query string (GET, DELETE).
    Query,
    /// In an `application/x-www-form-urlencoded` body (POST).
    Form,
}

/// Whether a type describes what callers send or what the API answers. Rules differ: only
/// requests can be cleared, only responses keep enum values they do not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Sent by callers.
    Request,
    /// Received from the API.
    Response,
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name (UpperCamelCase, unique in the crate).
    pub name: String,
    /// The description from the spec.
    pub doc: Option<String>,
    /// The spec name of a component schema, or the title of an inline one, for docs.
    pub spec_name: Option<String>,
    /// Request or response.
    pub role: Role,
    /// Where the schema is in the spec.
    pub origin: Pointer,
    /// Struct or enum.
    pub kind: TypeKind,
    /// The cargo feature it is compiled with: the feature of every operation that uses it,
    /// when they all have the same one; `None` (always) otherwise (see `lower::features`).
    pub feature: Option<String>,
    /// The traits derived for it, in this order (see `lower::derives`); what is not derived
    /// is written out (`Debug` that redacts secrets, serde impls of open enums, unions,
    /// tagged objects and event envelopes).
    pub derives: Vec<Derive>,
}

/// A trait a type derives. The order of the variants is the order they are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Derive {
    /// `Debug`
    Debug,
    /// `Clone`
    Clone,
    /// `Copy`
    Copy,
    /// `PartialEq`
    PartialEq,
    /// `Eq`
    Eq,
    /// `Hash`
    Hash,
    /// `Default`
    Default,
    /// serde's `Serialize`
    Serialize,
    /// serde's `Deserialize`
    Deserialize,
}

impl Derive {
    /// The trait's name as written in `#[derive(..)]`.
    pub fn as_str(self) -> &'static str {
        match self {
            Derive::Debug => "Debug",
            Derive::Clone => "Clone",
            Derive::Copy => "Copy",
            Derive::PartialEq => "PartialEq",
            Derive::Eq => "Eq",
            Derive::Hash => "Hash",
            Derive::Default => "Default",
            Derive::Serialize => "Serialize",
            Derive::Deserialize => "Deserialize",
        }
    }

    /// Whether it is one of serde's (imported from `serde`).
    pub fn is_serde(self) -> bool {
        matches!(self, Derive::Serialize | Derive::Deserialize)
    }
}

/// The two shapes of named types.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// One of several types, told apart by what the JSON says (see [`Union`]).
    Union(Union),
}

/// A value that is one of several types (`anyOf`/`oneOf`), lowered only where the arms can be
/// told apart without guessing: a Rust enum with one variant per arm.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// How a value is matched to its arm.
    pub discriminator: Discriminator,
    /// One per arm, in spec order.
    pub arms: Vec<UnionArm>,
    /// The variant that keeps, as raw JSON, an object of a type the spec did not list (object
    /// unions in responses: a newer API version may add a type), or `None`.
    pub catch_all: Option<String>,
    /// Whether every arm is an object with an `id` (then the union has one too, and can be
    /// the object of an expandable field).
    pub has_id: bool,
}

/// How a [`Union`] tells its arms apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discriminator {
    /// Each arm is an object whose `object` property has one value (Stripe's object type,
    /// like `card`), and, for Stripe's deleted objects, `deleted: true`.
    Object,
    /// Each arm is a different kind of JSON value (string, integer, number, boolean, object,
    /// array).
    JsonKind,
    /// The object of an event: the arm is chosen by the event's type name, which the envelope
    /// holds beside it (see [`Envelope`]), not the object itself. Read alone, the object is
    /// kept in the catch-all.
    EventType,
}

/// One arm of a [`Union`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionArm {
    /// The Rust variant name.
    pub rust_name: String,
    /// What the variant holds.
    pub ty: TypeRef,
    /// The value is kept behind a `Box`: named types are (unions nest and recurse, and an
    /// arm's size would be the largest object's).
    pub boxed: bool,
    /// With [`Discriminator::JsonKind`], the kinds of JSON value this arm reads: its own, and
    /// `integer` for a `number` arm (JSON does not tell `1` from `1.0`; a union has at most
    /// one numeric arm). Empty with the other discriminators.
    pub accepts: Vec<String>,
    /// With [`Discriminator::Object`], the `object` value; with [`Discriminator::JsonKind`],
    /// the kind: `string`, `integer`, `number`, `boolean`, `object` or `array`; with
    /// [`Discriminator::EventType`], the event type name.
    pub tag: String,
    /// With [`Discriminator::Object`], whether the arm is a deleted object (`deleted: true`).
    pub deleted: bool,
}

impl UnionArm {
    /// The arm in words, as messages and the change report name it: `card`,
    /// `deleted customer`, `string`.
    pub fn words(&self) -> String {
        if self.deleted {
            format!("deleted {}", self.tag)
        } else {
            self.tag.clone()
        }
    }
}

/// An object with known properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Fields in the order of the spec's properties, which is by name: Stripe writes them
    /// sorted, and the loader reads objects into sorted maps.
    pub fields: Vec<Field>,
    /// Whether the object has a required string `id` (Stripe's object identity); such types
    /// can be the object of an expandable field and are paginated by that id.
    pub has_id: bool,
    /// What reading a property the struct does not have does.
    pub unknown_fields: UnknownFields,
    /// How callers make one (see [`Constructor`]).
    pub constructor: Constructor,
    /// The object is a tagged shape (a `type` and one sub-object per kind; see
    /// `lower::tagged`): its kinds become one Rust enum.
    pub tagged: Option<Box<Tagged>>,
    /// The object is an event envelope whose `data.object` is typed by its `type` (see
    /// `lower::events`).
    pub envelope: Option<Box<Envelope>>,
}

impl Struct {
    /// The type of every field, and of the copies a [`Tagged`] shape holds, to change in place
    /// (ids move when a rule adds a type).
    pub fn type_refs_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let tagged = self.tagged.iter_mut().flat_map(|t| {
            let payloads = t.kinds.iter_mut().filter_map(|k| k.payload.as_mut());
            std::iter::once(&mut t.tag.ty).chain(payloads.map(|p| &mut p.field.ty))
        });
        self.fields.iter_mut().map(|f| &mut f.ty).chain(tagged)
    }
}

/// An event envelope (Stripe's `event`): a `type` name, and a `data` object holding the
/// `object` the event is about, whose type the name decides. Reading it reads the object as
/// JSON first, then as the type the name gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The Rust name of the envelope's field holding the event type name (`type_`).
    pub type_field: String,
    /// The Rust name of the envelope's field holding the data (`data`).
    pub data_field: String,
    /// The struct of the data.
    pub data: TypeId,
    /// The Rust name of the data's field holding the object (`object`), whose type is the
    /// union of the typed objects ([`Discriminator::EventType`]).
    pub object_field: String,
    /// The Rust name of the data's field holding the old values of the fields an update
    /// changed (`previous_attributes`): a partial object, kept as a JSON map (see
    /// `lower::events`), or `None` when the data has no such field.
    pub previous_field: Option<String>,
}

/// An object whose `type` says which of its sub-objects it carries: Stripe's way of writing
/// "one of several kinds" (`flow_data`: `type: subscription_cancel` with `subscription_cancel`).
///
/// [`Struct::fields`] still lists every property as the spec has it (the wire shape, which the
/// change report and serde's JSON follow); this holds the tag and each kind's sub-object as
/// values of their own (copies of those fields, matched to them by wire name), so that Rust
/// holds the kind and its sub-object as one enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// The tag (`type`), a field of a string enum type.
    pub tag: Field,
    /// The Rust name of the enum of kinds, like `FlowDataKind`.
    pub kind_type: String,
    /// The Rust field holding the kind (`kind`).
    pub kind_field: String,
    /// One per value of the tag's enum, in its order.
    pub kinds: Vec<Kind>,
    /// The variant that keeps a kind this version does not know, with its sub-object as raw
    /// JSON (responses), or `None` (requests: only kinds the API accepts can be sent).
    pub catch_all: Option<String>,
    /// The field keeping, as raw JSON, the sub-objects of kinds other than the one the object
    /// is (responses: Stripe sends them as `null`), so that it serializes as it was received;
    /// `None` in requests, where they are refused.
    pub other_kinds: Option<String>,
}

impl Tagged {
    /// Whether `field` of the struct is the tag or a kind's sub-object (not a field shared by
    /// every kind).
    pub fn owns(&self, field: &Field) -> bool {
        field.wire_name == self.tag.wire_name || self.kind_of(field).is_some()
    }

    /// The kind whose sub-object `field` of the struct is, with that sub-object.
    pub fn kind_of(&self, field: &Field) -> Option<(&Kind, &Payload)> {
        self.kinds.iter().find_map(|k| {
            k.payload
                .as_ref()
                .filter(|p| p.field.wire_name == field.wire_name)
                .map(|p| (k, p))
        })
    }

    /// The sub-objects, in the order of the kinds.
    pub fn payloads(&self) -> impl Iterator<Item = &Payload> {
        self.kinds.iter().filter_map(|k| k.payload.as_ref())
    }
}

/// One kind of a [`Tagged`] object.
#[derive(Debug, Clone, PartialEq)]
pub struct Kind {
    /// The tag's value.
    pub wire_value: String,
    /// The variant name, the same as the tag enum's.
    pub rust_name: String,
    /// The constructor for this kind, like `subscription_cancel` (requests), or `None`.
    pub constructor: Option<String>,
    /// The sub-object of this kind, if the object has a property named like it.
    pub payload: Option<Payload>,
}

/// The sub-object of a [`Kind`].
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// The struct's field that holds it.
    pub field: Field,
    /// Whether the variant always holds it (`Kind(T)`) rather than maybe (`Kind(Option<T>)`).
    pub required: bool,
}

/// How callers make a struct: the constructors it gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Constructor {
    /// None: the struct is only read (responses).
    None,
    /// `new` taking the required fields (with none, `new()` and `Default`).
    Required,
    /// `new()` for `..Self::new()`, and one constructor per field of which Stripe requires one
    /// (see [`Choice`]).
    Choice(Choice),
    /// A tagged object's: `new(kind, ..)` with the required shared fields, one constructor
    /// per kind (each [`Kind::constructor`]), and `From` the kind when no shared field is
    /// required.
    Kinds,
}

impl Constructor {
    /// The choice, for [`Constructor::Choice`].
    pub fn choice(&self) -> Option<&Choice> {
        match self {
            Constructor::Choice(choice) => Some(choice),
            _ => None,
        }
    }
}

/// Optional fields of a parameters struct of which Stripe requires one: the struct is built
/// through one constructor per field, so that a caller cannot forget them all.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Why, in a sentence, for the docs.
    pub reason: String,
    /// One per field, in field order.
    pub arms: Vec<ChoiceArm>,
}

/// One field of a [`Choice`] and its constructor.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceArm {
    /// The Rust name of the field (a string), the constructor's argument.
    pub field: String,
    /// The constructor's name, like `for_customer`.
    pub constructor: String,
    /// What the field holds, for the constructor's docs.
    pub what: String,
}

/// What deserializing does with a property a struct does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownFields {
    /// Skips it: a response from a newer API version adds fields.
    Ignore,
    /// Refuses it, naming it: parameters read from a file (JSON, TOML) with a misspelt field,
    /// or one this API version removed, must not be sent without it silently.
    Refuse,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The property name in the API.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// The description from the spec.
    pub doc: Option<String>,
    /// The value type, without the wrappers [`FieldShape`] adds.
    pub ty: TypeRef,
    /// How presence, null and clearing are expressed.
    pub shape: FieldShape,
    /// The value is kept behind a `Box`: its type contains this struct again (a recursive
    /// schema), which would otherwise have no finite size.
    pub boxed: bool,
    /// The value is a credential (a webhook endpoint's signing `secret`, a `client_secret`):
    /// readable, but never shown by `Debug` (see `lower::secrets`).
    pub secret: bool,
}

/// How a field's presence is modelled: the decision the lowering makes from `required`,
/// `nullable` and Stripe's emptyable `anyOf: [X, {enum: [""]}]` idiom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldShape {
    /// Always present and never null: `T`.
    Required,
    /// May be absent: `Option<T>`, omitted when `None`.
    Optional,
    /// Always present, may be null (responses): `Option<T>`, `None` is `null`.
    Nullable,
    /// May be absent or null (responses): `Option<T>`, absent and `null` both read as `None`,
    /// which is written as `null` (callers read one `Option`; the spec allows `null` there, so
    /// what is written is still a valid response).
    OptionalNullable,
    /// Must be sent, either as a value or cleared (requests): `Clearable<T>`.
    RequiredClearable,
    /// May be left out, set, or cleared (requests): `Option<Clearable<T>>`.
    OptionalClearable,
}

impl FieldShape {
    /// Whether a constructor must receive this field.
    pub fn is_required(self) -> bool {
        matches!(self, FieldShape::Required | FieldShape::RequiredClearable)
    }

    /// Whether the field may be sent empty to clear it.
    pub fn is_clearable(self) -> bool {
        matches!(
            self,
            FieldShape::RequiredClearable | FieldShape::OptionalClearable
        )
    }

    /// Whether the field may be `null`.
    pub fn is_nullable(self) -> bool {
        matches!(self, FieldShape::Nullable | FieldShape::OptionalNullable)
    }

    /// Whether the field may be absent (its Rust value is then `None`).
    pub fn may_be_absent(self) -> bool {
        matches!(
            self,
            FieldShape::Optional | FieldShape::OptionalNullable | FieldShape::OptionalClearable
        )
    }

    /// Whether `None` is left out when written; a nullable field writes it as `null` instead.
    pub fn omits_none(self) -> bool {
        matches!(self, FieldShape::Optional | FieldShape::OptionalClearable)
    }
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Known values, in spec order.
    pub variants: Vec<Variant>,
    /// The variant that keeps values this version does not know (responses), or `None` for a
    /// closed enum (requests: only values the API accepts can be sent).
    pub catch_all: Option<String>,
}

/// One known enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The value in the API.
    pub wire_value: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// A value type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `boolean`
    Bool,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `string`
    String,
    /// `integer` with `format: unix-time`: seconds since the Unix epoch.
    Timestamp,
    /// Any JSON, kept verbatim: the fallback that never loses data.
    Json,
    /// A named type.
    Named(TypeId),
    /// `array`
    Vec(Box<TypeRef>),
    /// `object` with only `additionalProperties`: a map ordered by key.
    Map(Box<TypeRef>),
    /// Stripe's list object (`object: "list"`, `data`, `has_more`, `url`).
    List(Box<TypeRef>),
    /// An expandable field: an id, or the object when expanded.
    Expandable(Box<TypeRef>),
    /// A request value inside an array or map that can be sent as `""` (a field's own
    /// clearability is its [`FieldShape`]).
    Clearable(Box<TypeRef>),
}

/// An operation left out of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// `POST /v1/files`.
    pub operation: String,
    /// Where the reason is in the spec.
    pub pointer: Pointer,
    /// Why.
    pub reason: String,
}

/// A schema that has the shape of a rule but does not follow it cleanly: lowered as the spec
/// says, and said so at regen rather than guessed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotApplied {
    /// The rule, in words (`tagged shape`).
    pub rule: &'static str,
    /// Where the schema is.
    pub pointer: Pointer,
    /// Why the rule does not apply.
    pub reason: String,
}

/// A spec construct kept as raw JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    /// Where it is.
    pub pointer: Pointer,
    /// Why no precise type was given.
    pub reason: String,
}
