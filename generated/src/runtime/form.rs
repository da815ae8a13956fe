//! Stripe's `application/x-www-form-urlencoded` request encoding, as a serde [`Serializer`].
//!
//! Stripe takes request parameters as a flat form, not JSON, with nesting spelled in the keys:
//! `features[customer_update][enabled]=true`, lists always indexed (`expand[0]=a`). Generic
//! form encoders (`serde_urlencoded`) cannot express nesting, and query-string crates differ from
//! Stripe in how they index lists and treat empty values. Encoding straight from serde lets the
//! generated parameter types stay plain `#[derive(Serialize)]` structs, shared with JSON.
//!
//! What is sent, by serde shape:
//!
//! | Value | Sent as |
//! |---|---|
//! | struct field, map entry | `parent[name]=…` (`name=…` at the top level) |
//! | sequence, tuple | `key[0]=…&key[1]=…` |
//! | `bool` | `true` / `false` |
//! | integer | its digits |
//! | float | Rust's shortest round-trip `Display` (`0.1`, `1`, never an exponent); NaN and infinities are errors |
//! | string, `char` | as is |
//! | unit enum variant | its serde name (`tax_id`) |
//! | `None`, `()`, unit struct | nothing: the field is absent |
//! | `Some(x)`, newtype struct | `x` |
//! | [`Clearable::Clear`](super::Clearable::Clear) | `key=` |
//! | [`Clearable::Set`](super::Clearable::Set) of an empty list, map or object | `key=` (see [`CLEARABLE_MARKER`]) |
//! | empty list, map or object otherwise | nothing |
//!
//! Bytes, enum variants that carry data, map keys that are not strings, chars or integers, and
//! map keys or field names that are empty or contain `[` or `]` are errors: Stripe's encoding
//! has no spelling for them, and sending something else would change what the request means.
//!
//! Pairs keep the serialization order (struct fields in declaration order, sequences in order,
//! maps in iteration order), so the same value always encodes to the same body.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::ser::{self, Impossible, Serialize, Serializer};
use std::fmt::{self, Display};

/// The name under which [`Clearable::Set`](super::Clearable::Set) serializes its value as a
/// newtype struct, so that this encoder can tell a value the caller chose to set from one that
/// merely happens to be there.
///
/// When such a value encodes to no pairs at all (an empty list, an empty map, an object with
/// every field `None`), the encoder sends `key=` instead, which clears the field: the caller
/// asked for "empty", and an empty value is the only way Stripe's form encoding can say it.
/// JSON and TOML serializers treat newtype structs transparently, so their output is unchanged.
pub const CLEARABLE_MARKER: &str = "$stripe_billing_portal::Clearable";

/// What [`encode_pairs`] leaves unescaped: RFC 3986's unreserved characters, plus `[` and `]`,
/// which Stripe's official SDKs also send literally so that nested keys stay readable in logs.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'[')
    .remove(b']');

/// What [`encode_path_segment`] leaves unescaped: only RFC 3986's unreserved characters.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Encodes a params value into ordered (key, value) pairs, keys in bracket notation, not yet
/// percent-encoded.
///
/// Kept separate from [`encode_pairs`] so callers (and tests) can inspect or log what will be
/// sent, and send the same pairs as a query string or as a body.
///
/// # Errors
///
/// When the top level is not a struct or map, or a value has no spelling in Stripe's form
/// encoding (see the [module documentation](self)). The error names the key.
pub fn to_pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, EncodeError> {
    let mut pairs = Vec::new();
    value.serialize(ValueSerializer {
        out: &mut pairs,
        key: String::new(),
    })?;
    Ok(pairs)
}

/// Joins pairs into `k=v&k=v`, percent-encoding keys and values.
///
/// Text is taken as UTF-8; everything but `A-Z a-z 0-9 - _ . ~ [ ]` is escaped (space as `%20`),
/// in keys and values alike, so no value can smuggle in a `&` or `=` of its own.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut body = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            body.push('&');
        }
        body.extend(utf8_percent_encode(key, FORM));
        body.push('=');
        body.extend(utf8_percent_encode(value, FORM));
    }
    body
}

