//! Generating the client from a build script, in the manner of prost-build: read the pages,
//! keep the versions and areas asked for, and write one Rust file into `OUT_DIR` to `include!`.
//!
//! ```no_run
//! // In build.rs, inside `fn main`:
//! docgen::build::Builder::new()
//!     .input("docs")
//!     .version(docgen::ir::ApiVersion::V1)
//!     .area("contacts")
//!     .generate()
//!     .expect("the Graph client is generated");
//! ```
//!
//! ```text
//! // src/lib.rs
//! pub mod graph {
//!     include!(concat!(env!("OUT_DIR"), "/graph.rs"));
//! }
//! ```
//!
//! (`examples/build-script` in this workspace does exactly this.) The crate depends on
//! `docgen-runtime`, which the generated code calls. Cargo is told to run
//! the build script again when any page (or an input folder) changes. Problems in the pages are
//! diagnostics, as on the command line: they never stop the build; errors are shown as cargo
//! warnings.

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{emit_module, EmitStats};
use crate::ir::ApiVersion;
use crate::load::{load, page_paths, LoadOptions};
use crate::select::{keep, UnknownArea};
use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// How many error diagnostics are shown as cargo warnings (all are counted).
const SHOWN_ERRORS: usize = 10;

/// Configures and runs one generation from a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: String,
    versions: BTreeSet<ApiVersion>,
    areas: BTreeSet<String>,
    default_version: Option<ApiVersion>,
    cargo_instructions: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            inputs: Vec::new(),
            out_dir: None,
            file_name: "graph.rs".to_string(),
            versions: BTreeSet::new(),
            areas: BTreeSet::new(),
            default_version: None,
            cargo_instructions: true,
        }
    }
}

/// What a generation wrote and found.
#[derive(Debug, Clone)]
pub struct Built {
    /// The file written (or left as it was, when its content was already right).
    pub path: PathBuf,
    /// Whether the file's content changed.
    pub written: bool,
    /// Pages read and operations kept.
    pub pages: usize,
    /// Operations kept (of the versions and areas asked for).
    pub operations: usize,
    /// Counts of generated methods and models.
    pub stats: EmitStats,
    /// Every diagnostic, of reading and of generating.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a generation could not run.
#[derive(Debug)]
pub enum BuildError {
    /// No input folder or page was given.
    NoInput,
    /// No output folder was given and `OUT_DIR` is not set (not running as a build script).
    NoOutDir,
    /// An area asked for is not among the pages' areas.
    UnknownArea(UnknownArea),
    /// The file could not be written.
    Io(io::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoInput => f.write_str("no input: call Builder::input with a docs folder"),
            BuildError::NoOutDir => f.write_str(
                "no output folder: OUT_DIR is not set (not in a build script?); call Builder::out_dir",
            ),
            BuildError::UnknownArea(unknown) => unknown.fmt(f),
            BuildError::Io(error) => write!(f, "writing the client failed: {error}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io(error) => Some(error),
            BuildError::UnknownArea(unknown) => Some(unknown),
            _ => None,
        }
    }
}

impl Builder {
    /// A builder with no input, writing `graph.rs` into `OUT_DIR`, keeping every version and
    /// area.
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a docs folder (searched recursively for pages) or a page file.
    pub fn input(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// Writes into `dir` instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Names the file written (default `graph.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// Keeps this API version (call once per version; default: every version of the pages).
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.versions.insert(version);
        self
    }

    /// Keeps this area (`contacts`, `mail`, `drive`...; call once per area; default: every
    /// area). Only the models the kept operations use are generated.
    pub fn area(mut self, area: impl Into<String>) -> Self {
        self.areas.insert(area.into());
        self
    }

    /// The API version of pages whose path names none.
    pub fn default_version(mut self, version: ApiVersion) -> Self {
        self.default_version = Some(version);
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines (default: yes; turn
    /// off outside build scripts).
    pub fn cargo_instructions(mut self, print: bool) -> Self {
        self.cargo_instructions = print;
        self
    }

    /// What cargo is told to watch: the inputs (a new page in a folder counts) and every page.
    pub fn watched_paths(&self) -> Vec<PathBuf> {
        let mut paths = self.inputs.clone();
        paths.extend(page_paths(&self.inputs));
        paths
    }

    /// Reads the pages and writes the file (only when its content changed, so that cargo
    /// rebuilds nothing otherwise).
    pub fn generate(self) -> Result<Built, BuildError> {
        if self.inputs.is_empty() {
            return Err(BuildError::NoInput);
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        if self.cargo_instructions {
            for path in self.watched_paths() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let options = LoadOptions {
            default_version: self.default_version,
        };
        let mut spec = load(&self.inputs, &options);
        keep(&mut spec, &self.versions, &self.areas).map_err(BuildError::UnknownArea)?;
        let (text, emit_diagnostics, stats) = emit_module(&spec, !self.areas.is_empty());
        let path = out_dir.join(&self.file_name);
        let written = write_if_changed(&path, &text).map_err(BuildError::Io)?;
        let mut diagnostics = spec.diagnostics.clone();
        diagnostics.extend(emit_diagnostics);
        diagnostics.sort();
        if self.cargo_instructions {
            report(&diagnostics);
        }
        Ok(Built {
            path,
            written,
            pages: spec.pages_read,
            operations: spec.operations.len(),
            stats,
            diagnostics,
        })
    }
}

/// Writes `text` to `path` unless the file already holds it; whether it wrote.
fn write_if_changed(path: &Path, text: &str) -> io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)?;
    Ok(true)
}

/// Shows the first error diagnostics, and how many there are, as cargo warnings.
fn report(diagnostics: &[Diagnostic]) {
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for error in errors.iter().take(SHOWN_ERRORS) {
        println!("cargo:warning=docgen: {error}");
    }
    if errors.len() > SHOWN_ERRORS {
        println!(
            "cargo:warning=docgen: ... and {} more errors (`docgen check` lists them all)",
            errors.len() - SHOWN_ERRORS
        );
    }
}
