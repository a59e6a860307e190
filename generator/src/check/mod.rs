//! `docgen check`: lints over the IR that reading single pages does not do, and the report of a run.
//!
//! Each lint has its own module; [`check`] runs them all over a loaded [`Spec`]. The loader's own
//! diagnostics (unreadable annotations, unpaired or unbound examples, ...) are not repeated here:
//! [`Report`] puts both together.

mod duplicate_names;
mod example_json;
#[cfg(test)]
mod fixtures;
mod report;
mod status;

pub use report::{Report, Table};

use crate::diagnostic::Diagnostic;
use crate::ir::Spec;

/// The findings of every lint over `spec`, ordered by file and line.
pub fn check(spec: &Spec) -> Vec<Diagnostic> {
    let mut findings = duplicate_names::duplicate_names(spec);
    for operation in &spec.operations {
        findings.extend(example_json::example_json(operation));
        findings.extend(status::status_mismatch(operation));
    }
    findings.sort();
    findings
}
