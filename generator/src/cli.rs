//! The clap front end: `docgen ir`, `docgen generate`, and the no-argument default.

use crate::diagnostic::Severity;
use crate::load::load;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Generate a Rust client for Microsoft Graph from its API reference pages.
///
/// With no command, regenerates `generated/` from `docs-input/` (run it from the workspace root).
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
    /// read only through the pages that include them).
    Ir {
        /// Page files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Run the command line and return the process exit code:
/// 0 on success, 1 when the input has errors, 2 on a usage or I/O failure.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Ir { paths }) => ir(&paths),
        None => ExitCode::SUCCESS,
    }
}

fn ir(paths: &[PathBuf]) -> ExitCode {
    let spec = load(paths);
    match serde_json::to_string_pretty(&spec) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot serialise the IR: {e}");
            return ExitCode::from(2);
        }
    }
    exit_code(&spec.diagnostics)
}

fn exit_code(diagnostics: &[crate::diagnostic::Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
