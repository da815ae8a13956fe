//! `mod.rs`: the API version, the modules, and a table of the operations.

use super::docs::{inner_doc_attrs, rustdoc};
use crate::model::spelling::Notation;
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(api: &Api) -> TokenStream {
    let under: Vec<String> = api.scope.iter().map(|p| format!("`{p}`")).collect();
    let mut doc = format!(
        "Stripe's API under {}, as of API version `{}`.\n\n",
        under.join(", "),
        api.api_version
    );
    doc.push_str("| Operation | Request | Parameters | Response |\n|---|---|---|---|\n");
    for op in &api.operations {
        let params = match op.params {
            Some(p) => {
                let place = match op.params_in {
                    ParamsLocation::Query => "query",
                    ParamsLocation::Form => "form",
                };
                let ty = TypeRef::Named(p);
                format!("{} ({place})", api.spell(&ty, Notation::Linked))
            }
            None => "none".to_owned(),
        };
        doc.push_str(&format!(
            "| `{}` | `{} {}` | {} | {} |\n",
            op.name,
            op.method.as_str(),
            op.path,
            params,
            api.spell(&op.response, Notation::Linked),
        ));
    }
    for op in &api.operations {
        if let Some(text) = &op.doc {
            let summary = rustdoc(text).replace('\n', " ");
            doc.push_str(&format!("\n`{}`: {summary}\n", op.name));
        }
    }
    let doc = inner_doc_attrs(&doc);
    let items = items(api);
    quote! {
        #doc
        pub mod operations;
        pub mod params;
        pub mod resources;
        #items
    }
}

/// The items of the index besides the modules.
pub(super) fn items(api: &Api) -> TokenStream {
    let version = &api.api_version;
    quote! {
        /// The API version these types describe; the client sends it as `Stripe-Version`.
        pub const API_VERSION: &str = #version;
    }
}
