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

/// Serializes one value at `key`, appending its pairs to `out`. An empty key is the top level,
/// where only structs and maps (possibly wrapped in `Some` or a newtype struct) are allowed.
struct ValueSerializer<'a> {
    out: &'a mut Vec<(String, String)>,
    key: String,
}

impl ValueSerializer<'_> {
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

    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_i128(self, v: i128) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

    fn serialize_u128(self, v: u128) -> Result<(), EncodeError> {
        self.scalar("a number", v.to_string())
    }

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

impl ser::SerializeSeq for SeqEncoder<'_> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }

    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeTuple for SeqEncoder<'_> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }

    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for SeqEncoder<'_> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }

    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

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

    fn serialize_i8(self, v: i8) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_i16(self, v: i16) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_i32(self, v: i32) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_i64(self, v: i64) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_i128(self, v: i128) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_u8(self, v: u8) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_u16(self, v: u16) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_u32(self, v: u32) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_u64(self, v: u64) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

    fn serialize_u128(self, v: u128) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }

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
mod tests {
    use super::{encode_pairs, encode_path_segment, to_pairs};
    use crate::runtime::Clearable;
    use serde::{Serialize, Serializer};
    use std::collections::BTreeMap;

    /// The body exactly as it would be sent.
    fn form<T: Serialize + ?Sized>(value: &T) -> String {
        encode_pairs(&to_pairs(value).unwrap())
    }

    fn error<T: Serialize + ?Sized>(value: &T) -> String {
        to_pairs(value).unwrap_err().to_string()
    }