/// Percent-encodes one path segment (an object id): everything but unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`) is escaped, so `/`, `?`, `#`, spaces and non-ASCII can't change the
/// path.
///
/// Percent-encoding cannot protect against the dot segments `.` and `..` nor the empty
/// segment: URL parsers (the `url` crate behind `reqwest` among them, following the WHATWG URL
/// standard) resolve `%2E%2E` exactly like `..`. They come back unchanged here, so callers must
/// reject such ids before building a path.
pub fn encode_path_segment(segment: &str) -> String {
    utf8_percent_encode(segment, PATH_SEGMENT).to_string()
}

/// Why a value could not be form-encoded, and at which key.
///
/// The key (in bracket notation, as it would have been sent) points at the offending field,
/// since a params value is usually a deep tree built by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    /// Bracket-notation key; empty for the top level.
    key: String,
    message: String,
}

impl EncodeError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        EncodeError {
            key: key.to_owned(),
            message: message.into(),
        }
    }

    /// Replaces `secret` wherever the error quotes the caller's values.
    #[cfg(any(feature = "client", feature = "blocking"))]
    pub(crate) fn redact(&mut self, secret: &str) {
        for text in [&mut self.key, &mut self.message] {
            if text.contains(secret) {
                *text = text.replace(secret, "[redacted]");
            }
        }
    }

    /// Fills in the key of an error raised by a `Serialize` impl, which cannot know where it is.
    fn at(mut self, key: &str) -> Self {
        if self.key.is_empty() {
            self.key = key.to_owned();
        }
        self
    }
}

impl Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "cannot form-encode the parameters: {}", self.message)
        } else {
            write!(f, "cannot form-encode `{}`: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: Display>(msg: T) -> Self {
        EncodeError {
            key: String::new(),
            message: msg.to_string(),
        }
    }
}

/// `name` at the top level, `parent[name]` below it.
fn child_key(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}[{name}]")
    }
}

/// Rejects names that the server would split differently: Stripe reads `[` and `]` as nesting
/// even when percent-encoded (the body is decoded before keys are parsed), and forbids them in
/// metadata keys; an empty name would read as `parent[]`, a list append.
fn check_name(parent: &str, name: &str) -> Result<(), EncodeError> {
    if name.is_empty() {
        Err(EncodeError::new(parent, "a key is empty"))
    } else if name.contains(['[', ']']) {
        Err(EncodeError::new(
            parent,
            format!("the key {name:?} contains `[` or `]`, which Stripe reads as nesting"),
        ))
    } else {
        Ok(())
    }
}

/// The ten integer methods of a `Serializer`, each passing the integer's digits to the
/// serializer's `digits` (serde has a method per integer type; Stripe's encoding is the same
/// for all of them).
macro_rules! integers_as_digits {
    () => {
        integers_as_digits!(@ serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
            serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);
    };
    (@ $($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<Self::Ok, EncodeError> {
            self.digits(v.to_string())
        }
    )*};
}

/// Serializes one value at `key`, appending its pairs to `out`. An empty key is the top level,
/// where only structs and maps (possibly wrapped in `Some` or a newtype struct) are allowed.
struct ValueSerializer<'a> {
    out: &'a mut Vec<(String, String)>,
    key: String,
}

impl ValueSerializer<'_> {
    /// An integer: its digits.
    fn digits(self, text: String) -> Result<(), EncodeError> {
        self.scalar("a number", text)
    }

    fn top_level_error(&self, found: &str) -> EncodeError {
        EncodeError::new(
            "",
            format!("the top level must be a struct or a map, not {found}"),
        )
    }

    fn scalar(self, found: &str, value: String) -> Result<(), EncodeError> {
        if self.key.is_empty() {
            return Err(self.top_level_error(found));
        }
        self.out.push((self.key, value));
        Ok(())
    }

    fn nothing(self, found: &str) -> Result<(), EncodeError> {
        if self.key.is_empty() {
            return Err(self.top_level_error(found));
        }
        Ok(())
    }

    fn float(self, value: impl Display, finite: bool) -> Result<(), EncodeError> {
        if !finite {
            return Err(EncodeError::new(
                &self.key,
                format!("{value} is not a finite number"),
            ));
        }
        self.scalar("a number", value.to_string())
    }
}

