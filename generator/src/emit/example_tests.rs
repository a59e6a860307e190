//! The test files: one per API version for annotated examples (and one for examples pages give
//! without annotations), each test in a module named after its page.

use super::areas::AreaSet;
use super::docs::code;
use super::example_case::example_test;
use super::names::{ident, snake_case};
use super::rust_text::RustText;
use super::tree::ROOT_TYPE;
use super::VersionParts;
use crate::diagnostic::Diagnostic;
use crate::write::{format_file, format_rust};
use quote::quote;
use rayon::prelude::*;
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

/// What the tests of one page module need and hold.
#[derive(Default)]
struct ModuleTests {
    /// The module's formatted text (empty when it has no test).
    text: String,
    counts: TestCounts,
    parses_json: bool,
    uses_models: bool,
    checks_encoding: bool,
    diagnostics: Vec<Diagnostic>,
}

/// The test file for `version` and how many tests it holds: one module per page, built and
/// formatted in parallel. Tests of annotated examples and of unannotated ones go to separate
/// files, so that each set is counted on its own.
pub(crate) fn version_tests(
    crate_name: &str,
    annotated: bool,
    parts: &VersionParts<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, TestCounts) {
    let version = parts.version;
    // Pages whose names give the same module share it.
    let mut pages: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (op_index, operation) in parts.operations.iter().enumerate() {
        if operation.version == version {
            pages
                .entry(page_module(&operation.source))
                .or_default()
                .push(op_index);
        }
    }
    let pages: Vec<(String, Vec<usize>)> = pages.into_iter().collect();
    let modules: Vec<ModuleTests> = pages
        .par_iter()
        .map(|(name, op_indices)| module_tests(name, op_indices, annotated, parts))
        .collect();
    let mut counts = TestCounts::default();
    let (mut parses_json, mut uses_models, mut checks_encoding) = (false, false, false);
    let mut texts = Vec::new();
    for module in modules {
        counts.tests += module.counts.tests;
        counts.typed += module.counts.typed;
        counts.untyped_fallbacks += module.counts.untyped_fallbacks;
        parses_json |= module.parses_json;
        uses_models |= module.uses_models;
        checks_encoding |= module.checks_encoding;
        diagnostics.extend(module.diagnostics);
        if !module.text.is_empty() {
            texts.push(module.text);
        }
    }
    let file_doc = if annotated {
        format!(" Tests generated from the annotated examples of the `{version}` API.")
    } else {
        format!(" Tests generated from the examples of the `{version}` API that pages give without annotations.")
    };
    if counts.tests == 0 {
        return (format_rust(quote!(#![doc = #file_doc])), counts);
    }
    let crate_ident = ident(&crate_name.replace('-', "_"));
    let module = ident(version.module_name());
    let root = ident(ROOT_TYPE);
    let json = parses_json.then(|| quote!(use #crate_ident::runtime::serde_json;));
    let models = uses_models.then(|| quote!(use #crate_ident::#module::models;));
    let encodes = checks_encoding.then(|| quote!(assert_encodes_to,));
    let allow = parts.areas.allow_unused_imports();
    let head = quote! {
        #![doc = #file_doc]
        #allow

        use #crate_ident::#module::#root;
        #models
        #json
        use #crate_ident::runtime::testing::{#encodes DocumentedResponse, ExampleServer, ExpectedRequest};
    };
    (format_file(head, &texts), counts)
}

/// The module of the tests of the pages of `op_indices`, formatted.
fn module_tests(
    module_name: &str,
    op_indices: &[usize],
    annotated: bool,
    parts: &VersionParts<'_>,
) -> ModuleTests {
    let VersionParts {
        tree,
        operations,
        names,
        areas,
        ..
    } = *parts;
    let mut module = ModuleTests::default();
    let mut module_areas = AreaSet::new();
    let mut tests = RustText::default();
    for &op_index in op_indices {
        let operation = &operations[op_index];
        let mut test_names: Vec<String> = Vec::new();
        for (example_index, example) in operation.examples.iter().enumerate() {
            if example.annotated != annotated {
                continue;
            }
            let Some(case) = example_test(
                tree,
                operations,
                names,
                op_index,
                example,
                &mut module.diagnostics,
            ) else {
                continue;
            };
            module.parses_json |= case.parses_json;
            module.uses_models |= case.uses_models;
            module.counts.typed += usize::from(case.typed);
            module.counts.untyped_fallbacks += usize::from(case.untyped_fallback);
            module.checks_encoding |= case.checks_encoding;
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
            tests.doc(
                1,
                &format!(
                    "The example `{}` of `{}`, line {}.",
                    code(example.name.as_deref().unwrap_or("unnamed")),
                    code(&operation.source),
                    example.line
                ),
            );
            for note in &case.notes {
                tests.doc(1, "");
                tests.doc(1, note);
            }
            let test_areas: AreaSet = example
                .binding
                .as_ref()
                .and_then(|b| operation.endpoints.get(b.endpoint))
                .map(|e| e.area.clone())
                .into_iter()
                .collect();
            tests.cfg(1, &areas.areas_features(&test_areas));
            module_areas.extend(test_areas);
            tests.line(1, "#[tokio::test]");
            tests.line(1, &format!("async fn {}() {{", ident(&name)));
            tests.raw(&case.body);
            tests.line(1, "}");
            module.counts.tests += 1;
        }
    }
    if module.counts.tests > 0 {
        let mut text = RustText::default();
        text.cfg(0, &areas.areas_features(&module_areas));
        text.line(0, &format!("mod {} {{", ident(module_name)));
        text.line(1, "use super::*;");
        text.raw(&tests.finish());
        text.line(0, "}");
        module.text = text.finish();
    }
    module
}

fn page_module(source: &str) -> String {
    let stem = Path::new(source)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    snake_case(&stem)
}
