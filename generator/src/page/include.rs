//! `[!INCLUDE]` lines whose content docgen needs (permission tables), read relative to the page.

use super::read::read_text;
use super::{parse_page, BlockKind, Page};
use crate::diagnostic::{Diagnostic, Kind};
use std::path::Path;

/// An include file read on behalf of a page.
#[derive(Debug, Clone)]
pub struct ResolvedInclude {
    /// The line of the `[!INCLUDE]` in the including page.
    pub line: u32,
    /// The target as written in the page.
    pub target: String,
    /// The included file, parsed.
    pub page: Page,
}

/// Whether docgen needs the content of an include: only permission tables carry facts for the IR.
fn is_needed(label: &str, target: &str) -> bool {
    label.eq_ignore_ascii_case("permissions-table") || target.contains("includes/permissions/")
}

/// Read the includes of `page` (at `page_path`) that docgen needs. A missing file is an error diagnostic.
pub(crate) fn resolve_includes(
    page: &Page,
    page_path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ResolvedInclude> {
    let base = page_path.parent().unwrap_or(Path::new(""));
    let mut resolved = Vec::new();
    for block in &page.blocks {
        let BlockKind::Include { label, target } = &block.kind else {
            continue;
        };
        if !is_needed(label, target) {
            continue;
        }
        let path = base.join(target);
        let display = format!("{} -> {target}", page.display);
        if !path.is_file() {
            diagnostics.push(Diagnostic::error(
                Kind::MissingInclude,
                &page.display,
                block.line,
                format!("included file `{target}` not found"),
            ));
            continue;
        }
        match read_text(&path, &display) {
            Ok((text, problems)) => {
                diagnostics.extend(problems);
                let (included, problems) = parse_page(&display, &text);
                diagnostics.extend(problems);
                resolved.push(ResolvedInclude {
                    line: block.line,
                    target: target.clone(),
                    page: included,
                });
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use crate::page::read_page;

    #[test]
    fn permission_include_is_read_and_missing_one_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let api = dir.path().join("api");
        let perms = dir.path().join("includes/permissions");
        std::fs::create_dir_all(&api).expect("mkdir");
        std::fs::create_dir_all(&perms).expect("mkdir");
        std::fs::write(
            perms.join("a.md"),
            "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:-|:-|:-|\n|Application|Contacts.Read|Contacts.ReadWrite|\n",
        )
        .expect("write");
        let page = "# T\n\n[!INCLUDE [permissions-table](../includes/permissions/a.md)]\n\n[!INCLUDE [permissions-table](../includes/permissions/missing.md)]\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n";
        std::fs::write(api.join("p.md"), page).expect("write");
        let (page, diagnostics) = read_page(&api.join("p.md"), "api/p.md");
        let page = page.expect("page");
        assert_eq!(page.includes.len(), 1);
        assert_eq!(page.includes[0].line, 3);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].line, 5);
        assert!(diagnostics[0].message.contains("missing.md"));
    }
}
