//! The whole pipeline in one call: pages -> IR -> generated crate on disk.

use crate::diagnostic::Diagnostic;
use crate::emit::{emit_crate, CrateOptions, EmitStats};
use crate::ir::Spec;
use crate::load::{load_with_progress, LoadOptions};
use crate::progress::{Progress, Silent};
use crate::select::keep;
use crate::write::{write_files, WriteReport};
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// What a generation run read, produced and wrote.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The IR of the input (its diagnostics are the parser's).
    pub spec: Spec,
    /// Diagnostics from generation (endpoints or examples left out, renames).
    pub emit_diagnostics: Vec<Diagnostic>,
    /// Counts of generated methods and tests.
    pub stats: EmitStats,
    /// Files written, unchanged and removed.
    pub report: WriteReport,
}

impl Generation {
    /// Every diagnostic of the run, parser and generator, ordered by file and line.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .spec
            .diagnostics
            .iter()
            .chain(&self.emit_diagnostics)
            .cloned()
            .collect();
        all.sort();
        all
    }
}

/// Read the pages under `inputs` and write the generated crate into `out`.
/// Input problems are diagnostics; only I/O failures on the output, and areas the pages do not
/// have (`InvalidInput`), are errors.
pub fn generate(
    inputs: &[PathBuf],
    out: &Path,
    load_options: &LoadOptions,
    crate_options: &CrateOptions,
) -> io::Result<Generation> {
    generate_with_progress(inputs, out, load_options, crate_options, &Silent)
}

/// [`generate`], telling `progress` how reading the pages goes and when generation starts.
pub fn generate_with_progress(
    inputs: &[PathBuf],
    out: &Path,
    load_options: &LoadOptions,
    crate_options: &CrateOptions,
    progress: &dyn Progress,
) -> io::Result<Generation> {
    let mut spec = load_with_progress(inputs, load_options, progress);
    let areas: BTreeSet<String> = crate_options.areas.iter().cloned().collect();
    keep(&mut spec, &BTreeSet::new(), &areas)
        .map_err(|unknown| io::Error::new(io::ErrorKind::InvalidInput, unknown))?;
    progress.generating();
    let generated = emit_crate(&spec, crate_options);
    let report = write_files(out, &generated.files)?;
    Ok(Generation {
        spec,
        emit_diagnostics: generated.diagnostics,
        stats: generated.stats,
        report,
    })
}
