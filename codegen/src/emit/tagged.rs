//! Tagged objects ([`Tagged`]): the struct of shared fields with its enum of kinds, their
//! constructors, and serde impls that keep the API's JSON and form shape (`type` plus the
//! kind's sub-object, every key in the spec's order) byte for byte.
//!
//! Reading goes through a private `wire` struct, derived, that has every property as the spec
//! has it (so that messages name a misspelt or removed field as everywhere else); the read
//! value is then checked into the kind.

use super::docs::doc_attrs;
use super::docs::rustdoc;
use super::types::{ModuleEmitter, code_text, field_init, ident, type_doc};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

impl ModuleEmitter<'_> {
    pub(super) fn emit_tagged(&mut self, def: &TypeDef, s: &Struct, t: &Tagged) -> TokenStream {
        // Its wire struct derives serde's traits.
        self.use_serde_derive();
        let name = ident(&def.name);
        let kind_type = ident(&t.kind_type);
        let kind_field = ident(&t.kind_field);
        let tag_field = &t.tag;
        let shared: Vec<&Field> = s.fields.iter().filter(|f| !t.owns(f)).collect();
        let derive = self.derive_attr(def);

        let mut doc = type_doc(def);
        doc.push_str(&format!(
            "\n\nWhich kind it is (`{}`) and that kind's sub-object are one value, \
             [`{}`](Self::{}).",
            code_text(&tag_field.wire_name),
            t.kind_field,
            t.kind_field
        ));
        let doc = doc_attrs(&doc);
        let shared_fields: Vec<TokenStream> = shared
            .iter()
            .map(|f| {
                let field = ident(&f.rust_name);
                let ty = self.field_type(f);
                let doc = doc_attrs(&self.field_doc(f));
                quote!(#doc pub #field: #ty,)
            })
            .collect();
        let kind_doc = doc_attrs(&match &tag_field.doc {
            Some(text) => format!(
                "{}\n\nOn the wire: `{}`, and the kind's sub-object.",
                rustdoc(text),
                code_text(&tag_field.wire_name)
            ),
            None => format!(
                "The kind; on the wire: `{}`, and the kind's sub-object.",
                code_text(&tag_field.wire_name)
            ),
        });
        let other_kinds_field = t.other_kinds.as_ref().map(|other| {
            self.use_map();
            let other = ident(other);
            quote! {
                /// The sub-objects of the other kinds, as the API sent them (Stripe sends them as
                /// `null`), so that the object serializes as it was received.
                pub #other: BTreeMap<String, serde_json::Value>,
            }
        });
        let has_id = self.emit_has_id(def, s);
        let kinds = self.emit_kinds(def, t, tag_field);
        let constructors = (s.constructor == Constructor::Kinds)
            .then(|| self.emit_kind_constructors(def, t, &shared));
        let serialize = self.emit_tagged_serialize(def, s, t);
        let deserialize = self.emit_tagged_deserialize(def, s, t);
        quote! {
            #doc
            #derive
            pub struct #name {
                #(#shared_fields)*
                #kind_doc
                pub #kind_field: #kind_type,
                #other_kinds_field
            }
            #kinds
            #constructors
            #has_id
            #serialize
            #deserialize
        }
    }

    /// What a kind's variant holds: its sub-object, or maybe its sub-object.
    fn payload_type(&mut self, payload: &Payload) -> TokenStream {
        let ty = self.value_type(&payload.field);
        if payload.required {
            ty
        } else {
            quote!(Option<#ty>)
        }
    }

    /// The enum of kinds, with `as_str` and `tag` (the kind without its sub-object).
    fn emit_kinds(&mut self, def: &TypeDef, t: &Tagged, tag_field: &Field) -> TokenStream {
        let kind_type = ident(&t.kind_type);
        let tag_type = self.type_ref(&tag_field.ty);
        let mut variants = Vec::new();
        let mut to_str = Vec::new();
        let mut to_tag = Vec::new();
        for kind in &t.kinds {
            let variant = ident(&kind.rust_name);
            let wire = &kind.wire_value;
            let mut doc = format!("`{}`", code_text(wire));
            match &kind.payload {
                Some(payload) => {
                    let ty = self.payload_type(payload);
                    let field = &payload.field;
                    doc.push_str(match payload.required {
                        true => ", with its sub-object.",
                        false => self.role.maybe_payload(),
                    });
                    if let Some(text) = &field.doc {
                        doc.push_str("\n\n");
                        doc.push_str(&rustdoc(text));
                    }
                    let doc = doc_attrs(&doc);
                    variants.push(quote!(#doc #variant(#ty),));
                    to_str.push(quote!(Self::#variant(_) => #wire,));
                    to_tag.push(quote!(Self::#variant(_) => #tag_type::#variant,));
                }
                None => {
                    let doc = doc_attrs(&doc);
                    variants.push(quote!(#doc #variant,));
                    to_str.push(quote!(Self::#variant => #wire,));
                    to_tag.push(quote!(Self::#variant => #tag_type::#variant,));
                }
            }
        }
        let (catch_all, catch_all_str, catch_all_tag, non_exhaustive, str_type) = match &t.catch_all
        {
            Some(catch_all) => {
                let catch_all = ident(catch_all);
                (
                    quote! {
                        /// A kind this version of the crate does not know, kept verbatim.
                        #catch_all {
                            /// The `type` value.
                            tag: String,
                            /// The sub-object named like it, as sent.
                            payload: Option<serde_json::Value>,
                        },
                    },
                    quote!(Self::#catch_all { tag, .. } => tag,),
                    quote!(Self::#catch_all { tag, .. } => #tag_type::from(tag.clone()),),
                    quote!(#[non_exhaustive]),
                    quote!(&str),
                )
            }
            None => (quote!(), quote!(), quote!(), quote!(), quote!(&'static str)),
        };
        let doc = doc_attrs(&format!(
            "The kinds of [`{}`], each with its sub-object.",
            def.name
        ));
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #non_exhaustive
            pub enum #kind_type {
                #(#variants)*
                #catch_all
            }
            impl #kind_type {
                /// The kind as the API spells it (its `type`).
                pub fn as_str(&self) -> #str_type {
                    match self {
                        #(#to_str)*
                        #catch_all_str
                    }
                }
                /// The kind without its sub-object.
                pub fn tag(&self) -> #tag_type {
                    match self {
                        #(#to_tag)*
                        #catch_all_tag
                    }
                }
            }
        }
    }

    /// `new(kind, ..)`, one constructor per kind, and `From<Kind>` when no shared field is
    /// required.
    fn emit_kind_constructors(
        &mut self,
        def: &TypeDef,
        t: &Tagged,
        shared: &[&Field],
    ) -> TokenStream {
        let name = ident(&def.name);
        let kind_type = ident(&t.kind_type);
        let kind_field = ident(&t.kind_field);
        let required: Vec<&Field> = shared
            .iter()
            .copied()
            .filter(|f| f.shape.is_required())
            .collect();
        let args = self.constructor_args(&required);
        let arg_names: Vec<_> = required.iter().map(|f| ident(&f.rust_name)).collect();
        let inits = shared.iter().map(|f| field_init(f));
        let allow = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let per_kind = t.kinds.iter().filter_map(|kind| {
            let constructor = ident(kind.constructor.as_ref()?);
            let variant = ident(&kind.rust_name);
            let wire = code_text(&kind.wire_value);
            let (param, value) = match &kind.payload {
                Some(payload) => {
                    let arg = ident(&payload.field.rust_name);
                    let ty = self.payload_type(payload);
                    (Some(quote!(#arg: #ty,)), quote!(#kind_type::#variant(#arg)))
                }
                None => (None, quote!(#kind_type::#variant)),
            };
            let doc = doc_attrs(&format!(
                "Parameters of kind `{wire}`; the other fields start unset."
            ));
            let allow = (args.len() + usize::from(param.is_some()) > 7)
                .then(|| quote!(#[allow(clippy::too_many_arguments)]));
            Some(quote! {
                #doc
                #allow
                pub fn #constructor(#param #(#args),*) -> Self {
                    Self::new(#value, #(#arg_names),*)
                }
            })
        });
        let from = required.is_empty().then(|| {
            quote! {
                impl From<#kind_type> for #name {
                    fn from(#kind_field: #kind_type) -> Self {
                        Self::new(#kind_field)
                    }
                }
            }
        });
        quote! {
            impl #name {
                /// Creates the parameters of a kind; the other fields start unset.
                #allow
                pub fn new(#kind_field: #kind_type, #(#args),*) -> Self {
                    Self { #(#inits,)* #kind_field }
                }
                #(#per_kind)*
            }
            #from
        }
    }

    /// Writes the properties in the spec's order: shared fields, the tag, and the kind's
    /// sub-object (in responses, the other kinds' as received), then an unknown kind's.
    fn emit_tagged_serialize(&mut self, def: &TypeDef, s: &Struct, t: &Tagged) -> TokenStream {
        let name = ident(&def.name);
        let kind_type = ident(&t.kind_type);
        let kind_field = ident(&t.kind_field);
        let mut entries = Vec::new();
        for f in &s.fields {
            let wire = &f.wire_name;
            let field = ident(&f.rust_name);
            if f.wire_name == t.tag.wire_name {
                entries.push(quote!(map.serialize_entry(#wire, self.#kind_field.as_str())?;));
                continue;
            }
            let Some((kind, payload)) = t.kind_of(f) else {
                entries.push(if f.shape.omits_none() {
                    quote! {
                        if let Some(value) = &self.#field {
                            map.serialize_entry(#wire, value)?;
                        }
                    }
                } else {
                    quote!(map.serialize_entry(#wire, &self.#field)?;)
                });
                continue;
            };
            let variant = ident(&kind.rust_name);
            let own = if payload.required || f.shape.is_nullable() {
                quote!(map.serialize_entry(#wire, value)?;)
            } else {
                quote! {
                    if let Some(value) = value {
                        map.serialize_entry(#wire, value)?;
                    }
                }
            };
            let others: Vec<TokenStream> = t
                .kinds
                .iter()
                .filter(|k| k.rust_name != kind.rust_name)
                .map(|k| {
                    let v = ident(&k.rust_name);
                    if k.payload.is_some() {
                        quote!(#kind_type::#v(_))
                    } else {
                        quote!(#kind_type::#v)
                    }
                })
                .chain(t.catch_all.iter().map(|c| {
                    let c = ident(c);
                    quote!(#kind_type::#c { .. })
                }))
                .collect();
            let other_arm = (!others.is_empty()).then(|| match &t.other_kinds {
                Some(other) => {
                    let other = ident(other);
                    // A nullable sub-object not received (absent or `null`) is written as
                    // `null`, like any nullable field.
                    if !f.shape.is_nullable() {
                        quote! {
                            #(#others)|* => {
                                if let Some(value) = self.#other.get(#wire) {
                                    map.serialize_entry(#wire, value)?;
                                }
                            }
                        }
                    } else {
                        quote!(#(#others)|* => map.serialize_entry(#wire, &self.#other.get(#wire))?,)
                    }
                }
                None => quote!(#(#others)|* => {}),
            });
            entries.push(quote! {
                match &self.#kind_field {
                    #kind_type::#variant(value) => { #own }
                    #other_arm
                }
            });
        }
        let unknown = t.catch_all.as_ref().map(|c| {
            let c = ident(c);
            quote! {
                if let #kind_type::#c { tag, payload: Some(payload) } = &self.#kind_field {
                    map.serialize_entry(tag, payload)?;
                }
            }
        });
        quote! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(None)?;
                    #(#entries)*
                    #unknown
                    map.end()
                }
            }
        }
    }

    /// Reads the wire struct, then checks it into the kind; adds the wire struct to the
    /// `wire` module.
    fn emit_tagged_deserialize(&mut self, def: &TypeDef, s: &Struct, t: &Tagged) -> TokenStream {
        let name = ident(&def.name);
        let kind_type = ident(&t.kind_type);
        let kind_field = ident(&t.kind_field);
        let tag = ident(&t.tag.rust_name);
        let tag_type = self.type_ref(&t.tag.ty);
        self.use_runtime("tagged");

        let payloads: Vec<&Field> = t.payloads().map(|p| &p.field).collect();
        let check = match &t.other_kinds {
            None => {
                let present = payloads.iter().map(|f| {
                    let wire = &f.wire_name;
                    let field = ident(&f.rust_name);
                    if f.shape.may_be_absent() || f.shape.is_nullable() {
                        quote!((#wire, wire.#field.is_some()))
                    } else {
                        quote!((#wire, true))
                    }
                });
                quote!(tagged::refuse_others::<D::Error>(wire.#tag.as_str(), &[#(#present),*])?;)
            }
            Some(other) => {
                let other = ident(other);
                let keep = payloads.iter().map(|f| {
                    let wire = &f.wire_name;
                    let field = ident(&f.rust_name);
                    let value = if f.shape.may_be_absent() {
                        quote!(wire.#field.as_ref())
                    } else {
                        quote!(Some(&wire.#field))
                    };
                    quote! {
                        if wire.#tag.as_str() != #wire {
                            tagged::keep::<_, D::Error>(&mut #other, #wire, #value)?;
                        }
                    }
                });
                quote! {
                    let mut #other = BTreeMap::new();
                    #(#keep)*
                }
            }
        };
        let arms = t.kinds.iter().map(|kind| {
            let variant = ident(&kind.rust_name);
            let Some(payload) = &kind.payload else {
                return quote!(#tag_type::#variant => #kind_type::#variant,);
            };
            let f = &payload.field;
            let field = ident(&f.rust_name);
            let wire = &f.wire_name;
            let value = match (payload.required, f.shape) {
                (true, FieldShape::Required) => quote!(wire.#field),
                (true, _) => quote!(tagged::needs::<_, D::Error>(wire.#field, #wire)?),
                (false, _) => quote!(wire.#field),
            };
            quote!(#tag_type::#variant => #kind_type::#variant(#value),)
        });
        let catch_all_arm = t.catch_all.as_ref().map(|c| {
            let c = ident(c);
            quote!(#tag_type::#c(tag) => #kind_type::#c { payload: wire.__rest.remove(&tag), tag },)
        });
        let shared = s.fields.iter().filter(|f| !t.owns(f)).map(|f| {
            let field = ident(&f.rust_name);
            quote!(#field: wire.#field,)
        });
        let other_kinds = t.other_kinds.as_ref().map(|other| {
            let other = ident(other);
            quote!(#other,)
        });
        let mutable = t.catch_all.is_some().then(|| quote!(mut));
        self.emit_wire_struct(def, s, t);
        quote! {
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let #mutable wire = <wire::#name as serde::Deserialize>::deserialize(deserializer)?;
                    #check
                    let #kind_field = match wire.#tag {
                        #(#arms)*
                        #catch_all_arm
                    };
                    Ok(Self {
                        #(#shared)*
                        #kind_field,
                        #other_kinds
                    })
                }
            }
        }
    }

    /// The derived struct with every property of the spec, which reading goes through.
    fn emit_wire_struct(&mut self, def: &TypeDef, s: &Struct, t: &Tagged) {
        let name = ident(&def.name);
        self.in_wire = true;
        let fields: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let field = ident(&f.rust_name);
                let ty = self.field_type(f);
                let serde = self.field_serde(f);
                quote!(#serde pub(super) #field: #ty,)
            })
            .collect();
        self.in_wire = false;
        let refuse = (s.unknown_fields == UnknownFields::Refuse)
            .then(|| quote!(#[serde(deny_unknown_fields)]));
        // An unknown kind's sub-object is a property the spec does not list.
        let rest = t.catch_all.is_some().then(|| {
            quote! {
                #[serde(flatten)]
                pub(super) __rest: std::collections::BTreeMap<String, serde_json::Value>,
            }
        });
        self.push_wire(quote! {
            #[derive(serde::Deserialize)]
            #refuse
            pub(super) struct #name {
                #(#fields)*
                #rest
            }
        });
    }
}
