//! Bad pages: each gets a diagnostic with file and line, and the run goes on with the other pages.

use docgen::diagnostic::{Diagnostic, Severity};
use docgen::ir::Spec;
use docgen::load::{load, LoadOptions};

/// A small valid page that must still come through next to a bad one.
const GOOD_PAGE: &str = "---\ndoc_type: apiPageType\n---\n# Get thing\n\nReads a thing.\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Response\n\nReturns `200 OK` and a [thing](../resources/thing.md) object.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_thing\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"id\": \"1\"}\n```\n";

/// Load a folder holding the good page and `bad.md`; check that the good page still yields its
/// operation, and return the diagnostics about the bad page.
fn load_with_bad_page(bad: &[u8]) -> (Spec, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let api = dir.path().join("v1.0/api");
    std::fs::create_dir_all(&api).expect("mkdir");
    std::fs::write(api.join("good.md"), GOOD_PAGE).expect("write");
    std::fs::write(api.join("bad.md"), bad).expect("write");
    let spec = load(&[dir.path().to_path_buf()], &LoadOptions::default());
    assert!(
        spec.operations
            .iter()
            .any(|o| o.source == "v1.0/api/good.md" && o.examples.len() == 1),
        "the good page still comes through: {spec:#?}"
    );
    let about_bad: Vec<Diagnostic> = spec
        .diagnostics
        .iter()
        .filter(|d| d.file == "v1.0/api/bad.md")
        .cloned()
        .collect();
    (spec, about_bad)
}

fn has(diagnostics: &[Diagnostic], line: u32, severity: Severity, text: &str) -> bool {
    diagnostics
        .iter()
        .any(|d| d.line == line && d.severity == severity && d.message.contains(text))
}

#[test]
fn invalid_annotation_json() {
    let page = "# T\n\n## HTTP request\n\n```http\nGET /me\n```\n\n## Response\n\n`200 OK`\n\n<!-- { \"blockType\": \"request\" \"name\": } -->\n```http\nGET /me\n```\n";
    let (_, diagnostics) = load_with_bad_page(page.as_bytes());
    assert!(
        has(&diagnostics, 13, Severity::Error, "not valid JSON"),
        "{diagnostics:#?}"
    );
}

#[test]
fn missing_http_request_section() {
    let page = "---\ndoc_type: apiPageType\n---\n\n# Orphan page\n\nNo request here.\n\n## Response\n\n`204 No Content`\n";
    let (spec, diagnostics) = load_with_bad_page(page.as_bytes());
    assert!(
        has(
            &diagnostics,
            5,
            Severity::Error,
            "no `HTTP request` section"
        ),
        "{diagnostics:#?}"
    );
    assert!(spec
        .operations
        .iter()
        .all(|o| o.source != "v1.0/api/bad.md"));
}

#[test]
fn missing_response_section() {
    let page = "# No response\n\n## HTTP request\n\n```http\nDELETE /me/things/{id}\n```\n";
    let (spec, diagnostics) = load_with_bad_page(page.as_bytes());
    assert!(
        has(&diagnostics, 1, Severity::Warning, "no `Response` section"),
        "{diagnostics:#?}"
    );
    assert!(spec
        .operations
        .iter()
        .any(|o| o.source == "v1.0/api/bad.md"));
}

#[test]
fn unparseable_http_blocks() {
    let page = "# T\n\n## HTTP request\n\n```http\nGET /me\nnot an endpoint\n```\n\n## Response\n\n`200 OK`\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nFETCH the thing please\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nall good\n```\n";
    let (_, diagnostics) = load_with_bad_page(page.as_bytes());
    assert!(
        has(&diagnostics, 7, Severity::Warning, "not `METHOD /path`"),
        "{diagnostics:#?}"
    );
    assert!(
        has(
            &diagnostics,
            16,
            Severity::Error,
            "cannot read the example request"
        ),
        "{diagnostics:#?}"
    );
    assert!(
        has(
            &diagnostics,
            21,
            Severity::Error,
            "cannot read the example response"
        ),
        "{diagnostics:#?}"
    );
}

#[test]
fn unclosed_fence() {
    let page = "# T\n\n## HTTP request\n\n```http\nGET /me\n\n## Response\n\n`200 OK`\n";
    let (_, diagnostics) = load_with_bad_page(page.as_bytes());
    assert!(
        has(&diagnostics, 5, Severity::Error, "never closed"),
        "{diagnostics:#?}"
    );
}

#[test]
fn invalid_utf8() {
    let mut page = b"# T\n\n## HTTP request\n\n```http\nGET /me\n```\n\n## Response\n\n".to_vec();
    page.extend_from_slice(b"Returns \xc3\x28 `200 OK`.\n");
    let (spec, diagnostics) = load_with_bad_page(&page);
    assert!(
        has(&diagnostics, 11, Severity::Error, "not valid UTF-8"),
        "{diagnostics:#?}"
    );
    let operation = spec
        .operations
        .iter()
        .find(|o| o.source == "v1.0/api/bad.md")
        .expect("the rest of the page is still read");
    assert_eq!(operation.responses[0].status, 200);
}

#[test]
fn missing_permissions_include() {
    let page = "# T\n\n## Permissions\n\n<!-- { \"blockType\": \"permissions\", \"name\": \"t\" } -->\n[!INCLUDE [permissions-table](../includes/permissions/t-permissions.md)]\n\n## HTTP request\n\n```http\nGET /me\n```\n\n## Response\n\n`200 OK`\n";
    let (spec, diagnostics) = load_with_bad_page(page.as_bytes());
    assert!(
        has(
            &diagnostics,
            6,
            Severity::Error,
            "t-permissions.md` not found"
        ),
        "{diagnostics:#?}"
    );
    assert!(spec
        .operations
        .iter()
        .any(|o| o.source == "v1.0/api/bad.md"));
}
