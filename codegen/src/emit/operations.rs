//! `operations.rs`: one function per operation, building a sans-IO request.

use super::{doc_attrs, docs::rustdoc, types::ident};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(api: &Api, runtime: &syn::Path) -> TokenStream {
    let functions: Vec<TokenStream> = api
        .operations
        .iter()
        .map(|op| function(api, op, runtime))
        .collect();
    let doc = super::inner_doc_attrs(
        "Operations: one function per API call, each returning a [`Request`] to send with a\nclient (or to inspect: nothing here does I/O).",
    );
    quote! {
        #doc
        use #runtime::{Method, ParamsIn, Request};
        #(#functions)*
    }
}

fn function(api: &Api, op: &Operation, runtime: &syn::Path) -> TokenStream {
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
    let params_arg = op.params.as_ref().map(|p| {
        let ty = ident(&api.type_def(p.ty).name);
        quote!(params: &super::params::#ty)
    });
    let args = path_args.chain(params_arg);
    let template = &op.path;
    let path_values = op.path_params.iter().map(|p| ident(&p.rust_name));
    let params_in = ident(match op.params.as_ref().map(|p| p.location) {
        Some(ParamsLocation::Query) => "Query",
        Some(ParamsLocation::Form) => "Form",
        None if op.method == crate::model::Method::Post => "Form",
        None => "Query",
    });
    let response = response_type(api, &op.response, runtime);
    let path_args = quote!(&[#(#path_values),*]);
    let body = match &op.params {
        Some(_) => {
            quote!(Request::new(Method::#method, #template, #path_args, ParamsIn::#params_in, params))
        }
        None => {
            quote!(Request::without_params(Method::#method, #template, #path_args, ParamsIn::#params_in))
        }
    };
    super::types::gated(
        &op.feature,
        quote! {
            #doc
            pub fn #name(#(#args),*) -> Request<#response> {
                #body
            }
        },
    )
}

fn response_type(api: &Api, ty: &TypeRef, runtime: &syn::Path) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let def = api.type_def(*id);
            let name = ident(&def.name);
            let module = ident(super::types::module_of(def.role));
            quote!(super::#module::#name)
        }
        TypeRef::List(inner) => {
            let inner = response_type(api, inner, runtime);
            quote!(#runtime::List<#inner>)
        }
        _ => quote!(serde_json::Value),
    }
}
