//! Markdown -> `Page`: front matter, headings, annotated blocks, tables and includes, each with its line.

mod annotation;
mod blocks;
mod front_matter;
mod include;
mod lines;
mod read;

pub use annotation::Annotation;
pub use include::ResolvedInclude;
pub use read::read_page;

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// One Markdown page, split into the blocks docgen cares about, in document order.
#[derive(Debug, Clone)]
pub struct Page {
    /// The path shown in diagnostics and in the IR's `source`.
    pub display: String,
    /// Front matter keys and values (quotes removed).
    pub front_matter: BTreeMap<String, String>,
    /// The blocks of the page, in order.
    pub blocks: Vec<Block>,
    /// Include files that docgen read on the page's behalf (permission tables).
    pub includes: Vec<ResolvedInclude>,
}

/// A block of the page and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The 1-based line where the block starts.
    pub line: u32,
    /// What the block is.
    pub kind: BlockKind,
}

/// The kinds of block the parser keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A real heading (language-tab lines such as `# [HTTP](#tab/http)` are not headings).
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's text with inline markup removed.
        text: String,
    },
    /// A paragraph, as its Markdown source.
    Paragraph(String),
    /// A table: header cells and rows of cells, each cell as its Markdown source.
    Table {
        /// The header row.
        header: Vec<String>,
        /// The body rows.
        rows: Vec<Vec<String>>,
    },
    /// A fenced code block.
    Fence {
        /// The info string (`http`, `msgraph-interactive`, `json`...), trimmed.
        info: String,
        /// The contents.
        text: String,
        /// Whether the fence has its closing line (an unclosed fence runs to the end of the page).
        closed: bool,
    },
    /// An HTML comment holding a JSON object (`<!-- { "blockType": ... } -->`).
    Annotation(Annotation),
    /// A `[!INCLUDE [label](target)]` line.
    Include {
        /// The label in brackets.
        label: String,
        /// The target path as written.
        target: String,
    },
}

impl Page {
    /// The line of the page's H1 title, or 1 when it has none: where page-wide findings point.
    pub fn title_line(&self) -> u32 {
        self.blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }))
            .map_or(1, |b| b.line)
    }

    /// The page's H1 title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Heading { level: 1, text } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Parse the text of one page. Never fails: problems become diagnostics.
pub fn parse_page(display: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (front_matter, body_offset) = front_matter::split(text);
    let blocks = blocks::parse_blocks(display, text, body_offset, &mut diagnostics);
    let page = Page {
        display: display.to_string(),
        front_matter,
        blocks,
        includes: Vec::new(),
    };
    (page, diagnostics)
}
