//! Example bodies that should be JSON must parse as JSON (ApiDoctor's body validation).

use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::ir::Operation;

/// A finding for each example body of `operation` that should be JSON but does not parse:
/// an error for a request body, a warning for a response body (pages often shorten those).
pub(super) fn example_json(operation: &Operation) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for example in &operation.examples {
        let request = &example.request;
        let request_body = (
            "request",
            Severity::Error,
            request.header("Content-Type"),
            request.body.as_deref(),
        );
        let response_body = example.response.as_ref().map(|r| {
            (
                "response",
                Severity::Warning,
                r.header("Content-Type"),
                r.body.as_deref(),
            )
        });
        for (what, severity, content_type, body) in
            std::iter::once(request_body).chain(response_body)
        {
            let Some(problem) = body.and_then(|b| json_problem(content_type, b)) else {
                continue;
            };
            findings.push(Diagnostic::new(
                severity,
                Kind::ExampleJson,
                &operation.source,
                example.line,
                format!("the example {what} body is not valid JSON: {problem}"),
            ));
        }
    }
    findings
}

/// What is wrong with `body` as JSON, when `content_type` or the body says it is JSON: the
/// `Content-Type` is `application/json...`, or there is none and the body starts with `{` or `[`.
fn json_problem(content_type: Option<&str>, body: &str) -> Option<String> {
    let is_json = match content_type {
        Some(content_type) => content_type
            .trim()
            .to_ascii_lowercase()
            .starts_with("application/json"),
        None => body.trim_start().starts_with(['{', '[']),
    };
    if !is_json {
        return None;
    }
    let error = serde_json::from_str::<serde_json::Value>(body).err()?;
    Some(if error.line() > 0 {
        format!("{error} of the body")
    } else {
        error.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{page, request, response, spec};
    use super::example_json;
    use crate::diagnostic::{Kind, Severity};

    const POST: &str = "POST https://graph.microsoft.com/v1.0/me";

    fn findings(examples: &str) -> Vec<(u32, Severity, String)> {
        let spec = spec(&[("v1.0/api/a.md", &page(examples))]);
        spec.operations
            .iter()
            .flat_map(example_json)
            .inspect(|d| assert_eq!(d.kind, Kind::ExampleJson))
            .map(|d| (d.line, d.severity, d.message))
            .collect()
    }

    #[test]
    fn a_request_body_with_a_trailing_comma_is_an_error_saying_where() {
        let text = request(
            "post_me",
            &format!("{POST}\nContent-Type: application/json\n\n{{\n  \"a\": 1,\n}}"),
        ) + &response("HTTP/1.1 200 OK");
        let findings = findings(&text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let (line, severity, message) = &findings[0];
        assert_eq!((*line, *severity), (17, Severity::Error));
        assert!(
            message.starts_with("the example request body is not valid JSON: trailing comma at line 3 column 1 of the body"),
            "{message}"
        );
    }

    #[test]
    fn a_truncated_response_body_without_content_type_is_a_warning() {
        let text = request("get_me", "GET https://graph.microsoft.com/v1.0/me")
            + &response("HTTP/1.1 200 OK\n\n{\n  \"value\": [ ... ]\n}");
        let findings = findings(&text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].1, Severity::Warning);
        assert!(
            findings[0]
                .2
                .starts_with("the example response body is not valid JSON:"),
            "{}",
            findings[0].2
        );
    }

    #[test]
    fn a_json_content_type_makes_any_body_json_with_parameters_and_in_any_case() {
        let text = request(
            "post_me",
            &format!("{POST}\ncontent-type: Application/JSON; charset=utf-8\n\nname=value"),
        ) + &response("HTTP/1.1 200 OK");
        assert_eq!(findings(&text).len(), 1);
    }

    #[test]
    fn valid_json_other_content_types_and_plain_bodies_are_fine() {
        let valid = request(
            "a",
            &format!("{POST}\nContent-Type: application/json\n\n{{\"a\": [1, 2]}}"),
        ) + &response(
            "HTTP/1.1 200 OK\nContent-Type: application/json;odata.metadata=minimal\n\n[]",
        );
        let other_type = request(
            "b",
            &format!("{POST}\nContent-Type: text/plain\n\n{{ not json"),
        ) + &response("HTTP/1.1 200 OK\nContent-Type: application/xml\n\n<a/>");
        let plain =
            request("c", &format!("{POST}\n\nhello")) + &response("HTTP/1.1 204 No Content");
        assert_eq!(findings(&(valid + &other_type + &plain)), []);
    }
}
