//! insta snapshots of the IR of the hard-case pages in `tests/fixtures/odd` (see its README).

use docgen::ir::{lower_page, ApiVersion, Spec};
use docgen::page::read_page;
use std::path::Path;

/// The page's IR and diagnostics, with the page shown by its file name.
fn spec_of(path: &Path) -> Spec {
    let display = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (page, mut diagnostics) = read_page(path, &display);
    let operation = page.and_then(|p| lower_page(&p, Some(ApiVersion::V1), &mut diagnostics));
    Spec {
        pages_read: 1,
        operations: operation.into_iter().collect(),
        diagnostics,
    }
}

#[test]
fn ir_of_each_odd_page() {
    // Every `NN-name.md` page; the folder's README.md (which describes them) is not a page.
    insta::glob!("fixtures/odd", "[0-9]*.md", |path| {
        insta::assert_json_snapshot!(spec_of(path));
    });
}
