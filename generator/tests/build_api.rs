//! The build-script API: one file per run, only the versions and areas asked for, written only
//! when it changes.

use docgen::build::{BuildError, Builder};
use docgen::ir::ApiVersion;
use std::path::PathBuf;

fn docs_input() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn builder(out: &std::path::Path) -> Builder {
    Builder::new()
        .input(docs_input())
        .out_dir(out)
        .cargo_instructions(false)
}

#[test]
fn writes_one_module_file_with_the_asked_for_version_and_area_only() {
    let out = tempfile::tempdir().expect("temp dir");
    let built = builder(out.path())
        .version(ApiVersion::V1)
        .area("contacts")
        .generate()
        .expect("generated");
    assert_eq!(built.path, out.path().join("graph.rs"));
    assert!(built.written);
    assert!(built.operations > 0 && built.stats.methods > 0);
    let text = std::fs::read_to_string(&built.path).expect("file");
    let file: syn::File = syn::parse_file(&text).expect("the file parses");
    assert!(
        file.attrs.is_empty(),
        "include! takes no inner attribute at the top"
    );
    assert!(text.contains("pub mod v1_0 {") && !text.contains("pub mod beta"));
    assert!(text.contains("pub mod models {"));
    assert!(
        !text.contains("#[cfg(feature"),
        "no features in a build-script module"
    );
    // Only the models the kept operations use: the contact and the types of its properties.
    assert!(text.contains("pub struct Contact {"));
    assert!(text.contains("pub struct EmailAddress {"));
    assert!(
        !text.contains("pub struct Entity {"),
        "unused models are left out"
    );
    assert!(
        !text.contains("pub struct ContactFolder {"),
        "no v1.0 page returns it"
    );
}

#[test]
fn a_second_run_with_the_same_input_writes_nothing() {
    let out = tempfile::tempdir().expect("temp dir");
    let first = builder(out.path()).generate().expect("generated");
    assert!(first.written);
    let text = std::fs::read_to_string(&first.path).expect("file");
    assert!(text.contains("pub mod beta {") && text.contains("pub mod v1_0 {"));
    let modified = std::fs::metadata(&first.path)
        .and_then(|m| m.modified())
        .ok();
    let second = builder(out.path()).generate().expect("generated again");
    assert!(!second.written);
    assert_eq!(
        std::fs::metadata(&second.path)
            .and_then(|m| m.modified())
            .ok(),
        modified
    );
}

#[test]
fn an_unknown_area_is_refused_with_the_known_ones() {
    let out = tempfile::tempdir().expect("temp dir");
    let error = builder(out.path())
        .area("contcts")
        .generate()
        .expect_err("no such area");
    assert!(
        matches!(&error, BuildError::UnknownArea(unknown) if unknown.area == "contcts" && unknown.known.contains(&"contacts".to_string()))
    );
    assert!(
        error.to_string().contains("their areas are: contacts"),
        "{error}"
    );
    assert!(!out.path().join("graph.rs").exists());
}

#[test]
fn no_input_and_no_out_dir_are_errors() {
    assert!(matches!(
        Builder::new().out_dir("x").generate(),
        Err(BuildError::NoInput)
    ));
    if std::env::var_os("OUT_DIR").is_none() {
        assert!(matches!(
            Builder::new().input(docs_input()).generate(),
            Err(BuildError::NoOutDir)
        ));
    }
}

#[test]
fn cargo_watches_every_page_and_the_inputs() {
    let watched = Builder::new().input(docs_input()).watched_paths();
    assert_eq!(watched[0], docs_input());
    let pages = watched
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"));
    assert_eq!(
        pages.count(),
        28,
        "every page under docs-input (includes are read through them)"
    );
    assert!(watched
        .iter()
        .any(|p| p.ends_with("beta/api/contact-permanentdelete.md")));
}