    fn map<const N: usize>(entries: [(&str, &str); N]) -> BTreeMap<String, String> {
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[derive(Serialize)]
    struct Leaf {
        enabled: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<i64>,
    }

    #[derive(Serialize)]
    struct Middle {
        customer_update: Leaf,
    }

    #[derive(Serialize)]
    struct Top {
        features: Middle,
        #[serde(rename = "type")]
        type_: &'static str,
    }

    #[test]
    fn nested_objects() {
        let top = Top {
            features: Middle {
                customer_update: Leaf {
                    enabled: true,
                    limit: Some(3),
                },
            },
            type_: "x",
        };
        assert_eq!(
            form(&top),
            "features[customer_update][enabled]=true&features[customer_update][limit]=3&type=x"
        );
        assert_eq!(
            to_pairs(&top).unwrap()[0],
            ("features[customer_update][enabled]".into(), "true".into())
        );
    }

    #[derive(Serialize)]
    struct Product {
        product: &'static str,
        prices: Vec<&'static str>,
    }

    #[derive(Serialize)]
    struct Lists {
        expand: Vec<&'static str>,
        products: Vec<Product>,
        grid: Vec<Vec<u8>>,
        pair: (u8, &'static str),
    }

    #[test]
    fn lists_are_always_indexed() {
        let lists = Lists {
            expand: vec!["a", "b"],
            products: vec![
                Product {
                    product: "prod_1",
                    prices: vec!["price_a"],
                },
                Product {
                    product: "prod_2",
                    prices: vec!["price_b", "price_x"],
                },
            ],
            grid: vec![vec![1, 2], vec![], vec![3]],
            pair: (7, "z"),
        };
        assert_eq!(
            form(&lists),
            "expand[0]=a&expand[1]=b\
             &products[0][product]=prod_1&products[0][prices][0]=price_a\
             &products[1][product]=prod_2&products[1][prices][0]=price_b\
             &products[1][prices][1]=price_x\
             &grid[0][0]=1&grid[0][1]=2&grid[2][0]=3\
             &pair[0]=7&pair[1]=z"
        );
    }

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    #[serde(rename_all = "snake_case")]
    enum Update {
        TaxId,
    }

    #[derive(Serialize)]
    struct UnitStruct;

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Newtype(i64);

    #[derive(Serialize)]
    struct Scalars {
        yes: bool,
        no: bool,
        small: i8,
        negative: i64,
        big: u128,
        half: f64,
        tenth: f32,
        whole: f64,
        huge: f64,
        tiny: f64,
        letter: char,
        update: Update,
        wrapped: Newtype,
        nested_some: Option<Option<&'static str>>,
        missing: Option<&'static str>,
        unit: (),
        unit_struct: UnitStruct,
    }

    #[test]
    fn scalars() {
        let scalars = Scalars {
            yes: true,
            no: false,
            small: -8,
            negative: -1_234_567_890_123,
            big: u128::MAX,
            half: 1.5,
            tenth: 0.1,
            whole: 2.0,
            huge: 1e21,
            tiny: 1e-7,
            letter: 'é',
            update: Update::TaxId,
            wrapped: Newtype(42),
            nested_some: Some(Some("s")),
            missing: None,
            unit: (),
            unit_struct: UnitStruct,
        };
        assert_eq!(
            to_pairs(&scalars).unwrap(),
            [
                ("yes", "true"),
                ("no", "false"),
                ("small", "-8"),
                ("negative", "-1234567890123"),
                ("big", "340282366920938463463374607431768211455"),
                ("half", "1.5"),
                ("tenth", "0.1"),
                ("whole", "2"),
                ("huge", "1000000000000000000000"),
                ("tiny", "0.0000001"),
                ("letter", "é"),
                ("update", "tax_id"),
                ("wrapped", "42"),
                ("nested_some", "s"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[derive(Serialize, Default)]
    struct Optional {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<&'static str>,
        // Without `skip_serializing_if`, `None` is still left out.
        b: Option<&'static str>,
    }

    #[derive(Serialize, Default)]
    struct Clearing {
        #[serde(skip_serializing_if = "Option::is_none")]
        headline: Option<Clearable<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        list: Option<Clearable<Vec<String>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        plain_list: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        metadata: Option<Clearable<BTreeMap<String, String>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        object: Option<Clearable<Optional>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        plain_object: Option<Optional>,
    }

    #[test]
    fn none_is_omitted() {
        assert_eq!(form(&Optional::default()), "");
        assert_eq!(
            form(&Optional {
                a: None,
                b: Some("x")
            }),
            "b=x"
        );
        assert_eq!(form(&Clearing::default()), "");
    }

    #[test]
    fn clear_is_an_empty_value() {
        let clearing = Clearing {
            headline: Some(Clearable::Clear),
            list: Some(Clearable::Clear),
            metadata: Some(Clearable::Clear),
            object: Some(Clearable::Clear),
            ..Clearing::default()
        };
        assert_eq!(form(&clearing), "headline=&list=&metadata=&object=");
    }

    #[test]
    fn empty_clearable_values_clear() {
        let clearing = Clearing {
            headline: Some(Clearable::Set(String::new())),
            list: Some(Clearable::Set(vec![])),
            plain_list: Some(vec![]),
            metadata: Some(Clearable::Set(BTreeMap::new())),
            object: Some(Clearable::Set(Optional::default())),
            plain_object: Some(Optional::default()),
        };
        assert_eq!(form(&clearing), "headline=&list=&metadata=&object=");
    }

    #[test]
    fn empty_plain_list_sends_nothing() {
        let clearing = Clearing {
            plain_list: Some(vec![]),
            ..Clearing::default()
        };
        assert_eq!(to_pairs(&clearing).unwrap(), []);
    }

    #[test]
    fn set_values_are_sent_as_is() {
        let clearing = Clearing {
            headline: Some(Clearable::Set("Hi".into())),
            list: Some(Clearable::Set(vec!["a".into()])),
            metadata: Some(Clearable::Set(map([("k", "v")]))),
            object: Some(Clearable::Set(Optional {
                a: Some("x"),
                b: None,
            })),
            ..Clearing::default()
        };
        assert_eq!(
            form(&clearing),
            "headline=Hi&list[0]=a&metadata[k]=v&object[a]=x"
        );
    }

    #[test]
    fn metadata_key_clear() {
        let clearing = Clearing {
            metadata: Some(Clearable::Set(map([("keep", "1"), ("drop", "")]))),
            ..Clearing::default()
        };
        assert_eq!(form(&clearing), "metadata[drop]=&metadata[keep]=1");
    }

    #[test]
    fn special_characters_are_escaped() {
        let value = "a b&c=d+e[f]g/h?i#j%k é🎉\n\t~-_.";
        let pairs = to_pairs(&map([("x y&z=+é/?#%", value)])).unwrap();
        // Pairs are not yet escaped.
        assert_eq!(pairs, [("x y&z=+é/?#%".to_owned(), value.to_owned())]);
        assert_eq!(
            encode_pairs(&pairs),
            "x%20y%26z%3D%2B%C3%A9%2F%3F%23%25\
             =a%20b%26c%3Dd%2Be[f]g%2Fh%3Fi%23j%25k%20%C3%A9%F0%9F%8E%89%0A%09~-_."
        );
        assert_eq!(
            encode_pairs(&[
                ("a[b][0]".into(), "[]".into()),
                ("AZaz09".into(), String::new()),
            ]),
            "a[b][0]=[]&AZaz09="
        );
        assert_eq!(encode_pairs(&[]), "");
    }

    #[test]
    fn nested_map_keys_are_escaped_inside_brackets() {
        #[derive(Serialize)]
        struct Params {
            metadata: BTreeMap<String, String>,
        }
        let params = Params {
            metadata: map([("order id", "#1")]),
        };
        assert_eq!(form(&params), "metadata[order%20id]=%231");
    }

    #[test]
    fn map_keys() {
        let numbered: BTreeMap<u32, &str> = [(2, "b"), (10, "j")].into();
        assert_eq!(form(&numbered), "2=b&10=j");
        let chars: BTreeMap<char, u8> = [('x', 1)].into();
        assert_eq!(form(&chars), "x=1");
        let enums: BTreeMap<Update, u8> = [(Update::TaxId, 1)].into();
        assert_eq!(form(&enums), "tax_id=1");
        let wrapped: BTreeMap<Newtype, u8> = [(Newtype(-5), 1)].into();
        assert_eq!(form(&wrapped), "-5=1");

        let bools: BTreeMap<bool, u8> = [(true, 1)].into();
        assert_eq!(
            error(&bools),
            "cannot form-encode the parameters: \
             map keys must be strings, characters or integers, not a boolean"
        );
    }

    #[test]
    fn map_keys_with_brackets_are_errors() {
        #[derive(Serialize)]
        struct Params {
            metadata: BTreeMap<String, String>,
        }
        for key in ["a[b]", "a]", "[", ""] {
            let params = Params {
                metadata: map([(key, "v")]),
            };
            let expected = if key.is_empty() {
                "cannot form-encode `metadata`: a key is empty".to_owned()
            } else {
                format!(
                    "cannot form-encode `metadata`: the key {key:?} contains `[` or `]`, \
                     which Stripe reads as nesting"
                )
            };
            assert_eq!(error(&params), expected);
        }
    }

    #[test]
    fn top_level_must_be_a_struct_or_map() {
        assert_eq!(
            error("x"),
            "cannot form-encode the parameters: \
             the top level must be a struct or a map, not a string"
        );
        assert_eq!(
            error(&vec![1]),
            "cannot form-encode the parameters: \
             the top level must be a struct or a map, not a sequence"
        );
        assert_eq!(
            error(&None::<Optional>),
            "cannot form-encode the parameters: \
             the top level must be a struct or a map, not `None`"
        );
        // A top-level `Clear` has nowhere to go.
        assert_eq!(
            error(&Clearable::<Optional>::Clear),
            "cannot form-encode the parameters: \
             the top level must be a struct or a map, not a string"
        );
        // Wrappers around a struct are fine, and an empty struct is an empty body.
        assert_eq!(form(&Some(Clearable::Set(Optional::default()))), "");
        assert_eq!(form(&map([("a", "1")])), "a=1");
    }

    #[test]
    fn non_finite_floats_are_errors() {
        #[derive(Serialize)]
        struct Params {
            a: BTreeMap<&'static str, Vec<f64>>,
        }
        let params = Params {
            a: [("b", vec![1.0, f64::NAN])].into(),
        };
        assert_eq!(
            error(&params),
            "cannot form-encode `a[b][1]`: NaN is not a finite number"
        );
        let params = Params {
            a: [("c", vec![f64::NEG_INFINITY])].into(),
        };
        assert_eq!(
            error(&params),
            "cannot form-encode `a[c][0]`: -inf is not a finite number"
        );
    }

    struct Bytes;

    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(b"raw")
        }
    }

    struct Failing;

    impl Serialize for Failing {
        fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("boom"))
        }
    }

    #[derive(Serialize)]
    enum WithData {
        Pair(u8, u8),
        Wrapped(u8),
        Shaped { x: u8 },
    }

    #[test]
    fn unencodable_values_name_their_key() {
        #[derive(Serialize)]
        struct Params<T> {
            outer: Vec<T>,
        }
        assert_eq!(
            error(&Params { outer: vec![Bytes] }),
            "cannot form-encode `outer[0]`: bytes have no form encoding; send text"
        );
        assert_eq!(
            error(&Params {
                outer: vec![WithData::Pair(1, 2)]
            }),
            "cannot form-encode `outer[0]`: \
             the enum variant `WithData::Pair` carries data, which has no form encoding"
        );
        assert_eq!(
            error(&Params {
                outer: vec![WithData::Wrapped(1)]
            }),
            "cannot form-encode `outer[0]`: \
             the enum variant `WithData::Wrapped` carries data, which has no form encoding"
        );
        assert_eq!(
            error(&Params {
                outer: vec![WithData::Shaped { x: 1 }]
            }),
            "cannot form-encode `outer[0]`: \
             the enum variant `WithData::Shaped` carries data, which has no form encoding"
        );
        assert_eq!(
            error(&Params {
                outer: vec![Failing]
            }),
            "cannot form-encode `outer[0]`: boom"
        );
        assert_eq!(error(&Failing), "cannot form-encode the parameters: boom");
    }

    #[test]
    fn path_segments() {
        assert_eq!(encode_path_segment("bpc_1AbC-d_e.f~g"), "bpc_1AbC-d_e.f~g");
        assert_eq!(encode_path_segment("a/b"), "a%2Fb");
        // Dots are unreserved; see the function's documentation for why callers reject `..`.
        assert_eq!(encode_path_segment(".."), "..");
        assert_eq!(encode_path_segment("?x#y"), "%3Fx%23y");
        assert_eq!(encode_path_segment(" "), "%20");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
        assert_eq!(encode_path_segment("[a]%"), "%5Ba%5D%25");
    }

    #[test]
    fn generated_create_configuration_params() {
        use crate::params::{
            BusinessProfileCreateParam, CreateConfigurationParams,
            CustomerUpdateAllowedUpdates as Allowed, CustomerUpdateCreationParam,
            FeaturesCreationParam, SubscriptionUpdateCreationParam, SubscriptionUpdateProductParam,
        };
        let params = CreateConfigurationParams {
            business_profile: Some(BusinessProfileCreateParam {
                headline: Some(Clearable::Clear),
                ..BusinessProfileCreateParam::new()
            }),
            expand: Some(vec!["x".into()]),
            metadata: Some(map([("a", "1"), ("b", "")])),
            name: Some(Clearable::Set("Main portal".into())),
            ..CreateConfigurationParams::new(FeaturesCreationParam {
                customer_update: Some(CustomerUpdateCreationParam {
                    allowed_updates: Some(Clearable::Set(vec![Allowed::Email, Allowed::TaxId])),
                    ..CustomerUpdateCreationParam::new(true)
                }),
                subscription_update: Some(SubscriptionUpdateCreationParam {
                    default_allowed_updates: Some(Clearable::Clear),
                    products: Some(Clearable::Set(vec![SubscriptionUpdateProductParam::new(
                        vec!["price_1".into(), "price_2".into()],
                        "prod_1",
                    )])),
                    ..SubscriptionUpdateCreationParam::new(true)
                }),
                ..FeaturesCreationParam::new()
            })
        };
        assert_eq!(
            form(&params),
            "business_profile[headline]=\
             &expand[0]=x\
             &features[customer_update][allowed_updates][0]=email\
             &features[customer_update][allowed_updates][1]=tax_id\
             &features[customer_update][enabled]=true\
             &features[subscription_update][default_allowed_updates]=\
             &features[subscription_update][enabled]=true\
             &features[subscription_update][products][0][prices][0]=price_1\
             &features[subscription_update][products][0][prices][1]=price_2\
             &features[subscription_update][products][0][product]=prod_1\
             &metadata[a]=1\
             &metadata[b]=\
             &name=Main%20portal"
        );
    }

    #[test]
    fn generated_update_configuration_params_clear_metadata() {
        use crate::params::UpdateConfigurationParams;
        let mut params = UpdateConfigurationParams {
            metadata: Some(Clearable::Clear),
            active: Some(false),
            ..UpdateConfigurationParams::new()
        };
        assert_eq!(form(&params), "active=false&metadata=");
        params.metadata = Some(Clearable::Set(BTreeMap::new()));
        assert_eq!(form(&params), "active=false&metadata=");
        params.metadata = Some(Clearable::Set(map([("k", "")])));
        assert_eq!(form(&params), "active=false&metadata[k]=");
    }
}
