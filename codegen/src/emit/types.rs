//! Structs, enums and unions (tagged objects are in [`super::tagged`]).

use super::docs::{doc_attrs, inner_doc_attrs, rustdoc};
use crate::model::spelling::{Import, Notation, Place};
use crate::model::*;
use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;
use std::collections::BTreeMap;

/// Emits every type of `role`, ordered by name.
pub(super) fn emit(api: &Api, role: Role, runtime: &syn::Path) -> TokenStream {
    let mut module = ModuleEmitter {
        api,
        role,
        gate: None,
        runtime_uses: BTreeMap::new(),
        uses_map: None,
        uses_serde_derive: None,
        in_wire: false,
        wire_uses_imports: None,
        wire_items: Vec::new(),
        wire_gate: None,
    };
    let items: Vec<TokenStream> = api
        .types
        .iter()
        .filter(|def| def.role == role)
        .map(|def| {
            module.gate = def.feature.clone();
            let tokens = module.emit_type(def);
            gated(&def.feature, tokens)
        })
        .collect();

    let module_doc = role.module_doc();
    let mut by_gate: BTreeMap<&Gate, Vec<Ident>> = BTreeMap::new();
    for (name, gate) in &module.runtime_uses {
        by_gate.entry(gate).or_default().push(ident(name));
    }
    let runtime_use = by_gate
        .iter()
        .map(|(gate, names)| gated(gate, quote!(use #runtime::{#(#names),*};)));
    let map_use = module.uses_map.as_ref().map(|gate| {
        gated(
            gate,
            quote!(
                use std::collections::BTreeMap;
            ),
        )
    });
    let serde_use = module.uses_serde_derive.as_ref().map(|gate| {
        gated(
            gate,
            quote!(
                use serde::{Deserialize, Serialize};
            ),
        )
    });
    let module_doc = inner_doc_attrs(module_doc);
    let wire_items = &module.wire_items;
    let runtime_in_wire = module.wire_uses_imports.as_ref().map(|gate| {
        gated(
            gate,
            quote!(
                use super::*;
            ),
        )
    });
    let wire = module.wire_gate.as_ref().map(|gate| {
        gated(
            gate,
            quote! {
                /// The wire shape of the tagged objects and of event envelopes: every property as
                /// the spec has it, read first and then checked into the kind, or typed by the
                /// event's type.
                mod wire {
                    #runtime_in_wire
                    #(#wire_items)*
                }
            },
        )
    });
    quote! {
        #module_doc
        #(#runtime_use)*
        #serde_use
        #map_use
        #(#items)*
        #wire
    }
}

/// What an item is compiled with: always (`None`), or with a cargo feature.
pub(super) type Gate = Option<String>;

/// `tokens` (whole items) compiled only with the gate's feature: `#[cfg(feature = ..)]`
/// before each item.
///
/// Items are told apart by their tokens rather than by parsing them (parsing every gated item
/// was a tenth of regen): an item ends at a top-level `;`, or at a top-level `{..}` unless it
/// is a `use` (whose braces list names). The emitter writes nothing else at the top level.
pub(super) fn gated(gate: &Gate, tokens: TokenStream) -> TokenStream {
    let Some(feature) = gate else {
        return tokens;
    };
    let cfg = quote!(#[cfg(feature = #feature)]);
    let mut out = TokenStream::new();
    let mut at_item_start = true;
    let mut is_use = false;
    for token in tokens {
        if at_item_start {
            out.extend(cfg.clone());
            is_use = false;
        }
        let ends_item = match &token {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => g.delimiter() == Delimiter::Brace && !is_use,
            TokenTree::Ident(i) => {
                is_use |= i == "use";
                false
            }
            TokenTree::Literal(_) => false,
        };
        out.extend([token]);
        at_item_start = ends_item;
    }
    out
}

/// `into` after an item of `gate` uses it too: the gate it shares with the others, or always.
fn merge_gate(into: &mut Option<Gate>, gate: &Gate) {
    *into = Some(match into.take() {
        None => gate.clone(),
        Some(same) if &same == gate => same,
        Some(_) => None,
    });
}

impl ModuleEmitter<'_> {
    fn emit_type(&mut self, def: &TypeDef) -> TokenStream {
        match &def.kind {
            TypeKind::Struct(s) => match (&s.tagged, &s.envelope) {
                (Some(t), _) => self.emit_tagged(def, s, t),
                (None, Some(envelope)) => self.emit_envelope(def, s, envelope),
                (None, None) => self.emit_struct(def, s),
            },
            TypeKind::Enum(e) if e.catch_all.is_some() => self.emit_open_enum(def, e),
            TypeKind::Enum(e) => self.emit_closed_enum(def, e),
            TypeKind::Union(u) if u.discriminator == Discriminator::EventType => {
                self.emit_event_union(def, u)
            }
            TypeKind::Union(u) => self.emit_union(def, u),
        }
    }
}

/// One role's module being emitted: the types it holds, and what they use (runtime items,
/// `BTreeMap`, serde's derives, the private `wire` module), each with its gate.
pub(super) struct ModuleEmitter<'a> {
    pub(super) api: &'a Api,
    pub(super) role: Role,
    /// The gate of the type being emitted (its feature).
    pub(super) gate: Gate,
    /// The runtime items the module uses, each with the gate of the items that use it.
    pub(super) runtime_uses: BTreeMap<&'static str, Gate>,
    /// Whether (and with which gate) the module uses `BTreeMap`.
    pub(super) uses_map: Option<Gate>,
    /// Whether (and with which gate) the module derives serde's traits.
    pub(super) uses_serde_derive: Option<Gate>,
    /// Types are spelled from inside the private `wire` module (one level down).
    pub(super) in_wire: bool,
    /// Whether (and with which gate) the `wire` module names what its parent imports (runtime
    /// items, `BTreeMap`), and so imports them from it.
    pub(super) wire_uses_imports: Option<Gate>,
    /// The items of the `wire` module, each gated as its type.
    pub(super) wire_items: Vec<TokenStream>,
    /// The gate of the `wire` module: `None` while it is empty.
    pub(super) wire_gate: Option<Gate>,
}

impl ModuleEmitter<'_> {
    /// Notes that the module uses a runtime item.
    pub(super) fn use_runtime(&mut self, name: &'static str) {
        let gate = self.gate.clone();
        self.runtime_uses
            .entry(name)
            .and_modify(|g| {
                if *g != gate {
                    *g = None;
                }
            })
            .or_insert(gate);
        self.note_wire_import();
    }

    /// Notes that the module uses `BTreeMap`.
    pub(super) fn use_map(&mut self) {
        merge_gate(&mut self.uses_map, &self.gate.clone());
        self.note_wire_import();
    }

    /// Notes that the module derives serde's traits.
    pub(super) fn use_serde_derive(&mut self) {
        merge_gate(&mut self.uses_serde_derive, &self.gate.clone());
    }

    fn note_wire_import(&mut self) {
        if self.in_wire {
            merge_gate(&mut self.wire_uses_imports, &self.gate.clone());
        }
    }

    /// Adds an item to the `wire` module, gated as the type being emitted.
    pub(super) fn push_wire(&mut self, item: TokenStream) {
        let gate = self.gate.clone();
        merge_gate(&mut self.wire_gate, &gate);
        self.wire_items.push(gated(&gate, item));
    }
}

impl ModuleEmitter<'_> {
    fn emit_struct(&mut self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let doc = doc_attrs(&type_doc(def));
        let derive = self.derive_attr(def);
        let fields: Vec<TokenStream> = s.fields.iter().map(|f| self.emit_field(f)).collect();
        let constructor = self.emit_constructor(def, s);
        let has_id = self.emit_has_id(def, s);
        let refuse = (s.unknown_fields == UnknownFields::Refuse)
            .then(|| quote!(#[serde(deny_unknown_fields)]));
        let debug =
            (!def.derives.contains(&Derive::Debug)).then(|| self.emit_redacting_debug(def, s));
        quote! {
            #doc
            #derive
            #refuse
            pub struct #name {
                #(#fields)*
            }
            #constructor
            #has_id
            #debug
        }
    }

    /// `#[derive(..)]` of the type's derives (noting serde's import when one is serde's).
    pub(super) fn derive_attr(&mut self, def: &TypeDef) -> TokenStream {
        if def.derives.iter().any(|d| d.is_serde()) {
            self.use_serde_derive();
        }
        let derives = def.derives.iter().map(|d| ident(d.as_str()));
        quote!(#[derive(#(#derives),*)])
    }

    /// `Debug` for a struct with secret fields: every field as derived, a secret as
    /// `<redacted>` (or `None`).
    fn emit_redacting_debug(&mut self, def: &TypeDef, s: &Struct) -> TokenStream {
        self.use_runtime("Redacted");
        let name = ident(&def.name);
        let label = &def.name;
        let fields = s.fields.iter().map(|f| {
            let field = ident(&f.rust_name);
            let label = &f.rust_name;
            if f.secret {
                quote!(.field(#label, &Redacted::of(&self.#field)))
            } else {
                quote!(.field(#label, &self.#field))
            }
        });
        quote! {
            /// Prints every field but the secrets, which show as `<redacted>`.
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label)
                        #(#fields)*
                        .finish()
                }
            }
        }
    }

    pub(super) fn emit_field(&mut self, f: &Field) -> TokenStream {
        let name = ident(&f.rust_name);
        let ty = self.field_type(f);
        let doc = doc_attrs(&self.field_doc(f));
        let serde = self.field_serde(f);
        quote! {
            #doc
            #serde
            pub #name: #ty,
        }
    }

    /// The field's `#[serde(..)]` attribute, if it needs one.
    pub(super) fn field_serde(&mut self, f: &Field) -> Option<TokenStream> {
        let mut serde: Vec<TokenStream> = Vec::new();
        if f.rust_name != f.wire_name {
            let wire = &f.wire_name;
            serde.push(quote!(rename = #wire));
        }
        match f.shape {
            FieldShape::Optional | FieldShape::OptionalClearable => {
                serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
            }
            FieldShape::OptionalNullable => serde.push(quote!(default)),
            FieldShape::Required | FieldShape::Nullable | FieldShape::RequiredClearable => {}
        }
        (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]))
    }

    pub(super) fn field_type(&mut self, f: &Field) -> TokenStream {
        let inner = self.value_type(f);
        match f.shape {
            FieldShape::Required => inner,
            FieldShape::Optional | FieldShape::Nullable | FieldShape::OptionalNullable => {
                quote!(Option<#inner>)
            }
            FieldShape::RequiredClearable => {
                self.use_runtime("Clearable");
                quote!(Clearable<#inner>)
            }
            FieldShape::OptionalClearable => {
                self.use_runtime("Clearable");
                quote!(Option<Clearable<#inner>>)
            }
        }
    }

    /// The field's value type, boxed if the model says so.
    pub(super) fn value_type(&mut self, f: &Field) -> TokenStream {
        let ty = self.type_ref(&f.ty);
        if f.boxed { quote!(Box<#ty>) } else { ty }
    }

    /// `ty` as Rust, from where the emitter is, noting the imports it needs.
    pub(super) fn type_ref(&mut self, ty: &TypeRef) -> TokenStream {
        for import in ty.imports() {
            match import {
                Import::Runtime(name) => self.use_runtime(name),
                Import::Map => self.use_map(),
            }
        }
        let place = match self.in_wire {
            true => Place::Wire(self.role),
            false => Place::Module(self.role),
        };
        rust_tokens(&self.api.spell(ty, Notation::Rust(place)).to_string())
    }

    pub(super) fn field_doc(&self, f: &Field) -> String {
        let mut doc = match &f.doc {
            Some(text) => rustdoc(text),
            None => match &f.ty {
                TypeRef::Named(id) => format!("See [`{}`].", self.api.type_def(*id).name),
                _ => format!("The `{}` {}.", f.wire_name, self.role.noun()),
            },
        };
        let note = match f.shape {
            FieldShape::OptionalClearable => Some(
                "`None` leaves it as it is; `Some(Clearable::Clear)` clears it (sent as an empty value).",
            ),
            FieldShape::RequiredClearable => {
                Some("Must be sent: a value, or `Clearable::Clear` (sent as an empty value).")
            }
            FieldShape::OptionalNullable => {
                Some("`None` when the API sends `null` or leaves it out; written as `null`.")
            }
            FieldShape::Nullable => Some("`None` when the API sends `null`."),
            _ => None,
        };
        if let Some(note) = note {
            doc.push_str("\n\n");
            doc.push_str(note);
        }
        doc
    }

    fn emit_constructor(&mut self, def: &TypeDef, s: &Struct) -> Option<TokenStream> {
        let name = ident(&def.name);
        let required: Vec<&Field> = s.fields.iter().filter(|f| f.shape.is_required()).collect();
        let choice = match &s.constructor {
            Constructor::None => return None,
            // Tagged objects are emitted by `emit_tagged`, never here.
            Constructor::Kinds => return None,
            Constructor::Required => None,
            Constructor::Choice(choice) => Some(choice),
        };
        if let Some(choice) = choice {
            let constructors: Vec<String> = choice
                .arms
                .iter()
                .map(|arm| format!("[`Self::{}`]", arm.constructor))
                .collect();
            let new_doc = doc_attrs(&format!(
                "Creates the parameters with every field unset: the base for `..Self::new()`.\n\n\
                 {}\nStart from {} instead.",
                choice.reason,
                constructors.join(" or ")
            ));
            let arms = choice.arms.iter().map(|arm| {
                let constructor = ident(&arm.constructor);
                let field = ident(&arm.field);
                let doc = doc_attrs(&format!(
                    "Parameters for {}; the others start unset.",
                    arm.what
                ));
                quote! {
                    #doc
                    pub fn #constructor(#field: impl Into<String>) -> Self {
                        Self { #field: Some(#field.into()), ..Self::default() }
                    }
                }
            });
            return Some(quote! {
                impl #name {
                    #new_doc
                    pub fn new() -> Self {
                        Self::default()
                    }
                    #(#arms)*
                }
            });
        }
        if required.is_empty() {
            return Some(quote! {
                impl #name {
                    /// Creates the parameters with every field unset.
                    pub fn new() -> Self {
                        Self::default()
                    }
                }
            });
        }
        let args = self.constructor_args(&required);
        let inits = s.fields.iter().map(field_init);
        let allow = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        Some(quote! {
            impl #name {
                /// Creates the parameters from the required fields; the others start unset.
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits),* }
                }
            }
        })
    }

    /// `HasId` for a struct with Stripe's object identity (it can be expanded and paginated).
    pub(super) fn emit_has_id(&mut self, def: &TypeDef, s: &Struct) -> Option<TokenStream> {
        let name = ident(&def.name);
        s.has_id.then(|| {
            self.use_runtime("HasId");
            quote! {
                impl HasId for #name {
                    fn id(&self) -> &str {
                        &self.id
                    }
                }
            }
        })
    }

    /// The arguments a constructor takes for the required `fields`.
    pub(super) fn constructor_args(&mut self, fields: &[&Field]) -> Vec<TokenStream> {
        fields
            .iter()
            .map(|f| {
                let arg = ident(&f.rust_name);
                if f.shape == FieldShape::Required && f.ty == TypeRef::String {
                    quote!(#arg: impl Into<String>)
                } else if f.shape == FieldShape::RequiredClearable {
                    let inner = self.value_type(f);
                    quote!(#arg: impl Into<Clearable<#inner>>)
                } else {
                    let ty = self.field_type(f);
                    quote!(#arg: #ty)
                }
            })
            .collect()
    }

    fn emit_closed_enum(&mut self, def: &TypeDef, e: &Enum) -> TokenStream {
        let name = ident(&def.name);
        let derive = self.derive_attr(def);
        let doc = doc_attrs(&type_doc(def));
        let variants = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let wire = &v.wire_value;
            let doc = doc_attrs(&format!("`{}`", code_text(wire)));
            quote! {
                #doc
                #[serde(rename = #wire)]
                #variant,
            }
        });
        let arms = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let wire = &v.wire_value;
            quote!(Self::#variant => #wire,)
        });
        quote! {
            #doc
            #derive
            pub enum #name {
                #(#variants)*
            }
            impl #name {
                /// The value as the API spells it.
                pub fn as_str(self) -> &'static str {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    }

    /// Response enums keep values this version does not know, so that a response from a newer
    /// API version still decodes; serde's derive cannot express that, hence the impls.
    fn emit_open_enum(&mut self, def: &TypeDef, e: &Enum) -> TokenStream {
        let name = ident(&def.name);
        let derive = self.derive_attr(def);
        let doc = doc_attrs(&type_doc(def));
        let catch_all = ident(e.catch_all.as_deref().unwrap_or("Unknown"));
        let variants = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let doc = doc_attrs(&format!("`{}`", code_text(&v.wire_value)));
            quote! {
                #doc
                #variant,
            }
        });
        let to_str = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let wire = &v.wire_value;
            quote!(Self::#variant => #wire,)
        });
        let from_str = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let wire = &v.wire_value;
            quote!(#wire => Self::#variant,)
        });
        quote! {
            #doc
            #derive
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A value this version of the crate does not know, kept verbatim.
                #catch_all(String),
            }
            impl #name {
                /// The value as the API spells it.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_str)*
                        Self::#catch_all(value) => value,
                    }
                }
            }
            impl From<String> for #name {
                fn from(value: String) -> Self {
                    match value.as_str() {
                        #(#from_str)*
                        _ => Self::#catch_all(value),
                    }
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    }

    fn emit_union(&mut self, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        self.use_runtime("union");
        let doc = doc_attrs(&type_doc(def));
        let derive = self.derive_attr(def);
        let variants: Vec<TokenStream> = u
            .arms
            .iter()
            .map(|arm| {
                let variant = ident(&arm.rust_name);
                let ty = self.arm_type(arm);
                let doc = doc_attrs(&arm_doc(u.discriminator, arm));
                quote! {
                    #doc
                    #variant(#ty),
                }
            })
            .collect();
        let serialize = u.arms.iter().map(|arm| {
            let variant = ident(&arm.rust_name);
            quote!(Self::#variant(value) => serde::Serialize::serialize(value, serializer),)
        });
        let decode = u.arms.iter().map(|arm| {
            let variant = ident(&arm.rust_name);
            let pattern = match u.discriminator {
                Discriminator::Object => {
                    let tag = &arm.tag;
                    let deleted = arm.deleted;
                    quote!((Some(#tag), #deleted))
                }
                Discriminator::JsonKind => {
                    let accepts = &arm.accepts;
                    quote!(#(#accepts)|*)
                }
                // Event objects are emitted by `emit_event_union`, never here.
                Discriminator::EventType => {
                    let tag = &arm.tag;
                    quote!(#tag)
                }
            };
            quote!(#pattern => union::decode_arm(value).map(Self::#variant),)
        });
        let expected: Vec<String> = u.arms.iter().map(UnionArm::words).collect();
        let (catch_all_variant, catch_all_serialize, other) = match &u.catch_all {
            Some(catch_all) => {
                let catch_all = ident(catch_all);
                (
                    quote! {
                        /// An object of a type this version of the crate does not know, kept
                        /// verbatim.
                        #catch_all(serde_json::Value),
                    },
                    quote!(Self::#catch_all(value) => serde::Serialize::serialize(value, serializer),),
                    quote!(_ => Ok(Self::#catch_all(value)),),
                )
            }
            None => {
                let found = match u.discriminator {
                    Discriminator::Object => quote!(tag.0.unwrap_or("an object without a type")),
                    Discriminator::JsonKind | Discriminator::EventType => quote!(tag),
                };
                (
                    quote!(),
                    quote!(),
                    quote!(_ => Err(union::no_arm(#found, &[#(#expected),*])),),
                )
            }
        };
        let tag = match u.discriminator {
            Discriminator::Object => quote!(union::object_tag(&value)),
            Discriminator::JsonKind | Discriminator::EventType => quote!(union::json_kind(&value)),
        };
        let non_exhaustive = u.catch_all.is_some().then(|| quote!(#[non_exhaustive]));
        let has_id = u.has_id.then(|| {
            self.use_runtime("HasId");
            let arms = u.arms.iter().map(|arm| {
                let variant = ident(&arm.rust_name);
                quote!(Self::#variant(value) => value.id(),)
            });
            let catch_all = u.catch_all.as_ref().map(|c| {
                let c = ident(c);
                quote!(Self::#c(value) => value.id(),)
            });
            quote! {
                impl HasId for #name {
                    fn id(&self) -> &str {
                        match self {
                            #(#arms)*
                            #catch_all
                        }
                    }
                }
            }
        });
        quote! {
            #doc
            #derive
            #non_exhaustive
            pub enum #name {
                #(#variants)*
                #catch_all_variant
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize)*
                        #catch_all_serialize
                    }
                }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                    let tag = #tag;
                    match tag {
                        #(#decode)*
                        #other
                    }
                }
            }
            #has_id
        }
    }
}

impl ModuleEmitter<'_> {
    /// What a union's arm holds, boxed if the model says so.
    pub(super) fn arm_type(&mut self, arm: &UnionArm) -> TokenStream {
        let ty = self.type_ref(&arm.ty);
        if arm.boxed { quote!(Box<#ty>) } else { ty }
    }
}

/// A field's value in a constructor: its argument when it is required, else unset.
pub(super) fn field_init(f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    match f.shape {
        FieldShape::Required if f.ty == TypeRef::String => quote!(#field: #field.into()),
        FieldShape::RequiredClearable => quote!(#field: #field.into()),
        FieldShape::Required => quote!(#field),
        _ => quote!(#field: None),
    }
}

/// A union arm's doc: the object type it is, or the kind of value.
fn arm_doc(discriminator: Discriminator, arm: &UnionArm) -> String {
    match discriminator {
        Discriminator::Object if arm.deleted => {
            format!("A deleted `{}` object.", code_text(&arm.tag))
        }
        Discriminator::Object => format!("A `{}` object.", code_text(&arm.tag)),
        Discriminator::JsonKind => format!("A value of JSON kind {}.", arm.tag),
        Discriminator::EventType => format!("The object of a `{}` event.", code_text(&arm.tag)),
    }
}

pub(super) fn type_doc(def: &TypeDef) -> String {
    let mut doc = match (&def.doc, &def.spec_name) {
        (Some(text), _) => rustdoc(text),
        (None, Some(spec_name)) => format!("The `{spec_name}` object."),
        (None, None) => "An object of Stripe's API.".to_owned(),
    };
    doc.push_str(&format!(
        "\n\nSpec: `{}`",
        code_text(&def.origin.to_string())
    ));
    doc
}

/// Text safe inside a one-backtick code span.
pub(super) fn code_text(text: &str) -> String {
    text.replace('`', "'")
}

/// Rust source the model spelled (a type), as tokens. The spelling is made of names the
/// lowering validated, so it always lexes; were it not to, the compiler would say where.
pub(super) fn rust_tokens(source: &str) -> TokenStream {
    source
        .parse()
        .unwrap_or_else(|_| quote!(compile_error!(#source)))
}

pub(super) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of item the emitter gates gets the attribute once, before its own
    /// attributes, as a parser would place it.
    #[test]
    fn gating_puts_cfg_before_each_item() {
        let items = quote! {
            use crate::runtime::{List, Timestamp};
            /// Docs.
            #[derive(Debug)]
            pub struct A { pub a: i64 }
            impl<'de> serde::Deserialize<'de> for A {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> { todo!() }
            }
            pub struct B(pub String);
            pub fn f(a: &str) -> Request<super::resources::A> { Request::new(a, &[a]) }
            mod wire { use super::*; }
            pub const X: &[&str] = &["a"];
        };
        let mut expected: syn::File = syn::parse2(items.clone()).unwrap();
        let cfg: syn::Attribute = syn::parse_quote!(#[cfg(feature = "x")]);
        for item in &mut expected.items {
            let attrs = match item {
                syn::Item::Const(i) => &mut i.attrs,
                syn::Item::Fn(i) => &mut i.attrs,
                syn::Item::Impl(i) => &mut i.attrs,
                syn::Item::Mod(i) => &mut i.attrs,
                syn::Item::Struct(i) => &mut i.attrs,
                syn::Item::Use(i) => &mut i.attrs,
                _ => panic!("an item kind this test does not list"),
            };
            attrs.insert(0, cfg.clone());
        }
        let got: syn::File = syn::parse2(gated(&Some("x".into()), items)).unwrap();
        let text = prettyplease::unparse(&got);
        assert_eq!(text, prettyplease::unparse(&expected));
        assert_eq!(text.matches("#[cfg(feature = \"x\")]").count(), 7);
    }
}
