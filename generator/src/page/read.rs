//! Reading a page file from disk: bytes, UTF-8, parsing, and the includes it needs.

use super::include::resolve_includes;
use super::{parse_page, Page};
use crate::diagnostic::{Diagnostic, Kind};
use std::path::Path;

/// Read and parse the page at `path`, shown to the user as `display`.
/// Returns `None` only when the file cannot be read at all; every problem is a diagnostic.
pub fn read_page(path: &Path, display: &str) -> (Option<Page>, Vec<Diagnostic>) {
    let (text, mut diagnostics) = match read_text(path, display) {
        Ok(read) => read,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let (mut page, parse_diagnostics) = parse_page(display, &text);
    diagnostics.extend(parse_diagnostics);
    page.includes = resolve_includes(&page, path, &mut diagnostics);
    (Some(page), diagnostics)
}

/// The file's text. Invalid UTF-8 is replaced (so the page still goes through) and reported.
pub(crate) fn read_text(
    path: &Path,
    display: &str,
) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            Kind::UnreadableFile,
            display,
            0,
            format!("cannot read file: {e}"),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, Vec::new())),
        Err(e) => {
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let diagnostic = Diagnostic::error(
                Kind::InvalidUtf8,
                display,
                u32::try_from(line).unwrap_or(u32::MAX),
                "file is not valid UTF-8; invalid bytes were read as U+FFFD",
            );
            Ok((
                String::from_utf8_lossy(&bytes).into_owned(),
                vec![diagnostic],
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_the_page_still_parses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.md");
        std::fs::write(&path, b"# Title\n\nfine\n\nbad \xff byte\n").expect("write");
        let (page, diagnostics) = read_page(&path, "bad.md");
        assert_eq!(page.expect("page").title(), Some("Title"));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 5);
        assert!(diagnostics[0].message.contains("UTF-8"));
    }

    #[test]
    fn unreadable_file_is_a_diagnostic() {
        let (page, diagnostics) = read_page(Path::new("/nonexistent/x.md"), "x.md");
        assert!(page.is_none());
        assert!(diagnostics[0].message.contains("cannot read"));
    }
}
