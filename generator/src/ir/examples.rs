//! Examples: each `request` code block paired with its `response` block. Annotated blocks come
//! first; in the Examples part of a page, unannotated HTTP blocks (Intune-style pages have no
//! annotations) are read by their content.

use super::Example;
use crate::diagnostic::{Diagnostic, Kind};
use crate::http::{parse_request, parse_response, HttpRequest, HttpResponse};
use crate::page::{Annotation, Block, BlockKind, Page};
use serde_json::Value;

/// How many headings and paragraphs may stand between an annotation and its code block.
const MAX_BLOCKS_BETWEEN: usize = 3;

/// Collects examples while walking a page.
struct Collector<'p> {
    display: &'p str,
    examples: Vec<Example>,
    diagnostics: &'p mut Vec<Diagnostic>,
}

/// The page's examples, unbound. Unreadable blocks and unpaired responses are diagnostics.
pub(crate) fn examples(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Example> {
    let mut collector = Collector {
        display: &page.display,
        examples: Vec::new(),
        diagnostics,
    };
    let mut consumed = vec![false; page.blocks.len()];
    let mut in_examples = false;
    for (index, block) in page.blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::Heading { level, text } => {
                let text = text.to_ascii_lowercase();
                if text.starts_with("example") {
                    in_examples = true;
                } else if *level <= 2 {
                    in_examples = false;
                }
            }
            BlockKind::Annotation(annotation) => {
                let block_type = annotation.block_type();
                if !matches!(block_type.as_deref(), Some("request" | "response")) {
                    if let Some(next) = page.blocks.get(index + 1) {
                        if matches!(next.kind, BlockKind::Fence { .. }) {
                            consumed[index + 1] = true;
                        }
                    }
                    continue;
                }
                match following_fence(&page.blocks, index + 1) {
                    Some(fence) => {
                        consumed[fence] = true;
                        let (line, text) = fence_text(&page.blocks[fence]);
                        collector.annotated(annotation, block.line, line, text);
                    }
                    None => collector.diagnostics.push(Diagnostic::warning(
                        Kind::OrphanAnnotation,
                        collector.display,
                        block.line,
                        format!(
                            "`{}` annotation is not followed by a code block",
                            block_type.unwrap_or_default()
                        ),
                    )),
                }
            }
            BlockKind::Fence { info, .. } if in_examples && !consumed[index] && is_http(info) => {
                let (line, text) = fence_text(block);
                collector.unannotated(line, text);
            }
            _ => {}
        }
    }
    for example in &collector.examples {
        if example.response.is_none() && example.annotated {
            collector.diagnostics.push(Diagnostic::warning(
                Kind::UnpairedRequest,
                collector.display,
                example.line,
                "request example has no response example",
            ));
        }
    }
    collector.examples
}

impl Collector<'_> {
    fn annotated(&mut self, annotation: &Annotation, annotation_line: u32, line: u32, text: &str) {
        let name = annotation.string("name").map(str::to_string);
        let opaque_url = annotation.flag("opaqueUrl");
        if annotation.block_type().as_deref() == Some("request") {
            match parse_request(text) {
                Ok(request) => self.push(request, name, line, true, opaque_url),
                Err(e) => self.diagnostics.push(Diagnostic::error(
                    Kind::RequestParse,
                    self.display,
                    line + 1 + u32::try_from(e.line).unwrap_or(0),
                    format!("cannot read the example request: {}", e.message),
                )),
            }
            return;
        }
        match parse_response(text) {
            Ok(response) => {
                let names: Vec<String> = match annotation.keys.get("name") {
                    Some(Value::Array(names)) => names
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect(),
                    _ => name.into_iter().collect(),
                };
                self.pair(response, &names, annotation_line);
            }
            Err(e) => match parse_request(text) {
                // A request block annotated as a response (it happens): read it as a request.
                Ok(request) => {
                    self.diagnostics.push(Diagnostic::warning(
                        Kind::ResponseParse,
                        self.display,
                        annotation_line,
                        "a request is annotated as a response; it was read as a request",
                    ));
                    self.push(request, name, line, true, opaque_url);
                }
                Err(_) => self.diagnostics.push(Diagnostic::error(
                    Kind::ResponseParse,
                    self.display,
                    line + 1 + u32::try_from(e.line).unwrap_or(0),
                    format!("cannot read the example response: {}", e.message),
                )),
            },
        }
    }

    /// An HTTP block without annotation in the Examples part: a request or a response by its
    /// content; anything else is left alone.
    fn unannotated(&mut self, line: u32, text: &str) {
        if let Ok(request) = parse_request(text) {
            self.push(request, None, line, false, false);
        } else if let Ok(response) = parse_response(text) {
            if self.examples.iter().any(|e| e.response.is_none()) {
                self.pair(response, &[], line);
            }
        }
    }

    fn push(
        &mut self,
        request: HttpRequest,
        name: Option<String>,
        line: u32,
        annotated: bool,
        opaque_url: bool,
    ) {
        self.examples.push(Example {
            name,
            line,
            annotated,
            opaque_url,
            request,
            response: None,
            binding: None,
        });
    }

    /// Attach a response to the requests it names, else to the latest request still without one.
    fn pair(&mut self, response: HttpResponse, names: &[String], line: u32) {
        let mut targets: Vec<usize> = names
            .iter()
            .filter_map(|n| {
                self.examples
                    .iter()
                    .rposition(|e| e.response.is_none() && e.name.as_ref() == Some(n))
            })
            .collect();
        if targets.is_empty() {
            targets.extend(self.examples.iter().rposition(|e| e.response.is_none()));
        }
        if targets.is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                Kind::UnpairedResponse,
                self.display,
                line,
                "response example has no request before it that still lacks a response",
            ));
        }
        for target in targets {
            self.examples[target].response = Some(response.clone());
        }
    }
}

fn is_http(info: &str) -> bool {
    let info = info.to_ascii_lowercase();
    info.is_empty() || info == "http" || info == "msgraph-interactive"
}

fn fence_text(block: &Block) -> (u32, &str) {
    match &block.kind {
        BlockKind::Fence { text, .. } => (block.line, text.as_str()),
        _ => (block.line, ""),
    }
}

/// The index of the code block an annotation describes: the next block, or the first code block
/// after a few headings and paragraphs (some pages put the annotation above the `### Request`
/// heading). Another annotation, a table or a list in between means there is none.
fn following_fence(blocks: &[Block], from: usize) -> Option<usize> {
    for (index, block) in blocks
        .iter()
        .enumerate()
        .skip(from)
        .take(MAX_BLOCKS_BETWEEN + 1)
    {
        match block.kind {
            BlockKind::Fence { .. } => return Some(index),
            BlockKind::Heading { .. } | BlockKind::Paragraph(_) | BlockKind::Include { .. } => {}
            _ => return None,
        }
    }
    None
}
