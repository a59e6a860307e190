//! The files diagnostics name: found again under the paths a command was given, read once each.

use codespan_reporting::files::SimpleFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file's text, named as the diagnostics name it.
pub type SourceFile = SimpleFile<String, String>;

/// Finds and reads the files that diagnostics name.
///
/// A diagnostic names its file as loading showed it: relative to the folder given, the path
/// itself for a file given, and `page -> target` for a file a page includes. `Sources` turns
/// that back into a path under the command's roots and keeps the text for the next diagnostic
/// of the same file. Invalid UTF-8 is replaced, as loading does.
#[derive(Debug, Default)]
pub struct Sources {
    roots: Vec<PathBuf>,
    files: HashMap<String, Option<SourceFile>>,
}

impl Sources {
    /// Sources for the files under `roots` (the folders or page files the command was given).
    pub fn new(roots: &[PathBuf]) -> Self {
        Self {
            roots: roots.to_vec(),
            files: HashMap::new(),
        }
    }

    /// The file shown as `display`, or `None` when it cannot be found or read.
    pub fn get(&mut self, display: &str) -> Option<&SourceFile> {
        if !self.files.contains_key(display) {
            let file = locate(&self.roots, display)
                .and_then(|path| std::fs::read(path).ok())
                .map(|bytes| {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    SimpleFile::new(display.to_string(), text)
                });
            self.files.insert(display.to_string(), file);
        }
        self.files.get(display).and_then(Option::as_ref)
    }
}

/// The path of the file shown as `display`: the first root that has it.
fn locate(roots: &[PathBuf], display: &str) -> Option<PathBuf> {
    if let Some((page, target)) = display.split_once(" -> ") {
        let page = locate(roots, page)?;
        let included = page.parent().unwrap_or(Path::new("")).join(target);
        return included.is_file().then_some(included);
    }
    roots.iter().find_map(|root| {
        let path = if root.is_dir() {
            root.join(display)
        } else if root.to_string_lossy().replace('\\', "/") == display {
            root.clone()
        } else {
            return None;
        };
        path.is_file().then_some(path)
    })
}

#[cfg(test)]
mod tests {
    use super::Sources;
    use codespan_reporting::files::Files;

    #[test]
    fn files_are_found_under_folders_as_given_and_through_includes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let api = dir.path().join("docs/v1.0/api");
        std::fs::create_dir_all(&api).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("docs/v1.0/includes")).expect("mkdir");
        std::fs::write(api.join("a.md"), "# A\nline two\n").expect("write");
        std::fs::write(dir.path().join("docs/v1.0/includes/p.md"), "| p |\n").expect("write");
        std::fs::write(dir.path().join("b.md"), b"# B\n\xff\n").expect("write");
        let b = dir.path().join("b.md");
        let mut sources = Sources::new(&[dir.path().join("docs"), b.clone()]);

        let a = sources
            .get("v1.0/api/a.md")
            .expect("found under the folder");
        assert_eq!(a.source(), "# A\nline two\n");
        assert_eq!(a.line_index((), 5).ok(), Some(1));

        let included = sources
            .get("v1.0/api/a.md -> ../includes/p.md")
            .expect("found beside the page");
        assert_eq!(included.source(), "| p |\n");

        let b_display = b.to_string_lossy().replace('\\', "/");
        let b = sources
            .get(&b_display)
            .expect("a file root is its own display");
        assert_eq!(b.source(), "# B\n\u{fffd}\n");

        assert!(sources.get("v1.0/api/missing.md").is_none());
        assert!(sources
            .get("v1.0/api/a.md -> ../includes/missing.md")
            .is_none());
    }
}
