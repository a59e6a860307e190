//! The clap front end: `docgen ir`, `docgen generate`, and the no-argument default.

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::CrateOptions;
use crate::generate::{generate, Generation};
use crate::ir::ApiVersion;
use crate::load::{load, LoadOptions};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generate a Rust client for Microsoft Graph from its API reference pages.
///
/// With no command, regenerates `generated/` from `docs-input/` (run it from the workspace root).
///
/// Exit status: 0 when the input has no errors, 1 when some page has an error (everything
/// usable was still read and generated), 2 when docgen could not run (bad arguments, output not writable).
#[derive(Debug, Parser)]
#[command(name = "docgen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the IR of the pages as JSON on standard output.
    ///
    /// Paths may be files or folders (searched recursively for `*.md`; `includes` folders are
    /// read only through the pages that include them). Diagnostics are in the JSON and on stderr.
    Ir {
        /// Page files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// API version of pages whose path names none (`v1.0` or `beta`).
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
    /// Generate a client crate (Cargo.toml, src/, tests/) from a docs tree.
    Generate {
        /// The docs folder (for example `docs-input`, or a clone's `api-reference`).
        root: PathBuf,
        /// The folder of the generated crate.
        #[arg(long)]
        out: PathBuf,
        /// The package name of the generated crate.
        #[arg(long, default_value = "graph-client")]
        crate_name: String,
        /// Path of the docgen-runtime crate, relative to the output folder.
        #[arg(long, default_value = "../runtime")]
        runtime_path: String,
        /// Give the generated crate its own `[workspace]` (for output outside this workspace).
        #[arg(long)]
        standalone: bool,
        /// API version of pages whose path names none (`v1.0` or `beta`).
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
}

/// Run the command line and return the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Ir { paths, api_version }) => ir(
            &paths,
            &LoadOptions {
                default_version: api_version,
            },
        ),
        Some(Command::Generate {
            root,
            out,
            crate_name,
            runtime_path,
            standalone,
            api_version,
        }) => generate_crate(
            &root,
            &out,
            &LoadOptions {
                default_version: api_version,
            },
            &CrateOptions {
                crate_name,
                runtime_path,
                standalone,
            },
        ),
        None => generate_crate(
            Path::new("docs-input"),
            Path::new("generated"),
            &LoadOptions::default(),
            &CrateOptions::default(),
        ),
    }
}

fn parse_version(text: &str) -> Result<ApiVersion, String> {
    ApiVersion::parse(text)
        .ok_or_else(|| format!("`{text}` is not an API version: use `v1.0` or `beta`"))
}

fn ir(paths: &[PathBuf], options: &LoadOptions) -> ExitCode {
    let spec = load(paths, options);
    print_diagnostics(&spec.diagnostics);
    match serde_json::to_string_pretty(&spec) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot serialise the IR: {e}");
            return ExitCode::from(2);
        }
    }
    exit_code(&spec.diagnostics)
}

fn generate_crate(
    root: &Path,
    out: &Path,
    load_options: &LoadOptions,
    crate_options: &CrateOptions,
) -> ExitCode {
    if !root.is_dir() {
        eprintln!("error: docs folder `{}` not found (run from the workspace root, or name one: `docgen generate ROOT --out DIR`)", root.display());
        return ExitCode::from(2);
    }
    let generation = match generate(&[root.to_path_buf()], out, load_options, crate_options) {
        Ok(generation) => generation,
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", out.display());
            return ExitCode::from(2);
        }
    };
    let diagnostics = generation.diagnostics();
    print_diagnostics(&diagnostics);
    eprintln!("{}", summary(&generation, &diagnostics, out));
    exit_code(&diagnostics)
}

/// The one-line summary printed at the end of `generate`.
fn summary(generation: &Generation, diagnostics: &[Diagnostic], out: &Path) -> String {
    let spec = &generation.spec;
    let endpoints: usize = spec.operations.iter().map(|o| o.endpoints.len()).sum();
    let examples: usize = spec.operations.iter().map(|o| o.examples.len()).sum();
    let bound: usize = spec
        .operations
        .iter()
        .flat_map(|o| &o.examples)
        .filter(|e| e.binding.is_some())
        .count();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let report = &generation.report;
    format!(
        "docgen: {} pages, {} operations, {endpoints} endpoints, {} methods, {examples} examples ({bound} bound), {} tests; {errors} errors, {} warnings; {} files written, {} unchanged, {} removed in {}",
        spec.pages_read,
        spec.operations.len(),
        generation.stats.methods,
        generation.stats.tests,
        diagnostics.len() - errors,
        report.written.len(),
        report.unchanged,
        report.removed.len(),
        out.display()
    )
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}

fn exit_code(diagnostics: &[Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
