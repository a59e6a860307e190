//! insta snapshots of every docs-input page: its IR, and the code emitted for it alone.

use docgen::emit::{emit_crate, CrateOptions};
use docgen::ir::Spec;
use docgen::load::{spec_from_pages, LoadOptions};
use docgen::page::read_page;
use std::path::{Path, PathBuf};

fn docs_input() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input"))
        .canonicalize()
        .expect("docs-input exists")
}

/// The page's IR and diagnostics, with the path shown relative to docs-input.
fn spec_of(path: &Path) -> Spec {
    let display = path
        .strip_prefix(docs_input())
        .expect("page under docs-input")
        .to_string_lossy()
        .replace('\\', "/");
    let (page, diagnostics) = read_page(path, &display);
    let page = page.expect("docs-input page readable");
    spec_from_pages(vec![(page, diagnostics)], &LoadOptions::default())
}

#[test]
fn ir_of_each_page() {
    insta::glob!("../../docs-input", "*/{api,resources}/*.md", |path| {
        insta::assert_json_snapshot!(spec_of(path));
    });
}

#[test]
fn code_emitted_for_each_page() {
    insta::glob!("../../docs-input", "*/api/*.md", |path| {
        let spec = spec_of(path);
        let generated = emit_crate(&spec, &CrateOptions::default());
        let mut text = String::new();
        for file in generated
            .files
            .iter()
            .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
        {
            if file.path.ends_with("lib.rs") {
                continue;
            }
            text.push_str(&format!(
                "===== {} =====\n{}\n",
                file.path.display(),
                file.contents
            ));
        }
        for diagnostic in &generated.diagnostics {
            text.push_str(&format!("{diagnostic}\n"));
        }
        insta::assert_snapshot!(text);
    });
}