impl<'a> Serializer for ValueSerializer<'a> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = SeqEncoder<'a>;
    type SerializeTuple = SeqEncoder<'a>;
    type SerializeTupleStruct = SeqEncoder<'a>;
    type SerializeTupleVariant = Impossible<(), EncodeError>;
    type SerializeMap = MapEncoder<'a>;
    type SerializeStruct = MapEncoder<'a>;
    type SerializeStructVariant = Impossible<(), EncodeError>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.scalar("a boolean", v.to_string())
    }

    integers_as_digits!();

    // f32 is formatted as f32: widening first would print 0.1f32 as 0.10000000149011612.
    fn serialize_f32(self, v: f32) -> Result<(), EncodeError> {
        self.float(v, v.is_finite())
    }

    fn serialize_f64(self, v: f64) -> Result<(), EncodeError> {
        self.float(v, v.is_finite())
    }

    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.scalar("a character", v.to_string())
    }

    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.scalar("a string", v.to_owned())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), EncodeError> {
        Err(EncodeError::new(
            &self.key,
            "bytes have no form encoding; send text",
        ))
    }

    fn serialize_none(self) -> Result<(), EncodeError> {
        self.nothing("`None`")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), EncodeError> {
        self.nothing("`()`")
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), EncodeError> {
        self.nothing(&format!("the unit struct `{name}`"))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.scalar("an enum value", variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        if name != CLEARABLE_MARKER || self.key.is_empty() {
            return value.serialize(self);
        }
        let ValueSerializer { out, key } = self;
        let before = out.len();
        value.serialize(ValueSerializer {
            out: &mut *out,
            key: key.clone(),
        })?;
        if out.len() == before {
            out.push((key, String::new()));
        }
        Ok(())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        _value: &T,
    ) -> Result<(), EncodeError> {
        Err(data_variant_error(&self.key, name, variant))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<SeqEncoder<'a>, EncodeError> {
        if self.key.is_empty() {
            return Err(self.top_level_error("a sequence"));
        }
        Ok(SeqEncoder {
            out: self.out,
            key: self.key,
            index: 0,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<SeqEncoder<'a>, EncodeError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqEncoder<'a>, EncodeError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(data_variant_error(&self.key, name, variant))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<MapEncoder<'a>, EncodeError> {
        Ok(MapEncoder {
            out: self.out,
            key: self.key,
            pending: None,
        })
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<MapEncoder<'a>, EncodeError> {
        self.serialize_map(None)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(data_variant_error(&self.key, name, variant))
    }
}

fn data_variant_error(key: &str, name: &str, variant: &str) -> EncodeError {
    EncodeError::new(
        key,
        format!("the enum variant `{name}::{variant}` carries data, which has no form encoding"),
    )
}

/// Serializes `value` at `key`, and points any error it raises without a key at `key`.
fn encode_at<T: Serialize + ?Sized>(
    out: &mut Vec<(String, String)>,
    key: String,
    value: &T,
) -> Result<(), EncodeError> {
    let at = key.clone();
    value
        .serialize(ValueSerializer { out, key })
        .map_err(|error| error.at(&at))
}

/// Sequences and tuples: every element at `key[index]`.
struct SeqEncoder<'a> {
    out: &'a mut Vec<(String, String)>,
    key: String,
    index: usize,
}

impl SeqEncoder<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let key = format!("{}[{}]", self.key, self.index);
        self.index += 1;
        encode_at(self.out, key, value)
    }
}

