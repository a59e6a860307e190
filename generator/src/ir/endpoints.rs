//! The `HTTP request` section: every `METHOD /path` line of its code blocks, split into segments.

use super::area::area_of;
use super::path::parse_path;
use super::sections::Section;
use super::Endpoint;
use crate::diagnostic::{Diagnostic, Kind};
use crate::page::{Block, BlockKind, Page};
use regex::Regex;
use std::sync::LazyLock;

static ENDPOINT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?:\s+|(/))(\S.*?)\s*$")
        .expect("valid regex")
});
static BASE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^https?://[^/]+(/(v1\.0|beta))?").expect("valid regex"));

/// Fence info strings that hold HTTP text (other languages in the section are not endpoints).
fn is_http_fence(info: &str) -> bool {
    let info = info.to_ascii_lowercase();
    info.is_empty() || info == "http" || info == "msgraph-interactive"
}

/// A code block that lists endpoints.
pub(crate) struct EndpointFence<'p> {
    block: &'p Block,
    /// The block is an annotated example request (OneDrive pages put their example in the HTTP
    /// request section): only its request line names an endpoint; the rest is headers and body.
    request_line_only: bool,
}

impl EndpointFence<'_> {
    /// The line the block starts on.
    pub(crate) fn line(&self) -> u32 {
        self.block.line
    }
}

/// Whether a block is an annotation marking an example request or response.
fn is_example_annotation(block: Option<&Block>) -> bool {
    block.is_some_and(|b| match &b.kind {
        BlockKind::Annotation(a) => {
            matches!(a.block_type().as_deref(), Some("request" | "response"))
        }
        _ => false,
    })
}

/// The code blocks of the HTTP request sections.
pub(crate) fn section_fences<'p>(sections: &[Section<'p>]) -> Vec<EndpointFence<'p>> {
    sections
        .iter()
        .flat_map(|section| {
            section
                .blocks
                .iter()
                .enumerate()
                .map(|(index, block)| EndpointFence {
                    block,
                    request_line_only: is_example_annotation(
                        index.checked_sub(1).and_then(|i| section.blocks.get(i)),
                    ),
                })
        })
        .collect()
}

/// For pages without an HTTP request section: the code blocks anywhere on the page that hold
/// only `METHOD /path` lines and are not annotated as example requests or responses.
pub(crate) fn listing_fences(page: &Page) -> Vec<EndpointFence<'_>> {
    page.blocks
        .iter()
        .enumerate()
        .filter(|(index, block)| {
            let BlockKind::Fence { info, text, .. } = &block.kind else {
                return false;
            };
            let annotated_example =
                is_example_annotation(index.checked_sub(1).and_then(|i| page.blocks.get(i)));
            let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
            is_http_fence(info)
                && !annotated_example
                && lines.peek().is_some()
                && lines.all(|l| ENDPOINT_LINE.is_match(l))
        })
        .map(|(_, block)| EndpointFence {
            block,
            request_line_only: false,
        })
        .collect()
}

/// Read the endpoints of the given code blocks, reporting lines that are not endpoints.
pub(crate) fn endpoints(
    display: &str,
    fences: &[EndpointFence<'_>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Endpoint> {
    let mut found: Vec<Endpoint> = Vec::new();
    let mut lines_seen: Vec<&str> = Vec::new();
    for fence in fences {
        let block = fence.block;
        let BlockKind::Fence { info, text, .. } = &block.kind else {
            continue;
        };
        if !is_http_fence(info) {
            continue;
        }
        let lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let lines: Vec<(usize, &str)> = if fence.request_line_only {
            lines.take(1).collect()
        } else {
            lines.collect()
        };
        for (offset, line_text) in lines {
            let line = block
                .line
                .saturating_add(1)
                .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
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
                // Variants that differ only in their query string are one endpoint.
                if !lines_seen.contains(&line_text.trim()) {
                    continue;
                }
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
            lines_seen.push(line_text.trim());
            found.push(endpoint);
        }
    }

    found
}

/// Parse one `METHOD path` line.
fn parse_endpoint_line(text: &str, line: u32) -> Option<Endpoint> {
    let captures = ENDPOINT_LINE.captures(text)?;
    let method = captures[1].to_string();
    let written = format!(
        "{}{}",
        captures.get(2).map_or("", |m| m.as_str()),
        &captures[3]
    );
    let without_base = BASE_URL.replace(&written, "");
    let path = without_base
        .split('?')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let plausible = path
        .chars()
        .next()
        .is_some_and(|c| c == '/' || c == '{' || c == '$' || c.is_ascii_alphanumeric());
    if !plausible {
        return None;
    }
    let segments = parse_path(&path);
    Some(Endpoint {
        method,
        path,
        line,
        area: area_of(&segments),
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
    fn a_missing_space_after_the_method_is_tolerated() {
        let e = parse_endpoint_line("DELETE/identity/b2xUserFlows/{id}", 1).expect("endpoint");
        assert_eq!(e.method, "DELETE");
        assert_eq!(e.path, "/identity/b2xUserFlows/{id}");
    }

    #[test]
    fn non_endpoint_lines_are_rejected() {
        assert!(parse_endpoint_line("POST ** Collection URI for x not found", 1).is_none());
        assert!(parse_endpoint_line("Content-Type: application/json", 1).is_none());
        assert!(parse_endpoint_line("or", 1).is_none());
    }
}
