//! The committed `generated/` crate is exactly what docgen makes from `docs-input/`, and
//! generation is deterministic and writes nothing when nothing changed.

use docgen::emit::CrateOptions;
use docgen::generate::generate;
use docgen::load::LoadOptions;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `root` (build output excluded), by relative path.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    pending.push(path);
                }
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            found.insert(relative, std::fs::read(&path).expect("readable file"));
        }
    }
    found
}

fn generate_into(out: &Path) -> docgen::generate::Generation {
    generate(
        &[workspace().join("docs-input")],
        out,
        &LoadOptions::default(),
        &CrateOptions::default(),
    )
    .expect("generation writes")
}

#[test]
fn regenerating_reproduces_the_committed_crate() {
    let out = tempfile::tempdir().expect("temp dir");
    generate_into(out.path());
    let fresh = files(out.path());
    let committed = files(&workspace().join("generated"));
    let mut problems = Vec::new();
    for (path, contents) in &fresh {
        match committed.get(path) {
            None => problems.push(format!("missing from generated/: {path}")),
            Some(old) if old != contents => problems.push(format!("differs: {path}")),
            Some(_) => {}
        }
    }
    for path in committed.keys().filter(|p| !fresh.contains_key(*p)) {
        problems.push(format!("not produced by docgen: {path}"));
    }
    assert!(
        problems.is_empty(),
        "generated/ is not what docs-input produces; run `cargo run -p docgen` and review the diff:\n{}",
        problems.join("\n")
    );
}

#[test]
fn two_runs_give_byte_identical_output() {
    let (first, second) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    generate_into(first.path());
    generate_into(second.path());
    let first = files(first.path());
    assert!(!first.is_empty());
    assert_eq!(first, files(second.path()));
}

#[test]
fn a_second_run_writes_nothing() {
    let out = tempfile::tempdir().expect("temp dir");
    let first = generate_into(out.path());
    assert!(!first.report.written.is_empty());
    let second = generate_into(out.path());
    assert!(
        second.report.written.is_empty(),
        "rewrote {:?}",
        second.report.written
    );
    assert!(second.report.removed.is_empty());
    assert_eq!(second.report.unchanged, first.report.written.len());
}

#[test]
fn files_no_longer_produced_are_removed() {
    let out = tempfile::tempdir().expect("temp dir");
    generate_into(out.path());
    let stale = out.path().join("src/gone.rs");
    std::fs::write(&stale, format!("{}\n", docgen::write::GENERATED_MARKER)).expect("write");
    let hand_written = out.path().join("src/notes.rs");
    std::fs::write(&hand_written, "// mine\n").expect("write");
    let run = generate_into(out.path());
    assert_eq!(run.report.removed, ["src/gone.rs"]);
    assert!(!stale.exists());
    assert!(
        hand_written.exists(),
        "files docgen did not write are left alone"
    );
}
