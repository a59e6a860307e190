//! The clap front end: `docgen ir`, `docgen generate`, `docgen check`, and the no-argument default.

use crate::commands::{self, Format, Show};
use crate::emit::CrateOptions;
use crate::ir::ApiVersion;
use crate::load::LoadOptions;
use crate::style::ColorWhen;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit statuses, ending every command's `--help`.
macro_rules! exit_status {
    () => {
        "Exit status:
  0  no page has an error (warnings are fine)
  1  some page has an error; everything usable was still read (and generated)
  2  docgen could not run: bad arguments, a path that does not exist, output not writable"
    };
}

/// Generate a Rust client for Microsoft Graph from its API reference pages.
///
/// With no command, regenerates `generated/` from `docs-input/`, as `docgen generate docs-input
/// --out generated` does (run it from the workspace root).
///
/// Diagnostics are shown on stderr with the source line they are about (at most
/// --max-diagnostics of them; the summary line counts them all). While pages are read, a
/// progress bar is drawn on stderr when it is a terminal.
#[derive(Debug, Parser)]
#[command(
    name = "docgen",
    version,
    about,
    long_about,
    after_help = concat!(
        "Examples:
  docgen                                      regenerate generated/ from docs-input/
  docgen check docs-input                     lint the pages, findings with their source lines
  docgen ir docs-input/beta/api/contact-permanentdelete.md   the IR of one page as JSON

",
        exit_status!()
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    output: OutputArgs,
}

/// How diagnostics are shown; accepted before or after the command.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
struct OutputArgs {
    /// When to colour diagnostics.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    /// Show at most N diagnostics with their source lines (errors first), then a line counting
    /// the rest; 0 shows them all. The summary line always counts every diagnostic, and
    /// `check --format short|json` and the `ir` JSON always list every one.
    #[arg(long, value_name = "N", default_value_t = 50, global = true)]
    max_diagnostics: usize,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the IR of pages as JSON on stdout.
    ///
    /// Reads the pages and prints one JSON document on stdout: `pages_read`, `operations`,
    /// `types`, `enums` and `diagnostics`. The diagnostics are also shown on stderr with their
    /// source lines, followed by a summary line.
    #[command(after_help = concat!(
        "Examples:
  docgen ir docs-input/beta/api/contact-permanentdelete.md
  docgen ir docs-input > ir.json
  docgen ir --api-version v1.0 api-reference/v1.0/api/user-get.md | jq '.operations[0].endpoints'

",
        exit_status!()
    ))]
    Ir {
        /// Page files, or folders searched recursively for `*.md` (`includes` folders are read
        /// only through the pages that include them).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        version: VersionArg,
    },
    /// Generate a client crate (Cargo.toml, src/, tests/) from a docs tree.
    ///
    /// Reads every page under ROOT and writes the crate into --out, touching only the files
    /// whose content changed and removing generated files that are no longer produced. The
    /// diagnostics are shown on stderr with their source lines, then a summary line: pages,
    /// operations, endpoints, methods, models, examples, tests, findings by kind, files written.
    #[command(after_help = concat!(
        "Examples:
  docgen generate docs-input --out generated   what plain `docgen` does
  docgen generate api-reference --out /tmp/graph --crate-name graph \\
      --runtime-path \"$PWD/runtime\" --standalone
  docgen generate api-reference/v1.0 --api-version v1.0 --out /tmp/graph-v1

",
        exit_status!()
    ))]
    Generate {
        /// The docs folder: `docs-input`, a clone's `api-reference` (pages under `v1.0/` and
        /// `beta/` get the module of their version), or one version's folder with --api-version.
        root: PathBuf,
        /// The folder of the generated crate; created when missing.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The package name in the generated Cargo.toml.
        #[arg(long, value_name = "NAME", default_value = "graph-client")]
        crate_name: String,
        /// Where the docgen-runtime crate is, as the generated Cargo.toml's path dependency:
        /// relative to --out, or absolute (for output outside this workspace).
        #[arg(long, value_name = "PATH", default_value = "../runtime")]
        runtime_path: String,
        /// Give the generated crate its own `[workspace]`, so that it builds outside this
        /// workspace.
        #[arg(long)]
        standalone: bool,
        /// Generate only this area (resource family: `contacts`, `mail`, `drive`...; repeat for
        /// several). By default every area is generated, each behind a cargo feature of its own.
        /// `docgen ir` shows each endpoint's area.
        #[arg(long = "area", value_name = "AREA")]
        areas: Vec<String>,
        #[command(flatten)]
        version: VersionArg,
    },
    /// Lint a docs tree in the manner of ApiDoctor and count the findings by kind.
    ///
    /// Reports everything reading the pages finds (unreadable annotations, unpaired or unbound
    /// examples, ...) and, over the whole doc set: request example names used twice
    /// (duplicate-example-name), example bodies that should be JSON but do not parse
    /// (example-json: an error for requests, a warning for responses), and example response
    /// statuses the Response section does not list (status-mismatch).
    ///
    /// The findings and the table of counts go to stdout; a summary line goes to stderr.
    #[command(after_help = concat!(
        "Examples:
  docgen check docs-input                      findings with their source lines, then counts
  docgen check docs-input --format short | grep unbound-example
  docgen check api-reference --format json | jq '.counts'

",
        exit_status!()
    ))]
    Check {
        /// Docs folders (searched recursively for `*.md`) or page files.
        #[arg(required = true, value_name = "ROOT")]
        roots: Vec<PathBuf>,
        #[command(flatten)]
        version: VersionArg,
        /// How to print the findings on stdout.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// The API version option shared by the commands that read pages.
#[derive(Debug, Args)]
struct VersionArg {
    /// The API version of pages whose path names none (no `v1.0/` or `beta/` folder). Without
    /// it, such a page's version comes from its example URLs.
    #[arg(long, value_name = "VERSION", ignore_case = true, value_parser = api_version())]
    api_version: Option<ApiVersion>,
}

impl VersionArg {
    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            default_version: self.api_version,
        }
    }
}

fn api_version() -> impl TypedValueParser<Value = ApiVersion> {
    PossibleValuesParser::new(["v1.0", "beta"])
        .try_map(|text| ApiVersion::parse(&text).ok_or("not an API version"))
}

/// Run the command line and return the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let show = Show {
        color: cli.output.color,
        max_diagnostics: Some(cli.output.max_diagnostics).filter(|&max| max > 0),
    };
    match cli.command {
        Some(Command::Ir { paths, version }) => commands::ir(&paths, &version.load_options(), show),
        Some(Command::Generate {
            root,
            out,
            crate_name,
            runtime_path,
            standalone,
            areas,
            version,
        }) => commands::generate(
            &root,
            &out,
            &version.load_options(),
            &CrateOptions {
                crate_name,
                runtime_path,
                standalone,
                areas,
            },
            show,
        ),
        Some(Command::Check {
            roots,
            version,
            format,
        }) => commands::check(&roots, &version.load_options(), format, show),
        None => commands::generate(
            Path::new("docs-input"),
            Path::new("generated"),
            &LoadOptions::default(),
            &CrateOptions::default(),
            show,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
