//! Test support: small Specs made from page text, without touching the file system.

use crate::ir::{lower_page, Spec};
use crate::page::parse_page;

/// The Spec of `pages` (display path, text), as the loader would build it.
pub(super) fn spec(pages: &[(&str, &str)]) -> Spec {
    let mut operations = Vec::new();
    let mut diagnostics = Vec::new();
    for (display, text) in pages {
        let (page, problems) = parse_page(display, text);
        diagnostics.extend(problems);
        operations.extend(lower_page(&page, None, &mut diagnostics));
    }
    operations.sort_by(|a, b| a.source.cmp(&b.source));
    diagnostics.sort();
    Spec {
        pages_read: pages.len(),
        operations,
        diagnostics,
    }
}

/// An API page documenting `GET /me` and `POST /me`, returning `200 OK`, followed by `examples`.
pub(super) fn page(examples: &str) -> String {
    format!(
        "# Get me\n\n## HTTP request\n\n```http\nGET /me\nPOST /me\n```\n\n## Response\n\nReturns `200 OK`.\n\n## Example\n\n{examples}"
    )
}

/// A request example named `name` with `text` in an `http` fence.
pub(super) fn request(name: &str, text: &str) -> String {
    format!(
        "<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n{text}\n```\n\n"
    )
}

/// A response example with `text` in an `http` fence.
pub(super) fn response(text: &str) -> String {
    format!("<!-- {{ \"blockType\": \"response\" }} -->\n```http\n{text}\n```\n\n")
}
