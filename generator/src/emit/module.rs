//! The whole client as one Rust file of modules, for a build script to `include!`: no crate
//! files, no tests, no features (the areas were chosen when generating).

use super::models::models_module;
use super::{client, version_inputs, versions_of, EmitStats, Shape, VersionParts};
use crate::diagnostic::Diagnostic;
use crate::ir::Spec;
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of the file: one `pub mod <version> { ... }` per API version, models inline. With
/// `prune_unused`, models no operation uses are left out.
pub(crate) fn module_tokens(
    spec: &Spec,
    prune_unused: bool,
    diagnostics: &mut Vec<Diagnostic>,
    stats: &mut EmitStats,
) -> TokenStream {
    let all_areas = crate::select::areas(spec);
    let modules: Vec<TokenStream> = versions_of(spec)
        .into_iter()
        .map(|version| {
            let shape = Shape {
                gated: false,
                prune_unused,
            };
            let (tree, names, plan) =
                version_inputs(spec, version, &all_areas, &shape, diagnostics, stats);
            let models =
                (!names.is_empty()).then(|| models_module(version, &names, &plan, diagnostics));
            let parts = VersionParts {
                version,
                tree: &tree,
                operations: &spec.operations,
                names: &names,
                areas: &plan,
            };
            let name =
                proc_macro2::Ident::new(version.module_name(), proc_macro2::Span::call_site());
            let body = client::version_module(&parts, models);
            quote! {
                pub mod #name {
                    #body
                }
            }
        })
        .collect();
    quote!(#(#modules)*)
}
