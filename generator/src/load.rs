//! Files -> Spec: finds the pages under the given paths, parses and lowers them in parallel.

use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{lower_page, lower_resource_page, ApiVersion, EnumDef, Operation, Spec, TypeDef};
use crate::page::{read_page, Page};
use crate::progress::{Progress, Silent};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A page file to read, and how to show its path.
struct PageFile {
    path: PathBuf,
    display: String,
}

/// Settings for reading pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// The API version of pages whose path names none (`.../v1.0/...` or `.../beta/...`).
    /// Without it, the version comes from the pages' example URLs.
    pub default_version: Option<ApiVersion>,
}

/// Read every page under `inputs` (files, or folders searched recursively for `*.md`; `includes`
/// folders hold fragments, not pages) into one Spec. Never fails: problems are diagnostics.
pub fn load(inputs: &[PathBuf], options: &LoadOptions) -> Spec {
    load_with_progress(inputs, options, &Silent)
}

/// [`load`], telling `progress` how many pages were found and when each one is read.
pub fn load_with_progress(
    inputs: &[PathBuf],
    options: &LoadOptions,
    progress: &dyn Progress,
) -> Spec {
    let mut diagnostics = Vec::new();
    let files = find_pages(inputs, &mut diagnostics);
    progress.reading(files.len());
    let lowered: Vec<_> = files
        .par_iter()
        .map(|file| {
            let (page, problems) = read_page(&file.path, &file.display);
            let lowered = lower_one(page, problems, options);
            progress.page_read();
            lowered
        })
        .collect();
    assemble(files.len(), lowered, diagnostics)
}

/// The page files `load` reads under `inputs` (includes are read through the pages).
pub fn page_paths(inputs: &[PathBuf]) -> Vec<PathBuf> {
    find_pages(inputs, &mut Vec::new())
        .into_iter()
        .map(|file| file.path)
        .collect()
}

/// Lower pages already parsed (by tools and tests that hold the text) into one Spec.
pub fn spec_from_pages(pages: Vec<(Page, Vec<Diagnostic>)>, options: &LoadOptions) -> Spec {
    let count = pages.len();
    let lowered = pages
        .into_iter()
        .map(|(page, problems)| lower_one(Some(page), problems, options))
        .collect();
    assemble(count, lowered, Vec::new())
}

/// What one page gives: its operation, types and enumerations, and its diagnostics.
type Lowered = (
    Option<Operation>,
    (Vec<TypeDef>, Vec<EnumDef>),
    Vec<Diagnostic>,
);

fn lower_one(page: Option<Page>, mut problems: Vec<Diagnostic>, options: &LoadOptions) -> Lowered {
    let Some(page) = page else {
        return (None, (Vec::new(), Vec::new()), problems);
    };
    let operation = lower_page(&page, options.default_version, &mut problems);
    let types = lower_resource_page(&page, options.default_version, &mut problems);
    (operation, types, problems)
}

/// Gather the pages' results in a deterministic order.
fn assemble(pages_read: usize, lowered: Vec<Lowered>, mut diagnostics: Vec<Diagnostic>) -> Spec {
    let (mut operations, mut types, mut enums) = (Vec::new(), Vec::new(), Vec::new());
    for (operation, (page_types, page_enums), problems) in lowered {
        operations.extend(operation);
        types.extend(page_types);
        enums.extend(page_enums);
        diagnostics.extend(problems);
    }
    operations.sort_by(|a, b| a.source.cmp(&b.source));
    types.sort_by(|a: &TypeDef, b| (&a.source, a.line).cmp(&(&b.source, b.line)));
    enums.sort_by(|a: &EnumDef, b| (&a.source, a.line).cmp(&(&b.source, b.line)));
    diagnostics.sort();
    Spec {
        pages_read,
        operations,
        types,
        enums,
        diagnostics,
    }
}

fn find_pages(inputs: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PageFile> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_file() {
            files.push(PageFile {
                path: input.clone(),
                display: input.to_string_lossy().replace('\\', "/"),
            });
            continue;
        }
        if !input.is_dir() {
            diagnostics.push(Diagnostic::error(
                Kind::UnreadableFile,
                &input.to_string_lossy(),
                0,
                "no such file or folder",
            ));
            continue;
        }
        let walker = WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.file_name() != "includes");
        for entry in walker {
            match entry {
                Ok(entry) if is_markdown(entry.path()) && entry.file_type().is_file() => {
                    let relative = entry.path().strip_prefix(input).unwrap_or(entry.path());
                    files.push(PageFile {
                        path: entry.path().to_path_buf(),
                        display: relative.to_string_lossy().replace('\\', "/"),
                    });
                }
                Ok(_) => {}
                Err(e) => diagnostics.push(Diagnostic::error(
                    Kind::UnreadableFile,
                    &e.path().map_or_else(
                        || input.to_string_lossy().into_owned(),
                        |p| p.to_string_lossy().into_owned(),
                    ),
                    0,
                    format!("cannot read folder: {e}"),
                )),
            }
        }
    }
    files
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}
