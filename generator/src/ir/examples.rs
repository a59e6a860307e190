//! Examples: each `request`-annotated code block paired with its `response` block.

use super::Example;
use crate::diagnostic::{Diagnostic, Kind};
use crate::http::{parse_request, parse_response};
use crate::page::{Block, BlockKind, Page};

/// The page's examples, unbound. Unreadable blocks and unpaired responses are diagnostics.
pub(crate) fn examples(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Example> {
    let display = page.display.as_str();
    let mut examples: Vec<Example> = Vec::new();
    for (index, block) in page.blocks.iter().enumerate() {
        let BlockKind::Annotation(annotation) = &block.kind else {
            continue;
        };
        let block_type = annotation.block_type();
        let is_request = block_type.as_deref() == Some("request");
        if !is_request && block_type.as_deref() != Some("response") {
            continue;
        }
        let Some((fence_line, text)) = following_fence(&page.blocks[index + 1..]) else {
            diagnostics.push(Diagnostic::warning(
                Kind::OrphanAnnotation,
                display,
                block.line,
                format!(
                    "`{}` annotation is not followed by a code block",
                    block_type.unwrap_or_default()
                ),
            ));
            continue;
        };
        let name = annotation.string("name").map(str::to_string);
        if is_request {
            match parse_request(text) {
                Ok(request) => examples.push(Example {
                    name,
                    line: fence_line,
                    request,
                    response: None,
                    binding: None,
                }),
                Err(e) => diagnostics.push(Diagnostic::error(
                    Kind::RequestParse,
                    display,
                    fence_line + 1 + u32::try_from(e.line).unwrap_or(0),
                    format!("cannot read the example request: {}", e.message),
                )),
            }
            continue;
        }
        let response = match parse_response(text) {
            Ok(response) => response,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    Kind::ResponseParse,
                    display,
                    fence_line + 1 + u32::try_from(e.line).unwrap_or(0),
                    format!("cannot read the example response: {}", e.message),
                ));
                continue;
            }
        };
        let by_name = name.as_ref().and_then(|n| {
            examples
                .iter()
                .rposition(|e| e.response.is_none() && e.name.as_ref() == Some(n))
        });
        let target = by_name.or_else(|| examples.iter().rposition(|e| e.response.is_none()));
        match target {
            Some(position) => examples[position].response = Some(response),
            None => diagnostics.push(Diagnostic::warning(
                Kind::UnpairedResponse,
                display,
                block.line,
                "response example has no request before it that still lacks a response",
            )),
        }
    }
    for example in &examples {
        if example.response.is_none() {
            diagnostics.push(Diagnostic::warning(
                Kind::UnpairedRequest,
                display,
                example.line,
                "request example has no response example",
            ));
        }
    }
    examples
}

/// The code block right after an annotation (the annotation must sit directly above it).
fn following_fence(rest: &[Block]) -> Option<(u32, &str)> {
    match rest.first().map(|b| (b.line, &b.kind)) {
        Some((line, BlockKind::Fence { text, .. })) => Some((line, text.as_str())),
        _ => None,
    }
}
