//! Test support: small Specs made from page text, without touching the file system.

use crate::ir::Spec;
use crate::load::{spec_from_pages, LoadOptions};
use crate::page::parse_page;

/// The Spec of `pages` (display path, text), as the loader would build it.
pub(super) fn spec(pages: &[(&str, &str)]) -> Spec {
    let parsed = pages
        .iter()
        .map(|(display, text)| parse_page(display, text))
        .collect();
    spec_from_pages(parsed, &LoadOptions::default())
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
