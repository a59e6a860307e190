//! The `HTTP request` section: every `METHOD /path` line of its code blocks, split into segments.

use super::path::parse_path;
use super::sections::Section;
use super::Endpoint;
use crate::diagnostic::{Diagnostic, Kind};
use crate::page::BlockKind;
use regex::Regex;
use std::sync::LazyLock;

static ENDPOINT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*?)\s*$").expect("valid regex")
});
static BASE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^https?://[^/]+(/(v1\.0|beta))?").expect("valid regex"));

/// Fence info strings that hold HTTP text (other languages in the section are not endpoints).
fn is_http_fence(info: &str) -> bool {
    let info = info.to_ascii_lowercase();
    info.is_empty() || info == "http" || info == "msgraph-interactive"
}

/// Read the endpoints of the HTTP request sections, reporting lines that are not endpoints.
pub(crate) fn endpoints(
    display: &str,
    sections: &[Section<'_>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Endpoint> {
    let mut found: Vec<Endpoint> = Vec::new();
    for section in sections {
        for block in section.blocks {
            let BlockKind::Fence { info, text, .. } = &block.kind else {
                continue;
            };
            if !is_http_fence(info) {
                continue;
            }
            for (offset, line_text) in text.lines().enumerate() {
                let line =
                    block.line + 1 + u32::try_from(offset).unwrap_or(u32::MAX - block.line - 1);
                if line_text.trim().is_empty() {
                    continue;
                }
                let Some(endpoint) = parse_endpoint_line(line_text, line) else {
                    diagnostics.push(Diagnostic::warning(
                        Kind::EndpointLine,
                        display,
                        line,
                        format!(
                            "line `{}` in the HTTP request section is not `METHOD /path`; ignored",
                            line_text.trim()
                        ),
                    ));
                    continue;
                };
                if found
                    .iter()
                    .any(|e| e.method == endpoint.method && e.path == endpoint.path)
                {
                    diagnostics.push(Diagnostic::warning(
                        Kind::DuplicateEndpoint,
                        display,
                        line,
                        format!(
                            "endpoint `{} {}` is listed twice",
                            endpoint.method, endpoint.path
                        ),
                    ));
                    continue;
                }
                found.push(endpoint);
            }
        }
    }
    found
}

/// Parse one `METHOD path` line.
fn parse_endpoint_line(text: &str, line: u32) -> Option<Endpoint> {
    let captures = ENDPOINT_LINE.captures(text)?;
    let method = captures[1].to_string();
    let written = &captures[2];
    let without_base = BASE_URL.replace(written, "");
    let path = without_base
        .split('?')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    if path.is_empty() {
        return None;
    }
    let segments = parse_path(&path);
    Some(Endpoint {
        method,
        path,
        line,
        segments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_lines_lose_base_url_and_query() {
        let e = parse_endpoint_line(
            "GET https://graph.microsoft.com/v1.0/me/contacts?$top=2 ",
            7,
        )
        .expect("endpoint");
        assert_eq!(e.method, "GET");
        assert_eq!(e.path, "/me/contacts");
        assert_eq!(e.line, 7);
    }

    #[test]
    fn non_endpoint_lines_are_rejected() {
        assert!(parse_endpoint_line("Content-Type: application/json", 1).is_none());
        assert!(parse_endpoint_line("or", 1).is_none());
    }
}
