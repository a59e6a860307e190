//! The pulldown-cmark walk that turns a page body into `Block`s.

use super::annotation::parse_comment;
use super::lines::LineIndex;
use super::{Block, BlockKind};
use crate::diagnostic::{Diagnostic, Kind};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static TAB_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#+\s*\[[^\]]*\]\(#tab/[^)]*\)\s*$").expect("valid regex"));
static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[!INCLUDE\s*\[([^\]]*)\]\(\s*([^)\s]+)\s*\)\s*\]").expect("valid regex")
});

/// State of the block being collected while walking events.
enum Open {
    Heading {
        level: u8,
        text: String,
        start: usize,
    },
    Paragraph {
        start: usize,
        end: usize,
        comments: Vec<(usize, String)>,
    },
    Html {
        start: usize,
        text: String,
    },
    Fence {
        info: String,
        range: Range<usize>,
        text: String,
    },
    Table {
        start: usize,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        in_head: bool,
    },
}

/// Walk the Markdown body (which starts at `body_offset` in `text`) and collect its blocks.
pub(crate) fn parse_blocks(
    display: &str,
    text: &str,
    body_offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let body = &text[body_offset..];
    let mut walker = Walker {
        display,
        body,
        body_offset,
        lines: &lines,
        blocks: Vec::new(),
        diagnostics,
    };
    let mut open: Option<Open> = None;
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        open = walker.step(open, event, range);
    }
    walker.blocks
}

