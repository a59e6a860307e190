//! The benchmark baseline: read every page under the given folders and run pulldown-cmark over
//! it (with the options docgen uses, on all cores as docgen does), nothing more. Prints the pages
//! and Markdown events seen, so that the work cannot be optimised away.

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::PathBuf;
use walkdir::WalkDir;

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let pages: Vec<PathBuf> = roots
        .iter()
        .flat_map(|root| {
            WalkDir::new(root)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.file_name() != "includes")
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                .map(|e| e.into_path())
        })
        .collect();
    let events: usize = pages
        .par_iter()
        .map(|page| {
            let text = std::fs::read_to_string(page).unwrap_or_default();
            Parser::new_ext(&text, Options::ENABLE_TABLES).count()
        })
        .sum();
    println!("{} pages, {events} Markdown events", pages.len());
}
