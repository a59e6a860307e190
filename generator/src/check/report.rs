//! The result of `docgen check`: every finding, counted by kind, as text or as JSON.

use super::check;
use crate::diagnostic::{count_by_kind, Diagnostic, KindCount};
use crate::ir::Spec;
use serde::Serialize;
use std::fmt;

/// What `docgen check` found in a doc set; serialises to the `--format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// How many page files were read.
    pub pages_read: usize,
    /// How many operations the pages document.
    pub operations: usize,
    /// How many request examples the operations have.
    pub examples: usize,
    /// The loader's diagnostics and the lints' findings, ordered by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The number of findings of each kind that occurs, in the order of [`Kind`](crate::diagnostic::Kind).
    pub counts: Vec<KindCount>,
}

impl Report {
    /// Check `spec`: its diagnostics from loading, plus the findings of [`check`].
    pub fn new(spec: &Spec) -> Self {
        let mut diagnostics = spec.diagnostics.clone();
        diagnostics.extend(check(spec));
        diagnostics.sort();
        Self {
            pages_read: spec.pages_read,
            operations: spec.operations.len(),
            examples: spec.operations.iter().map(|o| o.examples.len()).sum(),
            counts: count_by_kind(&diagnostics),
            diagnostics,
        }
    }

    /// The table of the counts by kind and the totals line, without the findings.
    pub fn table(&self) -> Table<'_> {
        Table(self)
    }
}

/// The text output: one line per finding, then a table of the counts by kind and a totals line.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        if !self.diagnostics.is_empty() {
            writeln!(f)?;
        }
        write!(f, "{}", self.table())
    }
}

/// The counts of a [`Report`] by kind, with a totals line; see [`Report::table`].
#[derive(Debug, Clone, Copy)]
pub struct Table<'a>(&'a Report);

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.0;
        let width = report
            .counts
            .iter()
            .map(|c| c.kind.name().len())
            .chain(["kind".len(), "total".len()])
            .max()
            .unwrap_or_default();
        writeln!(f, "{:<width$}  {:>6}  {:>8}", "kind", "errors", "warnings")?;
        for count in &report.counts {
            writeln!(
                f,
                "{:<width$}  {:>6}  {:>8}",
                count.kind.name(),
                count.errors,
                count.warnings
            )?;
        }
        let errors: usize = report.counts.iter().map(|c| c.errors).sum();
        let warnings: usize = report.counts.iter().map(|c| c.warnings).sum();
        writeln!(
            f,
            "{:<width$}  {errors:>6}  {warnings:>8}  ({} pages read, {} operations, {} examples)",
            "total", report.pages_read, report.operations, report.examples
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{page, request, response, spec};
    use super::{KindCount, Report};
    use crate::diagnostic::Kind;

    #[test]
    fn loader_and_lint_findings_are_counted_by_kind_and_printed_with_a_table() {
        let post = "POST https://graph.microsoft.com/v1.0/me\n\n{ \"a\": }";
        let text = page(
            &(request("x", post)
                + &response("HTTP/1.1 201 Created")
                + &request("x", "GET https://graph.microsoft.com/v1.0/me")),
        );
        let report = Report::new(&spec(&[("v1.0/api/a.md", &text)]));
        assert_eq!(
            (report.pages_read, report.operations, report.examples),
            (1, 1, 2)
        );
        let count = |kind, errors, warnings| KindCount {
            kind,
            errors,
            warnings,
        };
        assert_eq!(
            report.counts,
            [
                count(Kind::UnpairedRequest, 0, 1),
                count(Kind::DuplicateExampleName, 0, 1),
                count(Kind::ExampleJson, 1, 0),
                count(Kind::StatusMismatch, 0, 1),
            ]
        );
        let text = report.to_string();
        assert!(
            text.starts_with("v1.0/api/a.md:17: error[example-json]: the example request body is not valid JSON: expected value at line 1 column 8 of the body\n"),
            "{text}"
        );
        assert!(
            text.ends_with(concat!(
                "\n\n",
                "kind                    errors  warnings\n",
                "unpaired-request             0         1\n",
                "duplicate-example-name       0         1\n",
                "example-json                 1         0\n",
                "status-mismatch              0         1\n",
                "total                        1         3  (1 pages read, 1 operations, 2 examples)\n",
            )),
            "{text}"
        );
    }

    #[test]
    fn a_clean_doc_set_prints_only_the_totals() {
        let text = page(
            &(request("x", "GET https://graph.microsoft.com/v1.0/me")
                + &response("HTTP/1.1 200 OK")),
        );
        let report = Report::new(&spec(&[("v1.0/api/a.md", &text)]));
        assert_eq!(
            report.to_string(),
            "kind   errors  warnings\ntotal       0         0  (1 pages read, 1 operations, 1 examples)\n"
        );
    }
}
