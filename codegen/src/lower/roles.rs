//! The rules that differ by role: what a request (parameters, which callers build and the API
//! reads) and a response (objects, which the API builds and callers read) make of the same
//! schema. The walk asks these for every struct, field and enum it lowers.

use crate::model::*;

/// Rule "field shape": how `required`, `nullable` and emptyable combine.
///
/// Requests have no null (a form cannot send one), so `nullable` is ignored there; responses
/// are never cleared (the emptyable rule only applies to requests). A response field that may
/// be absent and `null` is one `Option` (absent and `null` mean the same to a reader: no value),
/// not `Option<Option<T>>`, which every read would have to flatten.
pub fn field_shape(role: Role, required: bool, nullable: bool, clearable: bool) -> FieldShape {
    match (role, required, nullable, clearable) {
        (Role::Request, true, _, true) => FieldShape::RequiredClearable,
        (Role::Request, false, _, true) => FieldShape::OptionalClearable,
        (Role::Request, true, _, false) => FieldShape::Required,
        (Role::Request, false, _, false) => FieldShape::Optional,
        (Role::Response, true, false, _) => FieldShape::Required,
        (Role::Response, false, false, _) => FieldShape::Optional,
        (Role::Response, true, true, _) => FieldShape::Nullable,
        (Role::Response, false, true, _) => FieldShape::OptionalNullable,
    }
}

/// Rule "unknown fields": parameters refuse a property they do not have (a misspelt or removed
/// field in a config file is an error, not a silently smaller request); responses skip it (a
/// newer API version adds fields).
pub fn unknown_fields(role: Role) -> UnknownFields {
    match role {
        Role::Request => UnknownFields::Refuse,
        Role::Response => UnknownFields::Ignore,
    }
}

/// Rule "constructors": callers build parameters, from their required fields (`lower::prose`
/// and `lower::tagged` refine this for a choice of fields and for kinds); responses are only
/// read.
pub fn constructor(role: Role) -> Constructor {
    match role {
        Role::Request => Constructor::Required,
        Role::Response => Constructor::None,
    }
}

/// Rule "identity": a response object with a required string `id` is an API object with an
/// identity; a request's `id` field names some other object.
pub fn has_id(role: Role, fields: &[Field]) -> bool {
    role == Role::Response
        && fields.iter().any(|f| {
            f.wire_name == "id" && f.shape == FieldShape::Required && f.ty == TypeRef::String
        })
}

/// The variant of response enums that keeps values this version does not know.
pub const CATCH_ALL: &str = "Unknown";

/// Rule "open enums": a response enum (and a union of objects) keeps the values this version
/// does not know in its catch-all variant ([`CATCH_ALL`]), so that a new value Stripe adds
/// reads; a request enum is closed (callers send only what the API knows).
pub fn catch_all(role: Role) -> Option<String> {
    (role == Role::Response).then(|| CATCH_ALL.to_owned())
}
