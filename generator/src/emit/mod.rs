//! IR -> Rust: the generated crate's files (client modules, example tests, manifest) as text.

mod areas;
mod client;
mod conformance;
mod crate_files;
mod docs;
mod example_case;
mod example_tests;
mod models;
mod module;
mod names;
mod rust_text;
mod shape;
mod tree;

use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{ApiVersion, Operation, Spec};
use crate::write::{format_included, format_rust};
use std::collections::BTreeSet;
use std::path::PathBuf;
use tree::Tree;

/// How to shape the generated crate.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// The package name (`graph-client`).
    pub crate_name: String,
    /// The path of the `docgen-runtime` crate, relative to the generated crate's folder.
    pub runtime_path: String,
    /// Whether the crate gets its own `[workspace]` table (for output outside a workspace).
    pub standalone: bool,
    /// The areas to generate (empty: every area). With some chosen, the models no operation
    /// uses are left out.
    pub areas: Vec<String>,
}

impl Default for CrateOptions {
    fn default() -> Self {
        Self {
            crate_name: "graph-client".to_string(),
            runtime_path: "../runtime".to_string(),
            standalone: false,
            areas: Vec::new(),
        }
    }
}

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate folder.
    pub path: PathBuf,
    /// The full text.
    pub contents: String,
}

/// What the code of one API version is generated from.
#[derive(Clone, Copy)]
pub(crate) struct VersionParts<'a> {
    /// The version.
    pub(crate) version: ApiVersion,
    /// Its URL tree.
    pub(crate) tree: &'a Tree,
    /// Every operation of the spec (the tree refers to them by index).
    pub(crate) operations: &'a [Operation],
    /// Its models.
    pub(crate) names: &'a models::ModelNames<'a>,
    /// The areas of its items.
    pub(crate) areas: &'a areas::AreaPlan,
}

/// Counts of what was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmitStats {
    /// Operation methods generated.
    pub methods: usize,
    /// Example tests generated.
    pub tests: usize,
    /// Typed models generated (structs and enums).
    pub models: usize,
    /// Tests that decode into a typed model and check it encodes back to the documented body.
    pub typed_tests: usize,
    /// Tests whose documented body does not fit the model and is read untyped.
    pub untyped_fallbacks: usize,
}

/// The generated crate: its files, what went wrong on the way, and counts.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    /// The files, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Endpoints or examples that could not be generated, and renamed methods.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub stats: EmitStats,
}

/// A Response section that names a resource no page documents: the method returns untyped JSON.
fn report_unresolved_returns(
    spec: &Spec,
    version: ApiVersion,
    names: &models::ModelNames<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for operation in spec.operations.iter().filter(|o| o.version == version) {
        let returns = operation.responses.iter().find_map(|r| r.returns.as_ref());
        if let Some(returns) = returns.filter(|r| !r.type_name.starts_with("Edm.")) {
            if names.find(&returns.type_name).is_none() {
                diagnostics.push(Diagnostic::warning(
                    Kind::UnresolvedType,
                    &operation.source,
                    operation.endpoints.first().map_or(0, |e| e.line),
                    format!(
                        "the Response section names `{}`, which no resource page documents; the method returns untyped JSON",
                        returns.type_name
                    ),
                ));
            }
        }
    }
}

/// How one version's code is shaped.
struct Shape {
    /// Whether items get `cfg` attributes for the crate's area features.
    gated: bool,
    /// Whether models no operation uses are left out.
    prune_unused: bool,
}

/// What one version's code is generated from: its URL tree, its models and the areas of both.
/// Counts the methods and models into `stats`, and reports Response sections that name a
/// resource no page documents.
fn version_inputs<'s>(
    spec: &'s Spec,
    version: ApiVersion,
    all_areas: &areas::AreaSet,
    shape: &Shape,
    diagnostics: &mut Vec<Diagnostic>,
    stats: &mut EmitStats,
) -> (Tree, models::ModelNames<'s>, areas::AreaPlan) {
    let (tree, names) = rayon::join(
        || Tree::build(version, &spec.operations, diagnostics),
        || models::ModelNames::new(spec, version),
    );
    report_unresolved_returns(spec, version, &names, diagnostics);
    let mut plan = areas::AreaPlan::new(&tree, &spec.operations, &names, all_areas)
        .prune_unused(shape.prune_unused);
    if !shape.gated {
        plan = plan.ungated();
    }
    stats.methods += tree.nodes.iter().map(|n| n.operations.len()).sum::<usize>();
    stats.models += names.all_names().filter(|n| plan.emits_model(n)).count();
    (tree, names, plan)
}

