//! Finding a page's sections (`## HTTP request`, `## Response` ...) by their headings.

use crate::page::{Block, BlockKind, Page};

/// The blocks under one heading, up to the next heading of the same or a higher level.
pub(crate) struct Section<'p> {
    /// The heading level.
    pub(crate) level: u8,
    /// The heading text, lower-cased.
    pub(crate) title: String,
    /// The blocks of the section, headings of deeper levels included.
    pub(crate) blocks: &'p [Block],
}

impl<'p> Section<'p> {
    /// The section's paragraphs, joined by blank lines.
    pub(crate) fn prose(&self) -> String {
        self.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Paragraph(text) => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The section's tables as (header, rows).
    pub(crate) fn tables(&self) -> impl Iterator<Item = (&'p [String], &'p [Vec<String>])> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Table { header, rows } => Some((header.as_slice(), rows.as_slice())),
            _ => None,
        })
    }
}

/// Every section at level 2 or 3 whose heading text satisfies `matches` (given lower-cased text).
pub(crate) fn sections<'p>(page: &'p Page, matches: impl Fn(&str) -> bool) -> Vec<Section<'p>> {
    let blocks = &page.blocks;
    let mut found = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let BlockKind::Heading { level, text } = &block.kind else {
            continue;
        };
        let title = text.to_ascii_lowercase();
        if !(2..=3).contains(level) || !matches(&title) {
            continue;
        }
        let end = blocks[index + 1..]
            .iter()
            .position(|b| matches!(&b.kind, BlockKind::Heading { level: l, .. } if l <= level))
            .map_or(blocks.len(), |p| index + 1 + p);
        found.push(Section {
            level: *level,
            title,
            blocks: &blocks[index + 1..end],
        });
    }
    found
}

/// The first section whose heading satisfies `matches`, preferring level 2 over level 3.
pub(crate) fn first_section<'p>(
    page: &'p Page,
    matches: impl Fn(&str) -> bool,
) -> Option<Section<'p>> {
    let all = sections(page, matches);
    let best = all.iter().map(|s| s.level).min()?;
    all.into_iter().find(|s| s.level == best)
}
