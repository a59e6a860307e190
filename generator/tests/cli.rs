//! The `docgen` binary: the `ir` JSON contract on the seed page, `check` output, and exit codes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn docgen(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("docgen runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn ir_of_the_seed_page_has_its_two_endpoints_204_and_one_example() {
    let page = "docs-input/beta/api/contact-permanentdelete.md";
    let (code, stdout, stderr) = docgen(&["ir", page]);
    assert_eq!(code, 0, "{stderr}");
    let ir: Value = serde_json::from_str(&stdout).expect("IR is JSON");
    let operations = ir["operations"].as_array().expect("operations");
    assert_eq!(operations.len(), 1);
    let operation = &operations[0];
    assert_eq!(operation["source"], page);
    let endpoints: Vec<(&str, &str)> = operation["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap_or(""),
                e["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        endpoints,
        [
            ("POST", "/users/{usersId}/contacts/{contactId}/permanentDelete"),
            (
                "POST",
                "/users/{usersId}/contactFolders/{contactFolderId}/contacts/{contactId}/permanentDelete"
            ),
        ]
    );
    let statuses: Vec<&Value> = operation["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| &r["status"])
        .collect();
    assert_eq!(statuses, [&Value::from(204)]);
    assert_eq!(operation["body"]["kind"], "none");
    let examples = operation["examples"].as_array().expect("examples");
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0]["request"]["method"], "POST");
    assert_eq!(
        examples[0]["request"]["url"],
        "https://graph.microsoft.com/beta/users/{usersId}/contacts/{contactId}/permanentDelete"
    );
    assert_eq!(examples[0]["response"]["status"], 204);
    assert_eq!(ir["diagnostics"], Value::Array(Vec::new()));
}

#[test]
fn ir_of_a_folder_uses_paths_relative_to_it_and_reports_diagnostics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let api = dir.path().join("v1.0/api");
    std::fs::create_dir_all(&api).expect("mkdir");
    std::fs::write(
        api.join("a.md"),
        "# A\n\n## HTTP request\n\n```http\nGET /me\n```\n\n## Response\n\nReturns `200 OK`.\n\n<!-- { \"blockType\": \"request\", } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n\n<!-- { \"blockType\": \"response\" -->\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n",
    )
    .expect("write");
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = docgen(&["ir", &root]);
    assert_eq!(
        code, 1,
        "an annotation that cannot be read is an error: {stderr}"
    );
    let ir: Value = serde_json::from_str(&stdout).expect("IR is JSON");
    assert_eq!(ir["operations"][0]["source"], "v1.0/api/a.md");
    let examples = &ir["operations"][0]["examples"];
    assert_eq!(
        examples[0]["response"]["status"], 200,
        "a response annotation read by pattern still pairs"
    );
    assert_eq!(examples[1]["response"], Value::Null);
    let diagnostics = ir["diagnostics"].as_array().expect("diagnostics");
    let lines: Vec<(i64, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["line"].as_i64().unwrap_or(0),
                d["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        lines.contains(&(13, "warning")),
        "repaired annotation: {diagnostics:?}"
    );
    assert!(
        lines.contains(&(18, "error")),
        "unreadable annotation: {diagnostics:?}"
    );
    assert!(
        lines.contains(&(24, "warning")),
        "request without response: {diagnostics:?}"
    );
    assert!(diagnostics.iter().all(|d| d["file"] == "v1.0/api/a.md"));
    assert!(
        stderr.contains("v1.0/api/a.md:18: error[annotation-json]:"),
        "{stderr}"
    );
}

#[test]
fn generate_without_a_docs_folder_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing");
    let out = dir.path().join("out");
    let (code, _, stderr) = docgen(&[
        "generate",
        &missing.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not found"), "{stderr}");
}

/// A page with a request body that is not JSON, a name used twice and an undocumented status.
const BAD_PAGE: &str = "# Create thing\n\n## HTTP request\n\n```http\nPOST /things\n```\n\n## Response\n\nReturns `201 Created`.\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_thing\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-Type: application/json\n\n{ \"name\": \"a\", }\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_thing\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 Created\n```\n";

/// A docs tree holding [`BAD_PAGE`] as `v1.0/api/thing-create.md`.
fn bad_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let api = dir.path().join("v1.0/api");
    std::fs::create_dir_all(&api).expect("mkdir");
    std::fs::write(api.join("thing-create.md"), BAD_PAGE).expect("write");
    dir
}

#[test]
fn check_prints_each_finding_and_a_table_of_counts_and_exits_1_on_an_error() {
    let dir = bad_tree();
    let (code, stdout, stderr) = docgen(&["check", &dir.path().to_string_lossy()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    for line in [
        "v1.0/api/thing-create.md:14: error[example-json]: the example request body is not valid JSON: trailing comma at line 1 column 16 of the body",
        "v1.0/api/thing-create.md:14: warning[status-mismatch]: the example response status 200 is not among the documented ones (201)",
        "v1.0/api/thing-create.md:27: warning[duplicate-example-name]: request example name `create_thing` is already used at v1.0/api/thing-create.md:14",
        "kind                    errors  warnings",
        "duplicate-example-name       0         1",
        "example-json                 1         0",
        "status-mismatch              0         1",
        "total                        1         2  (1 pages read, 1 operations, 2 examples)",
    ] {
        assert!(stdout.lines().any(|l| l == line), "missing `{line}` in:\n{stdout}");
    }
}

#[test]
fn check_as_json_has_the_totals_diagnostics_and_counts() {
    let dir = bad_tree();
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = docgen(&["check", &root, "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("the report is one JSON document");
    assert_eq!(report["pages_read"], 1);
    assert_eq!(report["operations"], 1);
    assert_eq!(report["examples"], 2);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 3, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["kind"], "example-json");
    assert_eq!(diagnostics[0]["severity"], "error");
    assert_eq!(diagnostics[0]["line"], 14);
    assert_eq!(
        report["counts"],
        serde_json::json!([
            { "kind": "duplicate-example-name", "errors": 0, "warnings": 1 },
            { "kind": "example-json", "errors": 1, "warnings": 0 },
            { "kind": "status-mismatch", "errors": 0, "warnings": 1 },
        ])
    );
}

#[test]
fn check_of_docs_input_finds_no_error() {
    let docs = workspace().join("docs-input");
    let (code, stdout, stderr) = docgen(&["check", &docs.to_string_lossy()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.lines().any(|l| l.starts_with("total ")), "{stdout}");
}

#[test]
fn check_without_the_docs_folder_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing");
    let (code, stdout, stderr) = docgen(&["check", &missing.to_string_lossy()]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("not found"), "{stderr}");
}