/// The API versions of the spec's operations, types and enumerations, in order.
fn versions_of(spec: &Spec) -> Vec<ApiVersion> {
    spec.operations
        .iter()
        .map(|o| o.version)
        .chain(spec.types.iter().map(|t| t.version))
        .chain(spec.enums.iter().map(|e| e.version))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The client as one Rust file to `include!` (see [`crate::build`]): one module per version,
/// models inline, no tests and no cargo features. With `prune_unused`, models no operation uses
/// are left out. Deterministic, like [`emit_crate`].
pub fn emit_module(spec: &Spec, prune_unused: bool) -> (String, Vec<Diagnostic>, EmitStats) {
    let mut diagnostics = Vec::new();
    let mut stats = EmitStats::default();
    let tokens = module::module_tokens(spec, prune_unused, &mut diagnostics, &mut stats);
    diagnostics.sort();
    (format_included(tokens), diagnostics, stats)
}

/// Generate the crate for `spec`. Deterministic: the same spec gives the same files.
pub fn emit_crate(spec: &Spec, options: &CrateOptions) -> GeneratedCrate {
    let versions = versions_of(spec);
    let mut diagnostics = Vec::new();
    let mut stats = EmitStats::default();
    let all_areas = crate::select::areas(spec);
    let mut files = vec![
        GeneratedFile {
            path: PathBuf::from("Cargo.toml"),
            contents: crate_files::manifest(
                &options.crate_name,
                &options.runtime_path,
                options.standalone,
                &all_areas,
            ),
        },
        GeneratedFile {
            path: PathBuf::from("src/lib.rs"),
            contents: format_rust(crate_files::lib_rs(&versions)),
        },
    ];
    for version in versions {
        let (tree, names, plan) = version_inputs(
            spec,
            version,
            &all_areas,
            &Shape {
                gated: true,
                prune_unused: !options.areas.is_empty(),
            },
            &mut diagnostics,
            &mut stats,
        );
        let parts = VersionParts {
            version,
            tree: &tree,
            operations: &spec.operations,
            names: &names,
            areas: &plan,
        };
        // The module, its models and its two test files are written side by side.
        let module_name = version.module_name();
        let ((client, models), (annotated, unannotated)) = rayon::join(
            || {
                rayon::join(
                    || client::version_file(&parts),
                    || {
                        let mut found = Vec::new();
                        let text = (!names.is_empty())
                            .then(|| models::models_file(version, &names, &plan, &mut found));
                        (text, found)
                    },
                )
            },
            || {
                let tests = |annotated: bool| {
                    let mut found = Vec::new();
                    let (text, count) = example_tests::version_tests(
                        &options.crate_name,
                        annotated,
                        &parts,
                        &mut found,
                    );
                    (text, count, found)
                };
                rayon::join(|| tests(true), || tests(false))
            },
        );
        files.push(GeneratedFile {
            path: PathBuf::from(format!("src/{module_name}.rs")),
            contents: client,
        });
        let (models, found) = models;
        diagnostics.extend(found);
        if let Some(contents) = models {
            files.push(GeneratedFile {
                path: PathBuf::from(format!("src/{module_name}/models.rs")),
                contents,
            });
        }
        for ((tests, count, found), suffix) in [
            (annotated, "examples"),
            (unannotated, "unannotated_examples"),
        ] {
            diagnostics.extend(found);
            stats.tests += count.tests;
            stats.typed_tests += count.typed;
            stats.untyped_fallbacks += count.untyped_fallbacks;
            if suffix == "examples" || count.tests > 0 {
                files.push(GeneratedFile {
                    path: PathBuf::from(format!("tests/{module_name}_{suffix}.rs")),
                    contents: tests,
                });
            }
        }
    }
    diagnostics.sort();
    GeneratedCrate {
        files,
        diagnostics,
        stats,
    }
}
