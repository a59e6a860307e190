//! What each command does once its arguments are read: load with a progress bar, print the
//! results, show the diagnostics, end with the summary line, and pick the exit status.

use crate::check::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::CrateOptions;
use crate::generate::generate_with_progress;
use crate::load::{load_with_progress, LoadOptions};
use crate::progress::Bar;
use crate::render::{render, RenderOptions, Sources};
use crate::style::ColorWhen;
use crate::summary;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit status when docgen could not run.
const CANNOT_RUN: u8 = 2;

/// How diagnostics are shown to people.
#[derive(Debug, Clone, Copy)]
pub struct Show {
    /// When to colour.
    pub color: ColorWhen,
    /// Render at most this many diagnostics with their source lines; `None`: all.
    pub max_diagnostics: Option<usize>,
}

impl Show {
    fn render(
        self,
        diagnostics: &[Diagnostic],
        roots: &[PathBuf],
        is_terminal: bool,
        more_hint: &str,
    ) -> Vec<u8> {
        let options = RenderOptions {
            colour: self
                .color
                .enabled(is_terminal, std::env::var_os("NO_COLOR").as_deref()),
            max: self.max_diagnostics,
            more_hint,
        };
        render(diagnostics, &mut Sources::new(roots), &options)
    }
}

/// The output formats of `docgen check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each finding with its source line (at most --max-diagnostics of them), then the counts by kind.
    Text,
    /// A `file:line: severity[kind]: message` line per finding (all of them), then the counts by
    /// kind: for grep and CI logs.
    Short,
    /// One JSON document: `pages_read`, `operations`, `examples`, `diagnostics` and `counts`.
    Json,
}

/// `docgen ir`: the IR of the pages as JSON on stdout.
pub fn ir(paths: &[PathBuf], options: &LoadOptions, show: Show) -> ExitCode {
    if let Err(code) = require_existing(paths) {
        return code;
    }
    let bar = progress_bar();
    let spec = load_with_progress(paths, options, &bar);
    bar.clear();
    let hint = "the JSON on stdout has them all";
    write_stderr(&show.render(&spec.diagnostics, paths, stderr_is_terminal(), hint));
    let json = match serde_json::to_string_pretty(&spec) {
        Ok(json) => json + "\n",
        Err(e) => return cannot_run(&format!("cannot serialise the IR: {e}")),
    };
    if let Err(code) = write_stdout(json.as_bytes()) {
        return code;
    }
    eprintln!("{}", summary::ir(&spec));
    exit_code(&spec.diagnostics)
}

/// `docgen check`: the findings and their counts on stdout, in `format`.
pub fn check(roots: &[PathBuf], options: &LoadOptions, format: Format, show: Show) -> ExitCode {
    if let Err(code) = require_existing(roots) {
        return code;
    }
    let bar = progress_bar();
    let spec = load_with_progress(roots, options, &bar);
    bar.clear();
    let report = Report::new(&spec);
    let text = match format {
        Format::Text => {
            let hint = "`--format short` lists them all, one line each";
            let stdout_is_terminal = std::io::stdout().is_terminal();
            let mut text = show.render(&report.diagnostics, roots, stdout_is_terminal, hint);
            if !text.is_empty() && !text.ends_with(b"\n\n") {
                text.push(b'\n');
            }
            text.extend(report.table().to_string().into_bytes());
            text
        }
        Format::Short => report.to_string().into_bytes(),
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => (json + "\n").into_bytes(),
            Err(e) => return cannot_run(&format!("cannot serialise the report: {e}")),
        },
    };
    if let Err(code) = write_stdout(&text) {
        return code;
    }
    eprintln!("{}", summary::check(&report));
    exit_code(&report.diagnostics)
}

/// `docgen generate` (and plain `docgen`): the crate written into `out`.
pub fn generate(
    root: &Path,
    out: &Path,
    load_options: &LoadOptions,
    crate_options: &CrateOptions,
    show: Show,
) -> ExitCode {
    if !root.is_dir() {
        return cannot_run(&format!("docs folder `{}` not found (run from the workspace root, or name one: `docgen generate ROOT --out DIR`)", root.display()));
    }
    let roots = [root.to_path_buf()];
    let bar = progress_bar();
    let generated = generate_with_progress(&roots, out, load_options, crate_options, &bar);
    bar.clear();
    let generation = match generated {
        Ok(generation) => generation,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            return cannot_run(&e.to_string())
        }
        Err(e) => return cannot_run(&format!("cannot write `{}`: {e}", out.display())),
    };
    let diagnostics = generation.diagnostics();
    let hint = "`--max-diagnostics 0` shows them all";
    write_stderr(&show.render(&diagnostics, &roots, stderr_is_terminal(), hint));
    eprintln!("{}", summary::generation(&generation, &diagnostics, out));
    let code = exit_code(&diagnostics);
    // The process ends now: freeing the IR of thousands of pages piece by piece is wasted work.
    std::mem::forget(generation);
    code
}

/// A bar on stderr, drawn only when stderr is a terminal.
fn progress_bar() -> Bar {
    Bar::new(stderr_is_terminal())
}

fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Exit with [`CANNOT_RUN`] when a path does not exist.
fn require_existing(paths: &[PathBuf]) -> Result<(), ExitCode> {
    match paths.iter().find(|path| !path.exists()) {
        Some(missing) => Err(cannot_run(&format!("`{}` not found", missing.display()))),
        None => Ok(()),
    }
}

fn cannot_run(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(CANNOT_RUN)
}

/// Write to stdout; a reader that went away (`docgen ir . | head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<(), ExitCode> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(cannot_run(&format!("cannot write to standard output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Write to stderr. A failure is ignored: there is nowhere left to report it.
fn write_stderr(bytes: &[u8]) {
    let _ = std::io::stderr().lock().write_all(bytes);
}

/// 1 when some diagnostic is an error, else 0.
fn exit_code(diagnostics: &[Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