/// serde's three sequence traits, alike here: each element at the next index.
macro_rules! sequence_traits {
    ($($name:ident: $method:ident),*) => {$(
        impl ser::$name for SeqEncoder<'_> {
            type Ok = ();
            type Error = EncodeError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
                self.element(value)
            }

            fn end(self) -> Result<(), EncodeError> {
                Ok(())
            }
        }
    )*};
}

sequence_traits!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field
);

/// Maps and structs: every entry at `key[name]` (`name` at the top level).
struct MapEncoder<'a> {
    out: &'a mut Vec<(String, String)>,
    key: String,
    /// The full key of the entry whose value comes next.
    pending: Option<String>,
}

impl MapEncoder<'_> {
    fn entry<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), EncodeError> {
        check_name(&self.key, name)?;
        encode_at(self.out, child_key(&self.key, name), value)
    }
}

impl ser::SerializeMap for MapEncoder<'_> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        let name = key
            .serialize(MapKeySerializer)
            .map_err(|error| error.at(&self.key))?;
        check_name(&self.key, &name)?;
        self.pending = Some(child_key(&self.key, &name));
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        match self.pending.take() {
            Some(key) => encode_at(self.out, key, value),
            None => Err(EncodeError::new(
                &self.key,
                "a map value came without its key",
            )),
        }
    }

    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeStruct for MapEncoder<'_> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.entry(name, value)
    }

    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

/// Turns a map key into the text between brackets. Strings, chars, integers and unit enum
/// variants have one obvious spelling; anything else (booleans, floats, lists, ...) would be a
/// guess, so it is an error.
struct MapKeySerializer;

impl MapKeySerializer {
    /// An integer key: its digits.
    fn digits(self, text: String) -> Result<String, EncodeError> {
        Ok(text)
    }

    fn reject(found: &str) -> EncodeError {
        EncodeError::new(
            "",
            format!("map keys must be strings, characters or integers, not {found}"),
        )
    }
}

impl Serializer for MapKeySerializer {
    type Ok = String;
    type Error = EncodeError;
    type SerializeSeq = Impossible<String, EncodeError>;
    type SerializeTuple = Impossible<String, EncodeError>;
    type SerializeTupleStruct = Impossible<String, EncodeError>;
    type SerializeTupleVariant = Impossible<String, EncodeError>;
    type SerializeMap = Impossible<String, EncodeError>;
    type SerializeStruct = Impossible<String, EncodeError>;
    type SerializeStructVariant = Impossible<String, EncodeError>;

    fn serialize_bool(self, _v: bool) -> Result<String, EncodeError> {
        Err(Self::reject("a boolean"))
    }

    integers_as_digits!();

    fn serialize_f32(self, _v: f32) -> Result<String, EncodeError> {
        Err(Self::reject("a float"))
    }

    fn serialize_f64(self, _v: f64) -> Result<String, EncodeError> {
        Err(Self::reject("a float"))
    }

    fn serialize_char(self, v: char) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_str(self, v: &str) -> Result<String, EncodeError> {
        Ok(v.to_owned())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<String, EncodeError> {
        Err(Self::reject("bytes"))
    }

    fn serialize_none(self) -> Result<String, EncodeError> {
        Err(Self::reject("`None`"))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String, EncodeError> {
        Err(Self::reject("an `Option`"))
    }

    fn serialize_unit(self) -> Result<String, EncodeError> {
        Err(Self::reject("`()`"))
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, EncodeError> {
        Err(Self::reject("a unit struct"))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<String, EncodeError> {
        Ok(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, EncodeError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, EncodeError> {
        Err(Self::reject("an enum variant with data"))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, EncodeError> {
        Err(Self::reject("a sequence"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, EncodeError> {
        Err(Self::reject("a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, EncodeError> {
        Err(Self::reject("a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(Self::reject("an enum variant with data"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, EncodeError> {
        Err(Self::reject("a map"))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, EncodeError> {
        Err(Self::reject("a struct"))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(Self::reject("an enum variant with data"))
    }
}

#[cfg(test)]
mod tests;
