//! The `docgen` command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    docgen::cli::run()
}
