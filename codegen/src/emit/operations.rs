//! `operations.rs`: one function per operation, building a sans-IO request.

use super::docs::{doc_attrs, inner_doc_attrs, rustdoc};
use super::types::{gated, ident, rust_tokens};
use crate::model::spelling::{Notation, Place};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `runtime` is the runtime module's path, as `EmitOptions::runtime_path` (checked).
pub(super) fn emit(api: &Api, runtime: &str) -> TokenStream {
    let place = Notation::Rust(Place::Sibling { runtime });
    let functions: Vec<TokenStream> = api
        .operations
        .iter()
        .map(|op| function(api, op, place))
        .collect();
    let runtime = rust_tokens(runtime);
    let doc = inner_doc_attrs(
        "Operations: one function per API call, each returning a [`Request`] to send with a\nclient (or to inspect: nothing here does I/O).",
    );
    quote! {
        #doc
        use #runtime::{Method, ParamsIn, Request};
        #(#functions)*
    }
}

fn function(api: &Api, op: &Operation, place: Notation<'_>) -> TokenStream {
    let name = ident(&op.name);
    let mut doc = op.doc.as_deref().map(rustdoc).unwrap_or_default();
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(&format!("`{} {}`", op.method.as_str(), op.path));
    let doc = doc_attrs(&doc);
    let method = ident(match op.method {
        crate::model::Method::Get => "Get",
        crate::model::Method::Post => "Post",
        crate::model::Method::Delete => "Delete",
    });
    let path_args = op.path_params.iter().map(|p| {
        let arg = ident(&p.rust_name);
        quote!(#arg: &str)
    });
    let params_arg = op.params.map(|p| {
        let ty = rust_tokens(&api.spell(&TypeRef::Named(p), place).to_string());
        quote!(params: &#ty)
    });
    let args = path_args.chain(params_arg);
    let template = &op.path;
    let path_values = op.path_params.iter().map(|p| ident(&p.rust_name));
    let params_in = ident(match op.params_in {
        ParamsLocation::Query => "Query",
        ParamsLocation::Form => "Form",
    });
    let response = rust_tokens(&api.spell(&op.response, place).to_string());
    let path_args = quote!(&[#(#path_values),*]);
    let body = match &op.params {
        Some(_) => {
            quote!(Request::new(Method::#method, #template, #path_args, ParamsIn::#params_in, params))
        }
        None => {
            quote!(Request::without_params(Method::#method, #template, #path_args, ParamsIn::#params_in))
        }
    };
    gated(
        &op.feature,
        quote! {
            #doc
            pub fn #name(#(#args),*) -> Request<#response> {
                #body
            }
        },
    )
}
