//! The `docgen` command line.

use std::process::ExitCode;

/// mimalloc: generation allocates many small strings on two threads at once, where it is
/// markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    docgen::cli::run()
}
