//! The one-line summary each command prints last on stderr: what was read, made and found.

use crate::check::Report;
use crate::diagnostic::{count_by_kind, Diagnostic, Severity};
use crate::generate::Generation;
use crate::ir::Spec;
use std::path::Path;

/// After `generate`: pages, operations, endpoints, methods, models, examples, tests, findings
/// and files written into `out`.
pub fn generation(generation: &Generation, diagnostics: &[Diagnostic], out: &Path) -> String {
    let spec = &generation.spec;
    let examples: usize = spec.operations.iter().map(|o| o.examples.len()).sum();
    let bound: usize = spec
        .operations
        .iter()
        .flat_map(|o| &o.examples)
        .filter(|e| e.binding.is_some())
        .count();
    let report = &generation.report;
    format!(
        "docgen: {} pages, {} operations, {} endpoints, {} methods, {} models, {examples} examples ({bound} bound), {} tests ({} typed, {} untyped); {}; {} files written, {} unchanged, {} removed in {}",
        spec.pages_read,
        spec.operations.len(),
        endpoints(spec),
        generation.stats.methods,
        generation.stats.models,
        generation.stats.tests,
        generation.stats.typed_tests,
        generation.stats.untyped_fallbacks,
        findings(diagnostics),
        report.written.len(),
        report.unchanged,
        report.removed.len(),
        out.display()
    )
}

/// After `ir`: what the IR holds and what reading found.
pub fn ir(spec: &Spec) -> String {
    format!(
        "docgen: {} pages, {} operations, {} endpoints, {} types, {} enums, {} examples; {}",
        spec.pages_read,
        spec.operations.len(),
        endpoints(spec),
        spec.types.len(),
        spec.enums.len(),
        spec.operations
            .iter()
            .map(|o| o.examples.len())
            .sum::<usize>(),
        findings(&spec.diagnostics)
    )
}

/// After `check`: what was checked and what was found.
pub fn check(report: &Report) -> String {
    format!(
        "docgen: checked {} pages, {} operations, {} examples; {}",
        report.pages_read,
        report.operations,
        report.examples,
        findings(&report.diagnostics)
    )
}

fn endpoints(spec: &Spec) -> usize {
    spec.operations.iter().map(|o| o.endpoints.len()).sum()
}

/// `E errors, W warnings`, then the count of each kind found in parentheses.
fn findings(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let by_kind: Vec<String> = count_by_kind(diagnostics)
        .iter()
        .map(|c| format!("{} {}", c.kind.name(), c.errors + c.warnings))
        .collect();
    let by_kind = if by_kind.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_kind.join(", "))
    };
    format!(
        "{errors} errors, {} warnings{by_kind}",
        diagnostics.len() - errors
    )
}

#[cfg(test)]
mod tests {
    use super::findings;
    use crate::diagnostic::{Diagnostic, Kind};

    #[test]
    fn findings_are_counted_by_severity_then_by_kind() {
        assert_eq!(findings(&[]), "0 errors, 0 warnings");
        let found = [
            Diagnostic::warning(Kind::UnboundExample, "a.md", 1, "x"),
            Diagnostic::error(Kind::RequestParse, "a.md", 2, "x"),
            Diagnostic::warning(Kind::UnboundExample, "b.md", 3, "x"),
        ];
        assert_eq!(
            findings(&found),
            "1 errors, 2 warnings (request-parse 1, unbound-example 2)"
        );
    }
}
