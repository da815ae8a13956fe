//! Typed events ([`Envelope`], [`Discriminator::EventType`]): the union of the objects events
//! carry, and the envelope's reading, which reads `data.object` as JSON first (Stripe writes
//! `type` after `data`) and then as the type its event type name gives.
//!
//! Reading goes through private `wire` structs, derived, with every property as the spec has
//! it, so that messages name a misspelt or missing field as everywhere else.

use super::docs::doc_attrs;
use super::types::{ModuleEmitter, code_text, ident, type_doc};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

impl ModuleEmitter<'_> {
    /// The union of the objects of events, chosen by the event's type name.
    pub(super) fn emit_event_union(&mut self, def: &TypeDef, u: &Union) -> TokenStream {
        self.use_runtime("events");
        let name = ident(&def.name);
        let doc = doc_attrs(&type_doc(def));
        let derive = self.derive_attr(def);
        let mut variants = Vec::new();
        let mut serialize = Vec::new();
        let mut decode = Vec::new();
        let mut event_type = Vec::new();
        for arm in &u.arms {
            let variant = ident(&arm.rust_name);
            let ty = self.arm_type(arm);
            let event = &arm.tag;
            let arm_doc = doc_attrs(&format!("The object of a `{}` event.", code_text(event)));
            variants.push(quote!(#arm_doc #variant(#ty),));
            serialize.push(
                quote!(Self::#variant(object) => serde::Serialize::serialize(object, serializer),),
            );
            let object = match arm.boxed {
                true => quote!(Box::new(object)),
                false => quote!(object),
            };
            decode.push(quote!(#event => events::decode_object(event_type, object).map(|object| Self::#variant(#object)),));
            event_type.push(quote!(Self::#variant(_) => Some(#event),));
        }
        let typed: Vec<&str> = u.arms.iter().map(|arm| arm.tag.as_str()).collect();
        let other = ident(u.catch_all.as_deref().unwrap_or("Other"));
        quote! {
            #doc
            #derive
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// The object of an event of a type this crate does not type (another
                /// resource's, or one Stripe added after this crate's API version), as the API
                /// sent it; the type is the event's `type`.
                #other(serde_json::Value),
            }
            impl #name {
                /// The event types whose objects are typed, in the order of the variants.
                pub const TYPED_EVENTS: &'static [&'static str] = &[#(#typed),*];

                /// Reads the object of an event of type `event_type`: typed when the type is
                /// one of [`Self::TYPED_EVENTS`], kept as JSON otherwise. A typed object that
                /// does not read is an error naming the path from `data.object`.
                pub fn decode(event_type: &str, object: serde_json::Value) -> Result<Self, serde_json::Error> {
                    match event_type {
                        #(#decode)*
                        _ => Ok(Self::#other(object)),
                    }
                }

                /// The event type whose object this is, or `None` for an untyped object.
                pub fn event_type(&self) -> Option<&'static str> {
                    match self {
                        #(#event_type)*
                        Self::#other(_) => None,
                    }
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize)*
                        Self::#other(object) => serde::Serialize::serialize(object, serializer),
                    }
                }
            }
            /// Read alone, without its event's type (as part of the event's data by itself),
            /// the object is kept as JSON; the event reads it typed.
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <serde_json::Value as serde::Deserialize>::deserialize(deserializer).map(Self::#other)
                }
            }
        }
    }

    /// An event envelope: the struct, derived but for `Deserialize`, which reads the object
    /// by the event's type.
    pub(super) fn emit_envelope(
        &mut self,
        def: &TypeDef,
        s: &Struct,
        envelope: &Envelope,
    ) -> TokenStream {
        let name = ident(&def.name);
        let doc = doc_attrs(&type_doc(def));
        let derive = self.derive_attr(def);
        let fields: Vec<TokenStream> = s.fields.iter().map(|f| self.emit_field(f)).collect();
        let has_id = self.emit_has_id(def, s);
        let data_def = self.api.type_def(envelope.data);
        let TypeKind::Struct(data) = &data_def.kind else {
            return quote!();
        };
        let data_name = ident(&data_def.name);
        let type_field = ident(&envelope.type_field);
        let data_field = ident(&envelope.data_field);
        let object_field = ident(&envelope.object_field);
        let object_type = data
            .fields
            .iter()
            .find(|f| f.rust_name == envelope.object_field)
            .map(|f| self.type_ref(&f.ty));

        let previous = envelope.previous_field.as_ref().map(|previous| {
            self.use_runtime("events");
            let previous = ident(previous);
            quote! {
                impl #name {
                    /// The value a field of the object had before this event (an `*.updated`
                    /// event lists the fields that changed, with their old values), read as
                    /// `T`; `path` names a nested field with dots
                    /// (`features.invoice_history.enabled`). `None` when the event does not
                    /// list it.
                    pub fn previous<T: serde::de::DeserializeOwned>(&self, path: &str) -> Option<Result<T, serde_json::Error>> {
                        events::previous(self.#data_field.#previous.as_ref(), path)
                    }
                }
            }
        });
        self.emit_wire(&def.name, s, Some((&envelope.data_field, &data_def.name)));
        self.emit_wire(&data_def.name, data, None::<(&str, &str)>);
        let envelope_init = s.fields.iter().map(|f| {
            let field = ident(&f.rust_name);
            if f.rust_name == envelope.data_field {
                let data_init = data.fields.iter().map(|f| {
                    let field = ident(&f.rust_name);
                    if f.rust_name == envelope.object_field {
                        quote!(#field,)
                    } else {
                        quote!(#field: wire.#data_field.#field,)
                    }
                });
                quote!(#field: #data_name { #(#data_init)* },)
            } else {
                quote!(#field: wire.#field,)
            }
        });
        quote! {
            #doc
            #derive
            pub struct #name {
                #(#fields)*
            }
            #has_id
            #previous
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let wire = <wire::#name as serde::Deserialize>::deserialize(deserializer)?;
                    let #object_field = #object_type::decode(&wire.#type_field, wire.#data_field.#object_field)
                        .map_err(serde::de::Error::custom)?;
                    Ok(Self { #(#envelope_init)* })
                }
            }
        }
    }

    /// The wire struct of `name`: its fields as the spec has them, the object (of the data) as
    /// JSON, and the data (of the envelope) as the data's wire struct.
    fn emit_wire(&mut self, name: &str, s: &Struct, data: Option<(&str, &str)>) {
        let name = ident(name);
        self.in_wire = true;
        let fields: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let field = ident(&f.rust_name);
                let serde = self.field_serde(f);
                let ty = match (data, &f.ty) {
                    (Some((data_field, data_type)), _) if f.rust_name == data_field => {
                        let data_type = ident(data_type);
                        quote!(#data_type)
                    }
                    (None, TypeRef::Named(id))
                        if matches!(&self.api.type_def(*id).kind,
                            TypeKind::Union(u) if u.discriminator == Discriminator::EventType) =>
                    {
                        quote!(serde_json::Value)
                    }
                    _ => self.field_type(f),
                };
                quote!(#serde pub(super) #field: #ty,)
            })
            .collect();
        self.in_wire = false;
        self.push_wire(quote! {
            #[derive(serde::Deserialize)]
            pub(super) struct #name {
                #(#fields)*
            }
        });
    }
}