struct Walker<'a> {
    display: &'a str,
    body: &'a str,
    body_offset: usize,
    lines: &'a LineIndex,
    blocks: Vec<Block>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walker<'_> {
    fn line(&self, body_pos: usize) -> u32 {
        self.lines.line(self.body_offset + body_pos)
    }

    fn push(&mut self, body_pos: usize, kind: BlockKind) {
        let line = self.line(body_pos);
        self.blocks.push(Block { line, kind });
    }

    fn step(&mut self, open: Option<Open>, event: Event<'_>, range: Range<usize>) -> Option<Open> {
        match (open, event) {
            (None, Event::Start(Tag::Heading { level, .. })) => Some(Open::Heading {
                level: level as u8,
                text: String::new(),
                start: range.start,
            }),
            (None, Event::Start(Tag::Paragraph)) => Some(Open::Paragraph {
                start: range.start,
                end: range.end,
                comments: Vec::new(),
            }),
            (None, Event::Start(Tag::HtmlBlock)) => Some(Open::Html {
                start: range.start,
                text: String::new(),
            }),
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) => {
                Some(Open::Fence {
                    info: info.trim().to_string(),
                    range,
                    text: String::new(),
                })
            }
            (None, Event::Start(Tag::Table(_))) => Some(Open::Table {
                start: range.start,
                header: Vec::new(),
                rows: Vec::new(),
                in_head: false,
            }),
            (None, Event::Html(html)) => {
                // HTML outside any container block (pulldown-cmark emits it bare in some cases).
                self.comment(range.start, &html);
                None
            }
            (None, _) => None,
            (
                Some(Open::Heading {
                    level,
                    mut text,
                    start,
                }),
                event,
            ) => match event {
                Event::End(TagEnd::Heading(_)) => {
                    self.finish_heading(level, text, start..range.end);
                    None
                }
                Event::Text(t) | Event::Code(t) => {
                    text.push_str(&t);
                    Some(Open::Heading { level, text, start })
                }
                _ => Some(Open::Heading { level, text, start }),
            },
            (
                Some(Open::Paragraph {
                    start,
                    end,
                    mut comments,
                }),
                event,
            ) => match event {
                Event::End(TagEnd::Paragraph) => {
                    self.finish_paragraph(start..end.max(range.end), comments);
                    None
                }
                Event::InlineHtml(html) => {
                    comments.push((range.start, html.to_string()));
                    Some(Open::Paragraph {
                        start,
                        end,
                        comments,
                    })
                }
                _ => Some(Open::Paragraph {
                    start,
                    end,
                    comments,
                }),
            },
            (Some(Open::Html { start, mut text }), event) => match event {
                Event::End(TagEnd::HtmlBlock) => {
                    self.comment(start, &text);
                    None
                }
                Event::Html(t) | Event::Text(t) => {
                    text.push_str(&t);
                    Some(Open::Html { start, text })
                }
                _ => Some(Open::Html { start, text }),
            },
            (
                Some(Open::Fence {
                    info,
                    range: fence,
                    mut text,
                }),
                event,
            ) => match event {
                Event::End(TagEnd::CodeBlock) => {
                    self.finish_fence(info, fence, text);
                    None
                }
                Event::Text(t) => {
                    text.push_str(&t);
                    Some(Open::Fence {
                        info,
                        range: fence,
                        text,
                    })
                }
                _ => Some(Open::Fence {
                    info,
                    range: fence,
                    text,
                }),
            },
            (
                Some(Open::Table {
                    start,
                    mut header,
                    mut rows,
                    in_head,
                }),
                event,
            ) => match event {
                Event::End(TagEnd::Table) => {
                    self.push(start, BlockKind::Table { header, rows });
                    None
                }
                Event::Start(Tag::TableHead) => Some(Open::Table {
                    start,
                    header,
                    rows,
                    in_head: true,
                }),
                Event::End(TagEnd::TableHead) => Some(Open::Table {
                    start,
                    header,
                    rows,
                    in_head: false,
                }),
                Event::Start(Tag::TableRow) => {
                    rows.push(Vec::new());
                    Some(Open::Table {
                        start,
                        header,
                        rows,
                        in_head,
                    })
                }
                Event::Start(Tag::TableCell) => {
                    let cell = self.body.get(range).unwrap_or("").trim().to_string();
                    if in_head {
                        header.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                    Some(Open::Table {
                        start,
                        header,
                        rows,
                        in_head,
                    })
                }
                _ => Some(Open::Table {
                    start,
                    header,
                    rows,
                    in_head,
                }),
            },
        }
    }

    fn finish_heading(&mut self, level: u8, text: String, range: Range<usize>) {
        let source = self.body.get(range.clone()).unwrap_or("").trim();
        if TAB_LINE.is_match(source) {
            return;
        }
        if text.trim_start().starts_with("[!INCLUDE") {
            // A setext underline (`---`) turned an include line into a heading.
            self.finish_paragraph(range, Vec::new());
            return;
        }
        self.push(
            range.start,
            BlockKind::Heading {
                level,
                text: text.trim().to_string(),
            },
        );
    }

    fn finish_paragraph(&mut self, range: Range<usize>, comments: Vec<(usize, String)>) {
        let source = self.body.get(range.clone()).unwrap_or("");
        let mut rest = String::new();
        let mut last = 0;
        let mut includes = Vec::new();
        // Most paragraphs include nothing: the regex runs only on those that may.
        let captures = source
            .contains("[!INCLUDE")
            .then(|| INCLUDE.captures_iter(source))
            .into_iter()
            .flatten();
        for capture in captures {
            let whole = capture.get(0).map_or(0..0, |m| m.range());
            rest.push_str(&source[last..whole.start]);
            last = whole.end;
            includes.push((
                range.start + whole.start,
                capture[1].trim().to_string(),
                capture[2].trim().to_string(),
            ));
        }
        rest.push_str(&source[last..]);
        let mut prose = rest.trim().to_string();
        for (_, html) in &comments {
            prose = prose.replace(html.as_str(), "").trim().to_string();
        }
        if !prose.is_empty() {
            self.push(range.start, BlockKind::Paragraph(prose));
        }
        for (pos, html) in comments {
            self.comment(pos, &html);
        }
        for (pos, label, target) in includes {
            self.push(pos, BlockKind::Include { label, target });
        }
    }

    fn comment(&mut self, pos: usize, html: &str) {
        let Some(parsed) = parse_comment(html) else {
            return;
        };
        let line = self.line(pos);
        if let Some((severity, message)) = parsed.problem {
            self.diagnostics.push(Diagnostic::new(
                severity,
                Kind::AnnotationJson,
                self.display,
                line,
                message,
            ));
        }
        self.blocks.push(Block {
            line,
            kind: BlockKind::Annotation(parsed.annotation),
        });
    }

    fn finish_fence(&mut self, info: String, range: Range<usize>, text: String) {
        let source = self.body.get(range.clone()).unwrap_or("");
        let closed = has_closing_line(source);
        if !closed {
            let line = self.line(range.start);
            self.diagnostics.push(Diagnostic::error(
                Kind::UnclosedFence,
                self.display,
                line,
                "code block is never closed: it runs to the end of the page",
            ));
        }
        self.push(range.start, BlockKind::Fence { info, text, closed });
    }
}

