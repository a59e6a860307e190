//! The test files: one per API version for annotated examples (and one for examples pages give
//! without annotations), each test in a module named after its page.

use super::areas::AreaSet;
use super::docs::{code, doc_attrs};
use super::example_case::example_test;
use super::names::{ident, snake_case};
use super::tree::ROOT_TYPE;
use super::VersionParts;
use crate::diagnostic::Diagnostic;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use std::path::Path;

/// Counts of the tests in one test file.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TestCounts {
    /// Tests generated.
    pub(crate) tests: usize,
    /// Tests that decode the response into a typed model and check it encodes back unchanged.
    pub(crate) typed: usize,
    /// Tests whose documented body does not fit the model, which read it untyped instead.
    pub(crate) untyped_fallbacks: usize,
}

/// The tokens of the test file for `version`, and how many tests it holds.
/// Tests of annotated examples and of unannotated ones go to separate files, so that each set is
/// counted on its own.
pub(crate) fn version_tests(
    crate_name: &str,
    annotated: bool,
    version: &VersionParts<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (TokenStream, TestCounts) {
    let VersionParts {
        version,
        tree,
        operations,
        names,
        areas,
    } = *version;
    let mut counts = TestCounts::default();
    let mut parses_json = false;
    let mut uses_models = false;
    let mut checks_encoding = false;
    let crate_ident = ident(&crate_name.replace('-', "_"));
    let module = ident(version.module_name());
    let mut modules: BTreeMap<String, (AreaSet, Vec<TokenStream>)> = BTreeMap::new();
    let mut count = 0;
    for (op_index, operation) in operations.iter().enumerate() {
        if operation.version != version {
            continue;
        }
        let mut test_names: Vec<String> = Vec::new();
        for (example_index, example) in operation.examples.iter().enumerate() {
            if example.annotated != annotated {
                continue;
            }
            let Some(case) = example_test(tree, operations, names, op_index, example, diagnostics)
            else {
                continue;
            };
            parses_json |= case.parses_json;
            uses_models |= case.uses_models;
            counts.typed += usize::from(case.typed);
            counts.untyped_fallbacks += usize::from(case.untyped_fallback);
            checks_encoding |= case.checks_encoding;
            let (test, notes) = (case.body, case.notes);
            let base = example
                .name
                .as_deref()
                .map_or_else(|| format!("example_{}", example_index + 1), snake_case);
            let mut name = base.clone();
            let mut n = 2;
            while test_names.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            test_names.push(name.clone());
            let test_name = ident(&name);
            let mut doc = vec![format!(
                "The example `{}` of `{}`, line {}.",
                code(example.name.as_deref().unwrap_or("unnamed")),
                code(&operation.source),
                example.line
            )];
            for note in notes {
                doc.push(String::new());
                doc.push(note);
            }
            let doc = doc_attrs(&doc);
            let test_areas: AreaSet = example
                .binding
                .as_ref()
                .and_then(|b| operation.endpoints.get(b.endpoint))
                .map(|e| e.area.clone())
                .into_iter()
                .collect();
            let cfg = areas.areas_cfg(&test_areas);
            let (module_areas, tests) = modules.entry(page_module(&operation.source)).or_default();
            module_areas.extend(test_areas);
            tests.push(quote! {
                #doc
                #cfg
                #[tokio::test]
                async fn #test_name() {
                    #test
                }
            });
            count += 1;
        }
    }
    let file_doc = if annotated {
        format!(" Tests generated from the annotated examples of the `{version}` API.")
    } else {
        format!(" Tests generated from the examples of the `{version}` API that pages give without annotations.")
    };
    let modules = modules.into_iter().map(|(name, (module_areas, tests))| {
        let name = ident(&name);
        let cfg = areas.areas_cfg(&module_areas);
        quote! {
            #cfg
            mod #name {
                use super::*;

                #(#tests)*
            }
        }
    });
    counts.tests = count;
    if count == 0 {
        return (quote!(#![doc = #file_doc]), counts);
    }
    let root = ident(ROOT_TYPE);
    let json = parses_json.then(|| quote!(use #crate_ident::runtime::serde_json;));
    let models = uses_models.then(|| quote!(use #crate_ident::#module::models;));
    let encodes = checks_encoding.then(|| quote!(assert_encodes_to,));
    let allow = areas.allow_unused_imports();
    let tokens = quote! {
        #![doc = #file_doc]
        #allow

        use #crate_ident::#module::#root;
        #models
        #json
        use #crate_ident::runtime::testing::{#encodes DocumentedResponse, ExampleServer, ExpectedRequest};

        #(#modules)*
    };
    (tokens, counts)
}

fn page_module(source: &str) -> String {
    let stem = Path::new(source)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    snake_case(&stem)
}
