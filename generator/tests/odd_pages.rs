//! insta snapshots of the IR of the hard-case pages in `tests/fixtures/odd` (see its README).

use docgen::ir::{ApiVersion, Spec};
use docgen::load::{spec_from_pages, LoadOptions};
use docgen::page::read_page;
use std::path::Path;

/// The page's IR and diagnostics, with the page shown by its file name.
fn spec_of(path: &Path) -> Spec {
    let display = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (page, diagnostics) = read_page(path, &display);
    let page = page.expect("fixture readable");
    let options = LoadOptions {
        default_version: Some(ApiVersion::V1),
    };
    spec_from_pages(vec![(page, diagnostics)], &options)
}

#[test]
fn ir_of_each_odd_page() {
    // Every `NN-name.md` page; the folder's README.md (which describes them) is not a page.
    insta::glob!("fixtures/odd", "[0-9]*.md", |path| {
        insta::assert_json_snapshot!(spec_of(path));
    });
}