/// Whether a fenced block's source ends with a closing fence line.
fn has_closing_line(source: &str) -> bool {
    let mut lines = source.trim_end().lines();
    let Some(opening) = lines.next() else {
        return false;
    };
    let Some(last) = lines.last() else {
        return false;
    };
    let fence_char = opening.trim_start().chars().next().unwrap_or('`');
    let last = last.trim();
    last.len() >= 3 && last.chars().all(|c| c == fence_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> (Vec<Block>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let blocks = parse_blocks("p.md", text, 0, &mut diagnostics);
        (blocks, diagnostics)
    }

    #[test]
    fn tab_lines_are_not_headings() {
        let (blocks, _) = blocks("## Example\n\n# [HTTP](#tab/http)\n\n```http\nGET /me\n```\n");
        let headings: Vec<_> = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .collect();
        assert_eq!(headings.len(), 1);
    }

    #[test]
    fn annotation_then_fence_with_lines() {
        let text = "# T\n\n<!-- {\n  \"blockType\": \"request\"\n}\n-->\n```http\nGET /me\n```\n";
        let (blocks, diagnostics) = blocks(text);
        assert!(diagnostics.is_empty());
        assert!(
            matches!(&blocks[1].kind, BlockKind::Annotation(a) if a.block_type().as_deref() == Some("request"))
        );
        assert_eq!(blocks[1].line, 3);
        assert!(
            matches!(&blocks[2].kind, BlockKind::Fence { info, text, closed: true } if info == "http" && text == "GET /me\n")
        );
        assert_eq!(blocks[2].line, 7);
    }

    #[test]
    fn includes_are_blocks() {
        let (blocks, _) = blocks("<!-- { \"blockType\": \"permissions\" } -->\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n");
        assert!(
            matches!(&blocks[1].kind, BlockKind::Include { label, target } if label == "permissions-table" && target == "../includes/permissions/x.md")
        );
        assert_eq!(blocks[1].line, 2);
    }

    #[test]
    fn tables_keep_cell_sources() {
        let (blocks, _) =
            blocks("|Name|Description|\n|:--|:--|\n|Authorization|Bearer {token}. Required.|\n");
        let BlockKind::Table { header, rows } = &blocks[0].kind else {
            panic!("not a table: {blocks:?}");
        };
        assert_eq!(header, &["Name", "Description"]);
        assert_eq!(
            rows,
            &[vec![
                "Authorization".to_string(),
                "Bearer {token}. Required.".to_string()
            ]]
        );
    }

    #[test]
    fn unclosed_fence_is_reported_with_its_line() {
        let (blocks, diagnostics) = blocks("# T\n\ntext\n\n```http\nGET /me\n\n## Response\n");
        assert!(matches!(
            &blocks.last().map(|b| &b.kind),
            Some(BlockKind::Fence { closed: false, .. })
        ));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 5);
        assert!(diagnostics[0].message.contains("never closed"));
    }
}
