//! Files -> Spec: finds the pages under the given paths, parses and lowers them in parallel.

use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{lower_page, ApiVersion, Spec};
use crate::page::read_page;
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
    let mut diagnostics = Vec::new();
    let files = find_pages(inputs, &mut diagnostics);
    let lowered: Vec<_> = files
        .par_iter()
        .map(|file| {
            let (page, mut problems) = read_page(&file.path, &file.display);
            let operation =
                page.and_then(|page| lower_page(&page, options.default_version, &mut problems));
            (operation, problems)
        })
        .collect();
    let mut operations = Vec::new();
    for (operation, problems) in lowered {
        operations.extend(operation);
        diagnostics.extend(problems);
    }
    operations.sort_by(|a, b| a.source.cmp(&b.source));
    diagnostics.sort();
    Spec {
        pages_read: files.len(),
        operations,
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
