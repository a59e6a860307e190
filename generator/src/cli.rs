//! The clap front end: `docgen ir`, `docgen generate`, `docgen check`, and the no-argument default.

use crate::check::Report;
use crate::diagnostic::{count_by_kind, Diagnostic, Severity};
use crate::emit::CrateOptions;
use crate::generate::{generate, Generation};
use crate::ir::ApiVersion;
use crate::load::{load, LoadOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
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
    /// Lint a docs tree in the manner of ApiDoctor and count the findings by kind.
    ///
    /// Reports everything reading the pages finds (unreadable annotations, unpaired or unbound
    /// examples, ...) and, over the whole doc set: request example names used twice
    /// (duplicate-example-name), example bodies that should be JSON but do not parse
    /// (example-json: an error for requests, a warning for responses), and example response
    /// statuses the Response section does not list (status-mismatch).
    ///
    /// Findings and the summary go to standard output. Exit status: 0 when no finding is an
    /// error, 1 when some finding is an error, 2 when docgen cannot run (a path that does not
    /// exist).
    Check {
        /// Docs folders (searched recursively for `*.md`) or page files.
        #[arg(required = true, value_name = "ROOT")]
        roots: Vec<PathBuf>,
        /// API version of pages whose path names none (`v1.0` or `beta`).
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// The output formats of `docgen check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A `file:line: severity[kind]: message` line per finding, then the counts by kind.
    Text,
    /// One JSON document: `pages_read`, `operations`, `examples`, `diagnostics` and `counts`.
    Json,
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
        Some(Command::Check {
            roots,
            api_version,
            format,
        }) => check(
            &roots,
            &LoadOptions {
                default_version: api_version,
            },
            format,
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

fn check(roots: &[PathBuf], options: &LoadOptions, format: Format) -> ExitCode {
    if let Some(missing) = roots.iter().find(|root| !root.exists()) {
        eprintln!("error: `{}` not found", missing.display());
        return ExitCode::from(2);
    }
    let report = Report::new(&load(roots, options));
    let text = match format {
        Format::Text => Ok(report.to_string()),
        Format::Json => serde_json::to_string_pretty(&report).map(|json| json + "\n"),
    };
    let written = match text {
        Ok(text) => std::io::stdout().lock().write_all(text.as_bytes()),
        Err(e) => {
            eprintln!("error: cannot serialise the report: {e}");
            return ExitCode::from(2);
        }
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the report: {e}");
            ExitCode::from(2)
        }
        _ => exit_code(&report.diagnostics),
    }
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
    let by_kind: Vec<String> = count_by_kind(diagnostics)
        .iter()
        .map(|c| format!("{} {}", c.kind.name(), c.errors + c.warnings))
        .collect();
    let by_kind = if by_kind.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_kind.join(", "))
    };
    format!(
        "docgen: {} pages, {} operations, {endpoints} endpoints, {} methods, {} models, {examples} examples ({bound} bound), {} tests ({} typed, {} untyped); {errors} errors, {} warnings{by_kind}; {} files written, {} unchanged, {} removed in {}",
        spec.pages_read,
        spec.operations.len(),
        generation.stats.methods,
        generation.stats.models,
        generation.stats.tests,
        generation.stats.typed_tests,
        generation.stats.untyped_fallbacks,
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
