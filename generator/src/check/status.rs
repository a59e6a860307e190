//! Example response statuses must be among the statuses the Response section documents.

use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::Operation;

/// A warning for each example response of `operation` whose status its Response section does
/// not name; nothing when the section names no status at all.
pub(super) fn status_mismatch(operation: &Operation) -> Vec<Diagnostic> {
    if operation.responses.is_empty() {
        return Vec::new();
    }
    let documented: Vec<String> = operation
        .responses
        .iter()
        .map(|r| r.status.to_string())
        .collect();
    operation
        .examples
        .iter()
        .filter_map(|example| {
            let status = example.response.as_ref()?.status;
            let known = operation.responses.iter().any(|r| r.status == status);
            (!known).then(|| {
                Diagnostic::warning(
                    Kind::StatusMismatch,
                    &operation.source,
                    example.line,
                    format!(
                        "the example response status {status} is not among the documented ones ({})",
                        documented.join(", ")
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{page, request, response, spec};
    use super::status_mismatch;
    use crate::diagnostic::{Kind, Severity};

    const GET: &str = "GET https://graph.microsoft.com/v1.0/me";

    #[test]
    fn an_example_status_the_response_section_does_not_name_is_a_warning() {
        let text = page(
            &(request("ok", GET)
                + &response("HTTP/1.1 200 OK")
                + &request("created", GET)
                + &response("HTTP/1.1 201 Created")),
        );
        let spec = spec(&[("v1.0/api/a.md", &text)]);
        let findings = status_mismatch(&spec.operations[0]);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let finding = &findings[0];
        assert_eq!(
            (finding.line, finding.severity, finding.kind),
            (27, Severity::Warning, Kind::StatusMismatch)
        );
        assert_eq!(
            finding.message,
            "the example response status 201 is not among the documented ones (200)"
        );
    }

    #[test]
    fn nothing_is_compared_when_no_status_is_documented_or_no_response_is_paired() {
        let undocumented = page(&(request("a", GET) + &response("HTTP/1.1 201 Created")))
            .replace("Returns `200 OK`.", "Returns the user.");
        let unpaired = page(&request("b", GET));
        let spec = spec(&[
            ("v1.0/api/a.md", &undocumented),
            ("v1.0/api/b.md", &unpaired),
        ]);
        assert_eq!(spec.operations.len(), 2);
        assert_eq!(
            spec.operations[0].responses[0].status, 201,
            "without a status in the prose, the examples' statuses are the documented ones"
        );
        assert!(spec
            .operations
            .iter()
            .all(|o| status_mismatch(o).is_empty()));
    }
}
